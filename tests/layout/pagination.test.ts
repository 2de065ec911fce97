import { describe, expect, it } from 'vitest';
import { paginate, splitAtLines } from '../../src/core/layout/pagination';
import { resolveLayout } from '../../src/core/layout/gongwen';
import { readingLayout } from '../../src/core/layout/reading';
import { Blocks } from '../../src/core/model/block';
import type { SpeechDoc } from '../../src/core/model/types';

describe('pages for the 页面视图 and print', () => {
  it('splits a text after the characters of n lines (indent on the first)', () => {
    const [head, tail] = splitAtLines('字'.repeat(100), 28, 2, 2);
    expect(head.length).toBe(26 + 28);
    expect(tail.length).toBe(100 - 54);
  });

  it('puts every character on a page exactly once, a long paragraph continued on the next page without indent', () => {
    const text = '一二三四五六七八九十'.repeat(70);
    const doc: SpeechDoc = { blocks: [Blocks.make('title', '在全市机关干部大会上的讲话'), Blocks.make('salutation', '同志们：'), Blocks.paragraph(text), Blocks.heading(1, '肯定成绩')] };
    const pages = paginate(doc, resolveLayout({}));
    expect(pages.length).toBe(2);
    const body = pages.flatMap((p) => p.fragments.filter((f) => f.blockIndex === 2));
    expect(body.map((f) => f.text).join('')).toBe(text);
    expect(body.map((f) => f.continued)).toEqual([false, true]);
    // Page 1: title, blank line, salutation, then 19 lines of the paragraph (26 + 18 × 28 characters).
    expect(body[0].text.length).toBe(26 + 18 * 28);
    expect(pages[1].fragments.at(-1)).toMatchObject({ type: 'heading', text: '一、肯定成绩' });
  });

  it('keeps the 念稿版 paragraphs whole on a page', () => {
    const doc: SpeechDoc = { blocks: Array.from({ length: 8 }, () => Blocks.paragraph('字'.repeat(70))) };
    const pages = paginate(doc, readingLayout(), { keepLines: true });
    for (const p of pages) for (const f of p.fragments) expect(f.continued).toBe(false);
    expect(pages.map((p) => p.fragments.length)).toEqual([3, 3, 2]); // 4 lines each, 15 lines a page: 3 paragraphs a page
  });
});
