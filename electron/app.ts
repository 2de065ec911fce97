// Wires the desktop app: the app:// scheme serving the renderer, session hardening, the services over the
// workspace folder, the one IPC channel, the menu and the main window. `electron` is passed in (main.ts
// passes the real module), so tests start the whole app against fakes.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type * as Electron from 'electron';
import { withOffload, type Offloaded } from '../src/adapters/offload';
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
  /**
   * The bundled offload worker (offloadWorker.cjs): imports, outline, lint and Word export run there, so
   * the window never waits for the main process. Null: they run on the main process's own thread.
   */
  offloadWorker?: string | null;
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
  return { rendererDir: path.join(dirname, '..', 'dist', 'renderer'), preloadPath: path.join(dirname, 'preload.cjs'), offloadWorker: offloadWorkerPath(dirname) };
}

/**
 * The offload worker next to main.cjs. A worker thread cannot load its script from inside app.asar, so the
 * packaged app ships it unpacked (electron-builder.yml asarUnpack): …/app.asar/dist-electron becomes
 * …/app.asar.unpacked/dist-electron. Null when the file is not there.
 */
export function offloadWorkerPath(dirname: string, exists: (file: string) => boolean = existsSync): string | null {
  const unpacked = dirname.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');
  const file = path.join(unpacked, 'offloadWorker.cjs');
  return exists(file) ? file : null;
}

export function startApp(electron: ElectronModule, opts: StartOptions): AppState {
  const { app, BrowserWindow, ipcMain, Menu, dialog, protocol, session, safeStorage } = electron;
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const state: AppState = { services: null, window: null, workspaceDir: null, closeGuard: null, ready: Promise.resolve() };
  let quitting = false;
  let claim: WorkspaceClaim | null = null;
  /** The heavy methods of the current workspace's services, answered in the offload worker. */
  let offloaded: Offloaded | null = null;
  const useServices = (services: Services) => {
    const old = offloaded;
    state.services = services;
    offloaded = opts.offloadWorker ? withOffload(services.handlers, services.ctx.layout.dir, { workerEntry: opts.offloadWorker, outbox: services.ctx.exports }) : null;
    void old?.dispose();
  };
  const handlersNow = (): Partial<AllHandlers> => offloaded?.handlers ?? state.services?.handlers ?? {};

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
    void offloaded?.dispose();
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
    useServices(services);
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
      const importFile = state.services && handlersNow()['drafts.importFile'];
      if (!importFile) throw new ApiError('internal', '工作区尚未就绪，请稍后再试');
      return importFile(file);
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
    let services: Services;
    try {
      services = await createServices(wanted, { passwords });
    } catch (err) {
      const fallback = workspaceDirFor({}, app.getPath('documents'), {});
      dialog.showErrorBox('无法打开工作区', `无法使用工作区文件夹：\n${wanted}\n${(err as Error).message}\n\n将改用：${fallback}`);
      services = await createServices(fallback, { passwords });
    }
    useServices(services);
    state.workspaceDir = services.ctx.layout.dir;
    await claimFor(services);

    registerIpc({
      ipcMain,
      trustedWebContents: () => state.window?.webContents ?? null,
      handlers: (): Partial<AllHandlers> => ({
        ...handlersNow(),
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
