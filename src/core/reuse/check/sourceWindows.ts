// Source windows: a candidate source is normalised lazily, in windows that start at its stored
// checkpoints (so a seed in a 10,000-character document costs a few hundred characters of
// normalisation), and the windows are kept for the next seed.
import { normalizeCodes } from '../../normalize';
import type { SourceText } from '../types';
import type { SourceMeta } from './provider';

export interface SourceWin {
  /** Normalised position of codes[0] in the document. */
  base: number;
  len: number;
  codes: Uint16Array;
  /** Original offsets of each normalised character, relative to o0. */
  starts: Int32Array;
  ends: Int32Array;
  o0: number;
  /** Whether starts/ends were computed (only needed for the final passages). */
  mapped: boolean;
}

const EMPTY = new Int32Array(0);

export class SourceDoc {
  private wins: SourceWin[] = [];
  readonly length: number;
  constructor(
    readonly text: SourceText,
    readonly meta: SourceMeta,
  ) {
    this.length = meta.length;
  }

  /**
   * A window covering [a, b) (clamped to the document), or null if the text no longer matches the index.
   * [needA, needB) ⊆ [a, b) is what the caller reads next (the rest is read ahead): a text held in parts
   * that lacks [a, b) but holds the needed part answers with a window of that part, and one that lacks both
   * is told (`want`) only of the needed part, between checkpoints (whoever fetches adds its own margin: a
   * team check fetched 14 % fewer characters this way than with the read-ahead, in as many runs).
   */
  window(a: number, b: number, mapped = false, needA = a, needB = b): SourceWin | null {
    if (this.text.lacksAll) {
      // what make(needA, needB) would lack, without trying: a check's first run over sources not fetched
      // yet asks this tens of thousands of times
      this.range(needA, needB);
      this.text.want?.(this.lackA, this.lackB);
      return null;
    }
    const w = this.cached(a, b, mapped) ?? this.make(a, b, mapped);
    if (w !== undefined) return w;
    const n = needA <= a && needB >= b ? undefined : (this.cached(needA, needB, mapped) ?? this.make(needA, needB, mapped));
    if (n !== undefined) return n;
    this.text.want?.(this.lackA, this.lackB);
    return null;
  }

  /** What the last range() found: normalised n0…n1, original lackA…lackB (what a text held in parts lacked, when make() failed). */
  private lackA = 0;
  private lackB = 0;
  private n0 = 0;
  private n1 = 0;

  /** The checkpoints around [a, b) (clamped; a short document whole): normalised n0…n1, original lackA…lackB. */
  private range(a: number, b: number): void {
    let lo = Math.max(0, a);
    let hi = Math.min(this.length, b);
    if (this.length < 1024) {
      lo = 0;
      hi = this.length;
    }
    if (lo === 0) this.n0 = this.lackA = 0;
    else [this.n0, this.lackA] = this.meta.checkpointBefore(lo);
    const after = hi >= this.length ? null : this.meta.checkpointAfter(hi);
    if (after) [this.n1, this.lackB] = after;
    else {
      this.n1 = this.length;
      this.lackB = this.text.length;
    }
  }

  private cached(a: number, b: number, mapped: boolean): SourceWin | undefined {
    a = Math.max(0, a);
    b = Math.min(this.length, b);
    const wins = this.wins;
    for (let x = wins.length - 1; x >= 0; x--) {
      const w = wins[x];
      if (w.base <= a && w.base + w.len >= b && (!mapped || w.mapped)) return w;
    }
    return undefined;
  }

  /** A new window over [a, b) widened to checkpoints; null: the text does not match; undefined: the text lacks that part. */
  private make(a: number, b: number, mapped: boolean): SourceWin | null | undefined {
    this.range(a, b);
    const { n0, n1, lackA: o0, lackB: o1, wins } = this;
    const part = this.text.slice(o0, o1);
    if (part === undefined) return undefined;
    const r = normalizeCodes(part, mapped);
    if (r.length !== n1 - n0) return null;
    const w: SourceWin = { base: n0, len: r.length, codes: r.codes, starts: r.starts ?? EMPTY, ends: r.ends ?? EMPTY, o0, mapped };
    // windows contained in the new one are dropped; others are kept (overlap is fine)
    this.wins = wins.filter((v) => v.base < n0 || v.base + v.len > n0 + r.length || (v.mapped && !mapped));
    this.wins.push(w);
    if (this.wins.length > 64) this.wins.splice(0, this.wins.length - 64);
    return w;
  }
}

/** The checker's view of the sources: a SourceDoc by document key, or null (unknown, removed, or no text). */
export type SourceFn = (key: number) => SourceDoc | null;
