import { describe, expect, it } from 'vitest';
import { findMatches, foldCase, matchAtOrAfter } from '../../src/core/find/index';

const texts = ['在全市机关干部大会上的讲话', '同志们：全市干部要全市一盘棋。', 'GDP 增长 5.2%，gdp 总量 Gdp-per-capita。'];

describe('findMatches', () => {
  it('finds every occurrence in every block with block offsets, as a substring scan does', () => {
    const got = findMatches(texts, '全市');
    const expected: { blockIndex: number; start: number; end: number }[] = [];
    texts.forEach((t, b) => {
      for (let i = t.indexOf('全市'); i >= 0; i = t.indexOf('全市', i + 2)) expected.push({ blockIndex: b, start: i, end: i + 2 });
    });
    expect(got).toEqual(expected);
    expect(got).toHaveLength(3);
    for (const m of got) expect(texts[m.blockIndex].slice(m.start, m.end)).toBe('全市');
  });

  it('ignores case unless 区分大小写; matches do not overlap', () => {
    expect(findMatches(texts, 'gdp').map((m) => m.start)).toEqual([0, 12, 19]);
    expect(findMatches(texts, 'gdp', { caseSensitive: true }).map((m) => m.start)).toEqual([12]);
    expect(findMatches(['ＡＢＣａｂｃ'], 'ａｂｃ')).toHaveLength(2);
    expect(findMatches(['aaaa'], 'aa').map((m) => m.start)).toEqual([0, 2]);
  });

  it('全字匹配 only restricts letters and digits, never a Chinese query', () => {
    expect(findMatches(['per capita, percent, per'], 'per', { wholeWord: true }).map((m) => m.start)).toEqual([0, 21]);
    expect(findMatches([texts[2]], 'gdp', { wholeWord: true })).toHaveLength(3);
    expect(findMatches(['全市干部'], '干部', { wholeWord: true })).toHaveLength(1);
    expect(findMatches(['增长52%'], '5', { wholeWord: true })).toEqual([]);
  });

  it('仅选区: only matches entirely inside the scope', () => {
    const scope = { start: { blockIndex: 0, offset: 2 }, end: { blockIndex: 1, offset: 10 } };
    expect(findMatches(texts, '全市', { scope })).toEqual([{ blockIndex: 1, start: 4, end: 6 }]);
    const tight = { start: { blockIndex: 1, offset: 4 }, end: { blockIndex: 1, offset: 5 } };
    expect(findMatches(texts, '全市', { scope: tight })).toEqual([]);
  });

  it('an empty query finds nothing; the limit stops the scan', () => {
    expect(findMatches(texts, '')).toEqual([]);
    expect(findMatches(['啊'.repeat(100)], '啊', { limit: 7 })).toHaveLength(7);
  });

  it('case folding keeps offsets (İ lowers to two units and is kept)', () => {
    expect(foldCase('İA')).toBe('İa');
    expect(findMatches(['İSTANBUL istanbul'], 'istanbul').map((m) => m.start)).toEqual([9]);
  });
});

describe('matchAtOrAfter', () => {
  it('is the first match at or after a position, wrapping around', () => {
    const ms = findMatches(texts, '全市');
    expect(matchAtOrAfter(ms, { blockIndex: 0, offset: 0 })).toBe(0);
    expect(matchAtOrAfter(ms, { blockIndex: 0, offset: 2 })).toBe(1);
    expect(matchAtOrAfter(ms, { blockIndex: 1, offset: 5 })).toBe(2);
    expect(matchAtOrAfter(ms, { blockIndex: 2, offset: 0 })).toBe(0);
    expect(matchAtOrAfter([], { blockIndex: 0, offset: 0 })).toBe(-1);
  });
});
