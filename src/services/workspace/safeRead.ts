// Every read of a user's or the workspace's file goes through here: the file is opened without blocking
// (a FIFO would otherwise wait forever for a writer), checked on the open handle to be a regular file (not a
// FIFO, device, socket or directory — also when reached through a symlink, e.g. to /dev/zero) of bounded
// size, and read no further than the bound even if it grows meanwhile.
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../contract/define';
import { LIMITS } from '../../contract/limits';

export type OddFileCode = 'ENOTFILE' | 'ETOOBIG';

/** An error with a readable reason (Chinese first) and a code: ENOENT/EACCES… from the OS, or ENOTFILE/ETOOBIG. */
export class FileReadError extends Error {
  constructor(
    readonly code: OddFileCode | string,
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'FileReadError';
  }
}

function kindOf(st: import('node:fs').Stats): string {
  if (st.isDirectory()) return '文件夹 (a directory)';
  if (st.isFIFO()) return '命名管道 (a FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return '设备文件 (a device)';
  if (st.isSocket()) return '套接字 (a socket)';
  return '特殊文件 (not a regular file)';
}

export function mb(bytes: number): string {
  return bytes >= 1048576 ? `${Math.round((bytes / 1048576) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Read a regular file of at most `maxBytes`. Throws FileReadError: ENOTFILE (FIFO, device, directory… named
 * in the message), ETOOBIG (over the bound), or the OS code (ENOENT, EACCES, ELOOP…) with its message.
 */
export async function readRegularFile(file: string, maxBytes: number): Promise<Buffer> {
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EISDIR') throw new FileReadError('ENOTFILE', `${path.basename(file)} 是文件夹 (a directory)，不是文件`, file);
    if (e.code === 'ENXIO') throw new FileReadError('ENOTFILE', `${path.basename(file)} 是套接字或无人写入的管道，不是普通文件 (not a regular file)`, file);
    throw Object.assign(new FileReadError(e.code ?? 'EIO', `无法读取 ${path.basename(file)}：${e.code ?? e.message}`, file), { cause: err });
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new FileReadError('ENOTFILE', `${path.basename(file)} 是${kindOf(st)}，不是文件，未读取`, file);
    if (st.size > maxBytes) throw new FileReadError('ETOOBIG', `${path.basename(file)} 过大（${mb(st.size)}，上限 ${mb(maxBytes)}），未读取 (file too large)`, file);
    // Read at most maxBytes + 1 even if the file grows while it is read.
    const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, st.size + 65536));
    let off = 0;
    for (;;) {
      if (off === buf.length) break;
      const { bytesRead } = await fh.read(buf, off, buf.length - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    if (off > maxBytes) throw new FileReadError('ETOOBIG', `${path.basename(file)} 过大（超过 ${mb(maxBytes)}），未读取 (file too large)`, file);
    return buf.subarray(0, off);
  } finally {
    await fh.close();
  }
}

/** readRegularFile as UTF-8 text. */
export async function readRegularText(file: string, maxBytes: number): Promise<string> {
  return (await readRegularFile(file, maxBytes)).toString('utf8');
}

/** True for the odd-file codes (the file is there but is not one the app can read). */
export function isOddFile(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'ENOTFILE' || code === 'ETOOBIG';
}

/**
 * A file the user named (CLI FILE, 打开 in the app): a bounded regular file, or an ApiError saying why not
 * (not-found; invalid-input for a FIFO, device, directory; too-large with the limit). A draft .json may be
 * as large as a draft file; anything else is an import.
 */
export async function readUserFile(file: string): Promise<Buffer> {
  const max = path.extname(file).toLowerCase() === '.json' ? LIMITS.maxDraftFileBytes : LIMITS.maxImportBytes;
  try {
    return await readRegularFile(file, max);
  } catch (err) {
    const e = err as FileReadError;
    if (e.code === 'ENOENT') throw new ApiError('not-found', `无法读取文件：${file}（文件不存在 no such file）`, 'ENOENT');
    if (e.code === 'ETOOBIG') throw new ApiError('too-large', `${e.message}`, `limit ${max} bytes`);
    if (e.code === 'ENOTFILE') throw new ApiError('invalid-input', e.message, 'not a regular file');
    throw new ApiError('invalid-input', `无法读取文件：${file}（${e.code ?? e.message}）`, e.message);
  }
}
