import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportDocx } from '../../src/services/docx/export';
import { DOCX_LIMITS, checkDocx, importDocx, paragraphsToDoc } from '../../src/services/docx/import';
import { stripWrittenNumber } from '../../src/core/text/numbers';
import { createServices } from '../../src/services/index';
import { ApiError } from '../../src/contract/define';
import { Blocks } from '../../src/core/model/block';
import type { SpeechDoc } from '../../src/core/model/types';
import { hasShared, readMiniSeed, readSeed } from '../helpers/shared';
import { firstPiece } from './helpers';

/** Structure and text only (what a round trip must keep). */
const shape = (d: SpeechDoc) => d.blocks.filter((b) => Blocks.text(b).trim() !== '').map((b) => ({ type: b.type, level: b.level, text: Blocks.text(b) }));

const DOC: SpeechDoc = {
  blocks: [
    { type: 'title', children: [{ text: '在全市机关干部大会上的讲话' }] },
    { type: 'byline', children: [{ text: '孙建国（2009年2月2日）' }] },
    { type: 'salutation', children: [{ text: '同志们：' }] },
    { type: 'paragraph', children: [{ text: '这次大会的主题是落实2008年全会精神。' }] },
    { type: 'heading', level: 1, children: [{ text: '肯定成绩，进一步增强紧迫感' }] },
    { type: 'heading', level: 2, children: [{ text: '服务企业，大力帮扶企业发展' }] },
    { type: 'paragraph', children: [{ text: '企业是经济发展的微观基础。' }] },
    { type: 'heading', level: 3, children: [{ text: '要想干事' }] },
    { type: 'heading', level: 4, children: [{ text: '要有不甘落后的拼劲' }] },
    { type: 'paragraph', children: [{ text: '同志们，新的一年是关键的一年。' }] },
  ],
};

describe('round trip import(export(doc))', () => {
  it('gives back the same structure and text', async () => {
    const r = await importDocx(await exportDocx(DOC), 'a.docx');
    expect(shape(r.doc)).toEqual(shape(DOC));
  });

  it('keeps the review and revisions copies readable as the current text', async () => {
    const review = await exportDocx(DOC, { mode: 'review', passages: [{ blockIndex: 3, start: 0, end: 6, sourceTitle: 'x', similarity: 0.9 }] });
    expect(shape((await importDocx(review)).doc)).toEqual(shape(DOC));
  });

  it.for([
    { name: 'the synthetic bundle’s', read: readMiniSeed, landmarks: ['1:肯定成绩', '1:突出重点', '2:强化服务', '2:提高办事', '2:改进会风', '1:严明纪律'], skip: false },
    { name: 'the seed', read: readSeed, landmarks: ['1:肯定成绩', '1:共克时艰', '2:服务企业', '2:服务项目', '2:服务民生', '1:崇尚实干'], skip: !hasShared },
  ])('round-trips $name 第一篇', async ({ read, landmarks, skip }, ctx) => {
    if (skip) return ctx.skip();
    const { doc } = firstPiece(read());
    const r = await importDocx(await exportDocx(doc), '第一篇.docx');
    expect(shape(r.doc)).toEqual(shape(doc));
    // Hand-checked landmarks of 第一篇.
    const headings = r.doc.blocks.filter((b) => b.type === 'heading').map((b) => `${b.level}:${Blocks.text(b).slice(0, 4)}`);
    expect(headings).toEqual(landmarks);
  });
});

describe('recognition without styles', () => {
  it('recognises title, byline, salutation and numbered headings and strips the numbers', () => {
    const doc = paragraphsToDoc([
      { text: '在全市机关干部大会上的讲话', alignment: 'center' },
      { text: '孙建国（2009年2月2日）', alignment: 'center' },
      { text: '同志们：' },
      { text: '这次大会的主题是落实全会精神，今天我讲三点意见。' },
      { text: '一、肯定成绩，进一步增强紧迫感' },
      { text: '近年来，市委市政府一直高度重视机关作风建设，取得了明显成效。' },
      { text: '（一）服务企业，大力帮扶企业发展' },
      { text: '企业是经济发展的微观基础，是社会稳定的重要基石。' },
    ]);
    expect(shape(doc)).toEqual([
      { type: 'title', level: undefined, text: '在全市机关干部大会上的讲话' },
      { type: 'byline', level: undefined, text: '孙建国（2009年2月2日）' },
      { type: 'salutation', level: undefined, text: '同志们：' },
      { type: 'paragraph', level: undefined, text: '这次大会的主题是落实全会精神，今天我讲三点意见。' },
      { type: 'heading', level: 1, text: '肯定成绩，进一步增强紧迫感' },
      { type: 'paragraph', level: undefined, text: '近年来，市委市政府一直高度重视机关作风建设，取得了明显成效。' },
      { type: 'heading', level: 2, text: '服务企业，大力帮扶企业发展' },
      { type: 'paragraph', level: undefined, text: '企业是经济发展的微观基础，是社会稳定的重要基石。' },
    ]);
  });

  it('takes levels from Word heading styles and strips typed numbers', () => {
    const doc = paragraphsToDoc([
      { text: '讲话', styleName: 'Title' },
      { text: '一、总体要求', styleName: 'heading 1' },
      { text: '（二）具体任务', styleName: 'Heading 2' },
      { text: '3. 细化', styleId: 'Heading3' },
      { text: '正文。' },
    ]);
    expect(shape(doc)).toEqual([
      { type: 'title', level: undefined, text: '讲话' },
      { type: 'heading', level: 1, text: '总体要求' },
      { type: 'heading', level: 2, text: '具体任务' },
      { type: 'heading', level: 3, text: '细化' },
      { type: 'paragraph', level: undefined, text: '正文。' },
    ]);
    expect(stripWrittenNumber('（1）要有拼劲')).toBe('要有拼劲');
    expect(stripWrittenNumber('2008年工作')).toBe('2008年工作');
  });
});

