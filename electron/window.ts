// The main window and the hardening applied to every webContents: no navigation away from the app,
// no new windows, no webviews, no permissions.
import type { BrowserWindow as BrowserWindowType, Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME, APP_URL, windowOptions } from './config';

export interface WindowDeps {
  BrowserWindow: typeof BrowserWindowType;
  preloadPath: string;
}

/** Our own renderer's URL. (`URL.origin` is "null" for custom schemes in Node, so compare scheme and host.) */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
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

/** Permissions our own page may use: writing plain text to the clipboard (e.g. a "copy" button). Nothing else. */
export const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/** Refuse every permission request (camera, notifications, geolocation, …) except ALLOWED_PERMISSIONS for our page. */
export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((wc, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppUrl(wc?.getURL?.() ?? ''));
  });
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin) => ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingOrigin));
}

export function createMainWindow(deps: WindowDeps): BrowserWindowType {
  const win = new deps.BrowserWindow(windowOptions(deps.preloadPath));
  hardenWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}
