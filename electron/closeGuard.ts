// Closing the window never drops typing that autosave has not written yet: the first 'close' is held,
// the renderer is asked to save ('app.beforeClose'), and the window closes when it answers
// `desktop.closeDecision({ close: true })` — or stays open if it answers false (e.g. the save failed).
// If the renderer does not answer in time (hung or crashed), the window closes anyway.
import type { BrowserWindow } from 'electron';
import type { MenuCommand } from '../src/contract/menu';

export interface CloseGuard {
  /** The renderer's answer; ignored unless a close is pending (the renderer cannot close the window at will). */
  decision(close: boolean): { closing: boolean };
}

export function guardClose(
  win: Pick<BrowserWindow, 'on' | 'close'>,
  opts: { send: (command: MenuCommand) => void; timeoutMs?: number },
): CloseGuard {
  let allowed = false;
  let timer: NodeJS.Timeout | null = null;
  const closeNow = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    allowed = true;
    win.close();
  };
  win.on('close', (event: { preventDefault(): void }) => {
    if (allowed) return;
    event.preventDefault();
    if (timer) return; // already asked; waiting for the answer
    opts.send('app.beforeClose');
    timer = setTimeout(closeNow, opts.timeoutMs ?? 5000);
  });
  return {
    decision(close) {
      if (!timer) return { closing: false };
      if (close) {
        closeNow();
        return { closing: true };
      }
      clearTimeout(timer);
      timer = null;
      return { closing: false };
    },
  };
}
