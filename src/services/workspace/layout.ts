import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';

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
  };
}

/** Explicit folder, else SPEECHDRAFT_WORKSPACE, else ~/Documents/SpeechDraft. */
export function resolveWorkspaceDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.SPEECHDRAFT_WORKSPACE) return path.resolve(env.SPEECHDRAFT_WORKSPACE);
  return path.join(os.homedir(), 'Documents', 'SpeechDraft');
}

export async function ensureLayout(layout: WorkspaceLayout): Promise<void> {
  for (const d of [layout.dir, layout.draftsDir, layout.trashDir, layout.versionsDir, layout.libraryDir, layout.templatesDir]) {
    await fs.mkdir(d, { recursive: true });
  }
}
