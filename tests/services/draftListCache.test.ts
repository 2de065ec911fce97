// drafts.list keeps a summary per draft (.cache/draft-list/<id>.json) keyed to the draft file's identity:
// a listing does not parse a draft again until the file changes, and never shows a summary of another file.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Docs } from '../../src/core/model/block';
import { textToDoc } from '../../src/core/text/index';
import { atomicFaults } from '../../src/services/workspace/atomic';
import { DraftStore } from '../../src/services/workspace/draftStore';
import { ensureLayout, layoutOf, type WorkspaceLayout } from '../../src/services/workspace/layout';

let tmp: string;
let layout: WorkspaceLayout;

beforeEach(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'sd-listcache-'));
  layout = layoutOf(path.join(tmp, 'ws'));
  await ensureLayout(layout);
});
afterEach(() => {
  atomicFaults.before = undefined;
  rmSync(tmp, { recursive: true, force: true });
});

const summaryFile = (id: string) => path.join(layout.cacheDir, 'draft-list', `${id}.json`);
const ok = (entries: Awaited<ReturnType<DraftStore['list']>>) => entries.flatMap((e) => (e.status === 'ok' ? [e] : []));

describe('the summaries drafts.list keeps', () => {
  it('a draft saved by one store (another thread or process) is listed by another from its summary, which is written before the file lands', async () => {
    const writer = new DraftStore(layout);
    const reader = new DraftStore(layout);
    const d = await writer.create({ doc: textToDoc('关于某项工作的讲话\n同志们：\n第一段。') });
    let summaryBeforeRename: boolean | undefined;
    atomicFaults.before = (step, file) => {
      if (step === 'rename' && file === writer.fileOf(d.id)) summaryBeforeRename = existsSync(summaryFile(d.id)) && readFileSync(summaryFile(d.id), 'utf8').includes('"revision":2');
    };
    await writer.save(d.id, textToDoc('关于某项工作的讲话\n同志们：\n第一段。第二句。'), 1);
    expect(summaryBeforeRename).toBe(true);
    const [e] = ok(await reader.list());
    expect(e).toMatchObject({ id: d.id, name: '关于某项工作的讲话', revision: 2, charCount: Docs.charCount(textToDoc('关于某项工作的讲话\n同志们：\n第一段。第二句。')) });
  });

  it('a summary describes one file only: an edit by hand, a damaged file or a file copied in are read again', async () => {
    const store = new DraftStore(layout);
    const d = await store.create({ name: '原名', doc: textToDoc('标题\n正文。') });
    expect(ok(await store.list())[0].name).toBe('原名');
    const file = store.fileOf(d.id);
    // Edited by hand (same size is not enough to fool it: the inode changes with the write below)
    const edited = JSON.parse(readFileSync(file, 'utf8')) as { name: string };
    edited.name = '改名';
    writeFileSync(file + '.new', JSON.stringify(edited));
    rmSync(file);
    writeFileSync(file, readFileSync(file + '.new'));
    rmSync(file + '.new');
    expect(ok(await store.list())[0].name).toBe('改名');
    // Damaged in place
    writeFileSync(file, '{"format":');
    const [damaged] = await store.list();
    expect(damaged.status).toBe('damaged');
    // A summary that names another file (e.g. a workspace copied with its cache) is not used
    const other = await store.create({ name: '另一篇', doc: textToDoc('另一篇\n正文。') });
    writeFileSync(summaryFile(other.id), readFileSync(summaryFile(other.id), 'utf8').replace('"key":"', '"key":"1'));
    expect(ok(await new DraftStore(layout).list()).find((e) => e.id === other.id)?.name).toBe('另一篇');
    // Rubbish in the cache is a miss, not an error
    writeFileSync(summaryFile(other.id), 'not json');
    expect(ok(await new DraftStore(layout).list()).find((e) => e.id === other.id)?.name).toBe('另一篇');
  });

  it('a listing that read a draft keeps its summary; a deleted draft loses it', async () => {
    const store = new DraftStore(layout);
    const d = await store.create({ name: '稿', doc: textToDoc('稿\n正文。') });
    rmSync(summaryFile(d.id));
    await new DraftStore(layout).list();
    expect(JSON.parse(readFileSync(summaryFile(d.id), 'utf8')).meta).toMatchObject({ id: d.id, name: '稿' });
    await store.delete(d.id);
    expect(existsSync(summaryFile(d.id))).toBe(false);
    expect(await store.list()).toEqual([]);
  });
});
