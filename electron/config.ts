// Constants and window options of the desktop app. No 'electron' import: tests check these directly.
import type { BrowserWindowConstructorOptions } from 'electron';

/** The renderer is served from a privileged custom scheme, so it has a real origin of its own. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'speechdraft';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

export const INVOKE_CHANNEL = 'speechdraft:invoke';
export const MENU_CHANNEL = 'speechdraft:menu';

/**
 * Content Security Policy sent with every renderer response (in addition to the meta tag in index.html):
 * nothing but the app's own files; inline styles only (Slate and React set style attributes).
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

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
