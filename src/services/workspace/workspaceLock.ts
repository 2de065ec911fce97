// One desktop window per workspace: the app holds `.locks/workspace.lock` (fileLock.ts) while a workspace is
// open. A second SpeechDraft window on the same folder (another installation, another user profile, the
// same folder over a network share) is told who has it open. Saves stay safe either way (every write is
// locked per item); the notice avoids two people editing the same draft into conflicts.
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../contract/define';
import { acquireFileLock, lockHolder, type HeldLock } from './fileLock';
import type { WorkspaceLayout } from './layout';

export interface WorkspaceClaim {
  /** Null when this process holds the workspace; else who does (pid, host, since when). */
  heldBy: { pid: number; host: string; time: string } | null;
  release(): Promise<void>;
}

export function workspaceLockFile(layout: WorkspaceLayout): string {
  return path.join(layout.locksDir, 'workspace.lock');
}

/** Claim the workspace for this process (no waiting). A lock of a crashed or closed app is taken over. */
export async function claimWorkspace(layout: WorkspaceLayout): Promise<WorkspaceClaim> {
  const file = workspaceLockFile(layout);
  let held: HeldLock;
  try {
    held = await acquireFileLock(file, { timeoutMs: 0, subject: '工作区' });
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'conflict') throw err;
    const holder = await lockHolder(file);
    // The same process (the app switching back to a folder, or started twice in one test): ours already.
    if (!holder || (holder.pid === process.pid && holder.host === os.hostname())) return { heldBy: null, release: async () => undefined };
    return { heldBy: { pid: holder.pid, host: holder.host, time: holder.time }, release: async () => undefined };
  }
  return { heldBy: null, release: () => held.release() };
}

/** The notice for a second window, in Chinese. */
export function workspaceBusyMessage(dir: string, by: NonNullable<WorkspaceClaim['heldBy']>): string {
  const where = by.host === os.hostname() ? `本机进程 ${by.pid}` : `计算机 ${by.host} 上的进程 ${by.pid}`;
  return (
    `工作区「${dir}」已在另一个 SpeechDraft 窗口中打开（${where}，自 ${by.time}）。\n\n` +
    '两个窗口可以同时使用，保存不会丢失：同一篇文稿若在两处修改，后保存的一方会收到冲突提示。' +
    '为免冲突，建议只在一个窗口中编辑，或用「设置 → 工作区」换一个文件夹。'
  );
}
