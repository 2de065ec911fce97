// The checker's source windows over a text of which nothing is held yet (a stand-in for a source not
// fetched), and the (key, diagonal) table its verification reuses from paragraph to paragraph.
import { describe, expect, it } from 'vitest';
import { PairMap } from '../../src/core/reuse/check/buffers';
import { SourceDoc } from '../../src/core/reuse/check/sourceWindows';
import type { SourceMeta } from '../../src/core/reuse';
import type { SourceText } from '../../src/core/reuse/types';
import { mulberry32 } from './helpers';

/** Checkpoints every 50 normalised characters, the original offsets 3 characters further each time. */
const meta = (length: number): SourceMeta => ({
  id: 'd',
  title: 'd',
  length,
  checkpointBefore: (p) => {
    const k = Math.floor(p / 50);
    return [50 * k, 53 * k];
  },
  checkpointAfter: (p) => {
    const k = Math.ceil(p / 50);
    return 50 * k >= length ? null : [50 * k, 53 * k];
  },
});

/** A text that holds nothing, noting what it is asked for; `lacksAll` says so up front or not. */
function lacking(length: number, lacksAll: boolean): SourceText & { asked: number[] } {
  const asked: number[] = [];
  return { length, asked, lacksAll, slice: () => undefined, want: (a, b) => void asked.push(a, b) };
}

describe('source windows of a text not held yet', () => {
  it('asks for what making the window would have asked for, without making it', () => {
    const rnd = mulberry32(3);
    for (const length of [600, 5000]) {
      const quick = lacking(Math.round(length * 1.06), true);
      const slow = lacking(Math.round(length * 1.06), false);
      const a = new SourceDoc(quick, meta(length));
      const b = new SourceDoc(slow, meta(length));
      for (let t = 0; t < 300; t++) {
        const s = Math.floor(rnd() * (length + 40)) - 20;
        const w = 1 + Math.floor(rnd() * 120);
        // as the checker asks: a wider range read ahead and the part read next (sometimes the same)
        const args: [number, number, boolean, number, number] = rnd() < 0.3 ? [s, s + w, false, s, s + w] : [s - 24, s + w + 24, false, s, s + w];
        expect(a.window(...args)).toBeNull();
        expect(b.window(...args)).toBeNull();
      }
      expect(quick.asked.length).toBe(600);
      expect(quick.asked).toEqual(slow.asked);
    }
  });
});

describe('PairMap', () => {
  it('answers as a Map of the pairs does, across growth and clearing', () => {
    const rnd = mulberry32(11);
    const m = new PairMap(16);
    for (let round = 0; round < 3; round++) {
      const ref = new Map<string, number>();
      for (let t = 0; t < 5000; t++) {
        // keys up to 10⁵ and diagonals of either sign, some pairs often
        const a = rnd() < 0.5 ? Math.floor(rnd() * 20) : Math.floor(rnd() * 100_000);
        const b = Math.floor(rnd() * 2000) - 1000;
        if (rnd() < 0.5) {
          const v = Math.floor(rnd() * 1e6);
          m.set(a, b, v);
          ref.set(`${a},${b}`, v);
        } else expect(m.get(a, b, -1)).toBe(ref.get(`${a},${b}`) ?? -1);
      }
      for (const [k, v] of ref) {
        const [a, b] = k.split(',').map(Number);
        expect(m.get(a, b, -1)).toBe(v);
      }
      m.clear();
      for (const k of ref.keys()) {
        const [a, b] = k.split(',').map(Number);
        expect(m.get(a, b, -1)).toBe(-1);
      }
    }
  });

  it('lets a table grown beyond what it keeps go when cleared, and works on', () => {
    const m = new PairMap(16);
    for (let a = 0; a < 300; a++) m.set(a, -a, a + 1);
    expect(m.get(299, -299, -1)).toBe(300);
    m.clear(64);
    expect(m.get(299, -299, -1)).toBe(-1);
    for (let a = 0; a < 300; a++) m.set(a, a, a);
    expect(m.get(150, 150, -1)).toBe(150);
    expect(m.get(150, -150, -1)).toBe(-1);
  });
});
