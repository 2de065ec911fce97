import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { createServices } from '../../src/services/index';
import { dispatch } from '../../src/contract/dispatch';
import { importDocx } from '../../src/services/docx/import';
import { Blocks } from '../../src/core/model/block';
import { docxPart, tmpDir } from './helpers';
import type { ServiceContext } from '../../src/services/context';
import { importDone } from '../helpers/waitFor';

const SPEECH = [
  '在全市机关干部大会上的讲话',
  '同志们：',
  '这次全市机关干部大会的主题是全面落实全会精神，切实加强机关作风建设，确保新一年各项目标任务全面完成。',
  '一、肯定成绩，进一步增强机关作风建设的紧迫感责任感',
  '近年来，市委市政府一直高度重视机关作风建设，机关工作效能和整体形象有了明显提升。',
].join('\n');

async function setup() {
  const services = await createServices(path.join(tmpDir(), 'ws'));
  const d = await services.handlers['drafts.importFile']({ name: '讲话.txt', dataBase64: Buffer.from(SPEECH).toString('base64') });
  return { ...services, draft: d };
}

/** The exported bytes, from the outbox where export.docx leaves them (single use). */
function taken(ctx: ServiceContext, r: { fileId: string }): Uint8Array {
  const f = ctx.exports.take(r.fileId);
  if (!f) throw new Error('no exported file');
  return f.bytes;
}

describe('export.docx', () => {
  it('exports the clean copy with a file name and saves a version first', async () => {
    const { handlers, draft, ctx } = await setup();
    const r = await handlers['export.docx']({ draftId: draft.id, mode: 'clean' });
    expect(r.name).toBe('在全市机关干部大会上的讲话（清稿）.docx');
    const back = await importDocx(taken(ctx, r));
    expect(back.doc.blocks.map((b) => Blocks.text(b))).toEqual(draft.doc.blocks.map((b) => Blocks.text(b)).filter((t) => t));
    const versions = await handlers['versions.list']({ draftId: draft.id });
    expect(JSON.stringify(versions)).toContain('导出前（清稿）');
    expect(r.notes).toContain('已在导出前自动保存版本');
    // Single use: taken once, the file is gone.
    expect(ctx.exports.take(r.fileId)).toBeNull();
    expect(r.downloadPath).toBe(`/download/${r.fileId}`);
  });

  it('exports a saved version: its text, not the current one, and no automatic version', async () => {
    const { handlers, draft, ctx } = await setup();
    const v = await handlers['versions.save']({ draftId: draft.id, label: '送审稿' });
    const doc = structuredClone(draft.doc);
    doc.blocks[2].children = [{ text: '这次大会改为专题部署今年的重点工作。' }];
    await handlers['drafts.save']({ id: draft.id, doc });
    const r = await handlers['export.docx']({ draftId: draft.id, versionId: v.id, mode: 'clean' });
    expect(r.name).toBe('在全市机关干部大会上的讲话（送审稿·清稿）.docx');
    const xml = (await docxPart(taken(ctx, r), 'word/document.xml')).replace(/<[^>]+>/g, '');
    expect(xml).toContain('这次全市机关干部大会的主题是全面落实全会精神');
    expect(xml).not.toContain('专题部署');
    expect(r.notes).toContain('导出版本：送审稿');
    expect(r.notes).not.toContain('已在导出前自动保存版本');
    expect((await handlers['versions.list']({ draftId: draft.id })).map((e) => e.id)).toEqual([v.id]);
    // The current text still exports as before (and is versioned first).
    const cur = await handlers['export.docx']({ draftId: draft.id, mode: 'clean' });
    expect((await docxPart(taken(ctx, cur), 'word/document.xml')).replace(/<[^>]+>/g, '')).toContain('专题部署');
    expect(await handlers['versions.list']({ draftId: draft.id })).toHaveLength(2);
  });

  it('修订稿 of a version: tracked changes from another version to it; the same version twice is refused', async () => {
    const { handlers, draft, ctx } = await setup();
    const first = await handlers['versions.save']({ draftId: draft.id, label: '初稿' });
    const doc = structuredClone(draft.doc);
    doc.blocks[2].children = [{ text: '这次大会的主题是全面落实全会精神。' }];
    await handlers['drafts.save']({ id: draft.id, doc });
    const second = await handlers['versions.save']({ draftId: draft.id, label: '送审稿' });
    doc.blocks[2].children = [{ text: '当前文本又改过了。' }];
    await handlers['drafts.save']({ id: draft.id, doc });
    const r = await handlers['export.docx']({ draftId: draft.id, versionId: second.id, mode: 'revisions', againstVersionId: first.id });
    expect(r.revisions).toBeGreaterThan(0);
    const xml = await docxPart(taken(ctx, r), 'word/document.xml');
    expect(xml).toMatch(/<w:delText[^>]*>[^<]*全市机关干部/);
    expect(xml).not.toContain('又改过');
    const same = await dispatch(handlers, 'export.docx', { draftId: draft.id, versionId: second.id, mode: 'revisions', againstVersionId: second.id });
    expect(same).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const missing = await dispatch(handlers, 'export.docx', { draftId: draft.id, versionId: 'vnothere' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await handlers['versions.list']({ draftId: draft.id })).toHaveLength(2);
  });

  it('refuses bad requests through the contract without touching the draft', async () => {
    const { handlers, draft } = await setup();
    const noVersion = await dispatch(handlers, 'export.docx', { draftId: draft.id, mode: 'revisions' });
    expect(noVersion).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const badMargin = await dispatch(handlers, 'export.docx', { draftId: draft.id, settings: { marginTopMm: 500 } });
    expect(badMargin).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const tooMany = await dispatch(handlers, 'export.docx', { draftId: draft.id, settings: { charsPerLine: 60, marginLeftMm: 60, marginRightMm: 60 } });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((tooMany as { error: { message: string } }).error.message).toContain('版式设置无效');
    const path = await dispatch(handlers, 'export.docx', { draftId: '../etc/passwd' });
    expect(path).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const missing = await dispatch(handlers, 'export.docx', { draftId: 'dnothere' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await handlers['drafts.get']({ id: draft.id })).revision).toBe(draft.revision);
  });

  it('review copy: comments on passages the workspace library flags', async () => {
    const { handlers, draft, ctx } = await setup();
    const lib = '往年讲话\n近年来，市委市政府一直高度重视机关作风建设，机关工作效能和整体形象有了明显提升。这是旧稿。\n';
    const { jobId } = await handlers['library.import']({ files: [{ name: '往年讲话.txt', dataBase64: Buffer.from(lib).toString('base64') }] });
    const st = await importDone(ctx, jobId);
    expect(st.state).toBe('done');
    const r = await handlers['export.docx']({ draftId: draft.id, mode: 'review', author: '审核人' });
    expect(r.name).toContain('审阅稿');
    expect(r.comments).toBeGreaterThan(0);
    const bytes = taken(ctx, r);
    const comments = await docxPart(bytes, 'word/comments.xml');
    expect(comments).toContain('w:author="审核人"');
    expect(comments).toMatch(/疑似重复：与《[^》]+》相似度 \d+%/);
  });
});
