// Hardening of the bridge (the CSP and the renderer file server shared with app:// are in
// tests/electron/transport.test.ts): timeouts and a cap on concurrent
// large bodies, bounded settings, and no stack trace in an internal error.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/contract/dispatch';
import { startBridge, type Bridge } from '../../src/adapters/web/server';
import { createServices, type Services } from '../../src/services/index';
import { waitFor } from '../helpers/waitFor';

let tmp: string;
let staticDir: string;
let bridge: Bridge;
let services: Services;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'sd-harden-'));
  staticDir = path.join(tmp, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  services = await createServices(path.join(tmp, 'ws'));
  bridge = await startBridge({ handlers: services.handlers, dispatchOptions: services.dispatchOptions, staticDir, maxBodyBytes: 64 * 1024 * 1024 });
});

afterAll(async () => {
  await bridge?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const api = (method: string, body: string | Uint8Array) =>
  fetch(`${bridge.url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-SpeechDraft-Token': bridge.token }, body: body as BodyInit });

describe('the bridge', () => {
  it('closes a connection that sends its headers too slowly', async () => {
    const sock = net.connect(bridge.port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    sock.resume();
    sock.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const t0 = Date.now();
    await new Promise((r) => sock.once('close', r));
    const waited = Date.now() - t0;
    expect(waited).toBeLessThan(15_000);
  }, 40_000);

  it('reads at most two large bodies at once; a third is asked to retry', async () => {
    const big = () => Buffer.from(JSON.stringify({ name: 'x.txt', dataBase64: 'A'.repeat(20 * 1024 * 1024) }));
    // Two slow large uploads hold both slots…
    const slow = [0, 1].map(() => {
      const s = net.connect(bridge.port, '127.0.0.1');
      s.write(`POST /api/drafts.importFile HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nContent-Type: application/json\r\nX-SpeechDraft-Token: ${bridge.token}\r\nContent-Length: ${big().length}\r\n\r\n{"name"`);
      return s;
    });
    await waitFor('both large-body slots taken', () => bridge.largeBodiesInFlight() === 2);
    const third = await api('drafts.importFile', big());
    expect(third.status).toBe(503);
    expect(((await third.json()) as { error: { message: string } }).error.message).toContain('稍后再试');
    for (const s of slow) s.destroy();
    await waitFor('the slots given back', () => bridge.largeBodiesInFlight() === 0);
    // Small calls are never held up.
    expect((await api('drafts.list', '{}')).status).toBe(200);
  });

  it('settings.set: every field validated and bounded', async () => {
    const huge = await api('settings.set', JSON.stringify({ patch: { note: 'x'.repeat(1024 * 1024) } }));
    expect(((await huge.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalid-input' });
    const bad = await dispatch(services.handlers, 'settings.set', { patch: { charsPerMinute: 5000 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const deep: unknown[] = [];
    let cur = deep;
    for (let i = 0; i < 100; i++) cur.push((cur = []));
    expect(await dispatch(services.handlers, 'settings.set', { patch: { layout: deep } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch(services.handlers, 'settings.set', { patch: { 'bad key!': 1 } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch(services.handlers, 'settings.set', { patch: { charsPerMinute: 250, docxLayout: { marginTop: 37 } } })).toMatchObject({ ok: true });
  });

  it('an internal error reaches the client without a stack trace; the log keeps it', async () => {
    const handlers = { ...services.handlers, 'drafts.list': async () => { throw new TypeError('boom in a handler'); } };
    const r = await dispatch(handlers, 'drafts.list', {}, services.dispatchOptions);
    expect(r.ok).toBe(false);
    const e = (r as { error: { code: string; message: string; detail?: string } }).error;
    expect(e.code).toBe('internal');
    expect(e.detail).toBeUndefined();
    expect(e.message).not.toMatch(/\bat .+:\d+:\d+/);
    expect(e.message).toContain('dev@speechdraft.cn');
    const log = /日志 (\S+?)，/.exec(e.message)?.[1];
    expect(log).toBeDefined();
    expect(readFileSync(log!, 'utf8')).toMatch(/TypeError: boom in a handler\n\s+at /);
  });
});
