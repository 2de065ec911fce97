// Growable Int32 buffer of fixed-size tuples: seeds (3 ints) and exact matches (5 ints) are kept in
// typed arrays, never as one object per k-gram.

export class IntBuf {
  a: Int32Array;
  n = 0;
  constructor(cap = 1024) {
    this.a = new Int32Array(cap);
  }
  grow(extra: number): void {
    if (this.n + extra <= this.a.length) return;
    const b = new Int32Array(Math.max(this.a.length * 2, this.n + extra));
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
  push3(x: number, y: number, z: number): void {
    this.grow(3);
    const a = this.a;
    a[this.n] = x;
    a[this.n + 1] = y;
    a[this.n + 2] = z;
    this.n += 3;
  }
  push5(x: number, y: number, z: number, u: number, v: number): void {
    this.grow(5);
    const a = this.a;
    a[this.n] = x;
    a[this.n + 1] = y;
    a[this.n + 2] = z;
    a[this.n + 3] = u;
    a[this.n + 4] = v;
    this.n += 5;
  }
}

/** Scratch kept from call to call beyond this many entries is let go (a huge paragraph would hold its memory for good). */
export const SCRATCH_KEEP = 1 << 18;

/**
 * Pairs (a, b) of int32 → int32 value, open addressing over typed arrays: one table reused by every call
 * that clears it, instead of a Map keyed by a number that is not a small integer (a boxed key per entry).
 */
export class PairMap {
  private ka!: Int32Array;
  private kb!: Int32Array;
  private vals!: Int32Array;
  private full!: Uint8Array;
  /** The filled slots, slots[0 … n): what clear() empties. */
  private slots!: Int32Array;
  private n = 0;

  /** `cap`: slots to start with, a power of two (the table doubles when half full). */
  constructor(private readonly cap = 1024) {
    this.alloc(cap);
  }

  private alloc(cap: number): void {
    this.ka = new Int32Array(cap);
    this.kb = new Int32Array(cap);
    this.vals = new Int32Array(cap);
    this.full = new Uint8Array(cap);
    this.slots = new Int32Array(cap >> 1);
    this.n = 0;
  }

  private slotOf(a: number, b: number): number {
    const mask = this.ka.length - 1;
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77);
    h = (h ^ (h >>> 15)) & mask;
    while (this.full[h] && (this.ka[h] !== a || this.kb[h] !== b)) h = (h + 1) & mask;
    return h;
  }

  /** The value of (a, b), or `none`. */
  get(a: number, b: number, none: number): number {
    const h = this.slotOf(a, b);
    return this.full[h] ? this.vals[h] : none;
  }

  set(a: number, b: number, v: number): void {
    if (2 * (this.n + 1) > this.ka.length) this.rehash();
    const h = this.slotOf(a, b);
    if (!this.full[h]) {
      this.full[h] = 1;
      this.ka[h] = a;
      this.kb[h] = b;
      this.slots[this.n++] = h;
    }
    this.vals[h] = v;
  }

  /** Empty again; a table grown beyond `keep` slots is let go rather than kept for good. */
  clear(keep = SCRATCH_KEEP): void {
    if (this.ka.length > keep) return this.alloc(this.cap);
    for (let i = 0; i < this.n; i++) this.full[this.slots[i]] = 0;
    this.n = 0;
  }

  private rehash(): void {
    const { ka, kb, vals, slots, n } = this;
    this.alloc(2 * ka.length);
    for (let i = 0; i < n; i++) this.set(ka[slots[i]], kb[slots[i]], vals[slots[i]]);
  }
}
