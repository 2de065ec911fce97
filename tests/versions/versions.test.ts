import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../src/contract/dispatch';
import { ApiError } from '../../src/contract/define';
import { Blocks, Docs } from '../../src/core/model/block';
import type { SpeechDoc } from '../../src/core/model/types';
import { createServices, type Services } from '../../src/services/index';
import { libraryServicesOf } from '../../src/services/library/handlers';
import type { LibraryDoc } from '../../src/contract/library';
import { hasShared, readMiniSeed, readSeed } from '../helpers/shared';
import { importDone } from '../helpers/waitFor';

let dir: string;
let s: Services;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sd-versions-'));
  s = await createServices(dir);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const doc = (...paras: string[]): SpeechDoc => ({ blocks: [Blocks.make('title', '在全市工作会议上的讲话'), ...paras.map((p) => Blocks.paragraph(p))] });
const P1 = '今年是全面贯彻落实党的二十大精神的开局之年。';
const P2 = '全市生产总值增长13%，高于全省平均水平2.9个百分点。';
const P3 = '各级领导干部要带头转变作风，深入基层、深入群众。';

async function rejects(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected a rejection');
}

describe('versions', () => {
  it('saves labelled versions, lists them newest first with time and 字数, opens one read-only', async () => {
    const h = s.handlers;
    const d = await h['drafts.create']({ doc: doc(P1, P2) });
    const v1 = await h['versions.save']({ draftId: d.id, label: '初稿' });
    await h['drafts.save']({ id: d.id, doc: doc(P1, P2, P3) });
    const v2 = await h['versions.save']({ draftId: d.id, label: '送审稿' });
    const list = await h['versions.list']({ draftId: d.id });
    expect(list.map((e) => (e.status === 'ok' ? e.label : e.status))).toEqual(['送审稿', '初稿']);
    const first = list[1];
    expect(first.status).toBe('ok');
    if (first.status !== 'ok') return;
    expect(first.reason).toBe('manual');
    expect(first.charCount).toBe(Docs.charCount(doc(P1, P2)));
    expect(Number.isNaN(Date.parse(first.createdAt))).toBe(false);
    const got = await h['versions.get']({ draftId: d.id, versionId: v1.id });
    expect(got.doc).toEqual(doc(P1, P2));
    expect(v2.charCount).toBe(Docs.charCount(doc(P1, P2, P3)));
    // Stored apart from the working copy.
    expect(await fs.readdir(path.join(dir, 'versions', d.id))).toHaveLength(2);
  });

  it('saving a version with the editor content saves the draft first', async () => {
    const h = s.handlers;
    const d = await h['drafts.create']({ doc: doc(P1) });
    await h['versions.save']({ draftId: d.id, label: '领导修改稿', doc: doc(P1, P3), baseRevision: d.revision });
    expect((await h['drafts.get']({ id: d.id })).doc).toEqual(doc(P1, P3));
  });

  it('automatic snapshots do not duplicate unchanged content, and record their reason', async () => {
    const d = await s.handlers['drafts.create']({ doc: doc(P1) });
    const a = await s.ctx.versions.snapshot(d.id, '导出前', 'before-export');
    const b = await s.ctx.versions.snapshot(d.id, '导出前', 'before-export');
    expect(b.id).toBe(a.id);
    expect(b.reused).toBe(true);
    await s.handlers['drafts.save']({ id: d.id, doc: doc(P1, P2) });
    const c = await s.ctx.versions.snapshot(d.id, '导出前', 'before-export');
    expect(c.id).not.toBe(a.id);
    expect(c.reason).toBe('before-export');
    expect(await s.handlers['versions.list']({ draftId: d.id })).toHaveLength(2);
  });

  it('restore versions the current text first: both texts stay recoverable', async () => {
    const h = s.handlers;
    const d = await h['drafts.create']({ doc: doc(P1, P2) });
    const old = await h['versions.save']({ draftId: d.id, label: '送审稿' });
    const saved = await h['drafts.save']({ id: d.id, doc: doc(P1, P2, P3) });
    const r = await h['versions.restore']({ draftId: d.id, versionId: old.id, baseRevision: saved.revision });
    expect((await h['drafts.get']({ id: d.id })).doc).toEqual(doc(P1, P2));
    expect(r.backup.reason).toBe('before-restore');
    expect(r.backup.label).toContain('送审稿');
    expect((await h['versions.get']({ draftId: d.id, versionId: r.backup.id })).doc).toEqual(doc(P1, P2, P3));
    expect(r.draft.revision).toBe(saved.revision + 1);
  });

  it('a stale restore changes nothing', async () => {
    const h = s.handlers;
    const d = await h['drafts.create']({ doc: doc(P1) });
    const v = await h['versions.save']({ draftId: d.id, label: '初稿' });
    await h['drafts.save']({ id: d.id, doc: doc(P1, P2) });
    const e = await rejects(h['versions.restore']({ draftId: d.id, versionId: v.id, baseRevision: d.revision }));
    expect(e.code).toBe('conflict');
    expect((await h['drafts.get']({ id: d.id })).doc).toEqual(doc(P1, P2));
    expect(await h['versions.list']({ draftId: d.id })).toHaveLength(1);
  });

  it('a damaged version file is reported, the others still open, and restoring it changes nothing', async () => {
    const h = s.handlers;
    const d = await h['drafts.create']({ doc: doc(P1) });
    const good = await h['versions.save']({ draftId: d.id, label: '初稿' });
    await h['drafts.save']({ id: d.id, doc: doc(P1, P2) });
    const bad = await h['versions.save']({ draftId: d.id, label: '送审稿' });
    const badFile = path.join(dir, 'versions', d.id, `${bad.id}.json`);
    const bytes = await fs.readFile(badFile);
    await fs.writeFile(badFile, bytes.subarray(0, 40));
    const list = await h['versions.list']({ draftId: d.id });
    expect(list[0]).toMatchObject({ status: 'ok', id: good.id, label: '初稿' });
    expect(list[1]).toMatchObject({ status: 'damaged', id: bad.id });
    expect((await h['versions.get']({ draftId: d.id, versionId: good.id })).doc).toEqual(doc(P1));
    expect((await rejects(h['versions.get']({ draftId: d.id, versionId: bad.id }))).code).toBe('damaged');
    expect((await rejects(h['versions.restore']({ draftId: d.id, versionId: bad.id }))).code).toBe('damaged');
    expect((await h['drafts.get']({ id: d.id })).doc).toEqual(doc(P1, P2));
    // The damaged file is left as it was.
    expect((await fs.readFile(badFile)).length).toBe(40);
    // Snapshots skip a damaged newest file when looking for a duplicate.
    const snap = await s.ctx.versions.snapshot(d.id, '导出前', 'before-export');
    expect(snap.reused).toBeUndefined();
  });

  it('a directory or an oversized file named like a version is reported as damaged, not an internal error', async () => {
    const h = s.handlers;
    const d = await h['drafts.create']({ doc: doc(P1) });
    const good = await h['versions.save']({ draftId: d.id, label: '初稿' });
    const vdir = path.join(dir, 'versions', d.id);
    await fs.mkdir(path.join(vdir, 'vzzdir.json'));
    const r1 = await dispatch(h, 'versions.get', { draftId: d.id, versionId: 'vzzdir' });
    expect(r1).toMatchObject({ ok: false, error: { code: 'damaged' } });
    if (!r1.ok) expect(r1.error.message).toContain('vzzdir.json');
    // 60 MB (sparse: no real disk use)
    const big = path.join(vdir, 'vzzbig.json');
    await fs.writeFile(big, '');
    await fs.truncate(big, 60 * 1024 * 1024);
    const r2 = await dispatch(h, 'versions.get', { draftId: d.id, versionId: 'vzzbig' });
    expect(r2).toMatchObject({ ok: false, error: { code: 'damaged' } });
    if (!r2.ok) expect(r2.error.message).toContain('vzzbig.json');
    // The good version still opens.
    expect((await h['versions.get']({ draftId: d.id, versionId: good.id })).doc).toEqual(doc(P1));
  });

  it('rejects paths and unknown versions with clear errors', async () => {
    const d = await s.handlers['drafts.create']({ doc: doc(P1) });
    const r1 = await dispatch(s.handlers, 'versions.get', { draftId: d.id, versionId: '../../etc/passwd' });
    expect(r1).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const r2 = await dispatch(s.handlers, 'versions.get', { draftId: d.id, versionId: 'vnope' });
    expect(r2).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const r3 = await dispatch(s.handlers, 'versions.save', { draftId: d.id, label: '   ' });
    expect(r3).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const r4 = await dispatch(s.handlers, 'versions.save', { draftId: 'dmissing', label: '初稿' });
    expect(r4).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('compare.run', () => {
  it('compares a version with the current draft, including the copied passages', async () => {
    const h = s.handlers;
    const d = await h['drafts.create']({ doc: doc(P1, P2, P3) });
    const v = await h['versions.save']({ draftId: d.id, label: '送审稿' });
    await h['drafts.save']({ id: d.id, doc: doc(P1, P3, P2.replace('13%', '15%')) });
    const r = await h['compare.run']({ left: { kind: 'version', draftId: d.id, versionId: v.id }, right: { kind: 'draft', draftId: d.id } });
    expect(r.left.title).toContain('送审稿');
    const changed = r.result.paragraphs.filter((p) => p.op !== 'equal');
    expect(changed).toHaveLength(1);
    expect(changed[0].op).toBe('move');
    expect(changed[0].parts).toEqual([
      { op: 'equal', text: '全市生产总值增长1' },
      { op: 'delete', text: '3' },
      { op: 'insert', text: '5' },
      { op: 'equal', text: '%，高于全省平均水平2.9个百分点。' },
    ]);
    expect(r.right.text.slice(changed[0].b![0], changed[0].b![1])).toBe(P2.replace('13%', '15%'));
    // Copied passages come from the reuse engine with the version as its one source: P1 and P3 are copied
    // verbatim, P2 up to its changed figure; every passage's offsets point at its text in both texts.
    expect(r.copied.engine).toBe('reuse');
    const covered = r.copied.passages.map((p) => r.right.text.slice(p.b[0], p.b[1])).join('\n');
    expect(r.copied.passages.every((p) => r.right.text.slice(p.b[0], p.b[1]) === p.text)).toBe(true);
    expect(covered).toContain(P1);
    expect(covered).toContain(P3.slice(0, -1)); // the engine leaves a passage's final 。 out
    expect(covered).toContain('高于全省平均水平2.9个百分点');
    expect(r.copied.ratioB).toBeGreaterThan(0.8);
    expect(r.copied.ratioB).toBeLessThanOrEqual(1);
  });

  it('compares an uploaded .txt with a draft, and a library document through the library store', async () => {
    const h = s.handlers;
    const d = await h['drafts.create']({ doc: doc(P1, P2) });
    const file = { name: '去年.txt', dataBase64: Buffer.from(`在全市工作会议上的讲话\r\n${P1}\r\n${P3}\r\n`, 'utf8').toString('base64') };
    const r = await h['compare.run']({ left: { kind: 'file', file }, right: { kind: 'draft', draftId: d.id } });
    expect(r.result.paragraphs.map((p) => p.op)).toEqual(['equal', 'equal', 'delete', 'insert']);
    expect(r.left.title).toBe('去年.txt');
    const get = vi
      .spyOn(libraryServicesOf(s.ctx).library, 'get')
      .mockImplementation(async (id: string) => ({ id, title: '2023年讲话', text: `${P1}\n${P2}` }) as unknown as LibraryDoc);
    try {
      const r2 = await h['compare.run']({ left: { kind: 'library', docId: 'lib1' }, right: { kind: 'draft', draftId: d.id } });
      expect(r2.left.title).toBe('2023年讲话');
      expect(r2.result.stats.insertedParagraphs).toBe(1); // the title line
      expect(r2.result.stats.equalParagraphs).toBe(2);
    } finally {
      get.mockRestore();
    }
  });
});

describe('compare.run with the real library', () => {
  it('compares a draft with a document imported into the 素材库', async () => {
    const h = s.handlers;
    const text = `2023年在全市工作会议上的讲话\n${P1}\n${P3}\n`;
    const { jobId } = await h['library.import']({ files: [{ name: '2023讲话.txt', dataBase64: Buffer.from(text).toString('base64') }] });
    const st = await importDone(s, jobId);
    expect(st.state).toBe('done');
    const docId = st.imported[0].id;
    const d = await h['drafts.create']({ doc: doc(P1, P2, P3) });
    const r = await h['compare.run']({ left: { kind: 'library', docId }, right: { kind: 'draft', draftId: d.id } });
    expect(r.left.kind).toBe('library');
    const ops = r.result.paragraphs.map((p) => p.op);
    expect(ops.filter((o) => o === 'equal')).toHaveLength(2); // P1 and P3
    expect(r.result.paragraphs.find((p) => p.op === 'insert' && r.right.text.slice(p.b![0], p.b![1]) === P2)).toBeDefined();
  });
});

describe('100 versions of a 30,000-character speech', () => {
  it('the draft file stays small and fast to save; the list still opens', async () => {
    // the seed, or without ../shared the small committed bundle repeated to the same length
    const text = (hasShared ? readSeed() : readMiniSeed().repeat(Math.ceil(30000 / readMiniSeed().length))).slice(0, 30000);
    const big: SpeechDoc = { blocks: text.split('\n').filter((l) => l.trim()).map((l) => Blocks.paragraph(l.trim())) };
    const h = s.handlers;
    const d = await h['drafts.create']({ doc: big });
    const draftFile = path.join(dir, 'drafts', `${d.id}.json`);
    const sizeBefore = (await fs.stat(draftFile)).size;
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) {
      const blocks = big.blocks.slice();
      blocks[i % blocks.length] = Blocks.paragraph(`${Blocks.text(blocks[i % blocks.length])}（第${i}次修改）`);
      await h['drafts.save']({ id: d.id, doc: { blocks } });
      await h['versions.save']({ draftId: d.id, label: `第${i + 1}稿` });
    }
    const saveLoop = performance.now() - t0;
    const sizeAfter = (await fs.stat(draftFile)).size;
    expect(sizeAfter).toBeLessThan(sizeBefore * 1.01 + 200);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await h['drafts.save']({ id: d.id, doc: big });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const tl = performance.now();
    const list = await h['versions.list']({ draftId: d.id });
    const listMs = performance.now() - tl;
    expect(list).toHaveLength(100);
    expect(list.every((e) => e.status === 'ok')).toBe(true);
    // Listing again (the panel does after each autosave) reuses what was parsed: files are written once.
    const tl2 = performance.now();
    expect(await h['versions.list']({ draftId: d.id })).toEqual(list);
    const listMs2 = performance.now() - tl2;
    console.log(
      `[versions] draft file ${sizeAfter} bytes; save median ${times[2].toFixed(1)} ms; list of 100 ${listMs.toFixed(0)} ms (again ${listMs2.toFixed(0)} ms); 100 saves+versions ${saveLoop.toFixed(0)} ms`,
    );
    expect(listMs2).toBeLessThan(500);
    expect(times[2]).toBeLessThan(100);
    expect(listMs).toBeLessThan(3000);
  }, 60_000);
});
