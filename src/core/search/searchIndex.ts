// Full-text index for 搜索: character bigrams of the normalised text (core/normalize: width, case,
// traditional→simplified folded; punctuation and spaces dropped), one posting list of documents per
// bigram bucket, delta-varint coded. A query's candidates are the documents holding all of its
// bigrams; each candidate is then verified with a plain scan of its normalised text, so every
// occurrence is found exactly (hash collisions only cost a scan). Offsets go back to the original
// text through the normaliser's checkpoints (every 64 normalised characters): renormalising at most
// one short stretch per hit.
import { CHECKPOINT_EVERY, codesToString, normalizeCodes, type NormalizedCodes } from '../normalize';

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

const EMPTY = new Uint16Array(0);
const MIN_BITS = 10;
const MAX_BITS = 20;

function bucketBits(chars: number): number {
  let b = MIN_BITS;
  while (b < MAX_BITS && 1 << b < chars / 8) b++;
  return b;
}

function bucketOf(a: number, b: number, mask: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 7 & mask;
}

function varintLen(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

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

  private constructor(ids: string[], norms: string[], cps: Uint32Array[], mask: number, offsets: Uint32Array, postings: Uint8Array, chars: number) {
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
    const bits = bucketBits(chars);
    const B = 1 << bits;
    const mask = B - 1;
    // per bucket, side by side (one cache line per bigram): [last document seen, size in bytes / write cursor]
    const st = new Int32Array(2 * B);
    for (let h = 0; h < B; h++) st[2 * h] = -1;
    const codesOf: Uint16Array[] = [];
    const cps: Uint32Array[] = [];
    const scratch: NormalizedCodes = { codes: new Uint16Array(0), length: 0 };
    for (let d = 0; d < docs.length; d++) {
      const r = normalizeCodes(docs[d].text, false, scratch, true);
      const codes = r.codes;
      const n = r.length;
      for (let p = 0; p + 1 < n; p++) {
        const h2 = bucketOf(codes[p], codes[p + 1], mask) << 1;
        const prev = st[h2];
        if (prev !== d) {
          const v = d - prev;
          st[h2 + 1] += v < 0x80 ? 1 : varintLen(v);
          st[h2] = d;
        }
      }
      codesOf.push(codes.slice(0, n));
      cps.push(r.cp!.slice(0, 2 * r.cpCount!));
    }
    const offsets = new Uint32Array(B + 1);
    for (let h = 0; h < B; h++) {
      offsets[h + 1] = offsets[h] + st[2 * h + 1];
      st[2 * h] = -1;
      st[2 * h + 1] = offsets[h];
    }
    const postings = new Uint8Array(offsets[B]);
    const norms: string[] = [];
    for (let d = 0; d < codesOf.length; d++) {
      const s = codesOf[d];
      norms.push(codesToString(s, 0, s.length));
      for (let p = 0; p + 1 < s.length; p++) {
        const h2 = bucketOf(s[p], s[p + 1], mask) << 1;
        const prev = st[h2];
        if (prev === d) continue;
        let v = d - prev;
        st[h2] = d;
        let c = st[h2 + 1];
        while (v >= 0x80) {
          postings[c++] = (v & 0x7f) | 0x80;
          v >>>= 7;
        }
        postings[c++] = v;
        st[h2 + 1] = c;
      }
      codesOf[d] = EMPTY;
    }
    return new SearchIndex(
      docs.map((d) => d.id),
      norms,
      cps,
      mask,
      offsets,
      postings,
      chars,
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
    let n = this.postings.byteLength + this.offsets.byteLength;
    for (const c of this.cps) n += c.byteLength;
    for (const s of this.norms) n += 2 * s.length;
    return n;
  }

  private bucketDocs(h: number): number[] {
    const out: number[] = [];
    let c = this.offsets[h];
    const end = this.offsets[h + 1];
    let d = -1;
    while (c < end) {
      let v = 0;
      let shift = 0;
      let byte: number;
      do {
        byte = this.postings[c++];
        v += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80);
      d += v;
      out.push(d);
    }
    return out;
  }

  /** Documents that may contain `norm` (a normalised string of ≥ 2 characters): all of its bigrams' postings. */
  candidates(norm: string): number[] {
    if (norm.length < 2) return this.ids.map((_, i) => i);
    const buckets = new Set<number>();
    for (let p = 0; p + 1 < norm.length; p++) buckets.add(bucketOf(norm.charCodeAt(p), norm.charCodeAt(p + 1), this.mask));
    const byLen = [...buckets].sort((a, b) => this.offsets[a + 1] - this.offsets[a] - (this.offsets[b + 1] - this.offsets[b]));
    let cur = this.bucketDocs(byLen[0]);
    // a few of the rarest lists narrow it down; the scan that follows is exact anyway
    for (let k = 1; k < byLen.length && k < 6 && cur.length > 0; k++) {
      const next = this.bucketDocs(byLen[k]);
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

  /** The bucket of a bigram (for callers that compare bigram sets cheaply). */
  bucket(a: number, b: number): number {
    return bucketOf(a, b, this.mask);
  }

  get buckets(): number {
    return this.mask + 1;
  }

  /**
   * Per document: how many of the `rarest` least common distinct bigrams of `norm` it holds, for
   * 「相似素材」 (the common ones say little about likeness and cost the most to read).
   */
  sharedBigrams(norm: string, rarest = 80): Uint32Array {
    const counts = new Uint32Array(this.ids.length);
    const buckets = new Set<number>();
    for (let p = 0; p + 1 < norm.length; p++) buckets.add(bucketOf(norm.charCodeAt(p), norm.charCodeAt(p + 1), this.mask));
    const len = (h: number) => this.offsets[h + 1] - this.offsets[h];
    const use = [...buckets].filter((h) => len(h) > 0).sort((a, b) => len(a) - len(b)).slice(0, rarest);
    for (const h of use) for (const d of this.bucketDocs(h)) counts[d]++;
    return counts;
  }

  /** How many times `norm` occurs in document `doc` (non-overlapping), without collecting the positions. */
  count(doc: number, norm: string): number {
    const s = this.norms[doc];
    let n = 0;
    for (let at = s.indexOf(norm); at >= 0; at = s.indexOf(norm, at + norm.length)) n++;
    return n;
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
