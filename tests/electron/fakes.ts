// Fake pieces of the `electron` module for the main-process tests: just enough behaviour to record what
// the app does with them. Typed loosely on purpose; each test casts at the boundary.
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: Array<[string, unknown]> = [];
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  printCalls: unknown[] = [];
  async printToPDF(options: unknown): Promise<Buffer> {
    this.printCalls.push(options);
    return Buffer.from('%PDF-1.7 fake');
  }
  /** Emit an Electron-style event and report whether a listener called preventDefault(). */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    const event = { preventDefault: () => (prevented = true), url: typeof args[0] === 'string' ? args[0] : undefined };
    this.emit(name, event, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  closed = false;
  /** Like BrowserWindow.close(): emits 'close' (cancellable), then 'closed'. */
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.closed = true;
    this.emit('closed');
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
}

export class FakeIpcMain {
  handlers = new Map<string, Listener>();
  handle(channel: string, fn: Listener) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  /** Call the handler as Electron would for an `ipcRenderer.invoke` from `sender`/`frameUrl`. */
  invoke(channel: string, sender: unknown, frame: { url: string; parent?: unknown } | null, ...args: unknown[]) {
    const fn = this.handlers.get(channel);
    if (!fn) throw new Error(`no handler for ${channel}`);
    return fn({ sender, senderFrame: frame ? { parent: null, ...frame } : null }, ...args);
  }
}
