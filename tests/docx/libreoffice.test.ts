// The exported files checked by an independent reader: LibreOffice renders them to PDF (and re-saves
// them as .docx), pdftotext/pdftoppm read the result. Slow (several seconds per conversion).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportDocx } from '../../src/services/docx/export';
import { exportedBlocks } from '../../src/services/docx/blocks';
import { Blocks } from '../../src/core/model/block';
import type { SpeechDoc } from '../../src/core/model/types';
import { REPO_DIR, hasShared } from '../helpers/shared';
import { docxPart, firstPiece, hasLibreOffice, pdfBoxes, pdfPages, pdfText, squash, tmpDir, toPdf } from './helpers';

const ARTIFACTS = path.join(REPO_DIR, 'tests/artifacts');

/** Lines of CJK text (Latin letters/digits count half) on the 22×28 grid, counted by hand's rule. */
function expectedPages(doc: SpeechDoc): number {
  let lines = 0;
  let prev = '';
  for (const { block, number } of exportedBlocks(doc)) {
    const text = number + Blocks.text(block);
    let w = 0;
    for (const ch of text) w += /[\x20-\x7e]/.test(ch) ? 0.5 : 1;
    if (block.type === 'title') lines += Math.ceil(w / 20); // 22 pt: 20 characters a line
    else lines += Math.ceil((w + (block.type === 'paragraph' || block.type === 'heading' ? 2 : 0)) / 28);
    if ((prev === 'title' || prev === 'byline') && block.type !== 'title' && block.type !== 'byline') lines += 1;
    prev = block.type;
  }
  return Math.ceil(lines / 22);
}

describe.skipIf(!hasLibreOffice)('opened by LibreOffice', () => {
  it('a page of continuous body text holds 22 lines of 28 characters', async () => {
    const dir = tmpDir();
    const text = '一二三四五六七八九十'.repeat(120);
    const pdf = toPdf(await exportDocx({ blocks: [Blocks.paragraph(text)] }), dir, 'grid');
    const page = pdfText(pdf, { layout: true, first: 1, last: 1 });
    const lines = page
      .split('\n')
      .map((l) => l.replace(/\s+/g, ''))
      .filter((l) => /[一二三四五六七八九十]{5}/.test(l));
    expect(lines.length).toBe(22);
    expect(lines[0].length).toBe(26); // first line indented two characters
    for (const l of lines.slice(1)) expect(l.length).toBe(28);
    // Page numbers: odd pages right, even pages left, one character (14 pt) in from the text edge;
    // the 一字线 about 7 mm below the text block.
    const dashes = (pageNo: number) =>
      [...pdfBoxes(pdf, pageNo).matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">—<\/word>/g)].map((m) => m.slice(1).map(Number));
    const mm = 72 / 25.4;
    const odd = dashes(1);
    const even = dashes(2);
    expect(odd.length).toBe(2);
    expect(even.length).toBe(2);
    expect(Math.max(...odd.map((d) => d[2]))).toBeCloseTo(595.3 - 26 * mm - 14, -1);
    expect(Math.min(...even.map((d) => d[0]))).toBeCloseTo(28 * mm + 14, -1);
    const dashMid = (odd[0][1] + odd[0][3]) / 2;
    const blockBottom = 841.89 - 35 * mm;
    expect((dashMid - blockBottom) / mm).toBeGreaterThan(5);
    expect((dashMid - blockBottom) / mm).toBeLessThan(9);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it.skipIf(!hasShared)('the seed 第一篇: every paragraph in the PDF, page count on the 22×28 grid, page images', async () => {
    const { doc } = firstPiece();
    const dir = tmpDir();
    const pdf = toPdf(await exportDocx(doc), dir, 'first');
    // Paragraphs run across pages: drop the page numbers (— N —) from the extracted text.
    const all = squash(pdfText(pdf)).replace(/—\d+—/g, '');
    for (const { block, number } of exportedBlocks(doc)) {
      expect(all, Blocks.text(block).slice(0, 20)).toContain(squash(number + Blocks.text(block)));
    }
    expect(all).toContain('一、肯定成绩');
    expect(all).toContain('（一）服务企业');
    const pages = pdfPages(pdf);
    const expected = expectedPages(doc);
    expect(expected).toBeGreaterThan(15);
    expect(Math.abs(pages - expected)).toBeLessThanOrEqual(1);
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, path.join(dir, 'page')]);
    const pngs = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    expect(pngs.length).toBe(2);
    pngs.forEach((f, i) => copyFileSync(path.join(dir, f), path.join(ARTIFACTS, `docx-first-page${i + 1}.png`)));
    console.log(`[docx] 第一篇: ${pages} pages (grid estimate ${expected}); PNGs in tests/artifacts/`);
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  it('review and revisions copies are accepted: comments and tracked changes survive a LibreOffice round trip', async () => {
    const base: SpeechDoc = {
      blocks: [
        Blocks.make('title', '在全市机关干部大会上的讲话'),
        Blocks.make('salutation', '同志们：'),
        Blocks.paragraph('这次全市机关干部大会的主题是全面落实全会精神。'),
        Blocks.paragraph('这一段后来删掉了，整段不要。'),
        Blocks.heading(1, '肯定成绩'),
      ],
    };
    const now: SpeechDoc = {
      blocks: [
        Blocks.make('title', '在全市机关干部大会上的讲话'),
        Blocks.make('salutation', '同志们：'),
        Blocks.paragraph('这次全市机关干部大会的主题是认真全面落实全会精神。'),
        Blocks.heading(1, '肯定成绩'),
        Blocks.paragraph('新加的一段。'),
      ],
    };
    const dir = tmpDir();
    const review = await exportDocx(now, { mode: 'review', passages: [{ blockIndex: 2, start: 2, end: 14, sourceTitle: '第二篇', similarity: 0.95 }] });
    const revisions = await exportDocx(now, { mode: 'revisions', against: base, author: '秘书科' });
    for (const [name, bytes] of [
      ['review', review],
      ['revisions', revisions],
    ] as const) {
      const pdf = toPdf(bytes, dir, name);
      expect(squash(pdfText(pdf))).toContain('认真全面落实全会精神');
    }
    // Re-saved by LibreOffice as .docx: the comment and the tracked changes are still there.
    const out = path.join(dir, 'resaved');
    mkdirSync(out);
    const profile = path.join(os.tmpdir(), `lo-${process.pid}-${Date.now()}`);
    execFileSync(
      'libreoffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', out, path.join(dir, 'review.docx'), path.join(dir, 'revisions.docx')],
      { stdio: 'pipe', timeout: 120_000 },
    );
    rmSync(profile, { recursive: true, force: true });
    const comments = await docxPart(readFileSync(path.join(out, 'review.docx')), 'word/comments.xml');
    expect(comments).toContain('疑似重复：与《第二篇》相似度 95%');
    const rev = await docxPart(readFileSync(path.join(out, 'revisions.docx')), 'word/document.xml');
    expect(rev).toMatch(/<w:ins [^>]*w:author="秘书科"/);
    expect(rev).toMatch(/<w:del [^>]*w:author="秘书科"/);
    expect(rev).toContain('整段不要');
    rmSync(dir, { recursive: true, force: true });
  }, 240_000);
});
