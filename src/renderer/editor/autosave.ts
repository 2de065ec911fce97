// Autosave: debounced after typing stops, immediate on demand; conflicts are refused by the service via
// baseRevision. Text typed while a save is in flight stays dirty and is saved by the next round.
import { ApiError } from '../../contract/define';
import type { Api } from '../../contract/index';
import type { DraftMeta } from '../../contract/drafts';
import type { SpeechDoc } from '../../core/model/types';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict';

export interface SaveStatus {
  state: SaveState;
  message?: string;
  savedAt?: number;
}

export class Autosaver {
  private draftId: string | null = null;
  private revision = 0;
  /** Counts content changes; a save is complete only if no change happened since its snapshot. */
  private changeSeq = 0;
  private savedSeq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private status: SaveStatus = { state: 'saved' };
  private listeners = new Set<(s: SaveStatus) => void>();

  constructor(
    private readonly api: Api,
    private readonly snapshot: () => SpeechDoc,
    private readonly delayMs = 1000,
    /** After each save, with the draft's metadata (a new draft's name follows its title: the service renames it). */
    private readonly onSaved?: (meta: DraftMeta) => void,
  ) {}

  attach(draftId: string | null, revision: number): void {
    this.cancelTimer();
    this.draftId = draftId;
    this.revision = revision;
    this.changeSeq = this.savedSeq = 0;
    this.setStatus({ state: 'saved' });
  }

  get currentDraftId(): string | null {
    return this.draftId;
  }

  get currentRevision(): number {
    return this.revision;
  }

  isDirty(): boolean {
    return this.changeSeq !== this.savedSeq;
  }

  getStatus(): SaveStatus {
    return this.status;
  }

  subscribe(l: (s: SaveStatus) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Called on every content change. */
  markDirty(): void {
    if (!this.draftId) return;
    this.changeSeq++;
    if (this.status.state !== 'saving' && this.status.state !== 'conflict') this.setStatus({ state: 'dirty' });
    if (this.status.state === 'conflict') return;
    this.cancelTimer();
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /**
   * flush(), then refuse (ApiError 'conflict') if what is typed could not be saved: before anything that works
   * on the saved draft (a version, an export, a copy, switching drafts, closing).
   */
  async ensureSaved(): Promise<void> {
    await this.flush();
    if (this.isDirty() && this.status.state !== 'saved') throw new ApiError('conflict', '当前文稿尚未保存成功，请先处理保存问题');
  }

  /**
   * Save now (Ctrl+S, before switching drafts). Resolves when everything typed so far is saved or failed.
   * `force`: save even if nothing changed; in the conflict state, overwrite the copy on disk.
   */
  async flush(opts: { force?: boolean } = {}): Promise<void> {
    this.cancelTimer();
    if (this.inFlight) {
      await this.inFlight.catch(() => undefined);
      if (this.isDirty() || opts.force) return this.flush(opts);
      return;
    }
    if (!this.draftId || (!this.isDirty() && !opts.force)) return;
    if (this.status.state === 'conflict' && !opts.force) return;
    // Saving without the base revision (overwriting what is on disk) only ever resolves a conflict the
    // writer was shown; after any other failure a forced save is an ordinary retry.
    const overwrite = !!opts.force && this.status.state === 'conflict';
    const id = this.draftId;
    const seq = this.changeSeq;
    const doc = this.snapshot();
    this.setStatus({ state: 'saving' });
    this.inFlight = (async () => {
      try {
        const meta = await this.api['drafts.save']({ id, doc, ...(overwrite ? {} : { baseRevision: this.revision }) });
        if (this.draftId !== id) return;
        this.revision = meta.revision;
        this.savedSeq = seq;
        this.onSaved?.(meta);
        if (this.isDirty()) {
          this.setStatus({ state: 'dirty' });
          this.timer = setTimeout(() => void this.flush(), 50);
        } else this.setStatus({ state: 'saved', savedAt: Date.now() });
      } catch (err) {
        if (this.draftId !== id) return;
        const e = ApiError.from(err);
        if (e.code === 'conflict') this.setStatus({ state: 'conflict', message: e.message });
        else {
          this.setStatus({ state: 'error', message: e.message });
          // Retry later: nothing typed is dropped.
          this.timer = setTimeout(() => void this.flush(), 5000);
        }
      } finally {
        this.inFlight = null;
      }
    })();
    await this.inFlight;
  }

  dispose(): void {
    this.cancelTimer();
    this.listeners.clear();
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private setStatus(s: SaveStatus): void {
    const cur = this.status;
    // Typing calls markDirty on every keystroke: don't wake the UI unless something visible changed.
    if (cur.state === s.state && cur.message === s.message && cur.savedAt === s.savedAt) return;
    this.status = s;
    for (const l of this.listeners) l(s);
  }
}
