// Team-server passwords in the desktop app: encrypted with safeStorage into userData, never in the
// workspace settings; without system encryption, kept in memory for the session only.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORDS_FILE, safeStoragePasswords } from '../../electron/passwords';
import { startApp, type AppState } from '../../electron/app';
import { INVOKE_CHANNEL } from '../../electron/config';
import { FakeBrowserWindow } from './fakes';
import { fakeElectron, type FakeElectron } from './fakeElectron';

let root: string;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'speechdraft-pw-'));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('team-server passwords (safeStorage)', () => {
  it('stores only ciphertext in userData and reads it back in a new session', async () => {
    const fe = fakeElectron(root);
    const dir = path.join(root, 'userData');
    const a = safeStoragePasswords(fe.safeStorage, dir);
    expect(a.keeping).toBe('safeStorage');
    await a.set('writer1@db.office:5432/speechdraft', '口令-Secret!');
    const raw = await fs.readFile(path.join(dir, PASSWORDS_FILE), 'utf8');
    expect(raw).not.toContain('Secret');
    expect(raw).not.toContain('口令');
    const stored = JSON.parse(raw) as Record<string, string>;
    expect(fe.safeStorage.decryptString(Buffer.from(stored['writer1@db.office:5432/speechdraft'], 'base64'))).toBe('口令-Secret!');
    const b = safeStoragePasswords(fe.safeStorage, dir);
    expect(await b.get('writer1@db.office:5432/speechdraft')).toBe('口令-Secret!');
    expect(await b.get('other@db.office:5432/speechdraft')).toBeUndefined();
  });

  it('keeps the password in memory only when the system offers no encryption', async () => {
    const fe = fakeElectron(root);
    fe.safeStorage.available = false;
    const dir = path.join(root, 'userData');
    const k = safeStoragePasswords(fe.safeStorage, dir);
    expect(k.keeping).toBe('memory');
    await k.set('u@h:1/d', 'pw');
    expect(await k.get('u@h:1/d')).toBe('pw');
    await expect(fs.access(path.join(dir, PASSWORDS_FILE))).rejects.toThrow();
    expect(await safeStoragePasswords(fe.safeStorage, dir).get('u@h:1/d')).toBeUndefined();
  });

  it('the app reports safeStorage keeping, and a password given to 连接 never reaches the workspace settings', async () => {
    const fe: FakeElectron = fakeElectron(root);
    const ws = path.join(root, 'ws');
    const state: AppState = startApp(fe as never, { rendererDir: path.join(root, 'renderer'), preloadPath: '/p.cjs', env: { SPEECHDRAFT_WORKSPACE: ws }, platform: 'linux' });
    fe.app.fireReady();
    await state.ready;
    const win = FakeBrowserWindow.instances[0];
    const invoke = (method: string, input: unknown) =>
      fe.ipcMain.invoke(INVOKE_CHANNEL, win.webContents, { url: 'app://speechdraft/index.html' }, method, input) as Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { message: string } }>;
    const st = await invoke('library.backend', {});
    expect(st.value).toMatchObject({ backend: 'local', passwordKeeping: 'safeStorage' });
    // nothing listens on port 1: the switch fails with the Chinese reason and nothing is saved
    const r = await invoke('library.setBackend', { backend: 'team', server: { host: '127.0.0.1', port: 1, database: 'speechdraft', user: 'writer1', tls: false }, password: 'Secret-1' });
    expect(r.ok).toBe(false);
    expect(r.error!.message).toMatch(/无法连接到团队服务器/);
    const settings = await fs.readFile(path.join(ws, 'settings.json'), 'utf8').catch(() => '');
    expect(settings).not.toContain('Secret-1');
    // bad settings are refused by the contract (bounded, validated)
    const bad = await invoke('library.testServer', { server: { host: 'a b/c', port: 70000, database: '', user: 'x', tls: false } });
    expect(bad.ok).toBe(false);
    await state.services?.ctx.dispose();
  });
});
