import { promises as fs } from 'node:fs';
import { DEFAULT_SETTINGS, type Settings } from '../../contract/drafts';
import { keepDamagedAside, writeFileAtomic } from './atomic';
import { parseJsonText } from './jsonFile';
import { KeyedLock } from './keyedLock';
import type { WorkspaceLayout } from './layout';

type Read = { status: 'missing' } | { status: 'ok'; value: Partial<Settings> } | { status: 'damaged'; reason: string };

export class SettingsStore {
  /** `set` reads, merges and rewrites the file: two changes at once must not drop one. */
  private lock = new KeyedLock();

  constructor(private readonly layout: WorkspaceLayout) {}

  private async read(): Promise<Read> {
    let text: string;
    try {
      text = await fs.readFile(this.layout.settingsFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
      return { status: 'damaged', reason: (err as Error).message };
    }
    try {
      const raw = parseJsonText(text);
      if (raw && typeof raw === 'object' && !Array.isArray(raw)) return { status: 'ok', value: raw as Partial<Settings> };
      return { status: 'damaged', reason: 'not a JSON object' };
    } catch (err) {
      return { status: 'damaged', reason: (err as Error).message };
    }
  }

  async get(): Promise<Settings> {
    const r = await this.read();
    // Missing or unreadable settings fall back to defaults; the file is left as it is.
    return r.status === 'ok' ? { ...DEFAULT_SETTINGS, ...r.value } : { ...DEFAULT_SETTINGS };
  }

  set(patch: Record<string, unknown>): Promise<Settings> {
    return this.lock.run('settings', () => this.setUnlocked(patch));
  }

  private async setUnlocked(patch: Record<string, unknown>): Promise<Settings> {
    const r = await this.read();
    if (r.status === 'damaged') await keepDamagedAside(this.layout.settingsFile);
    const next = { ...DEFAULT_SETTINGS, ...(r.status === 'ok' ? r.value : {}), ...patch } as Settings;
    if (!(Number.isFinite(next.charsPerMinute) && next.charsPerMinute >= 60 && next.charsPerMinute <= 600)) next.charsPerMinute = 220;
    if (!(Number.isInteger(next.reuseMinChars) && next.reuseMinChars >= 5 && next.reuseMinChars <= 100)) next.reuseMinChars = 13;
    if (!(Number.isInteger(next.reuseRiskMonths) && next.reuseRiskMonths! >= 1 && next.reuseRiskMonths! <= 600)) next.reuseRiskMonths = 24;
    await writeFileAtomic(this.layout.settingsFile, JSON.stringify(next, null, 2) + '\n');
    return next;
  }
}
