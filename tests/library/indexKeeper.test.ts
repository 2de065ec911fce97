import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReuseIndex, createChecker } from '../../src/core/reuse/index';
import { IndexKeeper, type IndexedSource } from '../../src/services/library/indexKeeper';
import { textHash } from '../../src/services/library/store';

const A = '要把群众的呼声作为改进机关工作的第一信号，凡是职工群众拥护和欢迎的，要抓紧去做。';
const B = '机关作风建设只有进行时没有完成时，要以钉钉子精神抓好整改落实，确保取得实际效果。';
const C = '今年要集中力量办好十件民生实事，让城乡居民在就业、教育、医疗、养老等方面得到实惠。';

const src = (id: string, text: string): IndexedSource => ({ id, hash: textHash(text), doc: () => ({ id, title: id, text }) });
const found = (index: ReuseIndex, text: string, texts: Record<string, string>) =>
  createChecker(index)
    .check(text, { minChars: 13, getSourceText: (id) => texts[id] })
    .passages.map((p) => p.sourceId);

describe('IndexKeeper: the persisted reuse index, synced per source by content hash', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sd-keeper-'));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the sources, then re-indexes only the one whose text changed and drops the one that is gone', async () => {
    const k = new IndexKeeper(dir);
    const index = await k.sync([src('a', A), src('b', B), src('c', C)]);
    expect(index.size).toBe(3);
    expect(found(index, A, { a: A, b: B, c: C })).toEqual(['a']);
    const add = vi.spyOn(index, 'add');
    const remove = vi.spyOn(index, 'remove');
    const changed = `${C}又加了一句。`;
    await k.sync([src('a', A), src('c', changed)]);
    expect(add.mock.calls.map((c) => c[0].map((d) => d.id))).toEqual([['c']]);
    expect([...remove.mock.calls[0][0]].sort()).toEqual(['b', 'c']);
    expect(index.size).toBe(2);
    expect(found(index, B, { a: A, c: changed })).toEqual([]);
  });

  it('keeps the entry of `keep` as it was indexed, and the same list again costs nothing', async () => {
    const k = new IndexKeeper(dir);
    const list = [src('a', A), src('draft:x', B)];
    const index = await k.sync(list);
    const v = index.version;
    // the checked draft was saved with new text: with keep, its indexed entry stays (the index is unchanged)
    await k.sync([src('a', A), src('draft:x', C)], { keep: 'draft:x' });
    expect(index.version).toBe(v);
    // checked on behalf of another draft, it is brought up to date
    await k.sync([src('a', A), src('draft:x', C)]);
    expect(index.version).not.toBe(v);
    const same = [src('a', A), src('draft:x', C)];
    await k.sync(same);
    const add = vi.spyOn(index, 'add');
    for (let i = 0; i < 3; i++) await k.sync(same);
    expect(add).not.toHaveBeenCalled();
  });

  it('writes the index to its folder and a new keeper reads it back without indexing again', async () => {
    const k = new IndexKeeper(dir);
    await k.sync([src('a', A), src('b', B)]);
    await k.dispose();
    expect(existsSync(path.join(dir, 'index.bin')) && existsSync(path.join(dir, 'index.json'))).toBe(true);
    const add = vi.spyOn(ReuseIndex.prototype, 'add');
    const again = new IndexKeeper(dir);
    const index = await again.sync(() => [src('a', A), src('b', B)]);
    expect(add).not.toHaveBeenCalled();
    expect(index.size).toBe(2);
    expect(found(index, B, { a: A, b: B })).toEqual(['b']);
  });

  it('rebuilds from the sources when the cache is damaged', async () => {
    const k = new IndexKeeper(dir);
    await k.sync([src('a', A)]);
    await k.flush();
    writeFileSync(path.join(dir, 'index.bin'), 'not an index');
    const index = await new IndexKeeper(dir).sync([src('a', A), src('b', B)]);
    expect(index.size).toBe(2);
    expect(found(index, A, { a: A, b: B })).toEqual(['a']);
  });

  it('runs one sync at a time, each with the sources as its turn comes', async () => {
    const k = new IndexKeeper(dir);
    let texts = [src('a', A)];
    const first = k.sync(async () => {
      await new Promise((r) => setTimeout(r, 20));
      return texts;
    });
    texts = [src('a', A), src('b', B)];
    const second = k.sync(() => texts);
    await first;
    const index = await second;
    expect(index.size).toBe(2);
  });
});
