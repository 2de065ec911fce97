// 页数 of the grid estimate against LibreOffice's page count of the exported 清稿, and the title's lines as
// LibreOffice sets them. Slow (a LibreOffice conversion per text).
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { exportDocx } from '../../src/services/docx/export';
import { estimatePages } from '../../src/core/layout/pages';
import { breakTitle } from '../../src/core/layout/titleBreak';
import { textToDoc } from '../../src/core/text/index';
import { Blocks } from '../../src/core/model/block';
import { REPO_DIR, hasShared, readCorpus } from '../helpers/shared';
import { hasLibreOffice, pdfPages, pdfText, seedPieces, squash, tmpDir, toPdf } from './helpers';

const ARTIFACTS = path.join(REPO_DIR, 'tests/artifacts');

describe.skipIf(!hasLibreOffice || !hasShared)('页数: the grid estimate against LibreOffice', () => {
  it('agrees within ±1 page on the five seed speeches and three 政府工作报告', async () => {
    const cases = seedPieces();
    const gov = readCorpus().filter((r) => r.content.length > 15000);
    for (const r of [gov[0], gov[Math.floor(gov.length / 2)], gov[gov.length - 1]]) cases.push({ name: r.title, doc: textToDoc(r.content) });
    const dir = tmpDir();
    const rows: string[] = [];
    for (const [i, c] of cases.entries()) {
      const estimate = estimatePages(c.doc).pages;
      const pages = pdfPages(toPdf(await exportDocx(c.doc), dir, `case${i}`));
      rows.push(`${c.name}: ${estimate} / ${pages}`);
      expect(Math.abs(estimate - pages), c.name).toBeLessThanOrEqual(1);
    }
    console.log(`[pages] estimate / LibreOffice: ${rows.join('; ')}`);
    rmSync(dir, { recursive: true, force: true });
  }, 600_000);
});

describe.skipIf(!hasLibreOffice)('the title as LibreOffice sets it', () => {
  it('puts the 49-character title on the computed lines, each break between words', async () => {
    const title = '关于深入学习贯彻党的二十届三中全会精神进一步全面深化改革推动更高质量发展在全市领导干部会议上的讲话';
    const doc = { blocks: [Blocks.make('title', title), Blocks.make('byline', '（2024年8月1日）'), Blocks.make('salutation', '同志们：'), Blocks.paragraph('今天召开会议。')] };
    const dir = tmpDir();
    const pdf = toPdf(await exportDocx(doc), dir, 'title');
    const lines = pdfText(pdf, { layout: true, first: 1, last: 1 })
      .split('\n')
      .map(squash)
      .filter((l) => l && title.includes(l));
    expect(lines).toEqual(breakTitle(title, { maxChars: 20 }));
    expect(lines).toEqual(['关于深入学习贯彻党的二十届三中全会精神', '进一步全面深化改革推动更高质量发展', '在全市领导干部会议上的讲话']);
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, path.join(dir, 'title')]);
    const png = readdirSync(dir).find((f) => f.startsWith('title') && f.endsWith('.png'))!;
    copyFileSync(path.join(dir, png), path.join(ARTIFACTS, 'docx-title-page1.png'));
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
