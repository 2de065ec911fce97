import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
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
    const code = await main(['check', draftFile, '--library', lib, ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s), env: { ...process.env, SPEECHDRAFT_CACHE_DIR: cacheDir } });
    return { code, out, err };
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

  it('after a library file changes, the updated cache gives what a fresh build gives', async () => {
    const cache = path.join(tmp, 'cache-b');
    expect((await check(cache, '--json')).out).toBe(GOLDEN_JSON);
    const draft = readFileSync(draftFile, 'utf8');
    // a new document holding the draft's 5th paragraph, and a changed .txt
    appendFileSync(path.join(lib, 'batch2.jsonl'), JSON.stringify({ title: '新增讲话稿', content: `开头几句话。${draft.split('\n')[4]}结尾。` }) + '\n');
    appendFileSync(path.join(lib, 'sub', '市长讲话.txt'), '补充一段新的内容，与草稿无关。\n');
    const updated = await check(cache, '--json');
    const fresh = await check(path.join(tmp, 'cache-c'), '--json');
    expect(updated.code).toBe(0);
    expect(updated.out).toBe(fresh.out);
    expect(updated.out).not.toBe(GOLDEN_JSON);
    expect(JSON.parse(updated.out).sources.map((s: { title: string }) => s.title)).toContain('新增讲话稿');
    // and a third run, from the updated cache
    expect((await check(cache, '--json')).out).toBe(fresh.out);
  });
});
