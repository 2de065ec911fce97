// The search indexes' one integer coding: unsigned LEB128 varints (7 bits a byte, low first, the high bit
// set on every byte but the last). Written for values < 2³²; read back whole up to 2⁵³.

/** Writes x (0 ≤ x < 2³²) as a varint at buf[o]; returns the end (at most o + 5). */
export function writeVarint(buf: Uint8Array, o: number, x: number): number {
  while (x >= 0x80) {
    buf[o++] = (x & 0x7f) | 0x80;
    x >>>= 7;
  }
  buf[o++] = x;
  return o;
}

/** Reads varints from `buf`, starting at `at` (where the next one starts). */
export class VarintReader {
  constructor(
    readonly buf: Uint8Array,
    public at = 0,
  ) {}

  next(): number {
    const b = this.buf;
    let v = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = b[this.at++];
      v += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return v;
  }

  /** Steps over one varint. */
  skip(): void {
    while (this.buf[this.at++] & 0x80);
  }
}
