// Whether the 查找/替换 bar is open, and in which mode. Opened by Ctrl+F / Ctrl+H (FindBar's shortcuts) and
// by the Electron 编辑 menu (MenuCommands).
import { useSyncExternalStore } from 'react';

export interface FindBarState {
  open: boolean;
  /** 'replace' shows the replacement row. */
  mode: 'find' | 'replace';
  /** Increments on every open request (a second Ctrl+F focuses the box again). */
  seq: number;
}

let state: FindBarState = { open: false, mode: 'find', seq: 0 };
const listeners = new Set<() => void>();
const set = (s: FindBarState) => {
  state = s;
  for (const l of [...listeners]) l();
};

export const findBar = {
  get: (): FindBarState => state,
  open(mode: 'find' | 'replace'): void {
    set({ open: true, mode, seq: state.seq + 1 });
  },
  close(): void {
    if (state.open) set({ ...state, open: false });
  },
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => void listeners.delete(l);
  },
};

export function useFindBar(): FindBarState {
  return useSyncExternalStore(findBar.subscribe, findBar.get);
}
