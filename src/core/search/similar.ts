// 「相似素材」: the paragraphs of indexed documents most like a given paragraph, by shared character
// bigrams (Dice coefficient over distinct bigrams of the normalised text), whatever the 13-character rule says.
import { normalizeCodes, codesToString } from '../normalize';
import type { SearchIndex } from './searchIndex';

export interface SimilarFound {
  docId: string;
  start: number;
  end: number;
  text: string;
  score: number;
}

function bigramSet(norm: string): Set<number> {
  const s = new Set<number>();
  for (let p = 0; p + 1 < norm.length; p++) s.add(norm.charCodeAt(p) * 65536 + norm.charCodeAt(p + 1));
  return s;
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
  const q = bigramSet(norm);
  const out: SimilarFound[] = [];
  let scanned = 0;
  for (const d of order) {
    if (scanned >= (opts.docsToScan ?? 30)) break;
    const id = index.ids[d];
    if (opts.accept && !opts.accept(id)) continue;
    const text = opts.getText(id);
    if (text === undefined) continue;
    scanned++;
    let at = 0;
    for (const line of text.split('\n')) {
      const start = at;
      at += line.length + 1;
      if (line.trim().length < 4) continue;
      const r = normalizeCodes(line, false);
      const p = bigramSet(codesToString(r.codes, 0, r.length));
      if (p.size === 0) continue;
      let shared = 0;
      for (const b of p) if (q.has(b)) shared++;
      if (shared === 0) continue;
      const score = (2 * shared) / (q.size + p.size);
      if (score < 0.1) continue;
      out.push({ docId: id, start, end: start + line.length, text: line, score: Math.round(score * 1000) / 1000 });
    }
  }
  out.sort((a, b) => b.score - a.score);
  return out.slice(0, opts.limit);
}
