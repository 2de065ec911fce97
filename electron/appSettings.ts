// Settings of the desktop app itself (not of a workspace): which workspace folder to open.
// Stored as JSON in Electron's userData folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../src/services/workspace/atomic';
import { resolveWorkspaceDir } from '../src/services/workspace/layout';

export interface AppSettings {
  workspaceDir?: string;
}

export function appSettingsFile(userDataDir: string): string {
  return path.join(userDataDir, 'app-settings.json');
}

export async function readAppSettings(userDataDir: string): Promise<AppSettings> {
  try {
    const raw = JSON.parse(await fs.readFile(appSettingsFile(userDataDir), 'utf8')) as unknown;
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      const dir = (raw as AppSettings).workspaceDir;
      return typeof dir === 'string' && path.isAbsolute(dir) ? { workspaceDir: dir } : {};
    }
  } catch {
    // No settings yet (first start) or unreadable: defaults.
  }
  return {};
}

export async function writeAppSettings(userDataDir: string, settings: AppSettings): Promise<void> {
  await fs.mkdir(userDataDir, { recursive: true });
  await writeFileAtomic(appSettingsFile(userDataDir), JSON.stringify(settings, null, 2) + '\n');
}

/** The chosen folder, else SPEECHDRAFT_WORKSPACE, else <Documents>/SpeechDraft (Electron's Documents path). */
export function workspaceDirFor(settings: AppSettings, documentsDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (settings.workspaceDir) return resolveWorkspaceDir(settings.workspaceDir, env);
  if (env.SPEECHDRAFT_WORKSPACE) return resolveWorkspaceDir(undefined, env);
  return resolveWorkspaceDir(path.join(documentsDir, 'SpeechDraft'), env);
}
