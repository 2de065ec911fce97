// The shared window type between the Electron preload and the renderer.
//
// The preload exposes exactly one function through contextBridge:
//   window.speechdraft.invoke(method: string, input: unknown)
//     → Promise<{ ok: true, value } | { ok: false, error: { code, message, detail? } }>
// `method` is a contract method name (src/contract), `input` its JSON-serialisable input object.
// The result is the `dispatch()` result from src/contract/dispatch.ts, passed through unchanged.
// In browser mode there is no `window.speechdraft`; the client POSTs to the loopback bridge instead.
import type { SerializedApiError } from '../../contract/define';

export type InvokeResult = { ok: true; value: unknown } | { ok: false; error: SerializedApiError };

export interface SpeechDraftBridge {
  invoke(method: string, input: unknown): Promise<InvokeResult>;
  /** Set by the Electron preload (electron/preload.ts). */
  platform?: 'electron';
  /**
   * Electron only: commands from the application menu (文件/编辑/视图/帮助), see MENU_COMMANDS in
   * src/contract/menu.ts. Returns the unsubscribe function. Desktop dialogs are contract methods
   * (`desktop.saveExport`, `desktop.openFile`, `desktop.chooseWorkspace`), 'unsupported' in browser mode.
   */
  onMenuCommand?(callback: (command: import('../../contract/menu').MenuCommand) => void): () => void;
}

declare global {
  interface Window {
    speechdraft?: SpeechDraftBridge;
  }
}

/** Header carrying the per-run token of the loopback bridge. */
/** The bridge's token header, and the meta tag it injects the token into (one definition: contract/transport). */
export { TOKEN_HEADER, TOKEN_META } from '../../contract/transport';
