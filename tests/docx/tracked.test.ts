// The 修订稿's XML beyond insertions and deletions (format changes, moves, the last paragraph mark, Word's
// 修订 switch) and the font table; then LibreOffice accepting/rejecting every change.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { buildDocx } from '../../src/services/docx/export';
import { exportedBlocks } from '../../src/services/docx/blocks';
import { Blocks } from '../../src/core/model/block';
import type { SpeechDoc } from '../../src/core/model/types';
import { docxPart, editedSeed, hasLibreOffice, tmpDir } from './helpers';
import { hasShared } from '../helpers/shared';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const parse = (xml: string) =>
  new DOMParser({ errorHandler: { warning: (m: string) => { throw new Error(m); }, error: (m: string) => { throw new Error(m); } } }).parseFromString(xml, 'text/xml');
const els = (node: { getElementsByTagNameNS(ns: string, n: string): ArrayLike<Element> }, name: string): Element[] => Array.from(node.getElementsByTagNameNS(W, name));
const attr = (el: Element | undefined, name: string) => el?.getAttribute(`w:${name}`) ?? null;
const textOf = (p: Element) => [...els(p, 't'), ...els(p, 'delText')].map((t) => t.textContent).join('');

const BEFORE: SpeechDoc = {
  blocks: [
    Blocks.make('title', '在全市机关干部大会上的讲话'),
    Blocks.make('salutation', '同志们：'),
    Blocks.heading(1, '肯定成绩'),
    Blocks.paragraph('这一段后来移到了后面，文字一个字也没有改动。'),
    Blocks.paragraph('这一段保持原样，前后都有它。'),
    Blocks.heading(2, '服务企业'),
    Blocks.paragraph('企业是经济发展的微观基础。'),
    Blocks.paragraph('最后这一段后来整段删掉了。'),
  ],
};
const AFTER: SpeechDoc = {
  blocks: [
    Blocks.make('title', '在全市机关干部大会上的讲话'),
    Blocks.make('salutation', '同志们：'),
    Blocks.heading(1, '肯定成绩'),
    Blocks.paragraph('这一段保持原样，前后都有它。'),
    Blocks.heading(1, '服务企业'), // was level 2
    Blocks.paragraph('这一段后来移到了后面，文字一个字也没有改动。'),
    Blocks.paragraph('企业是经济发展的微观基础。'),
  ],
};
const DATE = new Date('2026-03-04T05:06:07Z');

