import { promises as fs } from 'node:fs';
import type { Settings } from '../../contract/drafts';
import { writeFileAtomic } from './atomic';
import type { WorkspaceLayout } from './layout';

export const DEFAULT_SETTINGS: Settings = { charsPerMinute: 220, reuseMinChars: 13 };

export class SettingsStore {
  constructor(private readonly layout: WorkspaceLayout) {}

  async get(): Promise<Settings> {
    try {
      const raw = JSON.parse(await fs.readFile(this.layout.settingsFile, 'utf8')) as unknown;
      if (raw && typeof raw === 'object' && !Array.isArray(raw)) return { ...DEFAULT_SETTINGS, ...(raw as Partial<Settings>) };
    } catch {
      // Missing or unreadable settings fall back to defaults; the file is left as it is until the next set().
    }
    return { ...DEFAULT_SETTINGS };
  }

  async set(patch: Record<string, unknown>): Promise<Settings> {
    const next = { ...(await this.get()), ...patch } as Settings;
    if (!(Number.isFinite(next.charsPerMinute) && next.charsPerMinute >= 60 && next.charsPerMinute <= 600)) next.charsPerMinute = 220;
    if (!(Number.isInteger(next.reuseMinChars) && next.reuseMinChars >= 5 && next.reuseMinChars <= 100)) next.reuseMinChars = 13;
    await writeFileAtomic(this.layout.settingsFile, JSON.stringify(next, null, 2) + '\n');
    return next;
  }
}
