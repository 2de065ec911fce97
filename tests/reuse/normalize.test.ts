import { describe, expect, it } from 'vitest';
import { normalizeForMatch } from '../../src/core/normalize';
import { mulberry32 } from '../../bench/corpus';

describe('normalizeForMatch', () => {
  it('folds full/half width, case, traditional characters; drops punctuation, spaces and zero-width characters', () => {
    expect(normalizeForMatch('ＡＢＣ１２３ abc').norm).toBe('abc123abc');
    expect(normalizeForMatch('漢語發展，與國際經濟！').norm).toBe('汉语发展与国际经济');
    expect(normalizeForMatch('裡面\u200b著\u200d為\ufeff　人民').norm).toBe('里面着为人民');
    expect(normalizeForMatch('“坚持”、（一）《纲要》').norm).toBe('坚持一纲要');
    expect(normalizeForMatch('ｶﾞ').norm).toBe('ガ');
  });

  it('maps every normalised character back to its original offsets, including surrogate pairs and NFKC expansions/contractions', () => {
    const text = 'a😀𠀀b㍻e\u0301，中';
    const r = normalizeForMatch(text);
    expect(r.norm).toBe('a😀𠀀b平成é中');
    // 😀 is two code units at offsets 1..3, both norm units map to that pair
    expect([r.map[1], r.ends[1], r.map[2], r.ends[2]]).toEqual([1, 3, 1, 3]);
    // 𠀀 (CJK ext. B) at 3..5
    expect([r.map[3], r.ends[3]]).toEqual([3, 5]);
    // ㍻ expands to two characters, both from offset 6
    expect([r.map[6], r.ends[6], r.map[7], r.ends[7]]).toEqual([6, 7, 6, 7]);
    // e + combining acute (7..9) contract to one character
    expect([r.map[8], r.ends[8]]).toEqual([7, 9]);
    expect(text.slice(r.map[9], r.ends[9])).toBe('中');
    expect(r.map[r.norm.length]).toBe(text.length);
  });

  it('property: any normalised range [a, b) maps to an original slice that normalises to exactly norm[a, b)', () => {
    const rnd = mulberry32(1234);
    const pool = [
      ...'中华人民共和国政府工作报告發展經濟與國際會議裡著為',
      ...'ＡＢＣａｂｃ１２３ABCabc123',
      ...'，。、；：！？“”（）《》 \n\t',
      '\u200b', '\u200d', '\ufeff', '😀', '👍🏽', '𠀀', '㍻', 'ﬁ', 'e\u0301', 'ｶﾞ', '①', '㈠',
    ];
    for (let iter = 0; iter < 300; iter++) {
      let text = '';
      const n = 1 + Math.floor(rnd() * 60);
      for (let i = 0; i < n; i++) text += pool[Math.floor(rnd() * pool.length)];
      const r = normalizeForMatch(text);
      expect(r.map.length).toBe(r.norm.length + 1);
      for (let i = 0; i < r.norm.length; i++) {
        expect(r.map[i]).toBeLessThan(r.ends[i]);
        if (i) expect(r.map[i]).toBeGreaterThanOrEqual(r.map[i - 1]);
        // never inside a surrogate pair
        const c = text.charCodeAt(r.map[i]);
        expect(c >= 0xdc00 && c <= 0xdfff).toBe(false);
      }
      for (let t = 0; t < 5 && r.norm.length; t++) {
        const a = Math.floor(rnd() * r.norm.length);
        const b = a + 1 + Math.floor(rnd() * (r.norm.length - a));
        // the slice may also cover part of an expansion's cluster: compare on whole clusters
        let a2 = a;
        while (a2 > 0 && r.map[a2 - 1] === r.map[a]) a2--;
        let b2 = b;
        while (b2 < r.norm.length && r.map[b2] === r.map[b - 1]) b2++;
        expect(normalizeForMatch(text.slice(r.map[a2], r.ends[b2 - 1])).norm).toBe(r.norm.slice(a2, b2));
      }
    }
  });
});
