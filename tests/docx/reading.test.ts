// 念稿版: large print, paragraphs kept on a page, page numbers, a time mark every five minutes.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { buildDocx } from '../../src/services/docx/export';
import { estimatePages } from '../../src/core/layout/pages';
import { readingLayout, timeMarks } from '../../src/core/layout/reading';
import { Blocks, Docs } from '../../src/core/model/block';
import type { SpeechDoc } from '../../src/core/model/types';
import { REPO_DIR } from '../helpers/shared';
import { docxPart, hasLibreOffice, pdfPages, pdfText, squash, tmpDir, toPdf } from './helpers';

// 30 paragraphs of 98 characters: about 3000 characters, nearly 14 minutes at 220 a minute.
const SENTENCE = '我们要坚持以人民为中心的发展思想，把群众的安危冷暖放在心上，一件事情接着一件事情办，一年接着一年干。';
const DOC: SpeechDoc = {
  blocks: [
    Blocks.make('title', '在全市机关干部大会上的讲话'),
    Blocks.make('salutation', '同志们：'),
    ...Array.from({ length: 30 }, (_, i) => (i % 10 === 0 ? [Blocks.heading(1, `第${i / 10 + 1}部分`), Blocks.paragraph((SENTENCE + SENTENCE).slice(0, 110))] : [Blocks.paragraph((SENTENCE + SENTENCE).slice(0, 110))])).flat(),
  ],
};

describe('念稿版', () => {
  it('marks every five minutes at the reading speed, in the block where the minute is reached', () => {
    const marks = timeMarks(DOC, 220);
    expect(marks.map((m) => m.minutes).flat()).toEqual(Array.from({ length: Math.floor(Docs.charCount(DOC) / 1100) }, (_, i) => (i + 1) * 5));
    expect(timeMarks(DOC, 110).flat().length).toBeGreaterThan(marks.length);
  });

  it('writes 二号 body text, keepLines on paragraphs that fit a page, page numbers and the marks as margin frames', async () => {
    const built = await buildDocx(DOC, { mode: 'reading', charsPerMinute: 220 });
    const xml = await docxPart(built.bytes, 'word/document.xml');
    expect(xml).toContain('<w:sz w:val="44"/>');
    expect((xml.match(/<w:keepLines\/>/g) ?? []).length).toBeGreaterThanOrEqual(30);
    const frames = [...xml.matchAll(/<w:framePr [^>]*w:hAnchor="margin"[^>]*\/>[\s\S]*?<\/w:p>/g)];
    expect(frames.length).toBe(timeMarks(DOC, 220).length);
    expect(frames[0][0]).toContain('▶5分钟');
    expect(await docxPart(built.bytes, 'word/footer1.xml')).toContain('PAGE');
    expect(built.notes.join()).toContain('念稿版');
  });

  it.skipIf(!hasLibreOffice)('renders in LibreOffice: the marks in the left margin, the page count near the estimate', async () => {
    const dir = tmpDir();
    const pdf = toPdf((await buildDocx(DOC, { mode: 'reading' })).bytes, dir, 'reading');
    const pages = pdfPages(pdf);
    const estimate = estimatePages(DOC, readingLayout(), { keepLines: true }).pages;
    expect(Math.abs(pages - estimate)).toBeLessThanOrEqual(2);
    const text = squash(pdfText(pdf));
    expect(text).toContain('▶5分钟');
    expect(text).toContain('▶10分钟');
    // The mark stands left of the text block (28 mm margin = 79 pt).
    const boxes = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
    const mark = /<word xMin="([\d.]+)"[^>]*>▶5<\/word>/.exec(boxes);
    expect(mark).not.toBeNull();
    expect(Number(mark![1])).toBeLessThan(79);
    mkdirSync(path.join(REPO_DIR, 'tests/artifacts'), { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '3', pdf, path.join(dir, 'page')]);
    for (const f of readdirSync(dir).filter((x) => x.startsWith('page'))) copyFileSync(path.join(dir, f), path.join(REPO_DIR, 'tests/artifacts', `reading-${f}`));
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
