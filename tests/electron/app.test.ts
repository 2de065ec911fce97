// The whole main process (electron/app.ts) started against a fake `electron` module: window security,
// navigation and window-open blocking, CSP, the app:// scheme, IPC wiring, the menu, workspace switching.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type AppState } from '../../electron/app';
import { CSP, INVOKE_CHANNEL, MENU_CHANNEL } from '../../electron/config';
import { FakeBrowserWindow, FakeWebContents } from './fakes';
import { fakeElectron, type FakeElectron } from './fakeElectron';
import { makeDocx, p } from '../docx/wordFixtures';

interface MenuItemConstructorOptions {
  label?: string;
  submenu?: unknown;
  click?: unknown;
  accelerator?: string;
  registerAccelerator?: boolean;
}

let root: string;
let fe: FakeElectron;
let state: AppState;

async function start(env: NodeJS.ProcessEnv = {}): Promise<FakeBrowserWindow> {
  fe = fakeElectron(root);
  state = startApp(fe as never, { rendererDir: path.join(root, 'renderer'), preloadPath: '/app/dist-electron/preload.cjs', env, platform: 'linux' });
  fe.app.fireReady();
  await state.ready;
  expect(FakeBrowserWindow.instances).toHaveLength(1);
  return FakeBrowserWindow.instances[0];
}

const invoke = (win: FakeBrowserWindow, method: string, input: unknown) =>
  fe.ipcMain.invoke(INVOKE_CHANNEL, win.webContents, { url: 'app://speechdraft/index.html' }, method, input) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;

