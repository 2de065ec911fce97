// The live reuse check as a plain class: checks the open draft's text shortly after typing pauses, never
// during an IME composition, and keeps only the newest result (an older answer arriving late is dropped).
import { ApiError } from '../../contract/define';
import type { Api } from '../../contract/index';
import type { PlainText } from '../../core/model/text';
import type { ReuseState } from './store';

/** Wait after the document last changed before checking (the workbench publishes `doc` 250 ms after edits settle). */
export const CHECK_DELAY_MS = 450;
/** While a composition is in progress, look again after this long. */
export const COMPOSING_RETRY_MS = 300;

export interface LiveCheckDeps {
  api: Pick<Api, 'reuse.check'>;
  isComposing(): boolean;
  /** Where the state goes (reuseStore in the app). */
  store: { set(patch: Partial<ReuseState>): void; get(): Pick<ReuseState, 'includeFamily'> };
  delayMs?: number;
}

export class LiveReuseCheck {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private seq = 0;
  private target: { draftId: string; plain: PlainText } | null = null;

  constructor(private readonly deps: LiveCheckDeps) {}

  /** The text of draft `draftId` is now `plain`: check it once edits have paused. */
  schedule(draftId: string, plain: PlainText): void {
    this.target = { draftId, plain };
    this.arm(this.deps.delayMs ?? CHECK_DELAY_MS);
  }

  /** No draft open: stop, and forget any check on its way. */
  stop(): void {
    this.cancelTimer();
    this.target = null;
    this.seq++;
  }

  dispose(): void {
    this.stop();
  }

  private arm(ms: number): void {
    this.cancelTimer();
    this.timer = setTimeout(() => void this.run(), ms);
  }

  private async run(): Promise<void> {
    this.timer = null;
    const target = this.target;
    if (!target) return;
    if (this.deps.isComposing()) return this.arm(COMPOSING_RETRY_MS);
    const my = ++this.seq;
    const { store, api } = this.deps;
    store.set({ status: 'checking', draftId: target.draftId });
    try {
      const result = await api['reuse.check']({ draftId: target.draftId, text: target.plain.text, ...(store.get().includeFamily ? { includeFamily: true } : {}) });
      if (my !== this.seq) return; // a newer check is on its way
      store.set({ status: 'done', result, plain: target.plain, states: result.states, draftId: target.draftId, error: undefined, at: Date.now() });
    } catch (err) {
      if (my !== this.seq) return;
      store.set({ status: 'error', error: ApiError.from(err).message });
    }
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
