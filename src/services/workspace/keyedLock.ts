// Small pieces the file-per-item stores share (drafts, versions, library documents).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../contract/define';
import { withFileLock, type FileLockOptions } from './fileLock';

/** Ids of drafts, versions and library documents: the contract's id pattern (tokens, never paths). */
export { ID_RE as STORE_ID_RE } from '../../contract/common';

/** Per-key promise chains: `run(key, fn)` waits for the key's earlier runs (failed or not), so writes to one item never interleave. */
export class KeyedLock {
  private chains = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(fn);
    this.chains.set(key, next);
    try {
      return await next;
    } finally {
      if (this.chains.get(key) === next) this.chains.delete(key);
    }
  }
}

/**
 * A lock per item that holds across processes: the in-process chain first (cheap, keeps one process's own
 * writes in order), then a lock file `<locksDir>/<scope>-<key>.lock` (fileLock.ts) that other SpeechDraft
 * processes on the same workspace respect. Every read-compare-write of a store item runs under it:
 * drafts, versions, settings, library metadata, passage states.
 *   const locks = new StoreLock(layout.locksDir, 'draft', '文稿');
 *   await locks.run(id, async () => { read; compare revision; writeFileAtomic; });
 */
export class StoreLock {
  private local = new KeyedLock();

  constructor(
    private readonly locksDir: string,
    private readonly scope: string,
    /** What is locked, for the message when the lock cannot be had: 「文稿」「设置」… */
    private readonly subject = '文件',
    private readonly opts: FileLockOptions = {},
  ) {}

  fileOf(key: string): string {
    return path.join(this.locksDir, `${this.scope}-${key.replace(/[^A-Za-z0-9_-]/g, '_')}.lock`);
  }

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(key, () => withFileLock(this.fileOf(key), fn, { subject: this.subject, ...this.opts }));
  }
}

/**
 * The names in `dir`, or [] when the folder does not exist yet. A file in the folder's place, or a folder
 * that cannot be read, is a named 'damaged' error (never an internal one).
 */
export async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    if (code === 'ENOTDIR') throw new ApiError('damaged', `${dir} 应是文件夹，但这里是一个文件（请改名或移走它）`, code);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EIO' || code === 'ELOOP') throw new ApiError('damaged', `无法读取文件夹 ${dir}（${code}）`, code);
    throw err;
  }
}
