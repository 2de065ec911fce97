// Full-text index for 搜索: character bigrams of the normalised text (core/normalize: width, case,
// traditional→simplified folded; punctuation and spaces dropped). Each document is cut into blocks of
// BLOCK normalised characters (each block also covers the OVERLAP characters after it, so a phrase of up
// to OVERLAP + 1 characters lies wholly inside the block where it starts); one posting list of blocks per
// bigram bucket, delta-varint coded. A query's candidates are the blocks holding all of its bigrams; each
// is then verified with a plain scan of that stretch of normalised text, so every occurrence is found
// exactly (hash collisions only cost a scan) and a common phrase costs a scan of its blocks, not of
// whole documents. Offsets go back to the original
// text through the normaliser's checkpoints (every 64 normalised characters): renormalising at most
// one short stretch per hit.
import { CHECKPOINT_EVERY, codesToString, normalizeCodes } from '../normalize';
import { BLOCK, bucketOf, bucketsOf, buildPostings, OVERLAP } from './postingsBuilder';
import { VarintReader } from './varint';

export interface SearchDocInput {
  id: string;
  text: string;
}

/** One occurrence, in normalised offsets of a document. */
export interface NormMatch {
  doc: number;
  start: number;
  end: number;
}

export { BLOCK, OVERLAP } from './postingsBuilder';

export class SearchIndex {
  readonly ids: string[];
  /** Normalised text of each document. */
  readonly norms: string[];
  /** Checkpoints (normPos, origOffset) pairs of each document. */
  private readonly cps: Uint32Array[];
  private readonly mask: number;
  private readonly offsets: Uint32Array;
  private readonly postings: Uint8Array;
  private readonly byId = new Map<string, number>();
  readonly chars: number;

  /** First block of each document (and the total at the end); the document of each block. */
  private readonly firstUnit: Uint32Array;
  private readonly unitDoc: Uint32Array;

  private constructor(ids: string[], norms: string[], cps: Uint32Array[], mask: number, offsets: Uint32Array, postings: Uint8Array, chars: number, firstUnit: Uint32Array, unitDoc: Uint32Array) {
    this.firstUnit = firstUnit;
    this.unitDoc = unitDoc;
    this.ids = ids;
    this.norms = norms;
    this.cps = cps;
    this.mask = mask;
    this.offsets = offsets;
    this.postings = postings;
    this.chars = chars;
    ids.forEach((id, i) => this.byId.set(id, i));
  }

  static build(docs: readonly SearchDocInput[]): SearchIndex {
    const chars = docs.reduce((n, d) => n + d.text.length, 0);
    const p = buildPostings(docs);
    return new SearchIndex(
      docs.map((d) => d.id),
      p.norms,
      p.cps,
      p.mask,
      p.offsets,
      p.postings,
      chars,
      p.firstUnit,
      p.unitDoc,
    );
  }

  get size(): number {
    return this.ids.length;
  }

  indexOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  /** Bytes held by the index: postings, bucket offsets, checkpoints and the normalised texts (2 bytes a character). */
  memoryBytes(): number {
    let n = this.postings.byteLength + this.offsets.byteLength + this.firstUnit.byteLength + this.unitDoc.byteLength;
    for (const c of this.cps) n += c.byteLength;
    for (const s of this.norms) n += 2 * s.length;
    return n;
  }

  private bucketUnits(h: number): number[] {
    const out: number[] = [];
    const r = new VarintReader(this.postings, this.offsets[h]);
    const end = this.offsets[h + 1];
    let d = -1;
    while (r.at < end) {
      d += r.next();
      out.push(d);
    }
    return out;
  }

  /** Blocks that may contain the start of `norm` (normalised, ≥ 2 characters): all of its first OVERLAP+1 characters' bigrams. */
  private candidateUnits(norm: string): number[] {
    const head = norm.slice(0, OVERLAP + 1);
    const buckets = new Set<number>();
    for (let p = 0; p + 1 < head.length; p++) buckets.add(bucketOf(head.charCodeAt(p), head.charCodeAt(p + 1), this.mask));
    const byLen = [...buckets].sort((a, b) => this.offsets[a + 1] - this.offsets[a] - (this.offsets[b + 1] - this.offsets[b]));
    let cur = this.bucketUnits(byLen[0]);
    for (let k = 1; k < byLen.length && cur.length > 0; k++) {
      const next = this.bucketUnits(byLen[k]);
      const out: number[] = [];
      let i = 0;
      let j = 0;
      while (i < cur.length && j < next.length) {
        if (cur[i] === next[j]) {
          out.push(cur[i]);
          i++;
          j++;
        } else if (cur[i] < next[j]) i++;
        else j++;
      }
      cur = out;
    }
    return cur;
  }

