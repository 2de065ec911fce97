// Shared state of 校对: written by the live checker (ProofreadController, always mounted), read by the 校对 panel.
import { useSyncExternalStore } from 'react';
import type { ParaFinding } from '../../core/proofread/types';

export interface ProofState {
  draftId: string | null;
  /** Findings of the last check, and the block texts they were found in (a fix applies only to the same text). */
  findings: ParaFinding[];
  paras: string[];
  /** The workspace dictionary (加入词库). */
  words: string[];
  /** 忽略 (this once): keys of findings left alone until their paragraph changes. */
  ignored: Set<string>;
  /** Increments to ask for a re-check. */
  recheck: number;
}

let state: ProofState = { draftId: null, findings: [], paras: [], words: [], ignored: new Set(), recheck: 0 };
const listeners = new Set<() => void>();

export const proofStore = {
  get: (): ProofState => state,
  set(patch: Partial<ProofState>): void {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  },
  requestCheck(): void {
    proofStore.set({ recheck: state.recheck + 1 });
  },
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

export function useProofState(): ProofState {
  return useSyncExternalStore(proofStore.subscribe, proofStore.get);
}

/** Identity of a finding for 忽略: its paragraph's text, place and rule (editing the paragraph forgets it). */
export function ignoreKey(f: ParaFinding, paraText: string): string {
  return `${f.rule}|${f.start}|${f.end}|${paraText}`;
}
