import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { folderCacheDir } from '../../src/services/library/folderLibrary';
import { writeFolderFixture } from './folderFixture';

// The folder-library check on a synthetic fixture: the output is the one recorded in fixtures/ (made before the
// cache format changed), whether the index is built now, taken from the cache, or brought up to date.
const GOLDEN_JSON = readFileSync(path.join(__dirname, 'fixtures/folder-check.json'), 'utf8');
const GOLDEN_TEXT = readFileSync(path.join(__dirname, 'fixtures/folder-check.txt'), 'utf8');

describe('speechdraft check --library on a synthetic folder (cold, cached, updated)', () => {
  let tmp: string;
  let lib: string;
  let draftFile: string;
  const check = async (cacheDir: string, ...args: string[]) => {
    let out = '';
    let err = '';
    // the folder cache is found through the process's environment
    const before = process.env.SPEECHDRAFT_CACHE_DIR;
    process.env.SPEECHDRAFT_CACHE_DIR = cacheDir;
    try {
      const code = await main(['check', draftFile, '--library', lib, ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s), env: process.env });
      return { code, out, err };
    } finally {
      if (before === undefined) delete process.env.SPEECHDRAFT_CACHE_DIR;
      else process.env.SPEECHDRAFT_CACHE_DIR = before;
    }
  };

  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'sd-foldercheck-'));
    lib = path.join(tmp, 'lib');
    draftFile = path.join(tmp, 'draft.txt');
    writeFileSync(draftFile, writeFolderFixture(lib));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('gives the recorded JSON and text, building the index and then from the cache', async () => {
    const cache = path.join(tmp, 'cache-a');
    const cold = await check(cache, '--json');
    expect(cold.code).toBe(0);
    expect(cold.out).toBe(GOLDEN_JSON);
    const warm = await check(cache, '--json');
    expect(warm.code).toBe(0);
    expect(warm.err).toBe('');
    expect(warm.out).toBe(GOLDEN_JSON);
    const text = await check(cache);
    expect(text.out).toBe(GOLDEN_TEXT);
  });

  it('replaces a cache of the earlier layout (manifest.json, index.bin, files/) by the one file', async () => {
    const cache = path.join(tmp, 'cache-old');
    const dir = folderCacheDir(lib, { SPEECHDRAFT_CACHE_DIR: cache });
    mkdirSync(path.join(dir, 'files'), { recursive: true });
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: 3, files: {}, indexed: {}, binSize: 4 }));
    writeFileSync(path.join(dir, 'index.bin'), 'SDRI');
    writeFileSync(path.join(dir, 'files', 'x.json'), '[]');
    expect((await check(cache, '--json')).out).toBe(GOLDEN_JSON);
    expect(readdirSync(dir)).toEqual(['library.sdpx']);
    expect(readdirSync(cache).some((f) => f.startsWith('fold-'))).toBe(true);
    expect(existsSync(path.join(dir, 'files'))).toBe(false);
  });

  it('after a library file changes, the cache is brought up to date and gives the same answer next time', async () => {
    const cache = path.join(tmp, 'cache-b');
    expect((await check(cache, '--json')).out).toBe(GOLDEN_JSON);
    const draft = readFileSync(draftFile, 'utf8');
    // a new document holding the draft's 5th paragraph, and a changed .txt
    appendFileSync(path.join(lib, 'batch2.jsonl'), JSON.stringify({ title: '新增讲话稿', content: `开头几句话。${draft.split('\n')[4]}结尾。` }) + '\n');
    appendFileSync(path.join(lib, 'sub', '市长讲话.txt'), '补充一段新的内容，与草稿无关。\n');
    const updated = await check(cache, '--json');
    expect(updated.code).toBe(0);
    const found = JSON.parse(updated.out) as { passages: { start: number; end: number; sourceTitle: string }[] };
    const fifth = draft.split('\n').slice(0, 4).join('\n').length + 1;
    expect(found.passages.some((p) => p.sourceTitle === '新增讲话稿' && p.start <= fifth + 5 && p.end >= fifth + draft.split('\n')[4].length - 5)).toBe(true);
    // the next run reads what the update wrote: the same answer
    expect((await check(cache, '--json')).out).toBe(updated.out);
    // (a fresh build may differ in rare 套话 splits: the updated index keeps the changed documents in a segment of their own)
    expect((await check(path.join(tmp, 'cache-c'), '--json')).code).toBe(0);
  });
});
