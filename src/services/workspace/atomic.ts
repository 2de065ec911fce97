import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../contract/define';
import { isProcessAlive } from './fileLock';
import { namedStorageError } from './storageErrors';

/**
 * Test seam: called before each step of an atomic write with the step's name; a test makes it throw an
 * errno error (e.g. ENOSPC on 'write') to check that the old file stays and no temp file is left.
 */
export const atomicFaults: { before?: (step: 'open' | 'write' | 'rename', file: string) => void } = {};

export interface AtomicWriteOptions {
  /** What is written, for the named error on a full/read-only disk: 「文稿」「版本」「设置」… */
  subject?: string;
  /**
   * Called with the temp file once it is complete (written, synced, closed), just before it is renamed into
   * place: the temp file is the target's inode-to-be (e.g. draftListCache.ts records its identity there, so
   * a reader never sees the new file before its cached summary). A failure here fails the write.
   */
  beforeRename?: (tmp: string) => Promise<void>;
  /**
   * false: no fsync of the file or the folder, for a cache whose torn or lost copy is only a miss (the rename
   * still never shows a half-written file). Default true.
   */
  durable?: boolean;
}

/**
 * Write a file so that a crash at any moment leaves either the old or the new content:
 * write a temp file in the same folder, fsync it, rename over the target, fsync the folder.
 * A failed write removes its own temp file; a full, read-only or forbidden disk becomes a named ApiError
 * ('storage': 「磁盘空间不足，文稿未保存，原文件未改动」) and the target is untouched.
 * The target is replaced, never written through: a symlink in its place is refused (see refuseSymlink).
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const subject = opts.subject ?? '文件';
  const dir = path.dirname(file);
  await refuseSymlink(file, subject);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fh: fs.FileHandle;
  try {
    atomicFaults.before?.('open', file);
    fh = await fs.open(tmp, 'wx', 0o644);
  } catch (err) {
    throw namedStorageError(err, subject) ?? err;
  }
  try {
    try {
      atomicFaults.before?.('write', file);
      await fh.writeFile(data);
      if (opts.durable !== false) await fh.sync();
    } finally {
      await fh.close();
    }
    await opts.beforeRename?.(tmp);
    atomicFaults.before?.('rename', file);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw namedStorageError(err, subject) ?? err;
  }
  if (opts.durable !== false) await fsyncDir(dir);
}

/**
 * A save replaces the file; if the user made the file a symlink (e.g. to keep the draft in a synced folder),
 * replacing it would silently cut the link and leave the target old. Refused with the reason instead.
 */
export async function refuseSymlink(file: string, subject = '文件'): Promise<void> {
  let st;
  try {
    st = await fs.lstat(file);
  } catch {
    return; // missing (a new file) or unreadable: the write itself will say
  }
  if (st.isSymbolicLink()) {
    throw new ApiError(
      'unsupported',
      `${subject}是一个符号链接（快捷方式），为免链接断开而目标未更新，未保存。请把链接换成真正的文件：${path.basename(file)}`,
      `refusing to replace the symlink ${file}`,
    );
  }
  if (!st.isFile()) throw new ApiError('damaged', `${subject}的位置上不是普通文件，未保存：${path.basename(file)}`, `not a regular file: ${file}`);
}

/**
 * Never overwrite a file that could not be read: move its bytes aside to `<file>.damaged-<time>` (same folder)
 * before a fresh one is written in its place. Returns the new path.
 */
export async function keepDamagedAside(file: string): Promise<string> {
  const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await fs.rename(file, aside);
  await fsyncDir(path.dirname(file));
  return aside;
}

/** Make a rename in `dir` durable (best effort where directories cannot be fsynced). */
export async function fsyncDir(dir: string): Promise<void> {
  let dh: fs.FileHandle | undefined;
  try {
    dh = await fs.open(dir, 'r');
    await dh.sync();
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
  } finally {
    await dh?.close();
  }
}

/** Temp files left by a crash between write and rename; safe to delete at start-up. */
export function isAtomicTempFile(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/** The pid of the process that wrote a temp file (`.<name>.<pid>.<hex>.tmp`), if the name has one. */
export function tempFileOwner(name: string): number | undefined {
  const m = /\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/**
 * Delete temp files a crashed writer left in `dir`. A temp file whose writer is still running (another
 * SpeechDraft process on the same workspace, e.g. the CLI next to the app) is left alone unless it is older
 * than `staleMs`. Returns the names removed. Never touches anything but `.*.tmp` files.
 */
export async function cleanTempFiles(dir: string, staleMs = 10 * 60_000): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!isAtomicTempFile(name)) continue;
    const file = path.join(dir, name);
    try {
      const st = await fs.lstat(file);
      if (!st.isFile()) continue;
      const owner = tempFileOwner(name);
      const ownerRunning = owner !== undefined && isProcessAlive(owner);
      if (ownerRunning && Date.now() - st.mtimeMs < staleMs) continue;
      await fs.rm(file, { force: true });
      removed.push(name);
    } catch {
      // Gone already or not removable: leave it; it is never read as a draft.
    }
  }
  return removed;
}
