import { DEFAULT_SETTINGS, type Settings } from '../../contract/drafts';
import { ApiError } from '../../contract/define';
import { LIMITS } from '../../contract/limits';
import { keepDamagedAside, writeFileAtomic } from './atomic';
import { parseJsonText } from './jsonFile';
import { StoreLock } from './keyedLock';
import type { WorkspaceLayout } from './layout';
import { readRegularText } from './safeRead';
import { rethrowNamed } from './storageErrors';

type Read = { status: 'missing' } | { status: 'ok'; value: Partial<Settings> } | { status: 'damaged'; reason: string };

export class SettingsStore {
  /** `set` reads, merges and rewrites the file: two changes at once (also from two processes) must not drop one. */
  private lock: StoreLock;

  constructor(private readonly layout: WorkspaceLayout) {
    this.lock = new StoreLock(layout.locksDir, 'settings', '设置');
  }

  private async read(): Promise<Read> {
    let text: string;
    try {
      // Bounded and regular: a FIFO or a link to /dev/zero in its place is damaged, never waited on.
      text = await readRegularText(this.layout.settingsFile, LIMITS.maxSmallJsonBytes);
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

  /** Merge `patch` (validated by the contract's SettingsPatchSchema) into the stored settings. */
  set(patch: Record<string, unknown>): Promise<Settings> {
    return this.lock.run('settings', () => this.setUnlocked(patch));
  }

  private async setUnlocked(patch: Record<string, unknown>): Promise<Settings> {
    const r = await this.read();
    const next = { ...DEFAULT_SETTINGS, ...(r.status === 'ok' ? r.value : {}), ...patch } as Settings;
    if (!(Number.isFinite(next.charsPerMinute) && next.charsPerMinute >= 60 && next.charsPerMinute <= 600)) next.charsPerMinute = 220;
    if (!(Number.isInteger(next.reuseMinChars) && next.reuseMinChars >= 5 && next.reuseMinChars <= 100)) next.reuseMinChars = 13;
    if (!(Number.isInteger(next.reuseRiskMonths) && next.reuseRiskMonths! >= 1 && next.reuseRiskMonths! <= 600)) next.reuseRiskMonths = 24;
    const text = JSON.stringify(next, null, 2) + '\n';
    if (Buffer.byteLength(text) > LIMITS.maxSmallJsonBytes) {
      throw new ApiError('too-large', `设置文件将超过 ${LIMITS.maxSmallJsonBytes / 1048576} MB 的上限，未保存 (settings over the limit)`);
    }
    if (r.status === 'damaged') await keepDamagedAside(this.layout.settingsFile).catch(rethrowNamed('设置'));
    await writeFileAtomic(this.layout.settingsFile, text, { subject: '设置' });
    return next;
  }
}