describe('修订稿 XML', async () => {
  const built = await buildDocx(AFTER, { mode: 'revisions', against: BEFORE, author: '秘书科', date: DATE });
  const doc = parse(await docxPart(built.bytes, 'word/document.xml'));
  const paras = els(els(doc, 'body')[0], 'p');

  it('tracks a heading whose level changed as w:pPrChange holding the earlier style', () => {
    const p = paras.find((x) => textOf(x).includes('服务企业'))!;
    const pPr = els(p, 'pPr')[0];
    expect(attr(els(pPr, 'pStyle')[0], 'val')).toBe('Heading1');
    const change = els(pPr, 'pPrChange');
    expect(change.length).toBe(1);
    expect(attr(change[0], 'author')).toBe('秘书科');
    expect(attr(change[0], 'date')).toBe('2026-03-04T05:06:07Z');
    expect(attr(els(change[0], 'pStyle')[0], 'val')).toBe('Heading2');
    expect(attr(els(change[0], 'outlineLvl')[0], 'val')).toBe('1');
    // Paragraphs whose format did not change carry none.
    expect(els(doc, 'pPrChange').length).toBe(2); // the heading, and the last mark (below)
  });

  it('marks a moved paragraph with w:moveFrom / w:moveTo inside named move ranges', () => {
    const moved = '这一段后来移到了后面';
    const from = paras.findIndex((x) => els(x, 'moveFrom').length && textOf(x).includes(moved));
    const to = paras.findIndex((x) => els(x, 'moveTo').length && textOf(x).includes(moved));
    expect(from).toBeGreaterThan(0);
    expect(to).toBeGreaterThan(from);
    const fromStart = els(paras[from], 'moveFromRangeStart')[0];
    const toStart = els(paras[to], 'moveToRangeStart')[0];
    expect(attr(fromStart, 'name')).toBe(attr(toStart, 'name'));
    expect(attr(els(paras[from], 'moveFromRangeEnd')[0], 'id')).toBe(attr(fromStart, 'id'));
    expect(attr(els(paras[to], 'moveToRangeEnd')[0], 'id')).toBe(attr(toStart, 'id'));
    // The moved text is not also a plain deletion/insertion.
    expect(els(paras[from], 'del').length).toBe(0);
    expect(els(paras[to], 'ins').length).toBe(0);
    // Every tracked-change id is unique.
    const ids = ['ins', 'del', 'moveFrom', 'moveTo', 'pPrChange', 'moveFromRangeStart', 'moveToRangeStart'].flatMap((n) => els(doc, n).map((e) => attr(e, 'id')));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('deletes the mark of the last kept paragraph when the text ends with deletions (no empty paragraph after 接受所有修订)', () => {
    const last = paras[paras.length - 1];
    expect(textOf(last)).toBe('最后这一段后来整段删掉了。');
    expect(els(els(last, 'pPr')[0], 'rPr').length).toBe(0); // its own mark stays
    const kept = paras[paras.length - 2];
    expect(textOf(kept)).toBe('企业是经济发展的微观基础。');
    expect(els(els(els(kept, 'pPr')[0], 'rPr')[0], 'del').length).toBe(1);
  });

  it('switches Word\'s 修订 on (w:trackRevisions) in 修订稿 and 审阅稿, not in 清稿', async () => {
    expect(await docxPart(built.bytes, 'word/settings.xml')).toMatch(/<w:trackRevisions\/><w:defaultTabStop/);
    const review = await buildDocx(AFTER, { mode: 'review', passages: [] });
    expect(await docxPart(review.bytes, 'word/settings.xml')).toContain('<w:trackRevisions/>');
    const clean = await buildDocx(AFTER);
    expect(await docxPart(clean.bytes, 'word/settings.xml')).not.toContain('trackRevisions');
  });
});

describe('fontTable.xml', () => {
  const fontsOf = async (bytes: Uint8Array) =>
    new Map(els(parse(await docxPart(bytes, 'word/fontTable.xml')), 'font').map((f) => [attr(f, 'name'), f] as const));

  it('lists every font the runs use, each with w:altName and charset/panose/family/pitch', async () => {
    const { bytes } = await buildDocx(AFTER);
    const fonts = await fontsOf(bytes);
    const used = new Set<string>();
    for (const part of ['word/document.xml', 'word/styles.xml', 'word/footer1.xml']) {
      for (const rFonts of (await docxPart(bytes, part)).matchAll(/<w:rFonts [^>]*>/g)) {
        for (const m of rFonts[0].matchAll(/w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"/g)) used.add(m[1]);
      }
    }
    expect([...used].sort()).toEqual(expect.arrayContaining(['仿宋_GB2312', '方正小标宋简体', '黑体', '楷体_GB2312', 'Times New Roman', '宋体']));
    for (const name of used) {
      const f = fonts.get(name);
      expect(f, name).toBeDefined();
      expect(attr(els(f!, 'altName')[0], 'val'), name).toBeTruthy();
      for (const hint of ['panose1', 'charset', 'family', 'pitch']) expect(els(f!, hint).length, `${name} ${hint}`).toBe(1);
    }
    const alt = (n: string) => attr(els(fonts.get(n)!, 'altName')[0], 'val');
    expect(alt('仿宋_GB2312')).toBe('仿宋');
    expect(alt('楷体_GB2312')).toBe('楷体');
    expect(alt('方正小标宋简体')).toBe('宋体');
    expect(attr(els(fonts.get('仿宋_GB2312')!, 'charset')[0], 'val')).toBe('86');
  });

  it('names 华文中宋 for 方正小标宋简体 when the setting says so', async () => {
    const { bytes } = await buildDocx(AFTER, { layout: { fontFallback: 'huawen' } });
    const f = (await fontsOf(bytes)).get('方正小标宋简体')!;
    expect(attr(els(f, 'altName')[0], 'val')).toBe('华文中宋');
  });
});

const hasUno = hasLibreOffice && spawnSync('/usr/bin/python3', ['-c', 'import uno'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!hasUno)('LibreOffice 接受/拒绝所有修订', () => {
  it('accept-all gives exactly the current text and levels, reject-all the earlier ones', async () => {
    const dir = tmpDir();
    const cases: { file: string; before: SpeechDoc; after: SpeechDoc }[] = [{ file: path.join(dir, 'small.docx'), before: BEFORE, after: AFTER }];
    if (hasShared) cases.push({ file: path.join(dir, 'seed.docx'), ...editedSeed() });
    for (const c of cases) writeFileSync(c.file, (await buildDocx(c.after, { mode: 'revisions', against: c.before, author: '秘书科' })).bytes);
    const run = (mode: 'accept' | 'reject') => {
      const profile = tmpDir('lo-');
      try {
        const out = execFileSync('/usr/bin/python3', [path.join(__dirname, 'lo-tracked.py'), mode, profile, ...cases.map((c) => c.file)], { encoding: 'utf8', timeout: 180_000 });
        return JSON.parse(out) as Record<string, { paragraphs: [string, string, number][]; redlines: number }>;
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    };
    // Outline level per block as written: headings their level, everything else body text (0).
    const expected = (d: SpeechDoc) => exportedBlocks(d).map(({ block, number }) => [number + Blocks.text(block), block.type === 'heading' ? (block.level ?? 0) : 0]);
    const accepted = run('accept');
    const rejected = run('reject');
    for (const c of cases) {
      expect(accepted[c.file].redlines).toBe(0);
      expect(accepted[c.file].paragraphs.map(([t, , l]) => [t, l]), c.file).toEqual(expected(c.after));
      expect(rejected[c.file].redlines).toBe(0);
      expect(rejected[c.file].paragraphs.map(([t, , l]) => [t, l]), c.file).toEqual(expected(c.before));
    }
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
