import { describe, expect, it } from 'vitest';
import { Blocks, Docs } from '../../src/core/model/block';
import type { Block } from '../../src/core/model/types';
import { clipboardBlocks, fitPastedFront, pasteReplacesDraft } from '../../src/core/text/paste';

// A titled speech as pasted: title, byline, salutation, then body.
const SPEECH = '在2024年全市工作会议上的讲话\n（2024年3月5日）\n同志们：\n一、总体要求\n今年的工作要稳字当头。';
const rows = (bs: readonly Block[]) => bs.map((b) => [b.type, Blocks.text(b)]);

describe('pasting a titled speech into a draft', () => {
  const pasted = clipboardBlocks({ text: SPEECH })!;

  it('the pasted speech is recognised with its front matter', () => {
    expect(rows(pasted)).toEqual([
      ['title', '在2024年全市工作会议上的讲话'],
      ['byline', '（2024年3月5日）'],
      ['salutation', '同志们：'],
      ['heading', '总体要求'],
      ['paragraph', '今年的工作要稳字当头。'],
    ]);
  });

  it('into a new draft (empty title, 同志们：, empty paragraph) it replaces the draft: its title is the title', () => {
    expect(pasteReplacesDraft(Docs.empty().blocks, pasted)).toBe(true);
    // a fragment without a title never replaces
    expect(pasteReplacesDraft(Docs.empty().blocks, pasted.slice(3))).toBe(false);
  });

  it('a speech copied with lines before its title (a 简报 masthead) still replaces a new draft; those lines are kept', () => {
    const blocks = clipboardBlocks({ text: '学习活动简报\n第二期\n' + SPEECH })!;
    expect(rows(blocks).slice(0, 2)).toEqual([
      ['paragraph', '学习活动简报第二期'],
      ['title', '在2024年全市工作会议上的讲话'],
    ]);
    expect(pasteReplacesDraft(Docs.empty().blocks, blocks)).toBe(true);
    // a heading before the title: not a speech with a masthead
    expect(pasteReplacesDraft(Docs.empty().blocks, [Blocks.heading(1, '总体要求'), ...pasted])).toBe(false);
  });

  it('into a draft with a title, the pasted title, byline and salutation become body paragraphs', () => {
    const draft = [Blocks.make('title', '在2025年全市工作会议上的讲话'), Blocks.make('salutation', '同志们：'), Blocks.paragraph('开场白。')];
    expect(pasteReplacesDraft(draft, pasted)).toBe(false);
    const fitted = fitPastedFront(pasted, draft, draft);
    expect(rows(fitted)).toEqual([
      ['paragraph', '在2024年全市工作会议上的讲话'],
      ['paragraph', '（2024年3月5日）'],
      ['paragraph', '同志们：'],
      ['heading', '总体要求'],
      ['paragraph', '今年的工作要稳字当头。'],
    ]);
    expect(fitted.filter((b) => b.type === 'title')).toHaveLength(0);
    // the heading keeps its level; no extra keys on the converted blocks
    expect(fitted[3]).toEqual(pasted[3]);
    expect(Object.keys(fitted[0]).sort()).toEqual(['children', 'type']);
  });

  it('caret right after the title of a draft that has a salutation: the pasted front matter is all body text', () => {
    const draft = [Blocks.make('title', '在2025年全市工作会议上的讲话'), Blocks.make('salutation', '同志们：'), Blocks.paragraph('')];
    expect(rows(fitPastedFront(pasted, draft, draft.slice(0, 1))).slice(0, 3)).toEqual([
      ['paragraph', '在2024年全市工作会议上的讲话'],
      ['paragraph', '（2024年3月5日）'],
      ['paragraph', '同志们：'],
    ]);
  });

  it('a byline and salutation pasted right after the title of a draft that has neither keep their kinds', () => {
    const front = [Blocks.make('byline', '（2024年3月5日）'), Blocks.make('salutation', '同志们：'), Blocks.paragraph('今年的工作要稳字当头。')];
    const titled = [Blocks.make('title', '讲话'), Blocks.paragraph('')];
    expect(fitPastedFront(front, titled, titled.slice(0, 1))).toEqual(front);
    // below body text they are body text
    const withBody = [Blocks.make('title', '讲话'), Blocks.paragraph('正文。')];
    expect(fitPastedFront(front, withBody, withBody).map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'paragraph']);
  });

  it('a draft with body text but an empty title: the title is not put into the middle of the body', () => {
    const draft = [Blocks.make('title', ''), Blocks.make('salutation', '同志们：'), Blocks.paragraph('已有的正文。')];
    expect(pasteReplacesDraft(draft, pasted)).toBe(false);
    const fitted = fitPastedFront(pasted, draft, draft);
    expect(fitted.slice(0, 3).map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'paragraph']);
    // at the very start of such a draft (nothing with text before), the pasted title is the title
    const atStart = fitPastedFront(pasted, draft, []);
    expect(atStart.map((b) => b.type).slice(0, 3)).toEqual(['title', 'byline', 'paragraph']);
  });

  it('a title with manual line breaks becomes one paragraph; no text is lost', () => {
    const title: Block = { type: 'title', children: [{ text: '关于深入推进改革\n在全市会议上的讲话' }] };
    const fitted = fitPastedFront([title, Blocks.paragraph('正文。')], [Blocks.make('title', '原标题')], []);
    expect(rows(fitted)).toEqual([
      ['paragraph', '关于深入推进改革在全市会议上的讲话'],
      ['paragraph', '正文。'],
    ]);
  });
});