  /**
   * Every occurrence of `norm` (normalised) in the documents `accept` lets through, in document order and
   * within a document from the left, non-overlapping: `onHit(doc, start)`.
   */
  scan(norm: string, onHit: (doc: number, start: number) => void, accept?: (doc: number) => boolean): void {
    if (!norm) return;
    if (norm.length < 2) {
      for (let d = 0; d < this.norms.length; d++) {
        if (accept && !accept(d)) continue;
        const s = this.norms[d];
        for (let at = s.indexOf(norm); at >= 0; at = s.indexOf(norm, at + 1)) onHit(d, at);
      }
      return;
    }
    const head = norm.length > OVERLAP + 1 ? norm.slice(0, OVERLAP + 1) : norm;
    let lastDoc = -1;
    let lastEnd = 0;
    let ok = false;
    for (const u of this.candidateUnits(norm)) {
      const d = this.unitDoc[u];
      if (d !== lastDoc) {
        lastDoc = d;
        lastEnd = 0;
        ok = !accept || accept(d);
      }
      if (!ok) continue;
      const s = this.norms[d];
      // occurrences starting in this block's own stretch; the search is bounded to it (a slice shares the text)
      const from = Math.max((u - this.firstUnit[d]) * BLOCK, lastEnd);
      const to = (u - this.firstUnit[d] + 1) * BLOCK;
      if (from >= to) continue;
      const seg = s.slice(from, Math.min(s.length, to + head.length - 1));
      for (let i = seg.indexOf(head); i >= 0; i = seg.indexOf(head, i + 1)) {
        const at = from + i;
        if (at < lastEnd) continue;
        if (head !== norm && !s.startsWith(norm, at)) continue;
        onHit(d, at);
        lastEnd = at + norm.length;
      }
    }
  }

  /** The bucket of a bigram (for callers that compare bigram sets cheaply). */
  bucket(a: number, b: number): number {
    return bucketOf(a, b, this.mask);
  }

  /** The buckets of the bigrams of codes [0, n) into out[0 … n−2] (`out` at least n−1 long). */
  bucketsOf(codes: Uint16Array, n: number, out: Int32Array): void {
    bucketsOf(codes, n, this.mask, out);
  }

  get buckets(): number {
    return this.mask + 1;
  }

  /**
   * Per document: how many of the `rarest` least common distinct bigrams of `norm` it holds, for
   * 「相似素材」 (the common ones say little about likeness and cost the most to read).
   */
  sharedBigrams(norm: string, rarest = 80): Uint32Array {
    const perUnit = new Uint32Array(this.unitDoc.length);
    const buckets = new Set<number>();
    for (let p = 0; p + 1 < norm.length; p++) buckets.add(bucketOf(norm.charCodeAt(p), norm.charCodeAt(p + 1), this.mask));
    const len = (h: number) => this.offsets[h + 1] - this.offsets[h];
    const use = [...buckets].filter((h) => len(h) > 0).sort((a, b) => len(a) - len(b)).slice(0, rarest);
    for (const h of use) for (const u of this.bucketUnits(h)) perUnit[u]++;
    // a document counts by its best block (where a like paragraph would be)
    const counts = new Uint32Array(this.ids.length);
    for (let u = 0; u < perUnit.length; u++) {
      const d = this.unitDoc[u];
      if (perUnit[u] > counts[d]) counts[d] = perUnit[u];
    }
    return counts;
  }

  /** Every occurrence of `norm` in document `doc` (normalised offsets, non-overlapping from the left). */
  occurrences(doc: number, norm: string, into: NormMatch[] = []): NormMatch[] {
    const s = this.norms[doc];
    if (!norm) return into;
    let at = s.indexOf(norm);
    while (at >= 0) {
      into.push({ doc, start: at, end: at + norm.length });
      at = s.indexOf(norm, at + norm.length);
    }
    return into;
  }

  /** Normalised offsets [start, end) of a document → UTF-16 offsets in its original `text`. */
  toOriginal(doc: number, text: string, start: number, end: number): { start: number; end: number } {
    const cp = this.cps[doc];
    // the last checkpoint at or before `start`
    let lo = 0;
    let hi = cp.length / 2 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cp[2 * mid] <= start) lo = mid;
      else hi = mid - 1;
    }
    const n0 = cp.length ? cp[2 * lo] : 0;
    const o0 = cp.length ? cp[2 * lo + 1] : 0;
    const need = end - n0;
    let span = need * 2 + CHECKPOINT_EVERY * 4;
    for (;;) {
      const to = Math.min(text.length, o0 + span);
      const r = normalizeCodes(text.slice(o0, to), true);
      if (r.length > need || to === text.length) {
        const a = Math.min(start - n0, r.length);
        const b = Math.min(end - n0, r.length);
        return { start: o0 + r.starts![a], end: b > 0 ? o0 + r.ends![b - 1] : o0 + r.starts![a] };
      }
      span *= 4;
    }
  }
}

/** The normalised form of a query string (what the index compares). */
export function normalizeQuery(q: string): string {
  const r = normalizeCodes(q, false);
  return codesToString(r.codes, 0, r.length);
}
