// A fake `electron` module for starting the whole main process (electron/app.ts) in a test.
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { FakeBrowserWindow, FakeIpcMain } from './fakes';

export interface FakeElectron {
  app: EventEmitter & { fireReady(): void };
  BrowserWindow: typeof FakeBrowserWindow;
  ipcMain: FakeIpcMain;
  Menu: { template: unknown; buildFromTemplate(t: unknown): unknown; setApplicationMenu(m: unknown): void };
  dialog: {
    errors: Array<[string, string]>;
    nextOpen: { canceled: boolean; filePaths: string[] };
    nextSave: { canceled: boolean; filePath?: string };
    openCalls: unknown[];
    saveCalls: unknown[];
    messages: Array<{ title?: string; message: string }>;
    showErrorBox(title: string, body: string): void;
    showMessageBox(opts: { title?: string; message: string }): Promise<{ response: number }>;
    showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }>;
    showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }>;
  };
  protocol: { privileged: unknown[]; handlers: Map<string, (req: Request) => Promise<Response>>; registerSchemesAsPrivileged(s: unknown[]): void; handle(s: string, h: (req: Request) => Promise<Response>): void };
  session: {
    defaultSession: {
      permissionRequest?: (wc: unknown, permission: string, cb: (ok: boolean) => void) => void;
      permissionCheck?: () => boolean;
      headersListener?: (details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void;
      setPermissionRequestHandler(h: FakeElectron['session']['defaultSession']['permissionRequest']): void;
      setPermissionCheckHandler(h: () => boolean): void;
      webRequest: { onHeadersReceived(h: FakeElectron['session']['defaultSession']['headersListener']): void };
    };
  };
  /** Encrypts by XOR with a fixed key and a marker (not plain text; enough to see what is stored). */
  safeStorage: { available: boolean; isEncryptionAvailable(): boolean; encryptString(s: string): Buffer; decryptString(b: Buffer): string };
  events: string[];
}

const FAKE_KEY = 0x5a;

export function fakeElectron(root: string): FakeElectron {
  FakeBrowserWindow.instances = [];
  const events: string[] = [];
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    getPath: (name: string) => path.join(root, name),
    requestSingleInstanceLock: () => true,
    quit: () => events.push('quit'),
    whenReady: () => {
      events.push('whenReady');
      return ready;
    },
    /** Test helper: let the app become ready. */
    fireReady: () => readyResolve(),
  });
  const session: FakeElectron['session'] = {
    defaultSession: {
      setPermissionRequestHandler(h) {
        this.permissionRequest = h;
      },
      setPermissionCheckHandler(h) {
        this.permissionCheck = h;
      },
      webRequest: {
        onHeadersReceived: (h) => {
          session.defaultSession.headersListener = h;
        },
      },
    },
  };
  const fe: FakeElectron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    Menu: {
      template: null,
      buildFromTemplate(t) {
        this.template = t;
        return t;
      },
      setApplicationMenu() {
        events.push('setApplicationMenu');
      },
    },
    dialog: {
      errors: [],
      nextOpen: { canceled: true, filePaths: [] },
      nextSave: { canceled: true },
      openCalls: [],
      saveCalls: [],
      messages: [],
      showErrorBox(title, body) {
        this.errors.push([title, body]);
      },
      async showMessageBox(opts) {
        this.messages.push(opts);
        return { response: 0 };
      },
      async showOpenDialog(...args) {
        this.openCalls.push(args);
        return this.nextOpen;
      },
      async showSaveDialog(...args) {
        this.saveCalls.push(args);
        return this.nextSave;
      },
    },
    protocol: {
      privileged: [],
      handlers: new Map(),
      registerSchemesAsPrivileged(s) {
        events.push('registerSchemesAsPrivileged');
        this.privileged.push(...s);
      },
      handle(s, h) {
        events.push(`protocol.handle:${s}`);
        this.handlers.set(s, h);
      },
    },
    session,
    safeStorage: {
      available: true,
      isEncryptionAvailable() {
        return this.available;
      },
      encryptString(s) {
        if (!this.available) throw new Error('encryption not available');
        return Buffer.concat([Buffer.from('FAKEENC1'), Buffer.from(s, 'utf8').map((b) => b ^ FAKE_KEY)]);
      },
      decryptString(b) {
        if (b.subarray(0, 8).toString() !== 'FAKEENC1') throw new Error('not encrypted by this key');
        return Buffer.from(b.subarray(8).map((x) => x ^ FAKE_KEY)).toString('utf8');
      },
    },
    events,
  };
  return fe;
}
