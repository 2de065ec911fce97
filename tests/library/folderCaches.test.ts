import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { folderCacheDir, loadFolderLibrary } from '../../src/services/library/folderLibrary';
import { MAX_FOLDER_CACHES, pruneFolderCaches } from '../../src/services/library/folderCaches';

// The caches of library folders are kept for the MAX_FOLDER_CACHES folders most recently checked: older ones are
// removed when a cache is written; nothing in the cache root but folder caches is touched.
describe('folder caches: the least recently used beyond the newest few are removed', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'sd-caches-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A fake folder cache used `ageDays` ago. */
  const cache = (i: number, ageDays: number) => {
    const dir = path.join(root, i.toString(16).padStart(20, '0'));
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'library.sdpx'), 'x');
    const t = new Date(Date.now() - ageDays * 86_400_000);
    utimesSync(dir, t, t);
    return dir;
  };

  it('keeps the newest and the one in use, removes the rest, leaves other entries alone', async () => {
    const dirs = Array.from({ length: 12 }, (_, i) => cache(i, i + 1)); // dirs[0] the newest
    mkdirSync(path.join(root, 'not-a-cache'));
    writeFileSync(path.join(root, 'fold-20.0.0-u15.bin'), 'table');
    const inUse = dirs[11]; // the oldest by its time, but being written now
    const removed = await pruneFolderCaches(root, inUse);
    expect(removed.sort()).toEqual(dirs.slice(MAX_FOLDER_CACHES - 1, 11).sort());
    for (const d of [...dirs.slice(0, MAX_FOLDER_CACHES - 1), inUse]) expect(existsSync(d), d).toBe(true);
    expect(existsSync(path.join(root, 'not-a-cache'))).toBe(true);
    expect(existsSync(path.join(root, 'fold-20.0.0-u15.bin'))).toBe(true);
    // at the limit: nothing more to remove
    expect(await pruneFolderCaches(root, inUse)).toEqual([]);
  });

  it('a check marks its folder used, and writing a new cache prunes the least recently checked', async () => {
    const env = { SPEECHDRAFT_CACHE_DIR: root };
    const libs = Array.from({ length: MAX_FOLDER_CACHES + 1 }, (_, i) => {
      const dir = path.join(root, '..', `${path.basename(root)}-lib${i}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'a.txt'), `第${i}篇讲话\n同志们：\n要坚持把发展作为第一要务，咬定目标不放松，一张蓝图绘到底。`);
      return dir;
    });
    try {
      for (const lib of libs.slice(0, MAX_FOLDER_CACHES)) await loadFolderLibrary(lib, { env });
      const cacheOf = (lib: string) => folderCacheDir(lib, env);
      // make the caches look old (the first the oldest), then check the first again: it is marked used
      libs.slice(0, MAX_FOLDER_CACHES).forEach((lib, i) => {
        const t = new Date(Date.now() - (30 - i) * 86_400_000); // libs[0] the oldest, then libs[1] …
        utimesSync(cacheOf(lib), t, t);
      });
      await loadFolderLibrary(libs[0], { env });
      expect(Date.now() - statSync(cacheOf(libs[0])).mtimeMs).toBeLessThan(86_400_000);
      // one folder more: the least recently checked (libs[1], not libs[0]) goes
      await loadFolderLibrary(libs[MAX_FOLDER_CACHES], { env });
      expect(existsSync(cacheOf(libs[1]))).toBe(false);
      for (const lib of [libs[0], ...libs.slice(2)]) expect(existsSync(cacheOf(lib)), lib).toBe(true);
      expect(readdirSync(root).filter((n) => /^[0-9a-f]{20}$/.test(n))).toHaveLength(MAX_FOLDER_CACHES);
    } finally {
      for (const lib of libs) rmSync(lib, { recursive: true, force: true });
    }
  });
});
