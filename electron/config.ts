// Constants and window options of the desktop app. No 'electron' import: tests check these directly.
import type { BrowserWindowConstructorOptions } from 'electron';

/** The renderer is served from a privileged custom scheme, so it has a real origin of its own. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'speechdraft';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

// Channels and the CSP are defined once for every host (src/contract/transport.ts).
export { CSP, INVOKE_CHANNEL, MENU_CHANNEL } from '../src/contract/transport';

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'SpeechDraft 讲稿助手',
    backgroundColor: '#f5f5f2',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}
