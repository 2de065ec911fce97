// Wires the desktop app: the app:// scheme serving the renderer, session hardening, the services over the
// workspace folder, the one IPC channel, the menu and the main window. `electron` is passed in (main.ts
// passes the real module), so tests start the whole app against fakes.
import path from 'node:path';
import type * as Electron from 'electron';
import { ApiError } from '../src/contract/define';
import type { AllHandlers } from '../src/contract/index';
import type { MenuCommand } from '../src/contract/menu';
import { createServices, type Services } from '../src/services/index';
import { claimWorkspace, workspaceBusyMessage, type WorkspaceClaim } from '../src/services/workspace/workspaceLock';
import { readAppSettings, workspaceDirFor, writeAppSettings } from './appSettings';
import { APP_SCHEME, CSP, MENU_CHANNEL } from './config';
import { guardClose, type CloseGuard } from './closeGuard';
import { desktopHandlers } from './desktop';
import { registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { safeStoragePasswords } from './passwords';
import { serveRenderer } from './protocol';
import { createMainWindow, hardenSession, hardenWebContents } from './window';

export type ElectronModule = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'ipcMain' | 'Menu' | 'dialog' | 'protocol' | 'session' | 'safeStorage'>;

export interface StartOptions {
  /** Folder with the built renderer (index.html). */
  rendererDir: string;
  /** The bundled preload script. */
  preloadPath: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** How long a close waits for the renderer to save (default 5 s). */
  closeTimeoutMs?: number;
}

export interface AppState {
  services: Services | null;
  window: Electron.BrowserWindow | null;
  workspaceDir: string | null;
  closeGuard: CloseGuard | null;
  /** Resolves when the window exists and IPC is registered (or rejects with the start-up error). */
  ready: Promise<void>;
}

export function defaultStartOptions(dirname: string): StartOptions {
  // dist-electron/main.cjs → ../dist/renderer (the same layout inside app.asar).
  return { rendererDir: path.join(dirname, '..', 'dist', 'renderer'), preloadPath: path.join(dirname, 'preload.cjs') };
}

export function startApp(electron: ElectronModule, opts: StartOptions): AppState {
  const { app, BrowserWindow, ipcMain, Menu, dialog, protocol, session, safeStorage } = electron;
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const state: AppState = { services: null, window: null, workspaceDir: null, closeGuard: null, ready: Promise.resolve() };
  let quitting = false;
  let claim: WorkspaceClaim | null = null;

  /** Hold the workspace for this window; a second window on the same folder is told so (saves stay safe). */
  const claimFor = async (services: Services) => {
    await claim?.release();
    claim = await claimWorkspace(services.ctx.layout).catch(() => null);
    if (claim?.heldBy) {
      void dialog.showMessageBox({ type: 'warning', title: '工作区已在别处打开', message: workspaceBusyMessage(services.ctx.layout.dir, claim.heldBy), buttons: ['知道了'] });
    }
  };

  // Must happen before 'ready': app:// is a standard, secure scheme with its own origin. `corsEnabled` is left
  // unset on purpose: all requests are same-origin, and without it no other origin can read app:// responses.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    state.ready = Promise.reject(new Error('another instance is running'));
    state.ready.catch(() => undefined);
    return state;
  }
  app.on('second-instance', () => {
    if (state.window) {
      if (state.window.isMinimized()) state.window.restore();
      state.window.focus();
    }
  });
  // Every webContents, including any created later, gets the same navigation and window-open lockdown.
  app.on('web-contents-created', (_event, wc) => hardenWebContents(wc));
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', () => {
    void claim?.release();
  });
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  const send = (command: MenuCommand) => {
    const w = state.window;
    if (w && !w.isDestroyed?.()) w.webContents.send(MENU_CHANNEL, command);
  };

  // team-server passwords: encrypted with safeStorage in userData (one keeper for every workspace)
  const passwords = safeStoragePasswords(safeStorage, app.getPath('userData'));
  const switchWorkspace = async (dir: string) => {
    const services = await createServices(dir, { passwords });
    const old = state.services;
    state.services = services;
    await old?.ctx.dispose().catch(() => undefined); // flushes the old workspace, closes a team-server connection
    await claimFor(services);
    state.workspaceDir = services.ctx.layout.dir;
    await writeAppSettings(app.getPath('userData'), { workspaceDir: services.ctx.layout.dir });
    send('workspace.changed');
  };

  const desktop = desktopHandlers({
    dialog,
    window: () => state.window,
    defaultDir: () => app.getPath('documents'),
    switchWorkspace,
    importFile: async (file) => {
      if (!state.services) throw new ApiError('internal', '工作区尚未就绪，请稍后再试');
      return state.services.handlers['drafts.importFile'](file);
    },
    fileRevisions: async (file) => {
      if (!state.services) throw new ApiError('internal', '工作区尚未就绪，请稍后再试');
      return state.services.handlers['drafts.fileRevisions'](file);
    },
    takeExport: (fileId) => state.services?.ctx.exports.take(fileId) ?? null,
  });

  state.ready = app.whenReady().then(async () => {
    const ses = session.defaultSession;
    hardenSession(ses);
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
    });
    protocol.handle(APP_SCHEME, (request) => serveRenderer(request, opts.rendererDir));

    const settings = await readAppSettings(app.getPath('userData'));
    const wanted = workspaceDirFor(settings, app.getPath('documents'), env);
    try {
      state.services = await createServices(wanted, { passwords });
    } catch (err) {
      const fallback = workspaceDirFor({}, app.getPath('documents'), {});
      dialog.showErrorBox('无法打开工作区', `无法使用工作区文件夹：\n${wanted}\n${(err as Error).message}\n\n将改用：${fallback}`);
      state.services = await createServices(fallback, { passwords });
    }
    state.workspaceDir = state.services.ctx.layout.dir;
    await claimFor(state.services);

    registerIpc({
      ipcMain,
      trustedWebContents: () => state.window?.webContents ?? null,
      handlers: (): Partial<AllHandlers> => ({
        ...state.services?.handlers,
        ...desktop,
        'desktop.closeDecision': async ({ close }) => {
          if (!close) quitting = false; // the writer stays: a pending 退出 is called off too
          return state.closeGuard?.decision(close) ?? { closing: false };
        },
      }),
      dispatchOptions: () => state.services?.dispatchOptions,
      log: (m) => console.warn(m),
    });

    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ send, isMac: platform === 'darwin', isDev: !app.isPackaged })));

    const open = () => {
      const win = createMainWindow({ BrowserWindow, preloadPath: opts.preloadPath });
      state.window = win;
      state.closeGuard = guardClose(win, { send, timeoutMs: opts.closeTimeoutMs });
      win.on('closed', () => {
        if (state.window === win) {
          state.window = null;
          state.closeGuard = null;
        }
        // macOS keeps the app running without windows, unless the close came from 退出 (Cmd+Q).
        if (quitting) app.quit();
      });
    };
    open();
    app.on('activate', () => {
      if (!state.window) open();
    });
  });
  state.ready.catch((err: Error) => {
    dialog.showErrorBox('SpeechDraft 无法启动', err.stack ?? err.message);
    app.quit();
  });
  return state;
}
