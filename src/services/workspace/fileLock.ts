// A lock that holds across processes (the desktop app, browser mode, the CLI, a second window, a workspace on
// a shared folder): a lock file created with O_EXCL (`open(path, 'wx')`), which every file system the app
// supports creates atomically, holding the owner's pid, host, start time and a random token.
//
// Why a lock file and not flock(): Node has no flock, a native helper would need install scripts, and flock
// is unreliable on network folders; O_EXCL create is atomic there too. The cost is stale locks after a crash,
// handled here: a lock is stale when its owner (same host) is no longer running, or when it is older than
// `staleMs` and has not been refreshed (the owner refreshes its mtime while it holds the lock).
// Breaking a stale lock renames it to a unique name first (only one breaker can win that rename) and checks
// that what it moved is still the stale lock it looked at; a fresh lock moved by mistake is put back.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../contract/define';
import { namedStorageError } from './storageErrors';

export interface FileLockOptions {
  /** How long to wait for the lock before giving up (default 15 s). */
  timeoutMs?: number;
  /** A lock not refreshed for this long is stale even if its owner seems alive (default 30 s). */
  staleMs?: number;
  /** What is locked, for the message when the wait times out, e.g. 「文稿 d123」. */
  subject?: string;
}

interface LockInfo {
  pid: number;
  host: string;
  time: string;
  token: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_STALE_MS = 30_000;

export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLockInfo(file: string): Promise<{ info: LockInfo | null; mtimeMs: number } | null> {
  try {
    const st = await fs.lstat(file);
    if (!st.isFile()) return { info: null, mtimeMs: st.mtimeMs };
    const text = st.size <= 4096 ? await fs.readFile(file, 'utf8') : '';
    try {
      const raw = JSON.parse(text) as LockInfo;
      return { info: typeof raw?.pid === 'number' && typeof raw.token === 'string' ? raw : null, mtimeMs: st.mtimeMs };
    } catch {
      // Being written right now (created, not yet filled) or garbage: judged by age only.
      return { info: null, mtimeMs: st.mtimeMs };
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function isStale(seen: { info: LockInfo | null; mtimeMs: number }, staleMs: number): boolean {
  const age = Date.now() - seen.mtimeMs;
  if (age > staleMs) return true;
  if (seen.info && seen.info.host === os.hostname() && !isProcessAlive(seen.info.pid)) return true;
  // An unreadable lock younger than a second may be one being written; older ones count as stale soon.
  return seen.info === null && age > Math.min(staleMs, 2_000);
}

/** Try to remove a stale lock; true if it is gone (by us or someone else). */
async function breakStale(file: string, seen: { info: LockInfo | null; mtimeMs: number }): Promise<boolean> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.rename(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
  const moved = await readLockInfo(aside);
  const same = moved !== null && (seen.info ? moved.info?.token === seen.info.token : moved.info === null && moved.mtimeMs === seen.mtimeMs);
  if (!same) {
    // Someone broke it and took a fresh lock between our look and our rename: put theirs back.
    try {
      await fs.link(aside, file);
    } catch {
      // A third lock exists now; theirs is lost, but its owner re-checks its token before releasing.
    }
  }
  await fs.rm(aside, { force: true });
  return same;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface HeldLock {
  readonly file: string;
  readonly token: string;
  /** Remove the lock file if it is still ours. */
  release(): Promise<void>;
}

/** Acquire the lock file, waiting (with jittered back-off) up to `timeoutMs`. */
export async function acquireFileLock(file: string, opts: FileLockOptions = {}): Promise<HeldLock> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleMs = opts.staleMs ?? DEFAULT_STALE_MS;
  const token = randomBytes(12).toString('hex');
  const body = JSON.stringify({ pid: process.pid, host: os.hostname(), time: new Date().toISOString(), token } satisfies LockInfo);
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  for (;;) {
    try {
      const fh = await fs.open(file, 'wx', 0o644);
      try {
        await fh.writeFile(body);
      } catch (err) {
        // e.g. a full disk: the lock is not ours after all; leave no empty lock file behind.
        await fh.close().catch(() => undefined);
        await fs.rm(file, { force: true }).catch(() => undefined);
        throw Object.assign(namedStorageError(err, opts.subject ?? '文件') ?? (err as Error), { lockWrite: true });
      }
      await fh.close();
      return heldLock(file, token, staleMs);
    } catch (err) {
      if ((err as { lockWrite?: boolean }).lockWrite) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        await fs.mkdir(path.dirname(file), { recursive: true }).catch((e: unknown) => {
          throw namedStorageError(e, opts.subject ?? '文件') ?? e;
        });
        continue;
      }
      if (code !== 'EEXIST') throw namedStorageError(err, opts.subject ?? '文件') ?? err;
    }
    const seen = await readLockInfo(file);
    if (seen && isStale(seen, staleMs)) {
      await breakStale(file, seen);
      continue;
    }
    if (Date.now() > deadline) {
      const who = seen?.info ? `（进程 ${seen.info.pid}，自 ${seen.info.time}）` : '';
      throw new ApiError('conflict', `${opts.subject ?? '文件'}正被另一个程序写入${who}，等待超时，未保存。请稍后再试`, `lock busy: ${file}`);
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
}

function heldLock(file: string, token: string, staleMs: number): HeldLock {
  // Refresh the mtime while held, so a long operation is never taken for a crashed one.
  const timer = setInterval(() => {
    const now = new Date();
    fs.utimes(file, now, now).catch(() => undefined);
  }, Math.max(1_000, Math.floor(staleMs / 3)));
  timer.unref();
  return {
    file,
    token,
    async release() {
      clearInterval(timer);
      const cur = await readLockInfo(file).catch(() => null);
      if (cur?.info?.token === token) await fs.rm(file, { force: true });
    },
  };
}

/** Run `fn` while holding the lock file. */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, opts: FileLockOptions = {}): Promise<T> {
  const lock = await acquireFileLock(file, opts);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

/** Who holds a lock file now (for messages), or null when it is free or stale. */
export async function lockHolder(file: string, staleMs = DEFAULT_STALE_MS): Promise<LockInfo | null> {
  const seen = await readLockInfo(file);
  if (!seen || isStale(seen, staleMs)) return null;
  return seen.info;
}
