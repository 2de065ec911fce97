import { describe, expect, it } from 'vitest';
import { Blocks } from '../../src/core/model/block';
import { lintDoc } from '../../src/core/outline/index';
import { splitBundle, textToDoc } from '../../src/core/text/index';
import { docPunctuationEdits, fixDocPunctuation, fixHalfWidthPunctuation } from '../../src/core/proofread/punctuation';
import { Proofreader, proofreadText } from '../../src/core/proofread/index';
import type { SpeechDoc } from '../../src/core/model/types';
import { hasShared, readMiniSeed, readSeed } from '../helpers/shared';

const fix = (s: string) => fixHalfWidthPunctuation(s).text;

describe('fixHalfWidthPunctuation', () => {
  it('makes , ; : ! ? next to Chinese full-width', () => {
    expect(fix('同志们:')).toBe('同志们：');
    expect(fix('肯定成绩,进一步增强;列全省第二')).toBe('肯定成绩，进一步增强；列全省第二');
    expect(fix('表示热烈的祝贺!怎么办?')).toBe('表示热烈的祝贺！怎么办？');
    expect(fix('“三服务”,活动')).toBe('“三服务”，活动');
    // After a number or a percentage, before Chinese.
    expect(fix('增长13%,高于全省2.9个百分点')).toBe('增长13%，高于全省2.9个百分点');
    expect(fix('2008年,是')).toBe('2008年，是');
    expect(fix('增长13.7%,30个项目')).toBe('增长13.7%，30个项目');
  });

  it('leaves numbers, times, decimals, URLs, list numbers and English alone', () => {
    for (const s of ['2.9', '13%', '5.3‰', '10:30', '1,000', 'www.example.com', 'https://a.cn/x?q=1&b=2', '1.加强领导', 'Hello, world!', 'f(x) = 1', 'A:B', "don't", 'say "hi" now']) {
      expect(fix(s), s).toBe(s);
    }
    expect(fix('时间10:30,地点')).toBe('时间10:30，地点');
    expect(fix('共1,000元,合计')).toBe('共1,000元，合计');
    expect(fix('请访问www.example.com,谢谢')).toBe('请访问www.example.com，谢谢');
    // An English phrase inside Chinese keeps its own punctuation.
    expect(fix('他说Hello, world! 然后走了')).toBe('他说Hello, world! 然后走了');
    expect(fix('备注:see note 1, page 2')).toBe('备注：see note 1, page 2');
  });

  it('parentheses around Chinese content, straight quotes paired inside Chinese text', () => {
    expect(fix('(一)加强学习')).toBe('（一）加强学习');
    expect(fix('孙 建 国(2009年2月2日)')).toBe('孙 建 国（2009年2月2日）');
    expect(fix('(1)加强')).toBe('（1）加强');
    expect(fix('见公式(x)')).toBe('见公式(x)');
    expect(fix('开展"三服务"活动')).toBe('开展“三服务”活动');
    expect(fix('他说"OK"就走')).toBe('他说“OK”就走');
    // Mixed: a curly pair stays, a straight pair is converted, an unpaired straight quote is left.
    expect(fix('“甲”和"乙"及"丙')).toBe('“甲”和“乙”及"丙');
    // Pairs don't run across lines.
    expect(fix('甲"乙\n丙"丁')).toBe('甲"乙\n丙"丁');
  });

  it('is length-preserving and reports each change at its offset', () => {
    const s = '同志们:一是(甲),二是"乙";10:30开会!';
    const r = fixHalfWidthPunctuation(s);
    expect(r.text).toBe('同志们：一是（甲），二是“乙”；10:30开会！');
    expect(r.text.length).toBe(s.length);
    for (const c of r.changes) {
      expect(s[c.index]).toBe(c.from);
      expect(r.text[c.index]).toBe(c.to);
    }
    expect(r.changes).toHaveLength(8);
    expect(fixHalfWidthPunctuation('')).toEqual({ text: '', changes: [] });
  });
});

/** The 校对 half-width findings of a document, per block: [blockIndex, offset, from → to]. */
const halfWidthOf = (doc: SpeechDoc) =>
  new Proofreader()
    .check(doc.blocks.map((b) => Blocks.text(b)))
    .filter((x) => x.rule === 'half-width')
    .map((x) => [x.para, x.start, x.message] as const);

describe('校对 half-width findings and the document fix', () => {
  it('one finding per mark, located in its block; fixDocPunctuation keeps marks and leaves', () => {
    const doc = {
      blocks: [
        Blocks.make('title', '讲话'),
        Blocks.make('salutation', '同志们:'),
        { type: 'paragraph' as const, children: [{ text: '一是学习,二是' }, { text: '"实干"', bold: true }, { text: ',三是廉洁。' }] },
        Blocks.paragraph('增长2.9个百分点。'),
      ],
    };
    const f = halfWidthOf(doc);
    expect(f.map((x) => [x[0], x[1]])).toEqual([
      [1, 3],
      [2, 4],
      [2, 7],
      [2, 10],
      [2, 11],
    ]);
    expect(f[0][2]).toBe('中文文本中使用了半角标点“:”，应为“：”');
    expect(f[1][2]).toBe('中文文本中使用了半角标点“,”，应为“，”');
    const edits = docPunctuationEdits(doc).filter((e) => e.blockIndex === 2);
    expect(edits.map((e) => [e.child, e.offset, e.to])).toEqual([
      [0, 4, '，'],
      [1, 0, '“'],
      [1, 3, '”'],
      [2, 0, '，'],
    ]);
    const fixed = fixDocPunctuation(doc);
    expect(fixed.blocks[2].children).toEqual([{ text: '一是学习，二是' }, { text: '“实干”', bold: true }, { text: '，三是廉洁。' }]);
    expect(Blocks.text(fixed.blocks[1])).toBe('同志们：');
    expect(fixed.blocks[3]).toBe(doc.blocks[3]);
    expect(halfWidthOf(fixed)).toEqual([]);
    // The input is not modified.
    expect(Blocks.text(doc.blocks[1])).toBe('同志们:');
  });

  it('proofreadText: one finding per mark, offsets in the text, the fix in the finding', () => {
    const text = '同志们:\n2.9和13%\n一是学习,二是实干,三是廉洁。';
    const f = proofreadText(text).filter((x) => x.rule === 'half-width');
    expect(f.map((x) => [text.slice(x.start, x.end), x.fix])).toEqual([
      [':', '：'],
      [',', '，'],
      [',', '，'],
    ]);
    expect(f[1].start).toBe(text.indexOf(','));
  });

  it('the 检查 lint no longer reports half-width punctuation', () => {
    const doc = { blocks: [Blocks.make('salutation', '同志们:'), Blocks.paragraph('一是学习,二是实干。')] };
    expect(lintDoc(doc).map((x) => x.kind as string)).not.toContain('half-width-punctuation');
  });
});

