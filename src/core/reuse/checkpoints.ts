// Checkpoints of a document: flat pairs (normPos, origOffset) in cp[2·lo .. 2·hi), ascending. Shared by
// the embedded index's segments and by stores that keep a document's checkpoints as one array.

/** Checkpoint at or before normalised position p (or [0, 0] when there is none). */
export function checkpointBefore(cp: ArrayLike<number>, lo: number, hi: number, p: number): [number, number] {
  hi -= 1;
  if (hi < lo) return [0, 0];
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (cp[2 * mid] <= p) lo = mid;
    else hi = mid - 1;
  }
  return [cp[2 * lo], cp[2 * lo + 1]];
}

/** Checkpoint at or after p, or null (then: to the end of the text). */
export function checkpointAfter(cp: ArrayLike<number>, lo: number, hi: number, p: number): [number, number] | null {
  const end = hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cp[2 * mid] < p) lo = mid + 1;
    else hi = mid;
  }
  return lo < end ? [cp[2 * lo], cp[2 * lo + 1]] : null;
}
