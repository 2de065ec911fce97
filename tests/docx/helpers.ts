import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { Blocks } from '../../src/core/model/block';
import { textToDoc } from '../../src/core/text/toDoc';
import type { SpeechDoc } from '../../src/core/model/types';
import { readSeed } from '../helpers/shared';

export const hasLibreOffice = spawnSync('sh', ['-c', 'command -v libreoffice && command -v pdftotext && command -v pdftoppm'], { encoding: 'utf8' }).status === 0;

export async function docxPart(bytes: Uint8Array, part: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const f = zip.file(part);
  if (!f) throw new Error(`no part ${part}`);
  return f.async('string');
}

/** 第一篇 of the seed file (between the 第一篇 and 第二篇 markers) as a document, or of another bundle (the small committed one: `firstPiece(readMiniSeed())`). */
export function firstPiece(seed = readSeed()): { text: string; doc: SpeechDoc } {
  const text = seed.slice(seed.indexOf('第一篇'), seed.indexOf('第二篇'));
  return { text, doc: textToDoc(text) };
}

/** The seed's 第一篇 edited as a writer would: a word added, a paragraph cut short, one moved, one deleted, a heading demoted, the end deleted. */
export function editedSeed(): { before: SpeechDoc; after: SpeechDoc } {
  const before = firstPiece().doc;
  const after = structuredClone(before);
  const paras = after.blocks.map((b, i) => (b.type === 'paragraph' ? i : -1)).filter((i) => i >= 0);
  after.blocks[paras[2]].children = [{ text: Blocks.text(after.blocks[paras[2]]).replace('同心同德', '同心同德、真抓实干') }];
  after.blocks[paras[5]].children = [{ text: Blocks.text(after.blocks[paras[5]]).slice(10) }];
  const h2 = after.blocks.findIndex((b) => b.type === 'heading' && b.level === 2);
  after.blocks[h2] = { ...after.blocks[h2], level: 3 };
  const [moved] = after.blocks.splice(paras[8], 1);
  after.blocks.splice(paras[1], 0, moved);
  after.blocks.splice(paras[12], 1);
  after.blocks.pop();
  return { before, after };
}

export function tmpDir(prefix = 'sd-docx-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Convert with LibreOffice in a private profile (parallel runs don't clash); returns the PDF path. */
export function toPdf(docx: Uint8Array, dir: string, name = 'out'): string {
  const file = path.join(dir, `${name}.docx`);
  writeFileSync(file, docx);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'lo-'));
  try {
    execFileSync('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
      stdio: 'pipe',
      timeout: 120_000,
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return path.join(dir, `${name}.pdf`);
}

export function pdfText(pdf: string, opts: { layout?: boolean; first?: number; last?: number } = {}): string {
  const args = [...(opts.layout ? ['-layout'] : []), ...(opts.first ? ['-f', String(opts.first)] : []), ...(opts.last ? ['-l', String(opts.last)] : []), pdf, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8' });
}

/** pdftotext -bbox of one page: words with their boxes (points from the top left). */
export function pdfBoxes(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
}

export function pdfPages(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

/** Text with all whitespace removed (pdftotext breaks lines and spaces CJK). */
export const squash = (s: string): string => s.replace(/\s+/gu, '');

const PIECE_MARKS = ['第一篇', '第二篇', '第三篇', '第四篇', '第五篇'];

/** The five speeches of the seed (between the 第N篇 markers) as documents. */
export function seedPieces(): { name: string; doc: SpeechDoc }[] {
  const seed = readSeed();
  return PIECE_MARKS.map((mark, i) => {
    const start = seed.indexOf(mark);
    const next = i + 1 < PIECE_MARKS.length ? seed.indexOf(PIECE_MARKS[i + 1]) : seed.length;
    return { name: mark, doc: textToDoc(seed.slice(start, next)) };
  });
}
