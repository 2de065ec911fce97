// While a 20 MB import runs on the bridge (in the offload worker), the bridge keeps answering: drafts.list
// in under 200 ms, every call, from the upload of the body to the answer with the imported draft.
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOffload, type Offloaded } from '../../src/adapters/offload';
import { startBridge, type Bridge } from '../../src/adapters/web/server';
import { createServices } from '../../src/services/index';

let tmp: string;
let bridge: Bridge;
let offloaded: Offloaded;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'sd-responsive-'));
  const staticDir = path.join(tmp, 'static');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  const ws = path.join(tmp, 'ws');
  const s = await createServices(ws);
  for (let i = 0; i < 20; i++) await s.handlers['drafts.create']({ name: `稿${i}` });
  offloaded = withOffload(s.handlers, ws, { workerEntry: path.join(__dirname, '../../src/adapters/offloadWorker.ts') });
  bridge = await startBridge({ handlers: offloaded.handlers, offload: offloaded, dispatchOptions: s.dispatchOptions, staticDir });
});

afterAll(async () => {
  await bridge?.close();
  await offloaded?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const api = async (method: string, input: unknown) => {
  const res = await fetch(`${bridge.url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-SpeechDraft-Token': bridge.token }, body: JSON.stringify(input) });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
};

/** A 20 MB plain-text speech (headings every 40 lines) as UTF-8 bytes. */
function speechOf20MB(): Buffer {
  const line = '今年以来，我们坚持稳中求进工作总基调，统筹推进经济社会发展各项工作，取得了显著成绩。';
  const lines: string[] = ['关于做好今年工作的讲话', '同志们：'];
  let bytesSoFar = 0;
  for (let i = 0; bytesSoFar < 20 * 1024 * 1024; i++) {
    const l = i % 40 === 0 ? `${i / 40 + 1}.抓好第${i}项工作` : line;
    lines.push(l);
    bytesSoFar += Buffer.byteLength(l) + 1;
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** `drafts.importFile` of `bytes`, sent and answered in a worker thread; resolves with the result's summary. */
function importFromAnotherThread(bytes: Buffer): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { url, token, bytes } = workerData;
    fetch(url + 'api/drafts.importFile', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-SpeechDraft-Token': token },
      body: JSON.stringify({ name: '大文件.txt', dataBase64: Buffer.from(bytes).toString('base64') }),
    })
      .then((res) => res.json())
      .then((r) => parentPort.postMessage({ ok: r.ok, error: r.error }), (e) => parentPort.postMessage({ ok: false, error: { code: 'client', message: String(e) } }));
  `;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { url: bridge.url, token: bridge.token, bytes } });
    w.once('message', (m: { ok: boolean; error?: { code: string; message: string } }) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

/** CPU time (ms) the bridge's thread (the process's main thread) has used so far; null where /proc is not there. */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/**
 * Threads of other processes ready to run right now (/proc/stat's procs_running less this process's running
 * threads), or null where /proc is not there: the load during the test, not the minutes-long average of
 * os.loadavg(), which lags behind a job that has just started beside it.
 */
function othersRunning(): number | null {
  try {
    const running = Number(/^procs_running (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    let own = 0;
    for (const t of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
      if (stat[stat.lastIndexOf(')') + 2] === 'R') own++;
    }
    return Number.isFinite(running) ? Math.max(0, running - own) : null;
  } catch {
    return null;
  }
}

describe('the bridge stays responsive', () => {
  it('drafts.list answers in < 200 ms while a 20 MB import runs', async () => {
    const bytes = speechOf20MB(); // bytes only: the test's own heap stays small, so its collections are short
    expect(bytes.length).toBeGreaterThan(19 * 1024 * 1024);
    let done = false;
    // The importing client is another thread (as the browser is another process): its own JSON work on the
    // 28 MB body and the 20 MB answer must not be counted against the bridge.
    const importing = importFromAnotherThread(bytes).finally(() => (done = true));
    const calls: { ms: number; cpuMs: number | null }[] = [];
    const others: number[] = [];
    // From the moment the body is on its way until the answer (the imported draft, 40 MB of JSON) is sent.
    while (!done) {
      const busy = othersRunning();
      if (busy !== null) others.push(busy);
      const cpu0 = mainThreadCpuMs();
      const t0 = performance.now();
      const r = await api('drafts.list', {});
      const ms = performance.now() - t0;
      const cpu1 = mainThreadCpuMs();
      calls.push({ ms, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 });
      expect(r.ok).toBe(true);
      await new Promise((res) => setTimeout(res, 50));
    }
    const result = await importing;
    // After the import, the listing shows the new draft without parsing it (its summary was cached before
    // the file was renamed into place).
    const t1 = performance.now();
    const after = (await api('drafts.list', {})) as { ok: boolean; value?: { name?: string }[] };
    calls.push({ ms: performance.now() - t1, cpuMs: null });
    if (result.ok) expect(after.value?.some((d) => d.name === '关于做好今年工作的讲话')).toBe(true);

    const maxMs = Math.max(...calls.map((c) => c.ms));
    const cpus = calls.map((c) => c.cpuMs).filter((c): c is number => c !== null);
    // A machine running more threads than it has cores (a shared CI box) delays any thread now and then,
    // whatever it runs: the wall-clock bound is 200 ms on a machine with a core to spare and grows with the
    // load measured during the test (the 1-minute average, or the other processes' threads ready to run,
    // sampled at every call, if more). The CPU time the bridge's thread spends during one call does not
    // depend on the load: no step of the import (body, answer, saved draft, listing) may hold it > 100 ms.
    const meanOthers = others.length ? others.reduce((a, b) => a + b, 0) / others.length : 0;
    const load = Math.max(os.loadavg()[0], meanOthers) / os.cpus().length;
    const boundMs = 200 * Math.max(1, load);
    console.log(
      `drafts.list during a ${Math.round(bytes.length / 1048576)} MB import: ${calls.length} calls, max ${Math.round(maxMs)} ms (bound ${Math.round(boundMs)} ms at load ${load.toFixed(1)} per core; others ready to run ${meanOthers.toFixed(1)}), ` +
        `max ${cpus.length ? Math.max(...cpus) : '?'} ms CPU of the bridge's thread per call; import ${result.ok ? 'ok' : result.error?.message}`,
    );
    expect(calls.length).toBeGreaterThan(3);
    expect(maxMs).toBeLessThan(boundMs);
    if (cpus.length) expect(Math.max(...cpus)).toBeLessThan(100);
    // The import ended with an answer (a draft, or a named limit), never a crash.
    if (!result.ok) expect(result.error?.code).not.toBe('internal');
  }, 240_000);
});
