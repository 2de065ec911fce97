import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { createServices, type Services } from '../../src/services/index';
import type { SpeechDoc } from '../../src/core/model/types';

const PARAS = [
  '今年以来，全区上下紧紧围绕年初确定的目标任务，坚定信心、攻坚克难，各项工作取得了新的进展。',
  '下一步，我们要在稳增长上下功夫，在调结构上求突破，在惠民生上见实效，确保完成全年目标任务。',
];
const doc = (extra = ''): SpeechDoc => ({
  blocks: [{ type: 'title', children: [{ text: '在区委全会上的讲话' }] }, ...PARAS.map((t) => ({ type: 'paragraph' as const, children: [{ text: t + extra }] }))],
});

describe('a draft family is not reuse', () => {
  let dir: string;
  let s: Services;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sd-family-'));
    s = await createServices(dir);
  });
  afterAll(async () => {
    await s.ctx.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a copy and a re-import of the own export do not flag each other; an unrelated draft with the text does', async () => {
    const a = await s.handlers['drafts.create']({ name: '原稿', doc: doc() });
    const b = await s.handlers['drafts.duplicate']({ id: a.id });
    expect(b.origin).toEqual({ kind: 'copy', draftId: a.id, familyId: a.id });
    const exported = await s.handlers['export.docx']({ draftId: b.id, mode: 'clean' });
    const exportedBytes = Buffer.from(s.ctx.exports.take(exported.fileId)!.bytes);
    const zip = await JSZip.loadAsync(exportedBytes);
    expect(await zip.file('docProps/custom.xml')!.async('string')).toContain(`<vt:lpwstr>${a.id}</vt:lpwstr>`);
    const c = await s.handlers['drafts.importFile']({ name: '领导改过.docx', dataBase64: exportedBytes.toString('base64') });
    expect(c.origin).toEqual({ kind: 'import', draftId: b.id, familyId: a.id });

    for (const id of [a.id, b.id, c.id]) {
      const r = await s.handlers['reuse.check']({ draftId: id });
      expect(r.passages.filter((p) => p.sourceId.startsWith('draft:'))).toEqual([]);
      expect(r.familyExcluded).toBe(2);
      const shown = await s.handlers['reuse.check']({ draftId: id, includeFamily: true });
      expect(shown.passages.some((p) => p.sourceId.startsWith('draft:'))).toBe(true);
    }
    // the review copy's comments follow the same rule
    const review = await s.handlers['export.docx']({ draftId: c.id, mode: 'review' });
    expect(review.comments).toBe(0);

    const other = await s.handlers['drafts.create']({ name: '另一篇', doc: doc('（另稿）') });
    const r = await s.handlers['reuse.check']({ draftId: other.id });
    expect(r.passages.some((p) => p.sourceId.startsWith('draft:'))).toBe(true);
  });

  it('says what it checked against, by kind: library documents, other drafts (the family left out), template passages', async () => {
    const { jobId } = await s.handlers['library.import']({ files: [{ name: '旧讲话.txt', dataBase64: Buffer.from('在全县经济工作会议上的讲话\n同志们：\n要坚持把发展作为第一要务，咬定目标不放松。').toString('base64') }] });
    await s.ctx.library.importJobs.wait(jobId);
    const drafts = (await s.handlers['drafts.list']({})).length;
    const a = await s.handlers['drafts.create']({ name: '又一稿', doc: doc('（又一稿）') });
    const copy = await s.handlers['drafts.duplicate']({ id: a.id });
    const r = await s.handlers['reuse.check']({ draftId: a.id });
    // the draft and its copy are not among its sources; the drafts from before are
    expect(r.sourceKinds.library).toBe(1);
    expect(r.sourceKinds.drafts).toBe(drafts);
    expect(r.sourceKinds.templates).toBeGreaterThan(0);
    expect(r.sourceKinds.library + r.sourceKinds.drafts + r.sourceKinds.templates).toBe(r.sourceCount);
    const all = await s.handlers['reuse.check']({ draftId: a.id, includeFamily: true });
    expect(all.sourceKinds.drafts).toBe(drafts + 1);
    await s.handlers['drafts.delete']({ id: copy.id });
    await s.handlers['drafts.delete']({ id: a.id });
  });

  it('a .docx without the property, or with a forged one, is a new family', async () => {
    const d = await s.handlers['drafts.create']({ name: 'x', doc: doc() });
    const exported = await s.handlers['export.docx']({ draftId: d.id, mode: 'clean' });
    const zip = await JSZip.loadAsync(Buffer.from(s.ctx.exports.take(exported.fileId)!.bytes));
    zip.file('docProps/custom.xml', (await zip.file('docProps/custom.xml')!.async('string')).replace(/<vt:lpwstr>[^<]*<\/vt:lpwstr>/g, '<vt:lpwstr>../../etc</vt:lpwstr>'));
    const forged = Buffer.from(await zip.generateAsync({ type: 'uint8array' })).toString('base64');
    const imp = await s.handlers['drafts.importFile']({ name: 'f.docx', dataBase64: forged });
    expect(imp.origin).toBeUndefined();
  });
});