async function expectApiError(p: Promise<unknown>, code: string, message: RegExp) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).code).toBe(code);
  expect((err as ApiError).message).toMatch(message);
}

describe('bad .docx files', () => {
  it('refuses an encrypted file (OLE compound file)', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expectApiError(importDocx(ole, '加密.docx'), 'unsupported', /已加密/);
  });

  it('refuses a file that is not a zip', async () => {
    await expectApiError(importDocx(new TextEncoder().encode('这只是一个文本文件，改了扩展名'), 'x.docx'), 'damaged', /不是 zip/);
  });

  it('refuses a damaged zip (truncated)', async () => {
    const good = await exportDocx(DOC);
    await expectApiError(importDocx(good.slice(0, Math.floor(good.length / 2)), 'half.docx'), 'damaged', /损坏/);
  });

  it('refuses a zip without a Word document in it', async () => {
    const zip = new JSZip();
    zip.file('hello.txt', 'hi');
    await expectApiError(importDocx(await zip.generateAsync({ type: 'uint8array' }), 'y.docx'), 'damaged', /不是 Word 文档/);
  });

  it('refuses a damaged document.xml', async () => {
    const zip = await JSZip.loadAsync(await exportDocx(DOC));
    zip.file('word/document.xml', '<w:document><w:body><w:p>');
    await expectApiError(importDocx(await zip.generateAsync({ type: 'uint8array' }), 'z.docx'), 'damaged', /损坏/);
  });

  it('refuses a zip bomb before inflating it', async () => {
    const zip = await JSZip.loadAsync(await exportDocx(DOC));
    // 110 MB of zeros deflates to ~110 KB.
    const chunk = new Uint8Array(110 * 1024 * 1024);
    zip.file('word/media/bomb.bin', chunk, { compression: 'DEFLATE', compressionOptions: { level: 1 } });
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const t0 = performance.now();
    await expectApiError(importDocx(bytes, 'bomb.docx'), 'too-large', /压缩炸弹/);
    expect(performance.now() - t0).toBeLessThan(2000);
  }, 60_000);

  it('refuses many small entries that add up to a bomb (limits scaled down)', async () => {
    const zip = await JSZip.loadAsync(await exportDocx(DOC));
    const chunk = new Uint8Array(4 * 1024 * 1024);
    for (let i = 0; i < 6; i++) zip.file(`word/media/part${i}.bin`, chunk, { compression: 'DEFLATE', compressionOptions: { level: 1 } });
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const limits = { ...DOCX_LIMITS, maxUncompressedBytes: 20 * 1024 * 1024 };
    await expectApiError(checkDocx(bytes, 'bomb2.docx', limits), 'too-large', /压缩炸弹/);
    // Under the real limits the ratio check refuses it too (24 MB inflated from a few KB).
    await expectApiError(checkDocx(bytes, 'bomb2.docx'), 'too-large', /压缩比异常/);
  });

  it('refuses a bomb whose zip directory understates the sizes', async () => {
    const zip = await JSZip.loadAsync(await exportDocx(DOC));
    const big = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + '<w:p/>'.repeat(600_000) + '</w:body></w:document>';
    zip.file('word/document.xml', big, { compression: 'DEFLATE' });
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    // Rewrite the uncompressed size of word/document.xml in the local header and the central directory.
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const nameBytes = new TextEncoder().encode('word/document.xml');
    const nameAt = (i: number) => nameBytes.every((b, k) => bytes[i + k] === b);
    let patched = 0;
    for (let i = 0; i + 46 < bytes.length; i++) {
      const sig = dv.getUint32(i, true);
      if (sig === 0x04034b50 && nameAt(i + 30)) {
        dv.setUint32(i + 22, 1000, true);
        patched++;
      }
      if (sig === 0x02014b50 && nameAt(i + 46)) {
        dv.setUint32(i + 24, 1000, true);
        patched++;
      }
    }
    expect(patched).toBe(2);
    const limits = { ...DOCX_LIMITS, maxEntryBytes: 1024 * 1024 };
    expect(big.length).toBeGreaterThan(3 * 1024 * 1024);
    await expectApiError(checkDocx(bytes, 'liar.docx', limits), 'too-large', /压缩炸弹/);
    // Within the limits it is read normally.
    await expect(checkDocx(bytes, 'liar.docx', { ...DOCX_LIMITS })).resolves.toBeDefined();
  });

  it('through drafts.importFile: a clear error and nothing else changes', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sd-docx-ws-'));
    const { handlers } = await createServices(dir);
    const good = await handlers['drafts.importFile']({ name: '讲话.docx', dataBase64: Buffer.from(await exportDocx(DOC)).toString('base64') });
    expect(good.name).toBe('在全市机关干部大会上的讲话');
    expect(shape(good.doc)).toEqual(shape(DOC));
    const before = await handlers['drafts.list']({});
    const ole = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    await expectApiError(handlers['drafts.importFile']({ name: '加密.docx', dataBase64: ole.toString('base64') }), 'unsupported', /已加密/);
    await expectApiError(handlers['drafts.importFile']({ name: '坏.docx', dataBase64: Buffer.from('PK\u0003\u0004garbage').toString('base64') }), 'damaged', /损坏/);
    expect(await handlers['drafts.list']({})).toEqual(before);
  });
});
