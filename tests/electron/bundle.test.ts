// The bundled main process (what `npm start` and the installers run), started in plain Node with a fake
// `electron` module: proves the esbuild bundle loads (no missing modules), finds its preload and renderer
// next to it, and answers IPC calls against a real workspace; the heavy methods (import, outline, lint,
// Word export) are answered in a worker thread started from the bundled offloadWorker.cjs. The sandboxed
// preload bundle may only require 'electron'.
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
let tmp: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'speechdraft-bundle-'));
  // Build into a temp copy of the layout (dist-electron next to dist/renderer), not into the shared tree.
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build-electron.mjs'), `--outdir=${path.join(tmp, 'dist-electron')}`], { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  await fs.mkdir(path.join(tmp, 'dist', 'renderer'), { recursive: true });
  await fs.writeFile(path.join(tmp, 'dist', 'renderer', 'index.html'), '<!doctype html><title>ok</title>');
}, 120_000);

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('dist-electron bundles', () => {
  it('preload.cjs requires nothing but electron', async () => {
    const src = await fs.readFile(path.join(tmp, 'dist-electron', 'preload.cjs'), 'utf8');
    const reqs = [...src.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect([...new Set(reqs)]).toEqual(['electron']);
  });

  it('main.cjs starts against a fake electron, loads app://, and serves IPC', async () => {
    const harness = path.join(tmp, 'harness.cjs');
    await fs.writeFile(
      harness,
      `
const Module = require('node:module');
const path = require('node:path');
const { EventEmitter } = require('node:events');
const root = ${JSON.stringify(tmp)};
const out = {};
let handler; let win; let served;
class WC extends EventEmitter { setWindowOpenHandler(h) { this.woh = h; } send() {} }
class BrowserWindow extends EventEmitter {
  constructor(o) { super(); this.options = o; this.webContents = new WC(); win = this; }
  loadURL(u) { out.url = u; return Promise.resolve(); }
  show() {} isMinimized() { return false; }
}
const fake = {
  app: Object.assign(new EventEmitter(), { isPackaged: true, getPath: (n) => path.join(root, n), requestSingleInstanceLock: () => true, quit() {}, whenReady: () => Promise.resolve() }),
  BrowserWindow,
  ipcMain: { handle: (c, h) => { out.channel = c; handler = h; }, removeHandler() {} },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu: (m) => { out.menu = m.map((x) => x.label); } },
  dialog: { showErrorBox: (t, b) => { out.error = t + ': ' + b; } },
  protocol: { registerSchemesAsPrivileged() {}, handle: (s, h) => { served = h; } },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, webRequest: { onHeadersReceived() {} } } },
};
// Every worker thread the bundle starts, by script (the bundle reads Worker from the module at call time).
const wt = require('node:worker_threads');
const Worker0 = wt.Worker;
out.workers = [];
wt.Worker = class extends Worker0 { constructor(file, o) { super(file, o); out.workers.push(String(file)); } };
const load = Module._load;
Module._load = function (req, ...rest) { return req === 'electron' ? fake : load.call(this, req, ...rest); };
require(path.join(root, 'dist-electron', 'main.cjs'));
setTimeout(async () => {
  out.preload = win.options.webPreferences.preload;
  out.sandbox = win.options.webPreferences.sandbox;
  const ev = { sender: win.webContents, senderFrame: { url: 'app://speechdraft/index.html', parent: null } };
  out.created = await handler(ev, 'drafts.create', { name: '打包测试' });
  out.list = await handler(ev, 'drafts.list', {});
  out.traversal = await handler(ev, 'drafts.get', { id: '../../etc/passwd' });
  const text = ['关于做好今年工作的讲话', '同志们：', '一、抓好第一项工作', '今年以来，我们取得了显著成绩。'].join(String.fromCharCode(10));
  out.imported = await handler(ev, 'drafts.importFile', { name: '讲话.txt', dataBase64: Buffer.from(text).toString('base64') });
  out.workersAfterImport = out.workers.slice();
  out.outline = await handler(ev, 'outline.extract', { text });
  out.exported = await handler(ev, 'export.docx', { draftId: out.imported.value.id, mode: 'clean' });
  const res = await served(new Request('app://speechdraft/index.html'));
  out.index = res.status + ' ' + (await res.text());
  process.stdout.write(JSON.stringify(out));
  process.exit(0); // the worker would keep the process alive
}, 500);
`,
    );
    const r = spawnSync(process.execPath, [harness], { encoding: 'utf8', env: { ...process.env, SPEECHDRAFT_WORKSPACE: path.join(tmp, 'ws') }, timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.error).toBeUndefined();
    expect(out.url).toBe('app://speechdraft/index.html');
    expect(out.channel).toBe('speechdraft:invoke');
    expect(out.preload).toBe(path.join(tmp, 'dist-electron', 'preload.cjs'));
    expect(out.sandbox).toBe(true);
    expect(out.menu).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    expect(out.created).toMatchObject({ ok: true, value: { name: '打包测试' } });
    expect(out.list.value).toHaveLength(1);
    expect(out.traversal).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(out.index).toBe('200 <!doctype html><title>ok</title>');
    await fs.access(path.join(tmp, 'ws', 'drafts', `${out.created.value.id}.json`));
    // The heavy methods ran in one worker thread started from the bundled worker next to main.cjs.
    expect(out.imported).toMatchObject({ ok: true, value: { name: '关于做好今年工作的讲话' } });
    expect(out.workersAfterImport).toEqual([path.join(tmp, 'dist-electron', 'offloadWorker.cjs')]);
    expect(out.outline.ok).toBe(true);
    expect(out.exported).toMatchObject({ ok: true, value: { downloadPath: `/download/${out.exported.value.fileId}` } });
    expect(out.workers).toHaveLength(1);
  }, 60_000);
});
