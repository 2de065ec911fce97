// The one IPC channel: `speechdraft:invoke` (method, input) → dispatch result. Every call is checked:
// the sender must be our main window's top frame showing our own renderer; the method must be in the
// contract; the input must pass the method's zod schema (dispatch does both). Dependencies are passed in,
// so tests drive this with a fake ipcMain.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { dispatch, type DispatchOptions, type DispatchResult } from '../src/contract/dispatch';
import { dispatchOptionsFor } from '../src/services/workspace/errorLog';
import type { AllHandlers } from '../src/contract/index';
import { APP_HOST, APP_SCHEME, INVOKE_CHANNEL } from './config';

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** The webContents of our main window (null while there is none). */
  trustedWebContents: () => WebContents | null;
  /** The current handlers (they change when the workspace folder changes). */
  handlers: () => Partial<AllHandlers>;
  /** Named errors and the internal-error log of the current workspace (no stack trace reaches the renderer). */
  dispatchOptions?: () => DispatchOptions | undefined;
  log?: (message: string) => void;
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** Why a sender is not trusted, or null when it is. */
export function senderProblem(event: SenderEvent, trusted: WebContents | null): string | null {
  // webContents ids are unique for the app's lifetime (compared by id, not by wrapper object identity).
  if (!trusted || !event.sender || event.sender.id !== trusted.id) return 'not the main window';
  const frame = event.senderFrame;
  if (!frame) return 'no sender frame';
  if (frame.parent) return 'not the top frame';
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return `unparsable frame URL`;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return `foreign origin ${url.origin}`;
  return null;
}

export function registerIpc(deps: IpcDeps): () => void {
  deps.ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<DispatchResult> => {
    const problem = senderProblem(event, deps.trustedWebContents());
    if (problem) {
      deps.log?.(`speechdraft: refused IPC call ${String(method).slice(0, 60)}: ${problem}`);
      return { ok: false, error: { code: 'forbidden', message: '拒绝访问：请求不是来自本应用的窗口', detail: problem } };
    }
    return dispatch(deps.handlers(), method, input, deps.dispatchOptions?.() ?? dispatchOptionsFor());
  });
  return () => deps.ipcMain.removeHandler(INVOKE_CHANNEL);
}
