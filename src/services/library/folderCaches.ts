import { promises as fs } from 'node:fs';
import path from 'node:path';

// The cache root holds one folder per library folder checked (folderLibrary.ts: its persisted index, about four
// bytes per character of the library, 200 MB for 50 M characters). Nothing else would ever remove them, and a
// system temp folder is not cleaned on every system (Windows keeps %TEMP%), so a writer who checks against a few
// archives in turn, or one archive moved to another path, would gather gigabytes. Each use of a folder's cache
// marks it (its modification time), and when a cache is written the least recently used ones beyond the
// MAX_FOLDER_CACHES newest are removed. Only folders named as folderCacheDir names them are ever touched.

/** Library folders whose caches are kept. */
export const MAX_FOLDER_CACHES = 8;

/** A folder cache's name: the first 20 hex digits of the SHA-256 of the library folder's path. */
const CACHE_NAME = /^[0-9a-f]{20}$/;

/** Mark a folder's cache as used now (best effort: a read-only cache is only not pruned by use). */
export async function markCacheUsed(cacheDir: string): Promise<void> {
  const now = new Date();
  await fs.utimes(cacheDir, now, now).catch(() => undefined);
}

/**
 * Remove the caches of library folders beyond the `max` most recently used (never `keep`, the one in use).
 * Failures are ignored (a cache another process holds open on Windows stays until next time). Returns the
 * folders removed.
 */
export async function pruneFolderCaches(root: string, keep: string, max = MAX_FOLDER_CACHES): Promise<string[]> {
  let names: string[];
  try {
    names = (await fs.readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory() && CACHE_NAME.test(e.name)).map((e) => e.name);
  } catch {
    return [];
  }
  if (names.length <= max) return [];
  const kept = path.resolve(keep);
  const dated = await Promise.all(
    names.map(async (name) => {
      const dir = path.join(root, name);
      const st = await fs.stat(dir).catch(() => null);
      return { dir, used: dir === kept ? Infinity : (st?.mtimeMs ?? 0) };
    }),
  );
  dated.sort((a, b) => b.used - a.used);
  const removed: string[] = [];
  for (const { dir } of dated.slice(max)) {
    if (dir === kept) continue;
    try {
      await fs.rm(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      /* in use elsewhere: next time */
    }
  }
  return removed;
}
