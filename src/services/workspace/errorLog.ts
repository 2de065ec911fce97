// The one internal-error path. A failure the user can act on (a full or read-only disk, a file that is a
// FIFO or too large) becomes a named ApiError (classifyError); what is left is a defect of the program: its
// stack goes into a log file (never to the renderer), and the user is told where the file is and where to
// send it.
import { appendFileSync, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../contract/define';
import { INTERNAL_PREFIX, type DispatchOptions } from '../../contract/dispatch';
import { FileReadError } from './safeRead';
import { namedStorageError } from './storageErrors';

export const REPORT_TO = 'dev@speechdraft.cn（或 https://speechdraft.cn 的「问题反馈」）';

/** A named ApiError for errors that are not the program's fault, or null. */
export function classifyError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  if (err instanceof FileReadError) {
    if (err.code === 'ENOENT') return new ApiError('not-found', `找不到文件：${err.file}`, err.code);
    return new ApiError('invalid-input', err.message, `${err.code}: ${err.file}`);
  }
  const storage = namedStorageError(err, '文件');
  if (storage) return storage;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return new ApiError('not-found', `找不到文件或文件夹：${(err as NodeJS.ErrnoException).path ?? ''}`, code);
  if (code === 'ELOOP') return new ApiError('invalid-input', `符号链接循环，无法读取：${(err as NodeJS.ErrnoException).path ?? ''}`, code);
  if (err instanceof RangeError && /Invalid string length|Array buffer allocation failed/.test(err.message)) {
    return new ApiError('too-large', '内容过大，超出处理上限，未作任何改动 (too large to process)', err.message);
  }
  return null;
}

/** Where internal errors are logged: `<workspace>/.cache/logs/`, or the system temp folder if that fails. */
export function errorLogFile(workspaceDir?: string, now = new Date()): string[] {
  const name = `speechdraft-${now.toISOString().slice(0, 10)}.log`;
  // Under the workspace only if it exists (a CLI command without one must not create the default folder).
  const dirs = [...(workspaceDir && isDir(workspaceDir) ? [path.join(workspaceDir, '.cache', 'logs')] : []), path.join(os.tmpdir(), 'speechdraft-logs')];
  return dirs.map((d) => path.join(d, name));
}

function isDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Append the error with its stack to the log; returns the file written, or undefined if none could be. */
export function logInternalError(err: unknown, context: string, workspaceDir?: string): string | undefined {
  const e = err instanceof Error ? err : new Error(String(err));
  const detail = err instanceof ApiError && err.detail ? `\ndetail: ${err.detail}` : '';
  const entry = `[${new Date().toISOString()}] pid ${process.pid} ${context}\n${e.stack ?? e.message}${detail}\n\n`;
  for (const file of errorLogFile(workspaceDir)) {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      appendFileSync(file, entry);
      return file;
    } catch {
      // try the next place
    }
  }
  return undefined;
}

/** The user's message for an internal error: what happened, the log, where to report it. No stack. */
export function internalMessage(err: unknown, logFile: string | undefined): string {
  const msg = (err instanceof Error ? err.message : String(err)).replace(/^内部错误：/, '').slice(0, 300);
  return `${INTERNAL_PREFIX}，您的文件未被改动）：${msg}。${logFile ? `详情已记入日志 ${logFile}，` : ''}请把${logFile ? '该日志' : '此信息'}发送至 ${REPORT_TO}`;
}

/** What dispatch needs to name errors and log internal ones, for one workspace. */
export function dispatchOptionsFor(workspaceDir?: string): DispatchOptions {
  return {
    classify: classifyError,
    report: (err, method) => {
      const file = logInternalError(err, `method ${method}`, workspaceDir);
      return internalMessage(err, file);
    },
  };
}
