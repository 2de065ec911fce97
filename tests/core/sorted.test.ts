import { describe, expect, it } from 'vitest';
import { lastAtOrBefore, radixSortPairs } from '../../src/core/model/sorted';

/** A small seeded PRNG (mulberry32), so a failure can be reproduced. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

describe('radixSortPairs', () => {
  it('orders keys as unsigned 32-bit integers, stably, carrying their values (Uint32 and Int32 values)', () => {
    const rnd = prng(7);
    for (const n of [0, 1, 2, 17, 5000]) {
      // few distinct keys (ties test stability), some with the top bit set (unsigned order), some sharing digits
      const pool = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? rnd() | 0x80000000 : i % 3 === 1 ? rnd() & 0x7ff : rnd()) >>> 0);
      const keys = Uint32Array.from({ length: n }, () => pool[rnd() % pool.length]);
      const expected = Array.from(keys, (k, i) => [k, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const asU = radixSortPairs(Uint32Array.from(keys), Uint32Array.from({ length: n }, (_, i) => i), n);
      const asI = radixSortPairs(Uint32Array.from(keys), Int32Array.from({ length: n }, (_, i) => -i), n);
      expect(Array.from(asU.keys.subarray(0, n))).toEqual(expected.map((e) => e[0]));
      expect(Array.from(asU.vals.subarray(0, n))).toEqual(expected.map((e) => e[1]));
      expect(asI.vals).toBeInstanceOf(Int32Array);
      expect(Array.from(asI.vals.subarray(0, n))).toEqual(expected.map((e) => (e[1] === 0 ? 0 : -e[1])));
    }
  });

  it('keeps the order when every key shares a digit (passes skipped) and when all keys are equal', () => {
    const keys = Uint32Array.from([0x00100005, 0x00200005, 0x00100005, 0x00000005]);
    expect(Array.from(radixSortPairs(keys, Int32Array.from([0, 1, 2, 3]), 4).vals)).toEqual([3, 0, 2, 1]);
    expect(Array.from(radixSortPairs(Uint32Array.from([9, 9, 9]), Int32Array.from([2, 0, 1]), 3).vals)).toEqual([2, 0, 1]);
  });
});

describe('lastAtOrBefore', () => {
  it('finds the last start at or before a value', () => {
    expect(lastAtOrBefore([0, 10, 20], 15)).toBe(1);
    expect(lastAtOrBefore([0, 10, 20], 20)).toBe(2);
    expect(lastAtOrBefore([], 3)).toBe(0);
  });
});
