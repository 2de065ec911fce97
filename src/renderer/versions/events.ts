// "Versions of this draft changed" — so the 版本 panel refreshes after a save from the toolbar.
type Listener = (draftId: string) => void;
const listeners = new Set<Listener>();

export function onVersionsChanged(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function versionsChanged(draftId: string): void {
  for (const l of listeners) l(draftId);
}
