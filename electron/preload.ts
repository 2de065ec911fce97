// Preload (sandboxed; bundled to one CJS file whose only require is 'electron'). Exposes exactly
// `window.speechdraft` = { platform, invoke(method, input), onMenuCommand(cb) } — see src/renderer/api/types.ts.
// No Node or Electron object crosses the bridge: only strings, JSON values and a plain function.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isMenuCommand, type MenuCommand } from '../src/contract/menu';
import { INVOKE_CHANNEL, MENU_CHANNEL } from './config';

const bridge = {
  platform: 'electron' as const,
  invoke(method: string, input: unknown): Promise<unknown> {
    if (typeof method !== 'string') return Promise.resolve({ ok: false, error: { code: 'invalid-input', message: '未知的操作' } });
    return ipcRenderer.invoke(INVOKE_CHANNEL, method, input);
  },
  /** Menu commands from the application menu; returns the unsubscribe function. */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void {
    if (typeof callback !== 'function') return () => undefined;
    const listener = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) callback(command);
    };
    ipcRenderer.on(MENU_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, listener);
    };
  },
};

contextBridge.exposeInMainWorld('speechdraft', bridge);
