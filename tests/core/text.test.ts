import { describe, expect, it } from 'vitest';
import { Blocks } from '../../src/core/model/block';
import { extractOutline } from '../../src/core/outline/index';
import { cleanText, parseWrittenNumber, splitBundle, stripWrittenNumber, textToDoc, toOriginalOffset } from '../../src/core/text/index';
import { lintOfText, outlineOfText } from '../../src/services/templates/handlers';

const shape = (text: string) => textToDoc(text).blocks.map((b) => [b.type, Blocks.text(b)]);

describe('the one text core', () => {
  it('2024 政府工作报告: office, spaced name and salutation stay apart; the ——date line is a byline', () => {
    const t = [
      '政府工作报告',
      '——2024年3月5日在第十四届全国人民代表大会第二次会议上',
      '国务院总理',
      '李　强',
      '各位代表：',
      '现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。',
      '一、2023年工作回顾',
      '过去一年是全面贯彻党的二十大精神的开局之年。',
    ].join('\n');
    expect(shape(t)).toEqual([
      ['title', '政府工作报告'],
      ['byline', '——2024年3月5日在第十四届全国人民代表大会第二次会议上'],
      ['byline', '国务院总理　李强'],
      ['salutation', '各位代表：'],
      ['paragraph', '现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。'],
      ['heading', '2023年工作回顾'],
      ['paragraph', '过去一年是全面贯彻党的二十大精神的开局之年。'],
    ]);
    const o = extractOutline(t);
    expect([o.title, o.speaker, o.date, o.salutation]).toEqual(['政府工作报告', '李强', '2024年3月5日', '各位代表：']);
  });

  it('one bundle splitter: 第11篇 and 第12篇 give two pieces to outline, lint and the library alike', () => {
    const t = '第11篇：在甲会上的讲话\n同志们：\n一、要求\n正文一。\n第12篇：在乙会上的讲话\n同志们：\n一、任务\n正文二。';
    const parts = splitBundle(t);
    expect(parts.map((p) => [p.label, p.number, p.title])).toEqual([
      ['第11篇', 11, '在甲会上的讲话'],
      ['第12篇', 12, '在乙会上的讲话'],
    ]);
    const pieces = outlineOfText(t).pieces;
    expect(pieces.map((p) => [p.label, p.outline.title, p.outline.headings.map((h) => h.text)])).toEqual([
      ['第11篇', '在甲会上的讲话', ['要求']],
      ['第12篇', '在乙会上的讲话', ['任务']],
    ]);
    expect(t.slice(pieces[1].outline.headings[0].start, pieces[1].outline.headings[0].end)).toBe('一、任务');
    expect(lintOfText(t).filter((f) => f.kind === 'numbering')).toEqual([]);
  });

  it('one grammar of numbers: every written form, 一是 labels are not headings, ① is a typed number in a heading', () => {
    const cases: [string, number, string][] = [
      ['一、总体要求', 1, '一、'],
      ['一．总体要求', 1, '一．'],
      ['（一）具体任务', 2, '（一）'],
      ['(一)具体任务', 2, '(一)'],
      ['1.细化', 3, '1.'],
      ['1．细化', 3, '1．'],
      ['1、细化', 3, '1、'],
      ['（1）要有拼劲', 4, '（1）'],
      ['⑴要有拼劲', 4, '⑴'],
    ];
    for (const [line, level, numbering] of cases) expect(parseWrittenNumber(line), line).toMatchObject({ level, numbering });
    expect(parseWrittenNumber('一是加强学习')).toBeNull();
    expect(parseWrittenNumber('第一，统一思想')).toBeNull();
    // At a line start of plain text ① is mostly a footnote mark; in a heading's own text it is a typed number.
    expect(parseWrittenNumber('①参见某文件。')).toBeNull();
    expect(stripWrittenNumber('①落实责任')).toBe('落实责任');
    expect(stripWrittenNumber('一、一、总体要求')).toBe('一、总体要求');
    expect(stripWrittenNumber('2008年工作')).toBe('2008年工作');
    expect(shape('讲话\n一是加强学习。\n二是改进作风。')).toEqual([
      ['title', '讲话'],
      ['paragraph', '一是加强学习。'],
      ['paragraph', '二是改进作风。'],
    ]);
  });

  it('a line of 130,000 characters is cleaned and recognised (no stack overflow), offsets exact', () => {
    const line = '我们要继续加强机关作风建设 2 关，切实转变工作作风'.repeat(5200).slice(0, 130_000);
    const text = `在大会上的讲话\n${line}。`;
    const r = cleanText(text);
    expect(r.text.length).toBeLessThan(text.length);
    for (const at of [0, 1000, 65_000, r.text.length - 1]) expect(text[toOriginalOffset(r.offsetMap, at)]).toBe(r.text[at]);
    const doc = textToDoc(text);
    expect(doc.blocks.map((b) => b.type)).toEqual(['title', 'paragraph']);
    expect(Blocks.text(doc.blocks[1]).length).toBeGreaterThan(100_000);
    expect(extractOutline(text).paragraphs).toBe(1);
  });

  it('10,000 lines without end punctuation are joined (in linear time) and nothing is lost', () => {
    const line = '各单位要高度重视切实加强组织领导'.repeat(13).slice(0, 200);
    const text = ['在大会上的讲话', ...Array.from({ length: 10_000 }, () => line)].join('\n');
    const doc = textToDoc(text);
    expect(doc.blocks.length).toBe(2);
    expect(Blocks.text(doc.blocks[1]).length).toBe(200 * 10_000);
    expect(extractOutline(text).paragraphs).toBe(1);
  });
});

describe('clipboard content → blocks (paste)', () => {
  it('a fragment (one line, or HTML of one paragraph) is no blocks: it is pasted as plain text', async () => {
    const { clipboardBlocks } = await import('../../src/core/text/paste');
    expect(clipboardBlocks({ text: '稳中求进' })).toBeNull();
    expect(clipboardBlocks({ html: '<span>稳中求进</span>', text: '稳中求进' })).toBeNull();
    const blocks = clipboardBlocks({ text: '一、总体要求\n正文。' })!;
    expect(blocks.map((b) => [b.type, b.level, Blocks.text(b)])).toEqual([
      ['heading', 1, '总体要求'],
      ['paragraph', undefined, '正文。'],
    ]);
    // Plain text and Word HTML of the same speech: the same blocks, as importing that text gives.
    const text = '在大会上的讲话\n同志们：\n一、总体要求\n今年的工作要稳字当头。';
    const html = '<p class=MsoTitle>在大会上的讲话</p><p>同志们：</p><h1>一、总体要求</h1><p>今年的工作要稳字当头。</p>';
    expect(clipboardBlocks({ html, text })).toEqual(clipboardBlocks({ text }));
    expect(clipboardBlocks({ text })).toEqual(textToDoc(text).blocks);
  });
});
