// 「相似素材」: the paragraphs of indexed documents most like a given paragraph, by shared character
// bigrams (Dice coefficient over distinct bigrams of the normalised text), whatever the 13-character rule says.
import { normalizeCodes } from '../normalize';
import type { SearchIndex } from './searchIndex';

export interface SimilarFound {
  docId: string;
  start: number;
  end: number;
  text: string;
  score: number;
}

/** Paragraphs (lines) of the documents sharing most bigrams with `norm` (a normalised paragraph). */
export function similarParagraphs(
  index: SearchIndex,
  norm: string,
  opts: { limit: number; getText: (id: string) => string | undefined; accept?: (id: string) => boolean; docsToScan?: number },
): SimilarFound[] {
  if (index.size === 0 || norm.length < 2) return [];
  const counts = index.sharedBigrams(norm);
  const order: number[] = [];
  for (let d = 0; d < counts.length; d++) if (counts[d] > 0) order.push(d);
  order.sort((a, b) => counts[b] - counts[a]);
  // the query's bigrams by bucket (stamped), each line's distinct buckets counted against them
  const B = index.buckets;
  const inQuery = new Uint8Array(B);
  let qSize = 0;
  for (let p = 0; p + 1 < norm.length; p++) {
    const h = index.bucket(norm.charCodeAt(p), norm.charCodeAt(p + 1));
    if (!inQuery[h]) {
      inQuery[h] = 1;
      qSize++;
    }
  }
  const seen = new Uint32Array(B);
  let lineBuckets = new Int32Array(256);
  let stamp = 0;
  const out: SimilarFound[] = [];
  let scanned = 0;
  for (const d of order) {
    if (scanned >= (opts.docsToScan ?? 20)) break;
    const id = index.ids[d];
    if (opts.accept && !opts.accept(id)) continue;
    const text = opts.getText(id);
    if (text === undefined) continue;
    scanned++;
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const line = text.slice(start, end);
      const from = start;
      start = end + 1;
      if (line.trim().length < 4) continue;
      const r = normalizeCodes(line, false);
      if (r.length > lineBuckets.length) lineBuckets = new Int32Array(2 * r.length);
      index.bucketsOf(r.codes, r.length, lineBuckets);
      stamp++;
      let size = 0;
      let shared = 0;
      for (let p = 0; p + 1 < r.length; p++) {
        const h = lineBuckets[p];
        if (seen[h] === stamp) continue;
        seen[h] = stamp;
        size++;
        if (inQuery[h]) shared++;
      }
      if (shared === 0) continue;
      const score = (2 * shared) / (qSize + size);
      if (score < 0.1) continue;
      out.push({ docId: id, start: from, end: from + line.length, text: line, score: Math.round(score * 1000) / 1000 });
    }
  }
  out.sort((a, b) => b.score - a.score);
  return out.slice(0, opts.limit);
}
