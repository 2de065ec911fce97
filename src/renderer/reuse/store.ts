// Shared state of the reuse check: written by the live checker (ReuseController, always mounted in the
// toolbar), read by the 查重 panel and the strip beside the editor.
import { useSyncExternalStore } from 'react';
import type { PassageState, ReuseCheckResult } from '../../contract/library';
import type { PlainText } from '../../core/model/text';

export interface ReuseState {
  status: 'idle' | 'checking' | 'done' | 'error';
  draftId: string | null;
  result: ReuseCheckResult | null;
  /** The plain text the result's offsets refer to, and its block spans. */
  plain: PlainText | null;
  states: PassageState[];
  error?: string;
  /** When the last check finished (ms since epoch). */
  at?: number;
  /** Increments to ask for a re-check (after 忽略/标为引用, a library import …). */
  recheck: number;
  /** Show passages from the draft's own family (its copies, re-imports of its exports) too. */
  includeFamily?: boolean;
}

let state: ReuseState = { status: 'idle', draftId: null, result: null, plain: null, states: [], recheck: 0 };
const listeners = new Set<() => void>();

export const reuseStore = {
  get: (): ReuseState => state,
  set(patch: Partial<ReuseState>): void {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  },
  /** Ask the live checker to check again now. */
  requestCheck(): void {
    reuseStore.set({ recheck: state.recheck + 1 });
  },
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

export function useReuseState(): ReuseState {
  return useSyncExternalStore(reuseStore.subscribe, reuseStore.get);
}

export const pct = (r: number): string => `${(r * 100).toFixed(1)}%`;
