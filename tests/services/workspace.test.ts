import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/contract/dispatch';
import { createServices, type Services } from '../../src/services/index';
import { cleanTempFiles } from '../../src/services/workspace/atomic';
import { Blocks } from '../../src/core/model/block';

let dir: string;
let s: Services;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'speechdraft-ws-'));
  s = await createServices(dir);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const doc = (title: string, body = '正文。') => ({ blocks: [Blocks.make('title', title), Blocks.paragraph(body)] });

describe('damaged draft files', () => {
  it('are listed as damaged with the reason, and a save, rename or duplicate never changes their bytes', async () => {
    const good = await s.handlers['drafts.create']({ name: '好的', doc: doc('好的') });
    const bad = path.join(s.ctx.layout.draftsDir, 'dbroken1.json');
    const bytes = Buffer.from('{"format":"speechdraft-draft","schemaVersion":1,"doc":{"blocks":[', 'utf8');
    await fs.writeFile(bad, bytes);
    const wrongShape = path.join(s.ctx.layout.draftsDir, 'dshape1.json');
    const shapeBytes = Buffer.from(JSON.stringify({ format: 'speechdraft-draft', schemaVersion: 1, id: 'dshape1', name: 'x' }), 'utf8');
    await fs.writeFile(wrongShape, shapeBytes);

    const list = await s.handlers['drafts.list']({});
    expect(list.find((e) => e.id === good.id)?.status).toBe('ok');
    const b = list.find((e) => e.id === 'dbroken1');
    expect(b).toMatchObject({ status: 'damaged', fileName: 'dbroken1.json' });
    expect(b && b.status === 'damaged' && b.reason).toMatch(/JSON/);
    const w = list.find((e) => e.id === 'dshape1');
    expect(w && w.status === 'damaged' && w.reason).toMatch(/格式不符.*createdAt|格式不符/);

    const save = await dispatch(s.handlers, 'drafts.save', { id: 'dbroken1', doc: doc('覆盖') });
    expect(save).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(save.ok === false && save.error.message).toContain('未作任何改动');
    const rename = await dispatch(s.handlers, 'drafts.rename', { id: 'dbroken1', name: '新名字' });
    expect(rename).toMatchObject({ ok: false, error: { code: 'damaged' } });
    const dup = await dispatch(s.handlers, 'drafts.duplicate', { id: 'dshape1' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'damaged' } });
    const get = await dispatch(s.handlers, 'drafts.get', { id: 'dbroken1' });
    expect(get).toMatchObject({ ok: false, error: { code: 'damaged' } });

    expect((await fs.readFile(bad)).equals(bytes)).toBe(true);
    expect((await fs.readFile(wrongShape)).equals(shapeBytes)).toBe(true);
  });

  it('lists a folder named like a draft as damaged, and refuses to open or save it', async () => {
    await fs.mkdir(path.join(s.ctx.layout.draftsDir, 'dfolder.json'));
    const list = await s.handlers['drafts.list']({});
    expect(list).toEqual([expect.objectContaining({ status: 'damaged', id: 'dfolder', reason: expect.stringContaining('不是文件') })]);
    expect(await dispatch(s.handlers, 'drafts.get', { id: 'dfolder' })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(await dispatch(s.handlers, 'drafts.save', { id: 'dfolder', doc: doc('x') })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect((await fs.stat(path.join(s.ctx.layout.draftsDir, 'dfolder.json'))).isDirectory()).toBe(true);
  });

  it('lists a file whose name is not a draft id as damaged instead of hiding it', async () => {
    await fs.writeFile(path.join(s.ctx.layout.draftsDir, '我的 讲话.json'), '{}');
    const list = await s.handlers['drafts.list']({});
    expect(list).toEqual([expect.objectContaining({ status: 'damaged', fileName: '我的 讲话.json', reason: expect.stringContaining('文件名') })]);
  });

  it('takes the id from the file name, so a copied file does not shadow its original', async () => {
    const a = await s.handlers['drafts.create']({ name: '原稿', doc: doc('原稿') });
    await fs.copyFile(s.ctx.drafts.fileOf(a.id), path.join(s.ctx.layout.draftsDir, 'dcopy1.json'));
    const ids = (await s.handlers['drafts.list']({})).map((e) => e.id).sort();
    expect(ids).toEqual([a.id, 'dcopy1'].sort());
    await s.handlers['drafts.save']({ id: 'dcopy1', doc: doc('副本改过') });
    expect((await s.handlers['drafts.get']({ id: a.id })).doc).toEqual(doc('原稿'));
    const copy = JSON.parse(await fs.readFile(path.join(s.ctx.layout.draftsDir, 'dcopy1.json'), 'utf8'));
    expect(copy.id).toBe('dcopy1');
  });
});

describe('create, rename, duplicate, delete, restore', () => {
  it('renames and duplicates', async () => {
    const a = await s.handlers['drafts.create']({ doc: doc('在全市经济工作会议上的讲话') });
    expect(a.name).toBe('在全市经济工作会议上的讲话');
    const r = await s.handlers['drafts.rename']({ id: a.id, name: '  经济工作会议讲话  ' });
    expect(r.name).toBe('经济工作会议讲话');
    expect(r.revision).toBe(a.revision + 1);
    const d = await s.handlers['drafts.duplicate']({ id: a.id });
    expect(d.id).not.toBe(a.id);
    expect(d.name).toBe('经济工作会议讲话（副本）');
    expect(d.doc).toEqual(a.doc);
    const empty = await dispatch(s.handlers, 'drafts.rename', { id: a.id, name: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('deletes to the 回收站 and restores, under a new id if the old one is taken', async () => {
    const a = await s.handlers['drafts.create']({ name: '甲', doc: doc('甲', '甲的正文') });
    const before = await fs.readFile(s.ctx.drafts.fileOf(a.id));
    const del = await s.handlers['drafts.delete']({ id: a.id });
    expect(path.dirname(del.trashedAs)).toBe(s.ctx.layout.trashDir);
    expect(path.basename(s.ctx.layout.trashDir)).toBe('回收站');
    expect((await s.handlers['drafts.list']({})).map((e) => e.id)).not.toContain(a.id);
    expect((await fs.readFile(del.trashedAs)).equals(before)).toBe(true);

    const trash = await s.handlers['drafts.listTrash']({});
    expect(trash).toEqual([expect.objectContaining({ trashId: del.trashId, id: a.id, status: 'ok', name: '甲', charCount: 5 })]);
    expect(Date.now() - Date.parse(trash[0].deletedAt)).toBeLessThan(60_000);

    const restored = await s.handlers['drafts.restore']({ trashId: del.trashId });
    expect(restored).toMatchObject({ id: a.id, name: '甲', revision: a.revision });
    expect((await s.handlers['drafts.get']({ id: a.id })).doc).toEqual(a.doc);
    expect(await s.handlers['drafts.listTrash']({})).toEqual([]);

    // Delete twice the same id: two trash entries; restoring both keeps both (second gets a new id).
    const del1 = await s.handlers['drafts.delete']({ id: a.id });
    await fs.copyFile(del1.trashedAs, s.ctx.drafts.fileOf(a.id));
    const del2 = await s.handlers['drafts.delete']({ id: a.id });
    expect(del2.trashId).not.toBe(del1.trashId);
    const r1 = await s.handlers['drafts.restore']({ trashId: del1.trashId });
    const r2 = await s.handlers['drafts.restore']({ trashId: del2.trashId });
    expect(r1.id).toBe(a.id);
    expect(r2.id).not.toBe(a.id);
    expect((await s.handlers['drafts.list']({})).filter((e) => e.status === 'ok')).toHaveLength(2);
  });

  it('refuses trash ids that are paths, unknown entries, and damaged trash files (left in place)', async () => {
    for (const trashId of ['../drafts/x', '../../etc/passwd', '..', 'a/b', 'x..json']) {
      const r = await dispatch(s.handlers, 'drafts.restore', { trashId });
      expect(r, trashId).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    const missing = await dispatch(s.handlers, 'drafts.restore', { trashId: 'dnope.2026-01-01T00-00-00-000Z' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });

    const broken = path.join(s.ctx.layout.trashDir, 'dbad.2026-01-01T00-00-00-000Z.json');
    await fs.writeFile(broken, 'not json');
    expect(await s.handlers['drafts.listTrash']({})).toEqual([expect.objectContaining({ id: 'dbad', status: 'damaged' })]);
    const r = await dispatch(s.handlers, 'drafts.restore', { trashId: 'dbad.2026-01-01T00-00-00-000Z' });
    expect(r).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(await fs.readFile(broken, 'utf8')).toBe('not json');
  });

  it('deleting a damaged draft moves its bytes unchanged', async () => {
    const bad = path.join(s.ctx.layout.draftsDir, 'dbroken2.json');
    await fs.writeFile(bad, '{oops');
    const del = await s.handlers['drafts.delete']({ id: 'dbroken2' });
    expect(await fs.readFile(del.trashedAs, 'utf8')).toBe('{oops');
    const notThere = await dispatch(s.handlers, 'drafts.delete', { id: 'dbroken2' });
    expect(notThere).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('path traversal', () => {
  it('rejects draft ids that are paths for every draft method', async () => {
    for (const id of ['../../etc/passwd', '../settings', '..', '/etc/passwd', 'a/b', 'a\\b', '.hidden', '']) {
      for (const m of ['drafts.get', 'drafts.save', 'drafts.rename', 'drafts.duplicate', 'drafts.delete'] as const) {
        const r = await dispatch(s.handlers, m, { id, doc: doc('x'), name: 'x' });
        expect(r, `${m} ${id}`).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      }
    }
  });
});

describe('start-up housekeeping', () => {
  it('removes temp files of dead writers, keeps those of running ones, touches nothing else', async () => {
    const d = s.ctx.layout.draftsDir;
    const dead = `.dx.json.999999.0123abcd.tmp`; // pid 999999 is not running here
    const mine = `.dy.json.${process.pid}.0123abcd.tmp`;
    await fs.writeFile(path.join(d, dead), '{"half');
    await fs.writeFile(path.join(d, mine), '{"half');
    await fs.writeFile(path.join(d, 'notes.tmp'), 'user file');
    await fs.writeFile(path.join(s.ctx.layout.dir, `.settings.json.999999.00000000.tmp`), '{');
    const removed = await s.ctx.drafts.init();
    expect(removed.sort()).toEqual([`.settings.json.999999.00000000.tmp`, dead].sort());
    expect((await fs.readdir(d)).sort()).toEqual([mine, 'notes.tmp'].sort());
    // Stale temp files are removed even if their pid looks alive (pid reuse).
    expect(await cleanTempFiles(d, -1)).toEqual([mine]);
  });

  it('createServices cleans up at start', async () => {
    const t = path.join(s.ctx.layout.draftsDir, '.dz.json.999998.abcdef01.tmp');
    await fs.writeFile(t, 'x');
    await createServices(dir);
    await expect(fs.stat(t)).rejects.toThrow();
  });
});

describe('settings', () => {
  it('keeps a damaged settings.json aside instead of overwriting it', async () => {
    const file = s.ctx.layout.settingsFile;
    await fs.writeFile(file, '{"charsPerMinute": 250,');
    expect((await s.handlers['settings.get']({})).charsPerMinute).toBe(220);
    const next = await s.handlers['settings.set']({ patch: { charsPerMinute: 240 } });
    expect(next.charsPerMinute).toBe(240);
    const aside = (await fs.readdir(s.ctx.layout.dir)).filter((n) => n.startsWith('settings.json.damaged-'));
    expect(aside).toHaveLength(1);
    expect(await fs.readFile(path.join(s.ctx.layout.dir, aside[0]), 'utf8')).toBe('{"charsPerMinute": 250,');
    expect(JSON.parse(await fs.readFile(file, 'utf8')).charsPerMinute).toBe(240);
    // A good file is updated in place and keeps other keys.
    await s.handlers['settings.set']({ patch: { reuseMinChars: 15 } });
    expect(await s.handlers['settings.get']({})).toMatchObject({ charsPerMinute: 240, reuseMinChars: 15 });
    const bad = await s.handlers['settings.set']({ patch: { charsPerMinute: 5 } });
    expect(bad.charsPerMinute).toBe(220);
  });

  it('two changes made at once both persist', async () => {
    await Promise.all([s.handlers['settings.set']({ patch: { charsPerMinute: 250 } }), s.handlers['settings.set']({ patch: { reuseMinChars: 20 } })]);
    expect(await s.handlers['settings.get']({})).toMatchObject({ charsPerMinute: 250, reuseMinChars: 20 });
  });
});
