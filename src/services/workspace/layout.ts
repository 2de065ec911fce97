import os from 'node:os';
import path from 'node:path';
import { constants, promises as fs } from 'node:fs';
import { ApiError } from '../../contract/define';
import { namedStorageError } from './storageErrors';

/** Where things live inside a workspace folder. Every capability takes its paths from here. */
export interface WorkspaceLayout {
  dir: string;
  draftsDir: string;
  /** Recoverable deletions (回收站). */
  trashDir: string;
  versionsDir: string;
  libraryDir: string;
  templatesDir: string;
  cacheDir: string;
  settingsFile: string;
  /** Lock files of writes in progress (fileLock.ts), shared by every SpeechDraft process on the workspace. */
  locksDir: string;
}

export function layoutOf(dir: string): WorkspaceLayout {
  const abs = path.resolve(dir);
  return {
    dir: abs,
    draftsDir: path.join(abs, 'drafts'),
    trashDir: path.join(abs, '回收站'),
    versionsDir: path.join(abs, 'versions'),
    libraryDir: path.join(abs, 'library'),
    templatesDir: path.join(abs, 'templates'),
    cacheDir: path.join(abs, '.cache'),
    settingsFile: path.join(abs, 'settings.json'),
    locksDir: path.join(abs, '.locks'),
  };
}

/** Explicit folder, else SPEECHDRAFT_WORKSPACE, else ~/Documents/SpeechDraft. */
export function resolveWorkspaceDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.SPEECHDRAFT_WORKSPACE) return path.resolve(env.SPEECHDRAFT_WORKSPACE);
  return path.join(os.homedir(), 'Documents', 'SpeechDraft');
}

/** Folders that are never a workspace: the kernel's virtual file systems (mkdir there can even hang). */
const VIRTUAL_ROOTS = ['/proc', '/sys', '/dev'];

function workspaceError(message: string, detail?: string): ApiError {
  return new ApiError('invalid-input', message, detail);
}

/**
 * mkdir -p without fs.mkdir's recursive mode (which loops forever under /proc): find the nearest existing
 * ancestor, check it is a folder, create the rest one level at a time. Clear errors for a file in the way,
 * a missing permission or a read-only disk.
 */
export async function makeDirs(dir: string, what: string): Promise<void> {
  const missing: string[] = [];
  let cur = path.resolve(dir);
  for (;;) {
    let st;
    try {
      st = await fs.stat(cur);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && path.dirname(cur) !== cur) {
        missing.unshift(cur);
        cur = path.dirname(cur);
        continue;
      }
      if (code === 'ENOTDIR') throw workspaceError(`${what}的上级路径中有一项是文件而不是文件夹：${cur}`, code);
      throw namedStorageError(err, what) ?? err;
    }
    if (!st.isDirectory()) {
      throw workspaceError(
        cur === path.resolve(dir) ? `${what}应是文件夹，但这里是一个文件：${cur}（请改名或移走它）` : `${what}的上级路径是文件而不是文件夹：${cur}`,
        'ENOTDIR',
      );
    }
    break;
  }
  for (const d of missing) {
    try {
      await fs.mkdir(d);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        const st = await fs.stat(d).catch(() => null);
        if (st?.isDirectory()) continue;
        throw workspaceError(`${what}应是文件夹，但这里是一个文件：${d}`, code);
      }
      throw namedStorageError(err, what) ?? err;
    }
  }
}

/** Check the workspace folder can be one (a readable folder, not a virtual file system), then create its folders. */
export async function ensureLayout(layout: WorkspaceLayout): Promise<void> {
  const real = await realpathOfExisting(layout.dir);
  if (VIRTUAL_ROOTS.some((r) => real === r || real.startsWith(r + '/'))) {
    throw workspaceError(`不能把系统的虚拟文件夹用作工作区：${layout.dir}`, `${real} is on a virtual file system`);
  }
  await makeDirs(layout.dir, '工作区文件夹');
  try {
    await fs.access(layout.dir, constants.R_OK | constants.X_OK);
  } catch {
    throw workspaceError(`没有读取工作区文件夹的权限：${layout.dir}`, 'EACCES');
  }
  const names: Array<[string, string]> = [
    [layout.draftsDir, '工作区中的 drafts'],
    [layout.trashDir, '工作区中的 回收站'],
    [layout.versionsDir, '工作区中的 versions'],
    [layout.libraryDir, '工作区中的 library'],
    [layout.templatesDir, '工作区中的 templates'],
  ];
  for (const [d, what] of names) await makeDirs(d, what);
}

/** realpath of the longest existing prefix of `p`, with the rest appended. */
async function realpathOfExisting(p: string): Promise<string> {
  let cur = path.resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(await fs.realpath(cur), ...rest);
    } catch {
      if (path.dirname(cur) === cur) return path.join(cur, ...rest);
      rest.unshift(path.basename(cur));
      cur = path.dirname(cur);
    }
  }
}
