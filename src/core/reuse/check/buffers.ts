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