describe.skipIf(!hasShared)('the seed’s first speech', () => {
  const seed = hasShared ? readSeed() : '';
  const piece = hasShared ? ((p) => ({ start: p.markerStart ?? p.start, end: p.end }))(splitBundle(seed)[0]) : { start: 0, end: 0 };
  const text = seed.slice(piece.start, piece.end);

  it('fixes its half-width punctuation and nothing in its numbers', () => {
    const r = fixHalfWidthPunctuation(text);
    expect(r.changes.length).toBeGreaterThan(100);
    expect(r.text.length).toBe(text.length);
    expect(r.text).toContain('同志们：\n');
    expect(r.text).toContain('一、肯定成绩，进一步增强机关作风建设的紧迫感责任感');
    expect(r.text).toContain('孙 建 国（2009年2月2日）');
    expect(r.text).toContain('全市生产总值增长13%，高于全省平均水平2.9个百分点，列全省第二；规模以上');
    expect(r.text).toContain('人口自然增长率控制在5.3‰以内');
    expect(r.text).toContain('表示热烈的祝贺！');
    expect(r.text).toContain('（一）服务企业，大力帮扶企业发展');
    // Every change is of a half-width mark; digits and decimal points are untouched.
    expect(r.changes.every((c) => ',;:!?()"'.includes(c.from))).toBe(true);
    expect(r.text.match(/\d+\.\d+/gu)).toEqual(text.match(/\d+\.\d+/gu));
  });

  it('校对 on it as a document: the salutation and every heading are flagged; none left after the fix', () => {
    const doc = textToDoc(text);
    const f = halfWidthOf(doc);
    const at = (i: number) => f.filter((x) => x[0] === i);
    const sal = doc.blocks.findIndex((b) => b.type === 'salutation');
    expect(at(sal)).toHaveLength(1);
    expect(at(sal)[0][2]).toBe('中文文本中使用了半角标点“:”，应为“：”');
    for (const [i, b] of doc.blocks.entries()) if (b.type === 'heading') expect(at(i).length, Blocks.text(b)).toBeGreaterThan(0);
    const fixed = fixDocPunctuation(doc);
    expect(halfWidthOf(fixed)).toEqual([]);
    // The structure findings are the same before and after.
    const others = (d: typeof doc) => lintDoc(d).map((x) => [x.kind, x.blockIndex]);
    expect(others(fixed)).toEqual(others(doc));
  });
});

describe('the synthetic bundle’s first speech (tests/fixtures/mini-seed.txt)', () => {
  const seed = readMiniSeed();
  const p = splitBundle(seed)[0];
  const text = seed.slice(p.markerStart ?? p.start, p.end);

  it('fixes its half-width punctuation and nothing in its numbers', () => {
    const r = fixHalfWidthPunctuation(text);
    expect(r.changes.length).toBeGreaterThan(30);
    expect(r.text.length).toBe(text.length);
    expect(r.text).toContain('同志们：\n');
    expect(r.text).toContain('一、肯定成绩，进一步增强作风建设的责任感');
    expect(r.text).toContain('李 志 明（2011年2月9日）');
    expect(r.text).toContain('全县生产总值增长12.6%，财政总收入增长15.3%，城乡居民');
    expect(r.text).toContain('表示热烈的祝贺！');
    expect(r.text).toContain('（一）强化服务意识');
    expect(r.changes.every((c) => ',;:!?()"'.includes(c.from))).toBe(true);
    expect(r.text.match(/\d+\.\d+/gu)).toEqual(text.match(/\d+\.\d+/gu));
  });

  it('校对 on it as a document: the salutation and every heading are flagged; none left after the fix', () => {
    const doc = textToDoc(text);
    const f = halfWidthOf(doc);
    const sal = doc.blocks.findIndex((b) => b.type === 'salutation');
    expect(f.filter((x) => x[0] === sal)).toHaveLength(1);
    const marked = [...doc.blocks.entries()].filter(([, b]) => b.type === 'heading' && /[,;:!?]/u.test(Blocks.text(b)));
    expect(marked.length).toBeGreaterThanOrEqual(3);
    for (const [i, b] of marked) expect(f.filter((x) => x[0] === i).length, Blocks.text(b)).toBeGreaterThan(0);
    const fixed = fixDocPunctuation(doc);
    expect(halfWidthOf(fixed)).toEqual([]);
    const others = (d: typeof doc) => lintDoc(d).map((x) => [x.kind, x.blockIndex]);
    expect(others(fixed)).toEqual(others(doc));
  });
});
