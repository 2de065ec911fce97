// The whole draft from its paragraphs: normalised codes, offset maps into the original text and the
// posting counts, concatenated; plus the offset helpers the later phases share.
import type { TextRange } from '../types';
import type { ParaData } from './paragraphs';

export interface DraftData {
  codes: Uint16Array;
  /** Original offset of each normalised character (starts[total] = text length) and of its end. */
  starts: Int32Array;
  ends: Int32Array;
  /** Posting count per k-gram start (boundary k-grams are filled in by the matches phase). */
  hot: Uint32Array;
  /** Normalised position where each paragraph starts; paraBase[lines] = total. */
  paraBase: Int32Array;
  total: number;
}

/** Buffers kept between checks (a re-check then allocates nothing the size of the draft). */
export interface DraftScratch {
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  hot: Uint32Array;
}

/** The draft from its paragraphs; its arrays are views into `scratch` (grown when too small), valid until the next call. */
export function assembleDraft(draftText: string, lines: { start: number }[], paras: ParaData[], scratch?: DraftScratch): DraftData {
  let total = 0;
  for (const pd of paras) total += pd.len;
  if (scratch && scratch.codes.length < total) {
    const cap = Math.ceil(total * 1.25) + 64;
    scratch.codes = new Uint16Array(cap);
    scratch.starts = new Int32Array(cap + 1);
    scratch.ends = new Int32Array(cap);
    scratch.hot = new Uint32Array(cap);
  }
  const codes = scratch ? scratch.codes.subarray(0, total) : new Uint16Array(total);
  const starts = scratch ? scratch.starts.subarray(0, total + 1) : new Int32Array(total + 1);
  const ends = scratch ? scratch.ends.subarray(0, total) : new Int32Array(total);
  const hot = scratch ? scratch.hot.subarray(0, total).fill(0) : new Uint32Array(total);
  const paraBase = new Int32Array(lines.length + 1);
  let o = 0;
  for (let li = 0; li < lines.length; li++) {
    const pd = paras[li];
    paraBase[li] = o;
    codes.set(pd.codes, o);
    const off = lines[li].start;
    for (let q = 0; q < pd.len; q++) {
      starts[o + q] = pd.starts[q] + off;
      ends[o + q] = pd.ends[q] + off;
    }
    hot.set(pd.hot, o);
    o += pd.len;
  }
  paraBase[lines.length] = total;
  starts[total] = draftText.length;
  return { codes, starts, ends, hot, paraBase, total };
}

export function lowerBound(a: Int32Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function overlapFraction(start: number, end: number, ranges: TextRange[]): number {
  if (!ranges.length || end <= start) return 0;
  let ov = 0;
  for (const r of ranges) ov += Math.max(0, Math.min(end, r.end) - Math.max(start, r.start));
  return ov / (end - start);
}
