// Every CLI command on 200+ malformed and pathological inputs (generated in inputs.ts): each run ends within
// 60 s and 2.5 GB with exit 0 or a clear error (exit 1/2 with a Chinese message; never 70, never a stack
// trace), and the workspace stays byte-for-byte as it was where the command should not write.
// Light inputs run in-process through the CLI's main(); inputs that could hang or eat memory (FIFOs, links
// to /dev/zero, zip bombs, huge lines and files) run in a bundled child process with a timeout, its peak
// memory measured by /usr/bin/time -v.
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { createServices } from '../../src/services/index';
import { bundle } from './helpers';
import { generateInputs, SPEECH, type Input } from './inputs';

const LIMIT_MS = 60_000;
const LIMIT_RSS_KB = 2.5 * 1024 * 1024;
const HAS_TIME = existsSync('/usr/bin/time');

let tmp: string;
let ws: string;
let wsOpen: string;
let lib: string;
let good: string;
let outDocx: string;
let cliJs: string;
let inputs: Input[];
let before: Map<string, string>;
let beforeOpen: Map<string, string>;

interface Command {
  name: string;
  argv(input: Input): string[];
  /** The workspace it may add files to (never change or remove one). */
  writes?: 'open';
}

const COMMANDS: Command[] = [
  { name: 'open', argv: (i) => ['open', i.file, '--workspace', wsOpen], writes: 'open' },
  { name: 'check', argv: (i) => ['check', i.file, '--library', lib, '--workspace', ws] },
  { name: 'import', argv: (i) => ['import', i.file] },
  { name: 'export', argv: (i) => ['export', i.file, '-o', outDocx, '--force', '--workspace', ws] },
  { name: 'diff', argv: (i) => ['diff', i.file, good, '--workspace', ws] },
  { name: 'outline', argv: (i) => ['outline', i.file, '--workspace', ws] },
  { name: 'lint', argv: (i) => ['lint', i.file, '--workspace', ws] },
  { name: 'dedup', argv: (i) => ['dedup', i.dir, '--workspace', ws] },
];

/** path → sha1 of every file (symlinks by target) under `dir`. */
function digest(dir: string, out = new Map<string, string>()): Map<string, string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) digest(p, out);
    else if (e.isFile()) out.set(p, createHash('sha1').update(readFileSync(p)).digest('hex'));
    else out.set(p, `other:${lstatSync(p).mode}`);
  }
  return out;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  rssKb?: number;
}

async function inProcess(argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const t0 = performance.now();
  const code = await main(argv, { stdout: (s) => void (stdout += s.slice(0, 20_000)), stderr: (s) => void (stderr += s.slice(0, 20_000)), env: { SPEECHDRAFT_WORKSPACE: ws } });
  return { code, stdout, stderr, ms: performance.now() - t0 };
}

function spawned(argv: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const cmd = HAS_TIME ? '/usr/bin/time' : process.execPath;
    const args = HAS_TIME ? ['-v', process.execPath, cliJs, ...argv] : [cliJs, ...argv];
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SPEECHDRAFT_WORKSPACE: ws } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout = (stdout + c.toString()).slice(-20_000)));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-40_000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      let rssKb: number | undefined;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      if (m) rssKb = Number(m[1]);
      const real = stderr.replace(/\n?\s*Command (being timed|exited with non-zero status)[\s\S]*$/, '');
      const exit = /Command exited with non-zero status (\d+)/.exec(stderr);
      resolve({ code: HAS_TIME && exit ? Number(exit[1]) : code, stdout, stderr: real, ms: performance.now() - t0, rssKb });
    });
  });
}

