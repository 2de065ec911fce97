import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Write a file so that a crash at any moment leaves either the old or the new content:
 * write a temp file in the same folder, fsync it, rename over the target, fsync the folder.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await fs.open(tmp, 'wx', 0o644);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(dir);
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

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
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
      const ownerRunning = owner !== undefined && isAlive(owner);
      if (ownerRunning && Date.now() - st.mtimeMs < staleMs) continue;
      await fs.rm(file, { force: true });
      removed.push(name);
    } catch {
      // Gone already or not removable: leave it; it is never read as a draft.
    }
  }
  return removed;
}
