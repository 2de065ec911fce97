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