/** What is wrong with a run, or null. */
function problem(r: Run): string | null {
  if (r.ms > LIMIT_MS) return `took ${Math.round(r.ms)} ms`;
  if (r.rssKb !== undefined && r.rssKb > LIMIT_RSS_KB) return `peak memory ${Math.round(r.rssKb / 1024)} MB`;
  if (r.code === null) return 'killed (hang or timeout)';
  if (![0, 1, 2].includes(r.code)) return `exit ${r.code}: ${r.stderr.slice(0, 300)}`;
  if (/\n\s+at .+:\d+:\d+/.test(r.stderr)) return `stack trace: ${r.stderr.slice(0, 300)}`;
  if (r.stderr.includes('内部错误')) return `internal error: ${r.stderr.slice(0, 300)}`;
  if (r.code !== 0 && !/[\u4e00-\u9fff]/.test(r.stderr + r.stdout)) return `exit ${r.code} without a Chinese message: ${r.stderr.slice(0, 200)}`;
  return null;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'sd-robust-'));
  ws = path.join(tmp, 'ws');
  wsOpen = path.join(tmp, 'ws-open');
  lib = path.join(tmp, 'library');
  mkdirSync(lib);
  writeFileSync(path.join(lib, '去年讲话.txt'), SPEECH.replace('今年', '去年'));
  writeFileSync(path.join(lib, '其他讲话.txt'), '关于安全生产的讲话\n同志们：\n安全生产责任重于泰山。\n');
  good = path.join(tmp, 'good.txt');
  writeFileSync(good, SPEECH);
  outDocx = path.join(tmp, 'out.docx');
  for (const dir of [ws, wsOpen]) {
    const s = await createServices(dir);
    const d = await s.handlers['drafts.create']({ name: '工作区原稿', doc: { blocks: [{ type: 'title', children: [{ text: '原稿' }] }, { type: 'paragraph', children: [{ text: '原来的正文。' }] }] } });
    await s.handlers['versions.save']({ draftId: d.id, label: '初稿' });
    await s.handlers['settings.set']({ patch: { charsPerMinute: 230 } });
  }
  [cliJs, inputs] = await Promise.all([bundle('cliProcess.ts', tmp), generateInputs(path.join(tmp, 'inputs'))]);
  // Warm the check cache of the library folder once (it is a folder the CLI may write its cache into).
  await inProcess(['check', good, '--library', lib, '--workspace', ws]);
  before = digest(ws);
  beforeOpen = digest(wsOpen);
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the CLI on malformed and pathological inputs', () => {
  it('has at least 200 inputs, of every kind the issue names', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(200);
    for (const id of ['line-130k', 'docx-main-bomb', 'docx-styles-bomb', 'big5', 'shift-jis', 'utf32le-bom', 'fifo-txt', 'dev-zero-txt', 'dir-as-file', 'json-leaf-nest-5000']) {
      expect(inputs.map((i) => i.id)).toContain(id);
    }
  });

  const failures: string[] = [];
  let runs = 0;
  let maxRss = 0;
  const note = (what: string, p: string | null) => {
    if (!p) return;
    failures.push(`${what}: ${p}`);
    console.log(`robustness FAILED ${what}: ${p.slice(0, 200)}`);
  };

  it('light inputs, in-process: every command answers with exit 0 or a clear error', async () => {
    const t0 = performance.now();
    const start = failures.length;
    for (const input of inputs.filter((i) => !i.heavy)) {
      for (const c of COMMANDS) {
        runs++;
        note(`${c.name} ${input.id}`, problem(await inProcess(c.argv(input))));
      }
    }
    console.log(`robustness (in-process): ${inputs.filter((i) => !i.heavy).length} inputs × ${COMMANDS.length} commands in ${Math.round((performance.now() - t0) / 1000)} s`);
    expect(failures.slice(start)).toEqual([]);
  }, 600_000);

  it('heavy inputs (FIFOs, /dev/zero, bombs, huge lines and files), in a child: within 60 s and 2.5 GB', async () => {
    const t0 = performance.now();
    const start = failures.length;
    const heavy = inputs.filter((i) => i.heavy);
    const jobs = heavy.flatMap((input) => COMMANDS.map((c) => ({ input, c })));
    await Promise.all(
      [0, 1].map(async () => {
        for (let job = jobs.shift(); job; job = jobs.shift()) {
          const r = await spawned(job.c.argv(job.input));
          runs++;
          maxRss = Math.max(maxRss, r.rssKb ?? 0);
          note(`${job.c.name} ${job.input.id} (child)`, problem(r));
        }
      }),
    );
    console.log(`robustness (children): ${heavy.length} inputs × ${COMMANDS.length} commands in ${Math.round((performance.now() - t0) / 1000)} s, peak child memory ${Math.round(maxRss / 1024)} MB`);
    expect(failures.slice(start)).toEqual([]);
  }, 1_500_000);

  it('the workspace is byte-for-byte unchanged where the commands should not write; no temp or lock file', () => {
    const after = digest(ws);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f) && !f.includes(`${path.sep}.cache${path.sep}`));
    const afterOpen = digest(wsOpen);
    const changedOpen = [...beforeOpen.keys()].filter((f) => beforeOpen.get(f) !== afterOpen.get(f));
    const temps = [...afterOpen.keys(), ...after.keys()].filter((f) => /\.tmp$|\.lock$/.test(f));
    console.log(`robustness: ${runs} runs, ${failures.length} failed`);
    expect(changed, 'workspace files changed by commands that do not write').toEqual([]);
    expect(changedOpen, 'existing files changed by open').toEqual([]);
    expect(temps).toEqual([]);
  });
});
