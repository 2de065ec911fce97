import { describe, expect, it } from 'vitest';
import { DOMParser } from '@xmldom/xmldom';
import { buildDocx, exportDocx } from '../../src/services/docx/export';
import { layoutMetrics, resolveLayout, validateLayout } from '../../src/core/layout/gongwen';
import type { SpeechDoc } from '../../src/core/model/types';
import { docxPart } from './helpers';

// A strict reader: any XML problem fails the test.
function parse(xml: string) {
  return new DOMParser({
    errorHandler: {
      // xmldom reports mismatched tags as warnings: every report fails.
      warning: (msg: string) => {
        throw new Error(`XML warning: ${msg}`);
      },
      error: (msg: string) => {
        throw new Error(`XML error: ${msg}`);
      },
      fatalError: (msg: string) => {
        throw new Error(`XML fatal error: ${msg}`);
      },
    },
  }).parseFromString(xml, 'text/xml');
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const els = (node: { getElementsByTagNameNS(ns: string, n: string): ArrayLike<Element> }, name: string): Element[] =>
  Array.from(node.getElementsByTagNameNS(W, name));
const attr = (el: Element | undefined, name: string) => el?.getAttributeNS(W, name) ?? el?.getAttribute(`w:${name}`) ?? null;
const textOf = (p: Element) => els(p, 't').map((t) => t.textContent).join('');

const DOC: SpeechDoc = {
  blocks: [
    { type: 'title', children: [{ text: '在全市机关干部大会上的讲话' }] },
    { type: 'byline', children: [{ text: '孙建国（2009年2月2日）' }] },
    { type: 'salutation', children: [{ text: '同志们：' }] },
    { type: 'paragraph', children: [{ text: '这次大会的主题是落实2008年全会精神，GDP增长13%。' }] },
    { type: 'heading', level: 1, children: [{ text: '肯定成绩' }] },
    { type: 'paragraph', children: [{ text: '' }], guidance: '这里写成绩（指引文字）' },
    { type: 'heading', level: 2, children: [{ text: '服务企业' }] },
    { type: 'paragraph', children: [{ text: '企业是经济发展的微观基础。' }] },
    { type: 'heading', level: 3, children: [{ text: '要想干事' }] },
    { type: 'heading', level: 4, children: [{ text: '要有拼劲' }] },
    { type: 'heading', level: 1, children: [{ text: '崇尚实干' }] },
  ],
};

describe('the strict XML reader used below', () => {
  it('rejects malformed XML', () => {
    expect(() => parse('<w:document xmlns:w="x"><w:p></w:document>')).toThrow();
  });
});

describe('layout figures', () => {
  it('derives the GB/T 9704 grid: 579 twips a line, charSpace ≈ −848, characters condensed so 28 fit', () => {
    const m = layoutMetrics(resolveLayout(undefined));
    expect(m.pageWidthTwip).toBe(11906);
    expect(m.pageHeightTwip).toBe(16838);
    expect(m.margin).toEqual({ top: 2098, bottom: 1984, left: 1587, right: 1474 });
    expect(m.linePitchTwip).toBe(579);
    expect(m.charSpace).toBeGreaterThan(-860);
    expect(m.charSpace).toBeLessThan(-840);
    // 28 condensed characters fit the 156 mm line, 29 do not.
    const w = 16 - m.condensePt;
    expect(28 * w).toBeLessThanOrEqual(m.textWidthPt);
    expect(29 * w).toBeGreaterThan(m.textWidthPt);
    expect(22 * m.linePitchPt).toBeLessThanOrEqual(m.textHeightPt);
    expect(23 * m.linePitchPt).toBeGreaterThan(m.textHeightPt);
  });

  it('refuses impossible settings', () => {
    expect(validateLayout(resolveLayout({ charsPerLine: 60, marginLeftMm: 70, marginRightMm: 70 }))).not.toEqual([]);
    expect(validateLayout(resolveLayout({}))).toEqual([]);
  });
});

describe('exported XML', async () => {
  const bytes = await exportDocx(DOC, { date: new Date('2026-01-02T03:04:05Z') });
  const doc = parse(await docxPart(bytes, 'word/document.xml'));
  const paras = els(doc, 'p');

  it('has A4, the margins, the 22-line grid and odd/even footers', async () => {
    const sect = els(doc, 'sectPr')[0];
    const pgSz = els(sect, 'pgSz')[0];
    expect([attr(pgSz, 'w'), attr(pgSz, 'h')]).toEqual(['11906', '16838']);
    const mar = els(sect, 'pgMar')[0];
    expect([attr(mar, 'top'), attr(mar, 'bottom'), attr(mar, 'left'), attr(mar, 'right')]).toEqual(['2098', '1984', '1587', '1474']);
    const grid = els(sect, 'docGrid')[0];
    expect(attr(grid, 'type')).toBe('linesAndChars');
    expect(attr(grid, 'linePitch')).toBe('579');
    const refs = els(sect, 'footerReference').map((r) => attr(r, 'type'));
    expect(refs.sort()).toEqual(['default', 'even']);
    const settings = await docxPart(bytes, 'word/settings.xml');
    expect(settings).toMatch(/<w:evenAndOddHeaders(\s+w:val="(true|1)")?\s*\/>/);
  });

  it('writes every block but never guidance, with generated heading numbers', () => {
    expect(paras.map(textOf)).toEqual([
      '在全市机关干部大会上的讲话',
      '孙建国（2009年2月2日）',
      '同志们：',
      '这次大会的主题是落实2008年全会精神，GDP增长13%。',
      '一、肯定成绩',
      '（一）服务企业',
      '企业是经济发展的微观基础。',
      '1.要想干事',
      '（1）要有拼劲',
      '二、崇尚实干',
    ]);
    expect(doc.toString()).not.toContain('指引文字');
  });

  it('puts East Asian and Latin fonts, size and exact spacing on every run', () => {
    const expectEast = ['方正小标宋简体', '楷体_GB2312', '仿宋_GB2312', '仿宋_GB2312', '黑体', '楷体_GB2312', '仿宋_GB2312', '仿宋_GB2312', '仿宋_GB2312', '黑体'];
    paras.forEach((p, i) => {
      const runs = els(p, 'r');
      expect(runs.length).toBeGreaterThan(0);
      for (const r of runs) {
        const f = els(r, 'rFonts')[0];
        expect(attr(f, 'eastAsia')).toBe(expectEast[i]);
        expect(attr(f, 'ascii')).toBe('Times New Roman');
        expect(attr(f, 'hAnsi')).toBe('Times New Roman');
        expect(attr(els(r, 'sz')[0], 'val')).toBe(i === 0 ? '44' : '32');
      }
      const sp = els(p, 'spacing').find((s) => s.parentNode && (s.parentNode as Element).localName === 'pPr');
      expect(attr(sp, 'line')).toBe('579');
      expect(attr(sp, 'lineRule')).toBe('exact');
    });
    // Level 3 is bold; the others are not.
    expect(els(paras[7], 'b').length).toBeGreaterThan(0);
    expect(els(paras[4], 'b').length).toBe(0);
    // Title and byline centred, salutation flush left, body indented two characters.
    expect(attr(els(paras[0], 'jc')[0], 'val')).toBe('center');
    expect(attr(els(paras[1], 'jc')[0], 'val')).toBe('center');
    expect(els(paras[2], 'ind').length).toBe(0);
    expect(attr(els(paras[3], 'ind')[0], 'firstLineChars')).toBe('200');
  });

  it('gives headings outline levels (navigation pane) and the body none', () => {
    const lvl = paras.map((p) => attr(els(p, 'outlineLvl')[0], 'val'));
    expect(lvl).toEqual([null, null, null, null, '0', '1', null, '2', '3', '0']);
  });

  it('has page numbers — N — with a PAGE field, odd right and even left, one character in', async () => {
    const rels = await docxPart(bytes, 'word/_rels/document.xml.rels');
    const sect = els(doc, 'sectPr')[0];
    const target = (type: string) => {
      const id = els(sect, 'footerReference')
        .find((r) => attr(r, 'type') === type)!
        .getAttribute('r:id');
      return new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
    };
    for (const [type, align, side] of [
      ['default', 'right', 'right'],
      ['even', 'left', 'left'],
    ] as const) {
      const xml = parse(await docxPart(bytes, `word/${target(type)}`));
      const p = els(xml, 'p')[0];
      expect(attr(els(p, 'jc')[0], 'val')).toBe(align);
      expect(attr(els(p, 'ind')[0], side)).toBe('280');
      expect(xml.toString()).toMatch(/PAGE/);
      expect(textOf(p)).toBe('— ' + ' —');
      for (const r of els(p, 'r')) {
        const f = els(r, 'rFonts')[0];
        if (!f) continue;
        expect(attr(f, 'eastAsia')).toBe('宋体');
        expect(attr(f, 'ascii')).toBe('宋体');
        expect(attr(els(r, 'sz')[0], 'val')).toBe('28');
      }
    }
  });

  it('makes the Normal style carry the body size and not snap to the character grid', async () => {
    const styles = await docxPart(bytes, 'word/styles.xml');
    const normal = /<w:style w:type="paragraph" w:styleId="Normal"[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? '';
    expect(normal).toContain('<w:snapToGrid w:val="0"/>');
    expect(normal).toContain('<w:sz w:val="32"/>');
    parse(styles);
  });

  it('applies font and margin settings', async () => {
    const b = await exportDocx(DOC, { layout: { marginLeftMm: 30, fonts: { body: '方正仿宋_GBK', heading1: '方正黑体_GBK' } } });
    const xml = await docxPart(b, 'word/document.xml');
    expect(xml).toContain('w:left="1701"');
    expect(xml).toContain('w:eastAsia="方正仿宋_GBK"');
    expect(xml).toContain('w:eastAsia="方正黑体_GBK"');
  });
});

describe('review mode', () => {
  it('writes a well-formed comment naming source and similarity on each passage', async () => {
    const built = await buildDocx(DOC, {
      mode: 'review',
      passages: [
        { blockIndex: 3, start: 2, end: 10, sourceTitle: '2008年政府工作报告', similarity: 0.873 },
        { blockIndex: 7, start: 0, end: 9, sourceTitle: '第二篇', similarity: 1, locator: '第3段' },
      ],
    });
    expect(built.comments).toBe(2);
    const comments = parse(await docxPart(built.bytes, 'word/comments.xml'));
    const cs = els(comments, 'comment');
    expect(cs.map((c) => textOf(c))).toEqual(['疑似重复：与《2008年政府工作报告》相似度 87%', '疑似重复：与《第二篇》（第3段）相似度 100%']);
    const doc = parse(await docxPart(built.bytes, 'word/document.xml'));
    const starts = els(doc, 'commentRangeStart').map((e) => attr(e, 'id'));
    const ends = els(doc, 'commentRangeEnd').map((e) => attr(e, 'id'));
    const refs = els(doc, 'commentReference').map((e) => attr(e, 'id'));
    expect(starts).toEqual(['0', '1']);
    expect(ends).toEqual(starts);
    expect(refs).toEqual(starts);
    // The commented range is exactly the passage.
    const p = els(doc, 'p')[3];
    const xml = p.toString();
    const inner = xml.slice(xml.indexOf('commentRangeStart'), xml.indexOf('commentRangeEnd'));
    expect(inner.replace(/<[^>]+>/g, '').replace(/^[^>]*>/, '')).toContain('大会的主题是落实');
    expect(textOf(p)).toBe('这次大会的主题是落实2008年全会精神，GDP增长13%。');
  });
});

describe('revisions mode', () => {
  it('writes w:ins and w:del with author and date against the earlier text', async () => {
    const before: SpeechDoc = {
      blocks: [
        { type: 'title', children: [{ text: '在全市机关干部大会上的讲话' }] },
        { type: 'salutation', children: [{ text: '同志们：' }] },
        { type: 'paragraph', children: [{ text: '这次大会的主题是落实全会精神。' }] },
        { type: 'paragraph', children: [{ text: '这一段后来删掉了，整段不要。' }] },
        { type: 'heading', level: 1, children: [{ text: '肯定成绩' }] },
      ],
    };
    const after: SpeechDoc = {
      blocks: [
        { type: 'title', children: [{ text: '在全市机关干部大会上的讲话' }] },
        { type: 'salutation', children: [{ text: '同志们：' }] },
        { type: 'paragraph', children: [{ text: '这次大会的主题是认真落实全会精神。' }] },
        { type: 'heading', level: 1, children: [{ text: '肯定成绩' }] },
        { type: 'paragraph', children: [{ text: '新加的一段。' }] },
      ],
    };
    const date = new Date('2026-03-04T05:06:07Z');
    const built = await buildDocx(after, { mode: 'revisions', against: before, author: '秘书科', date });
    const doc = parse(await docxPart(built.bytes, 'word/document.xml'));
    const ins = els(doc, 'ins');
    const del = els(doc, 'del');
    expect(ins.length).toBeGreaterThan(0);
    expect(del.length).toBeGreaterThan(0);
    for (const e of [...ins, ...del]) {
      expect(attr(e, 'author')).toBe('秘书科');
      expect(attr(e, 'date')).toBe('2026-03-04T05:06:07Z');
      expect(attr(e, 'id')).toMatch(/^\d+$/);
    }
    const ids = [...ins, ...del].map((e) => attr(e, 'id'));
    expect(new Set(ids).size).toBe(ids.length);
    const insText = ins.map((e) => els(e, 't').map((t) => t.textContent).join('')).join('|');
    const delText = del.map((e) => els(e, 'delText').map((t) => t.textContent).join('')).join('|');
    expect(insText).toContain('认真');
    expect(insText).toContain('新加的一段。');
    expect(delText).toContain('这一段后来删掉了，整段不要。');
    // The whole deleted paragraph's mark is tracked too, so accepting removes the paragraph.
    const delPara = els(doc, 'p').find((p) => els(p, 'delText').some((t) => t.textContent?.includes('整段不要')))!;
    expect(els(els(delPara, 'pPr')[0], 'del').length).toBe(1);
    // Accepting every change gives the current text; rejecting gives the earlier one.
    const accepted = els(doc, 'p')
      .map((p) => els(p, 't').map((t) => t.textContent).join(''))
      .filter((t, i) => !(els(els(doc, 'p')[i], 'pPr')[0] && els(els(els(doc, 'p')[i], 'pPr')[0], 'del').length));
    expect(accepted).toEqual(['在全市机关干部大会上的讲话', '同志们：', '这次大会的主题是认真落实全会精神。', '一、肯定成绩', '新加的一段。']);
    expect(built.revisions).toBeGreaterThanOrEqual(4);
  });
});
