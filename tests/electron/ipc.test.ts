import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerIpc, senderProblem } from '../../electron/ipc';
import { INVOKE_CHANNEL } from '../../electron/config';
import { createServices, type Services } from '../../src/services/index';
import { FakeIpcMain, FakeWebContents } from './fakes';

let dir: string;
let services: Services;
let ipcMain: FakeIpcMain;
let ours: FakeWebContents;
const APP_FRAME = { url: 'app://speechdraft/index.html' };

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'speechdraft-ipc-'));
  services = await createServices(dir);
  ipcMain = new FakeIpcMain();
  ours = new FakeWebContents();
  registerIpc({ ipcMain: ipcMain as never, trustedWebContents: () => ours as never, handlers: () => services.handlers });
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const call = (method: unknown, input: unknown, sender: unknown = ours, frame: { url: string; parent?: unknown } | null = APP_FRAME) =>
  ipcMain.invoke(INVOKE_CHANNEL, sender, frame, method, input) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;

describe('speechdraft:invoke', () => {
  it('registers exactly one channel', () => {
    expect([...ipcMain.handlers.keys()]).toEqual(['speechdraft:invoke']);
  });

  it('happy path: create, save, get through IPC, with the file on disk', async () => {
    const doc = { blocks: [{ type: 'title', children: [{ text: '在全县农村工作会议上的讲话' }] }, { type: 'paragraph', children: [{ text: '同志们，' }] }] };
    const created = await call('drafts.create', { doc });
    expect(created.ok).toBe(true);
    const d = created.value as { id: string; revision: number; name: string };
    expect(d.name).toBe('在全县农村工作会议上的讲话');
    const doc2 = { blocks: [...doc.blocks, { type: 'heading', level: 1, children: [{ text: '充分认识做好农村工作的重要意义' }] }] };
    const saved = await call('drafts.save', { id: d.id, doc: doc2, baseRevision: d.revision });
    expect(saved).toMatchObject({ ok: true, value: { id: d.id, revision: d.revision + 1 } });
    const got = await call('drafts.get', { id: d.id });
    expect(got).toMatchObject({ ok: true, value: { doc: doc2 } });
    const onDisk = JSON.parse(await fs.readFile(path.join(dir, 'drafts', `${d.id}.json`), 'utf8'));
    expect(onDisk.doc).toEqual(doc2);
    expect(onDisk.schemaVersion).toBe(1);
  });

  it('rejects a sender that is not our window', async () => {
    const other = new FakeWebContents();
    const r = await call('drafts.list', {}, other);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(r.error?.message).toMatch(/拒绝访问/);
  });

  it('rejects our window when the frame is foreign, a subframe, or missing', async () => {
    for (const frame of [
      { url: 'https://evil.example/index.html' },
      { url: 'file:///etc/passwd' },
      { url: 'app://other/index.html' },
      { url: 'http://127.0.0.1:5173/' },
      { url: 'not a url' },
      { url: 'app://speechdraft/index.html', parent: {} },
      null,
    ]) {
      const r = await call('drafts.create', { name: 'x' }, ours, frame);
      expect(r, JSON.stringify(frame)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await fs.readdir(path.join(dir, 'drafts'))).toEqual([]);
  });

  it('rejects everything before the window exists', () => {
    expect(senderProblem({ sender: ours as never, senderFrame: APP_FRAME as never }, null)).toBe('not the main window');
  });

  it('rejects unknown methods, including prototype names', async () => {
    for (const m of ['drafts.format', 'constructor', '__proto__', 'toString', 42, null]) {
      const r = await call(m, {});
      expect(r, String(m)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(r.error?.message).toMatch(/未知的操作/);
    }
  });

  it('rejects invalid arguments with a clear zod-based message', async () => {
    const r = await call('drafts.save', { id: 'd1', doc: { blocks: [{ type: 'poem', children: [{ text: 'x' }] }] } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(r.error?.message).toMatch(/^参数无效（doc\.blocks\.0\.type）/);
    const r2 = await call('drafts.rename', { id: 'd1' });
    expect(r2.error?.message).toMatch(/参数无效（name）/);
    const r3 = await call('drafts.get', 'd1');
    expect(r3).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('rejects path traversal as a draft id and touches no file outside the workspace', async () => {
    const outside = path.join(dir, '..', `speechdraft-ipc-victim-${process.pid}.json`);
    await fs.writeFile(outside, 'keep');
    try {
      for (const id of ['../../etc/passwd', `../${path.basename(outside, '.json')}`, '..\\..\\windows\\win.ini', '/etc/passwd', 'a/../../b']) {
        for (const [m, input] of [
          ['drafts.get', { id }],
          ['drafts.save', { id, doc: { blocks: [] } }],
          ['drafts.delete', { id }],
          ['drafts.rename', { id, name: 'x' }],
        ] as const) {
          const r = await call(m, input);
          expect(r, `${m} ${id}`).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
          expect(r.error?.message).toMatch(/不能使用路径/);
        }
      }
      expect(await fs.readFile(outside, 'utf8')).toBe('keep');
    } finally {
      await fs.rm(outside, { force: true });
    }
  });

  it('turns a handler failure into a serialisable error, never a throw', async () => {
    const r = await call('drafts.get', { id: 'dmissing' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('answers desktop-only methods as unsupported when no desktop handlers are given', async () => {
    const r = await call('desktop.chooseWorkspace', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });
});