function menuItem(label: string, items = fe.Menu.template as MenuItemConstructorOptions[]): MenuItemConstructorOptions | undefined {
  for (const it of items) {
    if (it.label === label) return it;
    if (Array.isArray(it.submenu)) {
      const found = menuItem(label, it.submenu as MenuItemConstructorOptions[]);
      if (found) return found;
    }
  }
  return undefined;
}
const click = (label: string) => (menuItem(label)!.click as () => void)();

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'speechdraft-app-'));
  await fs.mkdir(path.join(root, 'renderer', 'assets'), { recursive: true });
  await fs.writeFile(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>讲稿助手</title>');
  await fs.writeFile(path.join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  await fs.writeFile(path.join(root, 'secret.txt'), 'secret');
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('main window', () => {
  it('is created with the security flags and loads the renderer from app://', async () => {
    const win = await start();
    const wp = win.options.webPreferences as Record<string, unknown>;
    expect(wp).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false });
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
    expect(wp.preload).toBe('/app/dist-electron/preload.cjs');
    expect(win.loadedUrl).toBe('app://speechdraft/index.html');
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('blocks every navigation, redirects, webviews, and opens no new windows', async () => {
    const win = await start();
    const wc = win.webContents;
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://speechdraft/index.html#x', 'javascript:alert(1)']) {
      expect(wc.fire('will-navigate', url), url).toBe(true);
    }
    expect(wc.fire('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(wc.fire('will-frame-navigate', 'app://speechdraft.evil/index.html')).toBe(true);
    // In-page navigation of our own page (e.g. a #hash) is not a way out and stays allowed.
    expect(wc.fire('will-frame-navigate', 'app://speechdraft/index.html#outline')).toBe(false);
    expect(wc.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(wc.fire('will-attach-webview', {}, {})).toBe(true);
    expect(wc.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'app://speechdraft/index.html' })).toEqual({ action: 'deny' });
  });

  it('hardens any other webContents the app creates', async () => {
    await start();
    const other = new FakeWebContents();
    fe.app.emit('web-contents-created', {}, other);
    expect(other.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(other.windowOpenHandler?.({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
  });

  it('denies permission requests and sets the CSP header on responses', async () => {
    await start();
    const ses = fe.session.defaultSession;
    const ours = { getURL: () => 'app://speechdraft/index.html' };
    const foreign = { getURL: () => 'https://evil.example/' };
    const ask = (wc: unknown, permission: string) => {
      let granted: boolean | undefined;
      ses.permissionRequest?.(wc, permission, (ok) => (granted = ok));
      return granted;
    };
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) expect(ask(ours, p), p).toBe(false);
    expect(ask(ours, 'clipboard-sanitized-write')).toBe(true);
    expect(ask(foreign, 'clipboard-sanitized-write')).toBe(false);
    const check = ses.permissionCheck as unknown as (wc: unknown, p: string, origin: string) => boolean;
    expect(check(ours, 'media', 'app://speechdraft')).toBe(false);
    expect(check(ours, 'clipboard-sanitized-write', 'app://speechdraft')).toBe(true);
    expect(check(ours, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    let headers: Record<string, string[]> | undefined;
    ses.headersListener?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = (r as { responseHeaders: Record<string, string[]> }).responseHeaders));
    expect(headers?.['Content-Security-Policy']).toEqual([CSP]);
    expect(CSP).toMatch(/script-src 'self'(;|$)/);
    expect(CSP).not.toMatch(/unsafe-eval/);
  });
});

describe('app:// scheme', () => {
  it('is registered as privileged before ready and serves only the renderer folder, with CSP', async () => {
    await start();
    expect(fe.events.indexOf('registerSchemesAsPrivileged')).toBeLessThan(fe.events.indexOf('whenReady'));
    expect(fe.protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    const serve = fe.protocol.handlers.get('app')!;
    const index = await serve(new Request('app://speechdraft/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('content-security-policy')).toBe(CSP);
    expect(await index.text()).toContain('讲稿助手');
    expect((await serve(new Request('app://speechdraft/'))).status).toBe(200);
    const js = await serve(new Request('app://speechdraft/assets/app.js'));
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    for (const u of ['app://speechdraft/%2e%2e/secret.txt', 'app://speechdraft/..%2fsecret.txt', 'app://speechdraft/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 'app://other/index.html', 'app://speechdraft/nope.js']) {
      const r = await serve(new Request(u));
      expect(r.status, u).toBe(404);
      expect(await r.text()).not.toContain('secret');
    }
    expect((await serve(new Request('app://speechdraft/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

describe('workspace and IPC', () => {
  it('opens <Documents>/SpeechDraft by default and serves the contract over IPC', async () => {
    const win = await start();
    expect(state.workspaceDir).toBe(path.join(root, 'documents', 'SpeechDraft'));
    const r = await invoke(win, 'drafts.create', { name: '测试稿' });
    expect(r.ok).toBe(true);
    const id = (r.value as { id: string }).id;
    await fs.access(path.join(root, 'documents', 'SpeechDraft', 'drafts', `${id}.json`));
    const foreign = await fe.ipcMain.invoke(INVOKE_CHANNEL, new FakeWebContents(), { url: 'app://speechdraft/index.html' }, 'drafts.list', {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('tells a second window that its workspace is open elsewhere; takes over the lock of a closed one', async () => {
    const ws = path.join(root, 'shared-ws');
    const lockFile = path.join(ws, '.locks', 'workspace.lock');
    await fs.mkdir(path.dirname(lockFile), { recursive: true });
    // Another SpeechDraft (a live process that is not us) holds the folder.
    const other = spawn('sleep', ['30']);
    try {
      await fs.writeFile(lockFile, JSON.stringify({ pid: other.pid, host: os.hostname(), time: new Date().toISOString(), token: 'x' }));
      await start({ SPEECHDRAFT_WORKSPACE: ws });
      expect(fe.dialog.messages).toHaveLength(1);
      expect(fe.dialog.messages[0].message).toContain(`已在另一个 SpeechDraft 窗口中打开（本机进程 ${other.pid}`);
      expect(state.workspaceDir).toBe(ws);
    } finally {
      other.kill();
    }
    // The holder is gone: the next start takes the folder over without a word, and holds it itself.
    await new Promise((r) => other.once('exit', r));
    await start({ SPEECHDRAFT_WORKSPACE: ws });
    expect(fe.dialog.messages).toHaveLength(0);
    expect(JSON.parse(await fs.readFile(lockFile, 'utf8')).pid).toBe(process.pid);
  });

  it('honours SPEECHDRAFT_WORKSPACE', async () => {
    await start({ SPEECHDRAFT_WORKSPACE: path.join(root, 'envws') });
    expect(state.workspaceDir).toBe(path.join(root, 'envws'));
  });

  it('设置 → 工作区 asks the renderer (to save first), whose desktop.chooseWorkspace switches folders and is remembered', async () => {
    const win = await start();
    click('工作区…');
    expect(win.webContents.sent.at(-1)).toEqual([MENU_CHANNEL, 'workspace.choose']);
    const next = path.join(root, '我的讲稿');
    fe.dialog.nextOpen = { canceled: false, filePaths: [next] };
    expect(await invoke(win, 'desktop.chooseWorkspace', {})).toEqual({ ok: true, value: { dir: next } });
    expect(state.workspaceDir).toBe(next);
    expect(win.webContents.sent.at(-1)).toEqual([MENU_CHANNEL, 'workspace.changed']);
    const r = await invoke(win, 'drafts.create', { name: '新工作区的稿' });
    await fs.access(path.join(next, 'drafts', `${(r.value as { id: string }).id}.json`));
    const saved = JSON.parse(await fs.readFile(path.join(root, 'userData', 'app-settings.json'), 'utf8'));
    expect(saved).toEqual({ workspaceDir: next });
    // Cancelled: nothing changes. A folder that cannot be a workspace: an error, the old one stays.
    fe.dialog.nextOpen = { canceled: true, filePaths: [] };
    expect(await invoke(win, 'desktop.chooseWorkspace', {})).toEqual({ ok: true, value: null });
    await fs.writeFile(path.join(root, 'plain-file'), 'x');
    fe.dialog.nextOpen = { canceled: false, filePaths: [path.join(root, 'plain-file')] };
    const bad = await invoke(win, 'desktop.chooseWorkspace', {});
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((bad.error as unknown as { message: string }).message).toContain('不能用作工作区');
    expect(state.workspaceDir).toBe(next);
    // Next start opens the remembered folder.
    await start();
    expect(state.workspaceDir).toBe(next);
  });

  it('falls back to the default folder with a Chinese error when the workspace cannot be used', async () => {
    const file = path.join(root, 'a-file');
    await fs.writeFile(file, 'x');
    await start({ SPEECHDRAFT_WORKSPACE: path.join(file, 'ws') });
    expect(fe.dialog.errors[0][0]).toBe('无法打开工作区');
    expect(state.workspaceDir).toBe(path.join(root, 'documents', 'SpeechDraft'));
  });

  it('desktop.saveExport writes an exported file where the user chose; the renderer sends only its id', async () => {
    const win = await start();
    const exports = state.services!.ctx.exports;
    const put = (name: string) => exports.put({ name, bytes: Buffer.from('PK-bytes'), type: 'application/octet-stream' });
    const target = path.join(root, 'out', '讲话稿.docx');
    await fs.mkdir(path.dirname(target));
    fe.dialog.nextSave = { canceled: false, filePath: target };
    const id = put('讲话稿.docx');
    const r = await invoke(win, 'desktop.saveExport', { fileId: id, filters: [{ name: 'Word', extensions: ['docx'] }] });
    expect(r).toEqual({ ok: true, value: { saved: true, path: target } });
    expect(await fs.readFile(target, 'utf8')).toBe('PK-bytes');
    const opts = (fe.dialog.saveCalls[0] as unknown[])[1] as { defaultPath: string };
    expect(opts.defaultPath).toBe(path.join(root, 'documents', '讲话稿.docx'));
    // Single use: the same id again is refused.
    expect(await invoke(win, 'desktop.saveExport', { fileId: id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    fe.dialog.nextSave = { canceled: true };
    expect(await invoke(win, 'desktop.saveExport', { fileId: put('a.docx') })).toEqual({ ok: true, value: { saved: false } });
    fe.dialog.nextSave = { canceled: true };
    await invoke(win, 'desktop.saveExport', { fileId: put('讲话稿：定稿?.docx') });
    expect(((fe.dialog.saveCalls.at(-1) as unknown[])[1] as { defaultPath: string }).defaultPath).toBe(path.join(root, 'documents', '讲话稿：定稿＿.docx'));
    const bad = await invoke(win, 'desktop.saveExport', { fileId: '../../.bashrc' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('desktop.printToPdf prints the window\'s rendering to PDF and writes it where the user chose', async () => {
    const win = await start();
    const target = path.join(root, '讲话（念稿版）.pdf');
    fe.dialog.nextSave = { canceled: false, filePath: target };
    const r = await invoke(win, 'desktop.printToPdf', { suggestedName: '讲话（念稿版）.pdf' });
    expect(r).toEqual({ ok: true, value: { saved: true, path: target } });
    expect(await fs.readFile(target, 'utf8')).toBe('%PDF-1.7 fake');
    expect((win as unknown as { webContents: { printCalls: unknown[] } }).webContents.printCalls[0]).toMatchObject({ preferCSSPageSize: true });
    expect(await invoke(win, 'desktop.printToPdf', { suggestedName: '../x.pdf' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('desktop.openFile returns the chosen file bytes, null when cancelled', async () => {
    const win = await start();
    const src = path.join(root, '讲话.txt');
    await fs.writeFile(src, '同志们：');
    fe.dialog.nextOpen = { canceled: false, filePaths: [src] };
    const r = await invoke(win, 'desktop.openFile', {});
    expect(r).toEqual({ ok: true, value: { name: '讲话.txt', dataBase64: Buffer.from('同志们：').toString('base64') } });
    fe.dialog.nextOpen = { canceled: true, filePaths: [] };
    expect(await invoke(win, 'desktop.openFile', {})).toEqual({ ok: true, value: null });
  });
});

describe('导入 in the desktop app', () => {
  it('desktop.importFile: main reads the file chosen in its dialog and imports it (no bytes via the renderer)', async () => {
    const win = await start();
    const src = path.join(root, '讲话.html');
    await fs.writeFile(src, '<p class=MsoTitle>在大会上的讲话</p><p>同志们：</p><h1>一、总体要求</h1><p>正文。</p>');
    fe.dialog.nextOpen = { canceled: false, filePaths: [src] };
    const r = (await invoke(win, 'desktop.importFile', {})) as { ok: true; value: { name: string; doc: { blocks: { type: string; children: { text: string }[] }[] } } };
    expect(r.ok).toBe(true);
    expect(r.value.doc.blocks.map((b) => [b.type, b.children[0].text])).toEqual([
      ['title', '在大会上的讲话'],
      ['salutation', '同志们：'],
      ['heading', '总体要求'],
      ['paragraph', '正文。'],
    ]);
    fe.dialog.nextOpen = { canceled: true, filePaths: [] };
    expect(await invoke(win, 'desktop.importFile', {})).toEqual({ ok: true, value: null });
  });
  it('a .docx with tracked changes is kept by main until the writer chooses 接受所有修订 or 拒绝所有修订', async () => {
    const win = await start();
    const src = path.join(root, '修订.docx');
    const tracked = '<w:p><w:r><w:t>增长</w:t></w:r><w:ins w:id="1" w:author="甲"><w:r><w:t>百分之五</w:t></w:r></w:ins><w:del w:id="2" w:author="甲"><w:r><w:delText>百分之六</w:delText></w:r></w:del><w:r><w:t>。</w:t></w:r></w:p>';
    await fs.writeFile(src, await makeDocx({ body: p('讲话') + tracked }));
    type Imported = { name: string; notes: string[]; doc: { blocks: { children: { text: string }[] }[] } };
    const pick = async () => {
      fe.dialog.nextOpen = { canceled: false, filePaths: [src] };
      const r = (await invoke(win, 'desktop.importFile', {})) as { ok: true; value: { pending: { pickId: string; name: string; insertions: number; deletions: number } } };
      expect(r.value.pending).toMatchObject({ name: '修订.docx', insertions: 1, deletions: 1 });
      return r.value.pending.pickId;
    };
    const text = (d: Imported) => d.doc.blocks.map((b) => b.children.map((c) => c.text).join('')).join('\n');
    const before = ((await invoke(win, 'drafts.list', {})) as { value: unknown[] }).value.length;
    const first = await pick();
    // nothing is imported before the choice
    expect(((await invoke(win, 'drafts.list', {})) as { value: unknown[] }).value).toHaveLength(before);
    const rejected = (await invoke(win, 'desktop.importPending', { pickId: first, revisions: 'reject' })) as { ok: true; value: Imported };
    expect(text(rejected.value)).toContain('增长百分之六。');
    expect(rejected.value.notes.join('\n')).toMatch(/插入 1 处、删除 1 处，已按「拒绝所有修订」导入/);
    // the kept file is single use
    expect(await invoke(win, 'desktop.importPending', { pickId: first, revisions: 'accept' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const accepted = (await invoke(win, 'desktop.importPending', { pickId: await pick(), revisions: 'accept' })) as { ok: true; value: Imported };
    expect(text(accepted.value)).toContain('增长百分之五。');
    expect(accepted.value.notes.join('\n')).toMatch(/已按「接受所有修订」导入/);
  });
});

describe('menu', () => {
  it('is Chinese, and its items send commands to the renderer', async () => {
    const win = await start();
    const top = (fe.Menu.template as MenuItemConstructorOptions[]).map((m) => m.label);
    expect(top).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    for (const [label, cmd] of [
      ['新建文稿', 'draft.new'],
      ['导入文件…', 'draft.import'],
      ['保存', 'draft.save'],
      ['导出 Word…', 'draft.export'],
      ['删除（移到回收站）', 'draft.delete'],
      ['回收站…', 'trash.open'],
      ['撤销', 'edit.undo'],
      ['查找…', 'edit.find'],
      ['替换…', 'edit.replace'],
      ['关于 SpeechDraft 讲稿助手', 'help.about'],
    ]) {
      click(label);
      expect(win.webContents.sent.at(-1), label).toEqual([MENU_CHANNEL, cmd]);
    }
    // Shortcuts the editor handles itself are shown but not registered (no double save, Slate's own undo).
    expect(menuItem('保存')).toMatchObject({ accelerator: 'CmdOrCtrl+S', registerAccelerator: false });
    expect(menuItem('撤销')).toMatchObject({ registerAccelerator: false });
    expect(menuItem('查找…')).toMatchObject({ accelerator: 'CmdOrCtrl+F', registerAccelerator: false });
    expect(menuItem('开发者工具')).toBeDefined();
  });
});

describe('closing the window', () => {
  it('holds the close until the renderer has saved and answers', async () => {
    const win = await start();
    win.close();
    expect(win.closed).toBe(false);
    expect(win.webContents.sent.at(-1)).toEqual([MENU_CHANNEL, 'app.beforeClose']);
    win.close(); // a second click while waiting asks nothing new
    expect(win.webContents.sent.filter(([, c]) => c === 'app.beforeClose')).toHaveLength(1);
    expect(await invoke(win, 'desktop.closeDecision', { close: true })).toEqual({ ok: true, value: { closing: true } });
    expect(win.closed).toBe(true);
    expect(state.window).toBeNull();
  });

  it('stays open when the renderer says the save failed, and the renderer cannot close it unasked', async () => {
    const win = await start();
    expect(await invoke(win, 'desktop.closeDecision', { close: true })).toEqual({ ok: true, value: { closing: false } });
    expect(win.closed).toBe(false);
    win.close();
    expect(await invoke(win, 'desktop.closeDecision', { close: false })).toEqual({ ok: true, value: { closing: false } });
    expect(win.closed).toBe(false);
    const bad = await invoke(win, 'desktop.closeDecision', { close: 'yes' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('closes anyway when the renderer does not answer in time', async () => {
    fe = fakeElectron(root);
    state = startApp(fe as never, { rendererDir: path.join(root, 'renderer'), preloadPath: '/p.cjs', env: {}, platform: 'linux', closeTimeoutMs: 50 });
    fe.app.fireReady();
    await state.ready;
    const win = FakeBrowserWindow.instances[0];
    win.close();
    expect(win.closed).toBe(false);
    await new Promise((r) => setTimeout(r, 120));
    expect(win.closed).toBe(true);
  });
});
