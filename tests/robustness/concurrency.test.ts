// Two writers on one workspace, in separate processes: two bridges (the desktop app and browser mode, two
// windows) and the CLI next to a bridge. Every save either succeeds with a revision of its own or is refused
// as `conflict`; the successes form one unbroken chain (each based on the one before), so none replaced
// another; the file on disk holds the last one.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, runNode, startBridgeProcess, type BridgeProc } from './helpers';

const SAVES = Number(process.env.SPEECHDRAFT_CONCURRENT_SAVES ?? 300);

let tmp: string;
let bridgeJs: string;
let cliJs: string;
let staticDir: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'sd-concurrent-'));
  staticDir = path.join(tmp, 'static');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  [bridgeJs, cliJs] = await Promise.all([bundle('bridgeProcess.ts', tmp), bundle('cliProcess.ts', tmp)]);
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const docOf = (text: string) => ({ blocks: [{ type: 'title', children: [{ text: '并发测试' }] }, { type: 'paragraph', children: [{ text }] }] });

interface Outcome {
  who: string;
  base: number;
  revision?: number;
  text: string;
  conflict?: boolean;
}

/** Load, then save on the loaded revision, `n` times; record each outcome. */
async function client(b: BridgeProc, who: string, id: string, n: number, out: Outcome[]): Promise<void> {
  for (let i = 0; i < n; i++) {
    const got = await b.call('drafts.get', { id });
    if (!got.ok) throw new Error(`${who} get: ${got.error.message}`);
    const base = got.value.revision as number;
    const text = `${who} 第${i}次保存`;
    const r = await b.call('drafts.save', { id, doc: docOf(text), baseRevision: base });
    if (r.ok) out.push({ who, base, revision: r.value.revision, text });
    else if (r.error.code === 'conflict') out.push({ who, base, text, conflict: true });
    else throw new Error(`${who} save: ${r.error.code} ${r.error.message}`);
  }
}

/** The acknowledged saves form one chain base → base+1 → …; the file holds the last. */
function checkChain(outcomes: Outcome[], startRevision: number, file: string): { ok: number; conflicts: number } {
  const ok = outcomes.filter((o) => !o.conflict).sort((a, b) => a.revision! - b.revision!);
  const revisions = ok.map((o) => o.revision!);
  expect(new Set(revisions).size).toBe(revisions.length); // no two successes share a revision
  ok.forEach((o, i) => {
    expect(o.revision).toBe(startRevision + i + 1);
    expect(o.base).toBe(o.revision! - 1); // each success was based on the one before: nothing replaced unseen
  });
  const disk = JSON.parse(readFileSync(file, 'utf8')) as { revision: number; doc: ReturnType<typeof docOf> };
  const last = ok[ok.length - 1];
  expect(disk.revision).toBe(last.revision);
  expect(disk.doc.blocks[1].children[0].text).toBe(last.text);
  return { ok: ok.length, conflicts: outcomes.length - ok.length };
}

describe('two processes on one workspace', () => {
  it(`two bridges, two clients saving one draft ${SAVES} times each: no acknowledged save is lost`, async () => {
    const ws = path.join(tmp, 'ws-bridges');
    const [a, b] = await Promise.all([startBridgeProcess(bridgeJs, ws, staticDir), startBridgeProcess(bridgeJs, ws, staticDir)]);
    try {
      const created = await a.call('drafts.create', { name: '并发', doc: docOf('起点') });
      if (!created.ok) throw new Error(created.error.message);
      const id = created.value.id as string;
      const outcomes: Outcome[] = [];
      await Promise.all([client(a, 'A', id, SAVES, outcomes), client(b, 'B', id, SAVES, outcomes)]);
      const r = checkChain(outcomes, 1, path.join(ws, 'drafts', `${id}.json`));
      expect(r.ok + r.conflicts).toBe(2 * SAVES);
      expect(r.ok).toBeGreaterThan(SAVES / 2);
      console.log(`two bridges: ${r.ok} saves acknowledged, ${r.conflicts} refused as conflict, 0 lost`);
      // Settings the same way: every acknowledged set is in the file.
      const keys: string[] = [];
      await Promise.all(
        [a, b].map(async (br, k) => {
          for (let i = 0; i < 40; i++) {
            const key = `k${k}x${i}`;
            const s = await br.call('settings.set', { patch: { [key]: i } });
            if (s.ok) keys.push(key);
          }
        }),
      );
      const settings = JSON.parse(readFileSync(path.join(ws, 'settings.json'), 'utf8')) as Record<string, unknown>;
      expect(keys.length).toBe(80);
      expect(keys.filter((k) => !(k in settings))).toEqual([]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 180_000);

  it('the CLI (version restore) next to a bridge client saving: one chain, nothing lost', async () => {
    const ws = path.join(tmp, 'ws-cli');
    const b = await startBridgeProcess(bridgeJs, ws, staticDir);
    try {
      const created = await b.call('drafts.create', { name: '并发', doc: docOf('版本原文') });
      if (!created.ok) throw new Error(created.error.message);
      const id = created.value.id as string;
      const v = await b.call('versions.save', { draftId: id, label: '原稿' });
      if (!v.ok) throw new Error(v.error.message);
      const outcomes: Outcome[] = [];
      let cliRuns = 0;
      const cli = (async () => {
        for (let i = 0; i < 12; i++) {
          const r = await runNode(cliJs, ['version', 'restore', id, v.value.id, '--workspace', ws, '--json']);
          expect(r.stderr).toBe('');
          expect(r.code).toBe(0);
          const out = JSON.parse(r.stdout) as { draft: { revision: number } };
          outcomes.push({ who: 'CLI', base: out.draft.revision - 1, revision: out.draft.revision, text: '版本原文' });
          cliRuns++;
        }
      })();
      await Promise.all([client(b, 'B', id, 120, outcomes), cli]);
      const r = checkChain(outcomes, 1, path.join(ws, 'drafts', `${id}.json`));
      expect(cliRuns).toBe(12);
      console.log(`CLI + bridge: ${r.ok} saves acknowledged (12 by the CLI), ${r.conflicts} refused as conflict, 0 lost`);
    } finally {
      await b.stop();
    }
  }, 180_000);
});
