// int4 values in PostgreSQL's text forms (no server needed): the array literal sent as a parameter or COPY field,
// and the comma-separated lists the server writes (array_to_string) read back — sketches and hashes are uint32
// stored as int4, so negative numbers come back too — and the packed posting pairs.
import { describe, expect, it } from 'vitest';
import { int4Array, pairsFromBase64, parseInts } from '../../src/services/team/int4';

describe('int4 text forms', () => {
  it('parses comma-separated integers as the server writes them, negative ones too', () => {
    expect(Array.from(parseInts('0,12,345,2147483647'))).toEqual([0, 12, 345, 2147483647]);
    expect(Array.from(parseInts('7'))).toEqual([7]);
    expect(Array.from(parseInts('-1,-2147483648,5,-0'))).toEqual([-1, -2147483648, 5, 0]);
    expect(parseInts('').length).toBe(0);
    expect(parseInts(null).length).toBe(0);
  });

  it('writes uint32 values as int4 (sign-folded) and reads them back', () => {
    const values = [0, 1, 2147483647, 2147483648, 4294967295, 123456789];
    const literal = int4Array(values);
    expect(literal).toBe('{0,1,2147483647,-2147483648,-1,123456789}');
    expect(Array.from(parseInts(literal.slice(1, -1)), (v) => v >>> 0)).toEqual(values);
    expect(int4Array([])).toBe('{}');
    expect(int4Array([-5, 7], true)).toBe('{-5,7}');
  });

  it('reads doc,pos pairs packed as big-endian int4 bytes into two arrays, in (doc, pos) order', () => {
    const packed = (pairs: number[][]) => {
      const b = Buffer.alloc(8 * pairs.length);
      pairs.forEach(([d, p], i) => (b.writeInt32BE(d, 8 * i), b.writeInt32BE(p, 8 * i + 4)));
      return b.toString('base64');
    };
    const { firsts, seconds } = pairsFromBase64(packed([[3, 17], [3, 250], [12, 2147483647], [1048576, 0]]));
    expect(Array.from(firsts)).toEqual([3, 3, 12, 1048576]);
    expect(Array.from(seconds)).toEqual([17, 250, 2147483647, 0]);
    // out of order: sorted by doc, then pos
    const back = pairsFromBase64(packed([[9, 1], [3, 40], [3, 5], [7, 0]]));
    expect([Array.from(back.firsts), Array.from(back.seconds)]).toEqual([[3, 3, 7, 9], [5, 40, 0, 1]]);
    // PostgreSQL's base64 breaks lines every 76 characters
    const many = Array.from({ length: 30 }, (_, i) => [i, 2 * i]);
    const wrapped = packed(many).replace(/.{76}/g, '$&\n');
    expect(wrapped).toContain('\n');
    expect(Array.from(pairsFromBase64(wrapped).seconds)).toEqual(many.map((x) => x[1]));
    expect(pairsFromBase64('').firsts.length).toBe(0);
  });
});
