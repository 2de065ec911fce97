// Command-line start-up, as whole processes: `speechdraft --help` through the compiled bundle against the same
// through tsx (how the CLI ran before it was compiled) and against a bare `node -e 0`, and a 查重 of a
// 20,000-character draft against a 50 M-character folder library whose index is cached (start-up included).
// Each figure is the median of several runs in this process, printed with its ratio to the tsx start; the check
// also with its CPU time (all threads of the child, from /proc on Linux) and the machine's load average, since on
// a shared machine the wall time mostly measures the wait for a core.
import { spawnSync } from 'node:child_process';
import { readFileSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasShared, REPO_DIR } from '../../tests/helpers/shared';
import { median, type BenchSuite } from '../harness';
import { syntheticDraft, syntheticLibrary } from '../reuse/synthetic';

const BIN = path.join(REPO_DIR, 'bin/speechdraft.mjs');

/** CPU time (ms) of this process's waited-for children so far (Linux: /proc/self/stat cutime + cstime), or null. */
function childrenCpuMs(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

function wallMs(args: string[], runs: number, env: NodeJS.ProcessEnv = process.env): { median: number; cpu: number | null; status: number | null } {
  const times: number[] = [];
  const cpu: number[] = [];
  let status: number | null = 0;
  for (let i = 0; i < runs; i++) {
    const c0 = childrenCpuMs();
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: REPO_DIR, env, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - t0);
    const c1 = childrenCpuMs();
    if (c0 !== null && c1 !== null) cpu.push(c1 - c0);
    status = r.status;
  }
  return { median: median(times), cpu: cpu.length ? median(cpu) : null, status };
}

export const cliSuite: BenchSuite = {
  name: 'cli',
  async run(ctx) {
    wallMs([BIN, '--help'], 2); // builds the bundle if a source changed, writes the code cache
    const node = wallMs(['-e', '0'], 7);
    const tsx = wallMs(['--import', 'tsx', path.join(REPO_DIR, 'src/cli/bin.ts'), '--help'], 5);
    const help = wallMs([BIN, '--help'], 9);
    ctx.report({ suite: 'cli', name: 'node -e 0 (the floor), median of 7', value: node.median, unit: 'ms' });
    ctx.report({ suite: 'cli', name: 'speechdraft --help through tsx (before), median of 5', value: tsx.median, unit: 'ms' });
    ctx.report({
      suite: 'cli',
      name: 'speechdraft --help (compiled bundle + code cache), median of 9',
      value: help.median,
      unit: 'ms',
      target: '< 150 ms',
      ok: help.median < 150 && help.status === 0,
      note: `${(help.median / tsx.median).toFixed(2)}× the tsx start`,
    });

    if (!hasShared) {
      console.log('  (../shared/corpus not found: the 50 M-character check is skipped)');
      return;
    }
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'speechdraft-bench-cli-'));
    try {
      const lib = syntheticLibrary(5_000, 10_000);
      const libDir = path.join(dir, 'library');
      await fs.mkdir(libDir);
      for (let f = 0; f < 50; f++) {
        const rows = lib.slice(f * 100, (f + 1) * 100).map((d) => JSON.stringify({ title: d.title, content: d.text }));
        await fs.writeFile(path.join(libDir, `part${f}.jsonl`), rows.join('\n') + '\n');
      }
      const draft = syntheticDraft(lib, 20_000, 12);
      const draftFile = path.join(dir, 'draft.txt');
      await fs.writeFile(draftFile, draft.text);
      const env = { ...process.env, SPEECHDRAFT_CACHE_DIR: path.join(dir, 'cache') };
      const args = [BIN, 'check', draftFile, '--library', libDir, '--json', '--workspace', path.join(dir, 'ws')];
      const t0 = performance.now();
      const first = wallMs(args, 1, env);
      const buildMs = performance.now() - t0;
      const check = wallMs(args, 5, env);
      const chars = lib.reduce((n, d) => n + d.text.length, 0);
      ctx.report({ suite: 'cli', name: `speechdraft check, first run (reads ${(chars / 1e6).toFixed(1)} M chars, builds and saves the index)`, value: buildMs, unit: 'ms', note: `exit ${first.status}` });
      ctx.report({
        suite: 'cli',
        name: 'speechdraft check of a 20,000-char draft against that library, index cached (whole process), median of 5',
        value: check.median,
        unit: 'ms',
        target: '< 400 ms',
        ok: check.median < 400 && check.status === 0,
        note: `${(check.median / tsx.median).toFixed(2)}× the tsx start of --help; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
      });
      if (check.cpu !== null)
        ctx.report({ suite: 'cli', name: 'the same check: CPU time of the process (all threads), median of 5', value: check.cpu, unit: 'ms', note: `${(check.cpu / check.median).toFixed(2)} of its wall time` });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
};
