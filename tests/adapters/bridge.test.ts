import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createContext } from '../../src/services/context';
import { draftHandlers } from '../../src/services/workspace/handlers';
import { startBridge, type Bridge } from '../../src/adapters/web/server';

// A raw HTTP client: fetch() would not let us forge Host, and normalises paths.
function request(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

describe('loopback bridge', () => {
  let tmp: string;
  let bridge: Bridge;
  let staticDir: string;

  const api = (method: string, input: unknown, headers: Record<string, string> = {}) =>
    request(bridge.port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { 'Content-Type': 'application/json', 'X-SpeechDraft-Token': bridge.token, ...headers },
      body: JSON.stringify(input),
    });

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'sd-bridge-'));
    staticDir = path.join(tmp, 'static');
    mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body>app</body></html>');
    writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(staticDir, 'assets', 'app.css'), 'body{}');
    writeFileSync(path.join(tmp, 'secret.txt'), 'TOP SECRET');
    symlinkSync(path.join(tmp, 'secret.txt'), path.join(staticDir, 'link.txt'));
    // Only the draft handlers: the bridge is what is under test, not the other services.
    const handlers = draftHandlers(await createContext(path.join(tmp, 'ws')));
    bridge = await startBridge({ handlers, staticDir, maxBodyBytes: 1024 * 1024 });
  });

  afterAll(async () => {
    await bridge?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('binds to 127.0.0.1 and makes a long random token', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/`);
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves index.html with the token injected and a strict CSP', async () => {
    const r = await request(bridge.port, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.body).toContain(`<meta name="speechdraft-token" content="${bridge.token}" />`);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).not.toContain('unsafe-eval');
  });

  it('serves assets with the right content types', async () => {
    const js = await request(bridge.port, { path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.body).toBe('console.log(1)');
    const css = await request(bridge.port, { path: '/assets/app.css' });
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect((await request(bridge.port, { path: '/assets/missing.js' })).status).toBe(404);
  });

  it('never serves files outside the static folder', async () => {
    for (const p of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/link.txt']) {
      const r = await request(bridge.port, { path: p });
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.body, p).not.toContain('TOP SECRET');
    }
  });

  it('refuses API calls without the token or with a wrong one (403)', async () => {
    const none = await request(bridge.port, { method: 'POST', path: '/api/drafts.list', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(403);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await api('drafts.list', {}, { 'X-SpeechDraft-Token': bridge.token.slice(0, -1) + (bridge.token.endsWith('0') ? '1' : '0') });
    expect(wrong.status).toBe(403);
    const short = await api('drafts.list', {}, { 'X-SpeechDraft-Token': 'abc' });
    expect(short.status).toBe(403);
  });

  it('refuses a foreign Origin even with the token (403)', async () => {
    const r = await api('drafts.list', {}, { Origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    const other = await api('drafts.list', {}, { Origin: `http://127.0.0.1:${bridge.port + 1}` });
    expect(other.status).toBe(403);
    const own = await api('drafts.list', {}, { Origin: `http://127.0.0.1:${bridge.port}` });
    expect(own.status).toBe(200);
  });

  it('refuses a foreign Host header: DNS rebinding (403)', async () => {
    const r = await api('drafts.list', {}, { Host: `evil.example:${bridge.port}` });
    expect(r.status).toBe(403);
    const page = await request(bridge.port, { path: '/', headers: { Host: 'attacker.test' } });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain(bridge.token);
    const localhost = await api('drafts.list', {}, { Host: `localhost:${bridge.port}` });
    expect(localhost.status).toBe(200);
  });

  it('answers an unknown method with an error JSON', async () => {
    const r = await api('fs.readFile', { path: '/etc/passwd' });
    const body = JSON.parse(r.body);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('invalid-input');
    expect(body.error.message).toContain('未知的操作');
  });

  it('answers invalid input and malformed JSON with errors, not crashes', async () => {
    const bad = JSON.parse((await api('drafts.get', { id: '../../etc/passwd' })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const malformed = await request(bridge.port, {
      method: 'POST',
      path: '/api/drafts.list',
      headers: { 'Content-Type': 'application/json', 'X-SpeechDraft-Token': bridge.token },
      body: '{not json',
    });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).error.code).toBe('invalid-input');
  });

  it('refuses a body over the size limit (413)', async () => {
    const big = JSON.stringify({ name: 'x.txt', dataBase64: 'A'.repeat(1024 * 1024 + 10) });
    // Streamed (chunked, no Content-Length) …
    const r = await api('drafts.importFile', JSON.parse(big));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('too-large');
    // … and declared up front.
    const declared = await request(bridge.port, {
      method: 'POST',
      path: '/api/drafts.importFile',
      headers: { 'Content-Type': 'application/json', 'X-SpeechDraft-Token': bridge.token, 'Content-Length': String(Buffer.byteLength(big)) },
      body: big,
    });
    expect(declared.status).toBe(413);
    // The bridge still works afterwards.
    expect((await api('drafts.list', {})).status).toBe(200);
  });

  it('creates, saves and reads a draft (happy path), writing the file on disk', async () => {
    const created = JSON.parse((await api('drafts.create', { name: '测试讲话' })).body);
    expect(created.ok).toBe(true);
    const id = created.value.id as string;
    const doc = { blocks: [{ type: 'title', children: [{ text: '在全市工作会议上的讲话' }] }, { type: 'heading', level: 1, children: [{ text: '总体要求' }] }] };
    const saved = JSON.parse((await api('drafts.save', { id, doc, baseRevision: created.value.revision })).body);
    expect(saved).toMatchObject({ ok: true, value: { id, revision: created.value.revision + 1 } });
    const got = JSON.parse((await api('drafts.get', { id })).body);
    expect(got.value.doc).toEqual(doc);
    expect(got.value.name).toBe('测试讲话');
    const onDisk = JSON.parse(readFileSync(path.join(tmp, 'ws', 'drafts', `${id}.json`), 'utf8'));
    expect(onDisk.doc).toEqual(doc);
    // A stale base revision is refused as a conflict.
    const stale = JSON.parse((await api('drafts.save', { id, doc, baseRevision: created.value.revision })).body);
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
