// File-system failures a user can do something about (a full or read-only disk, no permission, a folder that
// is a file) become named errors that say what was not done and that nothing saved changed. Everything else
// stays an internal error.
import { ApiError } from '../../contract/define';

const CODES: Record<string, (subject: string) => string> = {
  ENOSPC: (s) => `磁盘空间不足，${s}未保存，原文件未改动 (disk full)`,
  EDQUOT: (s) => `磁盘配额已用完，${s}未保存，原文件未改动 (disk quota exceeded)`,
  EROFS: (s) => `磁盘或文件夹是只读的，${s}未保存，原文件未改动 (read-only file system)`,
  EACCES: (s) => `没有写入权限，${s}未保存，原文件未改动 (permission denied)`,
  EPERM: (s) => `操作不被允许，${s}未保存，原文件未改动 (operation not permitted)`,
  EIO: (s) => `磁盘读写出错，${s}未保存，原文件未改动 (I/O error)`,
  ENOTDIR: (s) => `路径中有一项不是文件夹，${s}未保存 (not a directory)`,
  EEXIST: (s) => `同名的文件挡住了要建的文件夹，${s}未保存 (a file is in the way)`,
  EMFILE: (s) => `打开的文件过多，${s}未保存，请稍后再试 (too many open files)`,
  ENFILE: (s) => `打开的文件过多，${s}未保存，请稍后再试 (too many open files)`,
  ENAMETOOLONG: (s) => `文件名或路径过长，${s}未保存 (name too long)`,
};

/** Errno codes that are the disk's or the folder's fault, not the program's. */
export function isStorageErrno(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && code in CODES;
}

/**
 * A named ApiError for a storage failure while writing `subject` (「文稿」「版本」「设置」…), or null when
 * `err` is not one. The path, when known, goes into the detail.
 */
export function namedStorageError(err: unknown, subject = '文件'): ApiError | null {
  if (err instanceof ApiError) return err;
  const e = err as NodeJS.ErrnoException | null;
  const code = e?.code;
  if (typeof code !== 'string' || !(code in CODES)) return null;
  return new ApiError('storage', CODES[code](subject), `${code}${e?.path ? `: ${e.path}` : ''}`);
}

/** Rethrow a storage failure as its named error; anything else unchanged. */
export function rethrowNamed(subject: string): (err: unknown) => never {
  return (err: unknown) => {
    throw namedStorageError(err, subject) ?? err;
  };
}
