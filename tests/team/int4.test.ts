// int4 values in PostgreSQL's text forms (no server needed): the array literal sent as a parameter or COPY field,
// and the comma-separated lists the server writes (array_to_string) read back — sketches and hashes are uint32
// stored as int4, so negative numbers come back too.
import { describe, expect, it } from 'vitest';
import { int4Array, parseInts, parsePairs } from '../../src/services/team/int4';

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

  it('reads doc,pos pairs into two arrays', () => {
    const { firsts, seconds } = parsePairs('3,17,3,250,1048576,0,12,2147483647');
    expect(Array.from(firsts)).toEqual([3, 3, 1048576, 12]);
    expect(Array.from(seconds)).toEqual([17, 250, 0, 2147483647]);
    const one = parsePairs('5,6');
    expect([Array.from(one.firsts), Array.from(one.seconds)]).toEqual([[5], [6]]);
    expect(parsePairs('').firsts.length).toBe(0);
  });
});
