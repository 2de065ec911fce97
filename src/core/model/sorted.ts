/**
 * Index of the last element ≤ `value` in an ascending array (0 when there is none or the array is empty):
 * the line holding an offset, given the lines' start offsets.
 */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  return lastAtOrBeforeBy(sorted.length, value, (i) => sorted[i]);
}

/** The same over `length` items whose keys (ascending) `keyAt(i)` gives: the chunk holding a position. */
export function lastAtOrBeforeBy(length: number, value: number, keyAt: (i: number) => number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (keyAt(mid) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Index of `value` in an ascending array, or −1: a sampled hash in a sketch index. */
export function indexOfSorted(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid];
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Sorts `keys` (with `vals`, one per key) ascending as unsigned 32-bit integers, stably: a least-significant-digit
 * radix sort in three passes of 11, 11 and 10 bits (histograms of 2,048 counters stay in the first-level cache),
 * a pass skipped where every key has the same digit. The arrays passed in are used as scratch: the result is
 * either them or two new ones. The one sort of the fingerprint index's segments, the search postings and the team importer's sketches.
 */
export function radixSortPairs<V extends Uint32Array | Int32Array>(keys: Uint32Array, vals: V, n: number): { keys: Uint32Array; vals: V } {
  let k: Uint32Array = keys;
  let v = vals;
  let k2: Uint32Array = new Uint32Array(n);
  let v2 = (vals instanceof Int32Array ? new Int32Array(n) : new Uint32Array(n)) as V;
  const count = new Int32Array(2048);
  for (const [shift, bits] of [[0, 11], [11, 11], [22, 10]]) {
    const mask = (1 << bits) - 1;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(k[i] >>> shift) & mask]++;
    if (n === 0 || count[(k[0] >>> shift) & mask] === n) continue; // every key has this digit
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const key = k[i];
      const at = count[(key >>> shift) & mask]++;
      k2[at] = key;
      v2[at] = v[i];
    }
    [k, k2] = [k2, k];
    [v, v2] = [v2, v];
  }
  return { keys: k, vals: v };
}
