import { describe, expect, it } from 'vitest';
import { estimatePages, linesOf } from '../../src/core/layout/pages';
import { Blocks } from '../../src/core/model/block';
import type { SpeechDoc } from '../../src/core/model/types';

const para = (n: number) => Blocks.paragraph('字'.repeat(n));

describe('页数 on the 22 × 28 grid', () => {
  it('counts lines from characters: two characters of indent, Latin half, manual breaks', () => {
    expect(linesOf('字'.repeat(26), 28, 2)).toBe(1);
    expect(linesOf('字'.repeat(27), 28, 2)).toBe(2);
    expect(linesOf('a'.repeat(56), 28)).toBe(1);
    expect(linesOf('一\n二', 28)).toBe(2);
  });

  it('fills 22 lines a page: 22 one-line paragraphs are one page, the 23rd starts page 2', () => {
    const one: SpeechDoc = { blocks: Array.from({ length: 22 }, () => para(20)) };
    expect(estimatePages(one).pages).toBe(1);
    const two: SpeechDoc = { blocks: [...one.blocks, para(20)] };
    const est = estimatePages(two);
    expect(est.pages).toBe(2);
    expect(est.pageStarts).toEqual([{ page: 2, blockIndex: 22, line: 0 }]);
  });

  it('counts the title in its lines, the byline, and the blank line before the body', () => {
    const doc: SpeechDoc = {
      blocks: [Blocks.make('title', '关于深入学习贯彻党的二十届三中全会精神进一步全面深化改革推动更高质量发展在全市领导干部会议上的讲话'), Blocks.make('byline', '（2024年8月1日）'), para(10)],
    };
    const est = estimatePages(doc);
    expect(est.blocks.map((b) => b.lines)).toEqual([3, 1, 2]);
    expect(est.lines).toBe(6);
  });

  it('keeps a heading with the line after it, and splits a long paragraph across pages', () => {
    const doc: SpeechDoc = { blocks: [...Array.from({ length: 21 }, () => para(20)), Blocks.heading(1, '标题'), para(100)] };
    const est = estimatePages(doc);
    // The heading would be the last line of page 1: it moves to page 2 with its paragraph.
    expect(est.blocks[21]).toMatchObject({ page: 2, line: 0 });
    expect(est.pages).toBe(2);
    const long = estimatePages({ blocks: [para(28 * 30)] });
    expect(long.pages).toBe(2);
    expect(long.pageStarts).toEqual([{ page: 2, blockIndex: 0, line: 22 }]);
  });

  it('with keepLines, moves a paragraph that would be split to the next page', () => {
    const doc: SpeechDoc = { blocks: [...Array.from({ length: 20 }, () => para(20)), para(28 * 3)] };
    expect(estimatePages(doc).blocks[20].page).toBe(1);
    expect(estimatePages(doc, undefined, { keepLines: true }).blocks[20].page).toBe(2);
  });
});
