// Window-wide listeners of the workbench: save when leaving (before unload, hidden), Ctrl+S, refresh the
// draft list when the window regains focus (drafts may change outside: the CLI, another window).
import type { DraftSession } from './session';

export function installWindowListeners(session: DraftSession, refreshDrafts: () => void): () => void {
  const { autosaver } = session;
  const onFocus = () => refreshDrafts();
  // Warn before leaving with unsaved text (and try to save).
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (autosaver.isDirty()) {
      void session.save();
      // In a browser this asks the writer to stay; Electron would cancel the close silently, so not there.
      if (!window.speechdraft) e.preventDefault();
    }
  };
  // Ctrl+S anywhere in the window saves at once (and never opens the browser's "save page").
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 's' || e.key === 'S')) {
      e.preventDefault();
      void session.save();
    }
  };
  // Leaving the window (another app, minimised, a closing tab): save at once rather than after the debounce.
  const onHide = () => {
    if (document.visibilityState === 'hidden' && autosaver.isDirty()) void session.save();
  };
  window.addEventListener('focus', onFocus);
  window.addEventListener('beforeunload', onBeforeUnload);
  window.addEventListener('keydown', onKeyDown);
  document.addEventListener('visibilitychange', onHide);
  return () => {
    window.removeEventListener('focus', onFocus);
    window.removeEventListener('beforeunload', onBeforeUnload);
    window.removeEventListener('keydown', onKeyDown);
    document.removeEventListener('visibilitychange', onHide);
  };
}
