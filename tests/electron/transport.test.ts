// One transport for both hosts: the bridge, app:// and index.html carry the same CSP; one renderer file
// server that refuses symlinks out of the renderer folder (app:// followed them before).
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, CSP_META } from '../../src/contract/transport';
import { startBridge, type Bridge } from '../../src/adapters/web/server';
import { serveRenderer } from '../../electron/protocol';

let tmp: string;
let staticDir: string;
let bridge: Bridge;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'sd-transport-'));
  staticDir = path.join(tmp, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  writeFileSync(path.join(tmp, 'secret.txt'), 'TOP SECRET');
  symlinkSync(path.join(tmp, 'secret.txt'), path.join(staticDir, 'link.txt'));
  symlinkSync(tmp, path.join(staticDir, 'up'));
  bridge = await startBridge({ handlers: {}, staticDir });
});

afterAll(async () => {
  await bridge?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('one transport', () => {
  it('index.html carries the CSP the hosts send', () => {
    const html = readFileSync(path.join(__dirname, '../../src/renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    expect(meta).toBe(CSP_META);
    expect(CSP.startsWith(CSP_META)).toBe(true);
  });

  it('app:// and the bridge send the same CSP and refuse symlinks out of the renderer folder', async () => {
    const viaApp = await serveRenderer(new Request('app://speechdraft/index.html'), staticDir);
    const viaBridge = await fetch(`${bridge.url}index.html`);
    expect(viaApp.headers.get('content-security-policy')).toBe(CSP);
    expect(viaBridge.headers.get('content-security-policy')).toBe(CSP);
    for (const p of ['link.txt', 'up/secret.txt']) {
      const a = await serveRenderer(new Request(`app://speechdraft/${p}`), staticDir);
      expect(a.status, p).toBe(404);
      expect(await a.text()).not.toContain('SECRET');
      const b = await fetch(`${bridge.url}${p}`);
      expect(b.status, p).toBe(403);
      expect(await b.text()).not.toContain('SECRET');
    }
  });
});

