// The main window and the hardening applied to every webContents: no navigation away from the app,
// no new windows, no webviews, no permissions.
import type { BrowserWindow as BrowserWindowType, Session, WebContents } from 'electron';
import { APP_ORIGIN, APP_URL, windowOptions } from './config';

export interface WindowDeps {
  BrowserWindow: typeof BrowserWindowType;
  preloadPath: string;
}

function isAppUrl(url: string): boolean {
  try {
    return new URL(url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Block navigation, redirects, new windows and webviews for one webContents. */
export function hardenWebContents(wc: WebContents): void {
  wc.on('will-navigate', (event) => {
    // The renderer is a single page: any navigation (a dropped file, a link, script) is refused.
    event.preventDefault();
  });
  wc.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  wc.on('will-redirect', (event) => {
    event.preventDefault();
  });
  wc.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Refuse every permission request (camera, notifications, clipboard-read, …) of the session. */
export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function createMainWindow(deps: WindowDeps): BrowserWindowType {
  const win = new deps.BrowserWindow(windowOptions(deps.preloadPath));
  hardenWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}
