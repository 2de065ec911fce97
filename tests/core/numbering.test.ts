import { describe, expect, it } from 'vitest';
import { Blocks, blockRanges, chineseNumeral, docToText, headingNumbers, locate, parseChineseNumeral } from '../../src/core/model/index';

describe('公文 heading numbers', () => {
  it('writes Chinese numerals as headings use them', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110].map(chineseNumeral)).toEqual([
      '一', '九', '十', '十一', '十九', '二十', '二十一', '九十九', '一百', '一百零一', '一百一十',
    ]);
    for (const n of [1, 7, 10, 12, 20, 35, 99, 100, 105, 119, 340]) expect(parseChineseNumeral(chineseNumeral(n))).toBe(n);
    expect(parseChineseNumeral('两')).toBe(2);
    expect(parseChineseNumeral('abc')).toBeNull();
  });

  it('numbers four levels and restarts deeper levels', () => {
    const blocks = [
      Blocks.make('title', 'T'),
      Blocks.heading(1, 'a'),
      Blocks.heading(2, 'b'),
      Blocks.heading(3, 'c'),
      Blocks.heading(4, 'd'),
      Blocks.heading(4, 'e'),
      Blocks.paragraph('p'),
      Blocks.heading(2, 'f'),
      Blocks.heading(3, 'g'),
      Blocks.heading(1, 'h'),
      Blocks.heading(3, 'i'),
    ];
    expect(headingNumbers(blocks)).toEqual([null, '一、', '（一）', '1.', '（1）', '（2）', null, '（二）', '1.', '二、', '1.']);
  });

  it('maps plain-text offsets back to blocks, with and without numbers', () => {
    const doc = { blocks: [Blocks.make('title', '标题'), Blocks.heading(1, '总体要求'), Blocks.paragraph('正文内容')] };
    const plain = docToText(doc);
    expect(plain.text).toBe('标题\n总体要求\n正文内容');
    expect(locate(plain, plain.text.indexOf('内容'))).toEqual({ blockIndex: 2, offset: 2 });
    const numbered = docToText(doc, { numbers: true });
    expect(numbered.text).toBe('标题\n一、总体要求\n正文内容');
    expect(locate(numbered, numbered.text.indexOf('要求'))).toEqual({ blockIndex: 1, offset: 2 });
  });

  it('splits a plain-text range into per-block ranges', () => {
    const doc = { blocks: [Blocks.make('title', '标题'), Blocks.heading(1, '总体要求'), Blocks.paragraph('正文内容')] };
    const plain = docToText(doc);
    // '题\n总体要求\n正文' spans three blocks; the newlines belong to none
    const start = plain.text.indexOf('题');
    const end = plain.text.indexOf('内容');
    expect(blockRanges(plain, start, end)).toEqual([
      { blockIndex: 0, start: 1, end: 2 },
      { blockIndex: 1, start: 0, end: 4 },
      { blockIndex: 2, start: 0, end: 2 },
    ]);
    expect(blockRanges(plain, plain.text.indexOf('\n'), plain.text.indexOf('\n') + 1)).toEqual([]);
  });
});
