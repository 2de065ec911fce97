// Seeds to exact matches: a seed is a k-gram shared by the draft and a source (found by its
// fingerprint); it is verified character by character (hash collisions are dropped) and extended
// both ways to the maximal exact match on the normalised texts.
import { K as K_ } from '../winnow';
import type { IntBuf } from './buffers';
import type { SourceDoc } from './sourceWindows';

// Local copy: imported bindings can compile to getter calls in hot loops.
const K = K_;

/** An exact match draft [dA, dB) = source [sA, sB) of document `key`, normalised positions. */
export interface Mem {
  key: number;
  dA: number;
  dB: number;
  sA: number;
  sB: number;
  /** Length of the exact match this piece comes from (pieces are clipped where another source won). */
  run: number;
}

/** Extend a seed to the maximal exact match within draft [lo, hi); -1 if the k-gram differs (hash collision). */
export function extend(codes: Uint16Array, lo: number, hi: number, i: number, src: SourceDoc, s: number, out: IntBuf, key: number): number {
  const sl = src.length;
  if (s + K > sl || i + K > hi) return -1;
  let w = src.window(s - 24, s + K + 24, false, s, s + K);
  if (!w) return -1;
  for (let q = 0; q < K; q++) if (codes[i + q] !== w.codes[s + q - w.base]) return -1;
  let a = i;
  let b = s;
  while (a > lo && b > 0) {
    if (b - 1 < w.base) {
      const nw = src.window(b - Math.max(128, w.len), s + K, false, b - 1, b);
      if (!nw) break;
      w = nw;
    }
    if (codes[a - 1] !== w.codes[b - 1 - w.base]) break;
    a--;
    b--;
  }
  let e = i + K;
  let f = s + K;
  while (e < hi && f < sl) {
    if (f >= w.base + w.len) {
      const nw = src.window(b, f + Math.max(128, w.len), false, f, f + 1);
      if (!nw) break;
      w = nw;
    }
    if (codes[e] !== w.codes[f - w.base]) break;
    e++;
    f++;
  }
  out.push5(key, a, e, b, f);
  return e;
}

/** Grow a match both ways across the whole draft (used at paragraph boundaries). */
export function extendMem(codes: Uint16Array, total: number, m: Mem, src: SourceDoc): void {
  let w = src.window(m.sA - 64, m.sB + 64, false, Math.max(0, m.sA - 1), Math.max(1, m.sA));
  if (!w) return;
  while (m.dA > 0 && m.sA > 0) {
    if (m.sA - 1 < w.base) {
      const nw = src.window(m.sA - Math.max(512, w.len), m.sB, false, m.sA - 1, m.sA);
      if (!nw) return;
      w = nw;
    }
    if (codes[m.dA - 1] !== w.codes[m.sA - 1 - w.base]) break;
    m.dA--;
    m.sA--;
  }
  while (m.dB < total && m.sB < src.length) {
    if (m.sB >= w.base + w.len) {
      const nw = src.window(m.sA, m.sB + Math.max(512, w.len), false, m.sB, m.sB + 1);
      if (!nw) return;
      w = nw;
    }
    if (codes[m.dB] !== w.codes[m.sB - w.base]) break;
    m.dB++;
    m.sB++;
  }
}
