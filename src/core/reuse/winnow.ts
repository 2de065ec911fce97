// Hashing and winnowing (Schleimer, Wilkerson & Aiken 2003): rolling 32-bit hashes of k-grams of normalised
// characters and the robust winnowing that picks a document's fingerprints from them. K + W − 1 = 13: a shared
// run of 13 normalised characters holds a whole window, whose minimum is always a fingerprint (reuseIndex.ts).

export const K = 8;
export const W = 6;
const B = 0x01000193; // FNV prime as polynomial base
let BK = 1;
for (let i = 0; i < K; i++) BK = Math.imul(BK, B);

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hashes of all k-grams of codes[0..len): out[p] = hash of codes[p..p+K). Returns the count (len−K+1 or 0).
 */
export function kgramHashes(codes: Uint16Array, len: number, out: Uint32Array): number {
  if (len < K) return 0;
  let h = 0;
  for (let p = 0; p < K; p++) h = (Math.imul(h, B) + codes[p]) | 0;
  out[0] = fmix32(h);
  for (let p = K; p < len; p++) {
    h = (Math.imul(h, B) + codes[p] - Math.imul(codes[p - K], BK)) | 0;
    out[p - K + 1] = fmix32(h);
  }
  return len - K + 1;
}

/** Hash of the one k-gram codes[p..p+K), equal to kgramHashes' out[p]. */
export function kgramHashAt(codes: Uint16Array, p: number): number {
  let h = 0;
  for (let q = 0; q < K; q++) h = (Math.imul(h, B) + codes[p + q]) | 0;
  return fmix32(h);
}

export class Growable {
  a: Uint32Array;
  n = 0;
  constructor(cap: number) {
    this.a = new Uint32Array(Math.max(16, cap));
  }
  ensure(extra: number): void {
    if (this.n + extra <= this.a.length) return;
    const b = new Uint32Array(Math.max(this.a.length * 2, this.n + extra));
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
}

/**
 * Winnow hv[0..m): robust winnowing (rightmost minimum per window of W). Calls the sink with
 * the k-gram index of each selected fingerprint, in increasing order.
 */
export function winnow(hv: Uint32Array, m: number, hashesOut: Growable, posOut: Growable, base: number): number {
  if (m <= 0) return 0;
  hashesOut.ensure(m);
  posOut.ensure(m);
  const ha = hashesOut.a;
  const pa = posOut.a;
  let n = hashesOut.n;
  let minPos = -1;
  let last = -1;
  const w = Math.min(W, m);
  for (let e = 0; e < m; e++) {
    const s = e - w + 1;
    if (minPos < s) {
      minPos = e;
      const lo = s < 0 ? 0 : s;
      for (let p = e - 1; p >= lo; p--) if (hv[p] < hv[minPos]) minPos = p;
    } else if (hv[e] <= hv[minPos]) {
      minPos = e;
    }
    if (e >= w - 1 && minPos !== last) {
      ha[n] = hv[minPos];
      pa[n] = base + minPos;
      n++;
      last = minPos;
    }
  }
  const added = n - hashesOut.n;
  hashesOut.n = n;
  posOut.n = n;
  return added;
}

/** Sort (hash, pos) pairs by hash, stable (LSD radix, 4 passes of 8 bits: small, cache-friendly histograms). */
