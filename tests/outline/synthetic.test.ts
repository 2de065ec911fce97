import { describe, expect, it } from 'vitest';
import { Blocks } from '../../src/core/model/block';
import { extractOutline, lintDoc, lintText } from '../../src/core/outline/index';
import { parseWrittenNumber, textToDoc } from '../../src/core/text/index';

describe('written heading numbers', () => {
  it.each([
    ['一、总体要求', 1, '一、', 1],
    ['十二、其他', 1, '十二、', 12],
    ['一．总体要求', 1, '一．', 1],
    ['（一）重点任务', 2, '（一）', 1],
    ['(三)重点任务', 2, '(三)', 3],
    ['（ 四 ）重点任务', 2, '（ 四 ）', 4],
    ['1.具体措施', 3, '1.', 1],
    ['2．具体措施', 3, '2．', 2],
    ['3、具体措施', 3, '3、', 3],
    ['（1）落实责任', 4, '（1）', 1],
    ['(2)落实责任', 4, '(2)', 2],
    ['⑶落实责任', 4, '⑶', 3],
  ])('%s → level %i', (line, level, numbering, value) => {
    expect(parseWrittenNumber(line)).toMatchObject({ level, numbering, value });
  });

  it.each(['一是加强领导', '2008年以来', '1.39万名干部', '第一，要想干事', '一,二,三', '①注释'])('%s is not a heading number', (line) => {
    expect(parseWrittenNumber(line)).toBeNull();
  });
});

describe('extraction on small texts', () => {
  it('full-width and half-width forms, run-in headings, a long numbered sentence is a list item', () => {
    const text = [
      '在全县工作会议上的讲话',
      '（2024年3月1日）',
      '各位领导、同志们：',
      '一、总体要求',
      '（一）坚持稳中求进。今年的工作要稳字当头。',
      '1.加强组织领导',
      '各单位要高度重视。',
      '2. 今年我们要在全县范围内全面开展作风建设年活动，通过一系列扎实有效的措施推动各项工作落到实处，确保取得实效。',
      '二、重点任务',
      '正文。',
    ].join('\r\n');
    const o = extractOutline(text);
    expect(o.title).toBe('在全县工作会议上的讲话');
    expect(o.speaker).toBeNull();
    expect(o.date).toBe('2024年3月1日');
    expect(o.salutation).toBe('各位领导、同志们：');
    expect(o.headings.map((h) => [h.level, h.numbering, h.text, h.runIn])).toEqual([
      [1, '一、', '总体要求', false],
      [2, '（一）', '坚持稳中求进', true],
      [3, '1.', '加强组织领导', false],
      [1, '二、', '重点任务', false],
    ]);
    for (const h of o.headings) expect(text.slice(h.start, h.end)).toBe(h.numbering + h.text);
    // The long `2.` line is a list item, but still counts in the numbering sequence: no finding.
    expect(lintText(text).filter((f) => f.kind === 'numbering')).toEqual([]);
  });

  it('finds 一是…二是… and 首先…其次…最后 enumerations and flags a skipped and a repeated marker', () => {
    const text = '一、要求\n我们要做到：一是加强学习；三是改进作风；三是狠抓落实。\n首先，统一思想。其次，明确责任。最后，严格考核。\n';
    const o = extractOutline(text);
    expect(o.enumerations.map((e) => [e.kind, e.items.map((i) => i.value)])).toEqual([
      ['一是', [1, 3, 3]],
      ['第一', [1, 2, 3]],
    ]);
    const f = lintText(text).filter((x) => x.kind === 'numbering');
    expect(f.map((x) => text.slice(x.start, x.end))).toEqual(['三是', '三是']);
    expect(f[0].message).toContain('缺少“二是”');
    expect(f[1].message).toContain('重复');
  });

  it('level skip, mixed styles, heading punctuation and an empty section', () => {
    const text = '一、总体要求\n1.加强领导\n正文。\n（二）第二项：\n正文。\n(三)第三项\n正文。\n二、空的一节\n三、最后\n正文。';
    const kinds = lintText(text).map((f) => [f.kind, text.slice(f.start, f.end).slice(0, 6)]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['level-skip', '1.加强领导'],
        ['numbering', '（二）第二项'],
        ['heading-punctuation', '：'],
        ['mixed-style', '(三)第三项'],
        ['empty-section', '二、空的一节'],
      ]),
    );
  });

  it('empty and whitespace-only input give an empty outline and a minimal document', () => {
    expect(extractOutline('')).toMatchObject({ title: null, headings: [], enumerations: [] });
    expect(textToDoc('  \n\n').blocks.map((b) => b.type)).toEqual(['title', 'paragraph']);
    expect(lintText('')).toEqual([]);
  });
});

describe('lintDoc on documents', () => {
  it('typed numbers, heading punctuation, level skip and an empty section; enumerations located by block', () => {
    const doc = {
      blocks: [
        Blocks.make('title', '讲话'),
        Blocks.heading(1, '一、总体要求'),
        Blocks.paragraph('正文。'),
        Blocks.heading(3, '加强领导。'),
        Blocks.paragraph('要做到：一是学习；二是实干；二是廉洁。'),
        Blocks.heading(1, '空节'),
      ],
    };
    const f = lintDoc(doc);
    expect(f.map((x) => [x.kind, x.blockIndex])).toEqual([
      ['typed-number', 1],
      ['level-skip', 3],
      ['heading-punctuation', 3],
      ['numbering', 4],
      ['empty-section', 5],
    ]);
    const n = f.find((x) => x.kind === 'numbering')!;
    expect(Blocks.text(doc.blocks[4]).slice(n.offset!, n.offset! + n.length!)).toBe('二是');
  });
});

describe('textToDoc on a file bundling several speeches', () => {
  it('keeps 第N篇 markers and title lines as their own paragraphs', () => {
    const text = '第一篇：在甲会上的讲话\n同志们：\n正文一。\n第二篇：在乙会上的讲话\n在乙会上的讲话\n正文二\n继续。';
    const texts = textToDoc(text).blocks.map((b) => [b.type, Blocks.text(b)]);
    expect(texts).toEqual([
      ['title', '在甲会上的讲话'],
      ['salutation', '同志们：'],
      ['paragraph', '正文一。'],
      ['paragraph', '第二篇：在乙会上的讲话'],
      ['paragraph', '在乙会上的讲话'],
      ['paragraph', '正文二继续。'],
    ]);
  });
});

describe('bylines', () => {
  it.each([
    ['在会上的讲话\n孙建国（2009年2月2日）\n同志们：\n正文。', '孙建国', '2009年2月2日'],
    ['在会上的讲话\n孙建国\n（二○○九年二月二日）\n正文。', '孙建国', '二○○九年二月二日'],
    ['关于工作的讲话\n王 小 明 (2020年1月5日)\n同志们:\n正文。', '王小明', '2020年1月5日'],
  ])('%#', (text, speaker, date) => {
    expect(extractOutline(text)).toMatchObject({ speaker, date });
  });
});
