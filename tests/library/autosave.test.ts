import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from '../../src/services/index';
import type { SpeechDoc } from '../../src/core/model/types';

const A = '要把群众的呼声作为改进机关工作的第一信号，凡是职工群众拥护和欢迎的，要抓紧去做，这是一贯的要求。';
const B = '机关作风建设只有进行时没有完成时，要以钉钉子精神抓好整改落实，确保取得群众满意的实际效果。';
const C = '今年要集中力量办好十件民生实事，让城乡居民在就业、教育、医疗、养老等方面得到更多实惠。';
const D = '各级领导干部要带头转变作风，深入基层、深入群众，切实帮助基层解决发展中遇到的实际困难和问题。';
const doc = (...paras: string[]): SpeechDoc => ({ blocks: paras.map((t) => ({ type: 'paragraph' as const, children: [{ text: t }] })) });

describe('the incremental check survives saving', () => {
  let dir: string;
  let s: Services;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sd-autosave-'));
    s = await createServices(dir);
  });
  afterAll(async () => {
    await s.ctx.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a draft's own save does not change the index its check uses; other drafts see the saved text at once", async () => {
    const open = await s.handlers['drafts.create']({ name: '在写的稿', doc: doc('开头一段。') });
    const other = await s.handlers['drafts.create']({ name: '另一篇', doc: doc(A) });
    await s.handlers['reuse.check']({ draftId: open.id, text: '开头一段。' });
    const index = s.ctx.library.reuse.keeper.current!;
    const before = index.version;
    let rev = open.revision;
    for (const text of [`开头一段。\n${B}`, `开头一段。\n${B}\n再加一段新写的内容。`]) {
      rev = (await s.handlers['drafts.save']({ id: open.id, doc: doc(...text.split('\n')), baseRevision: rev })).revision;
      const r = await s.handlers['reuse.check']({ draftId: open.id, text });
      expect(r.passages).toEqual([]);
      expect(index.version).toBe(before);
    }
    // the other draft is checked against what was just saved (from the store's event, nothing re-read)
    const r = await s.handlers['reuse.check']({ draftId: other.id, text: `${A}\n${B}` });
    expect(r.passages.map((p) => p.sourceId)).toContain(`draft:${open.id}`);
  });

  it('opening a source (打开来源) after a save leaves the index as it is', async () => {
    const open = await s.handlers['drafts.create']({ name: '打开来源', doc: doc('第一段。') });
    const other = await s.handlers['drafts.create']({ name: '来源稿', doc: doc(D) });
    await s.handlers['reuse.check']({ draftId: open.id, text: `第一段。\n${D}` });
    const index = s.ctx.library.reuse.keeper.current!;
    const before = index.version;
    await s.handlers['drafts.save']({ id: open.id, doc: doc('第一段。', D), baseRevision: open.revision });
    const src = await s.handlers['reuse.source']({ sourceId: `draft:${other.id}` });
    expect(src.text).toBe(D);
    const r = await s.handlers['reuse.check']({ draftId: open.id, text: `第一段。\n${D}` });
    expect(r.passages.map((p) => p.sourceId)).toContain(`draft:${other.id}`);
    expect(index.version).toBe(before);
  });

  it('a draft changed by another process (the CLI) is read again', async () => {
    const d = await s.handlers['drafts.create']({ name: '外部修改', doc: doc('原来的内容。') });
    const file = path.join(s.ctx.layout.draftsDir, `${d.id}.json`);
    const f = JSON.parse(JSON.stringify({ format: 'speechdraft-draft', schemaVersion: 1, id: d.id, name: d.name, createdAt: d.createdAt, updatedAt: new Date().toISOString(), revision: 9, doc: doc(`外部写入：${C}`) }));
    await new Promise((r) => setTimeout(r, 20)); // a different mtime
    writeFileSync(file, JSON.stringify(f));
    const probe = await s.handlers['drafts.create']({ name: '检查', doc: doc('x') });
    const r = await s.handlers['reuse.check']({ draftId: probe.id, text: C });
    expect(r.passages.map((p) => p.sourceId)).toContain(`draft:${d.id}`);
  });
});
