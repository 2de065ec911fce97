#!/usr/bin/env node
// Bundles the command line (src/cli/bin.ts and everything it imports, npm packages included) with esbuild
// into dist-cli/speechdraft.cjs, which bin/speechdraft.mjs runs with a V8 code cache, and beside it
// dist-cli/prepareWorker.cjs, the worker thread a team-library import prepares its batches in
// (src/services/team/preparer.ts finds it next to the bundle). `npm install` runs this
// through the `prepare` script; the launcher also rebuilds when a source file is newer than the bundle.
// Written to a temp file and renamed, so a command started meanwhile never reads half a bundle.
import { build } from 'esbuild';
import { readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = path.join(root, 'dist-cli', 'speechdraft.cjs');

// PostgreSQL's client (and the fetch machinery it touches when loaded) is only for the team-server commands:
// in the bundle `pg` is a stand-in that loads the real package on first use, so other commands start without it.
const LAZY_PG = `let real;
const load = () => (real ??= require('pg/lib/index.js'));
module.exports = new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });`;

const lazyPg = {
  name: 'lazy-pg',
  setup(b) {
    b.onResolve({ filter: /^pg$/ }, () => ({ path: 'lazy-pg', namespace: 'lazy-pg' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-pg' }, () => ({ contents: LAZY_PG, loader: 'js', resolveDir: root }));
  },
};

export async function buildCli({ quiet = false } = {}) {
  // the worker first: a bundle in place always finds its worker beside it
  const worker = path.join(path.dirname(CLI_BUNDLE), 'prepareWorker.cjs');
  const workerTmp = `${worker}.${process.pid}.${Date.now()}.tmp`;
  await build({ entryPoints: [path.join(root, 'src/services/team/prepareWorker.ts')], outfile: workerTmp, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: false, logLevel: quiet ? 'error' : 'warning', absWorkingDir: root });
  renameSync(workerTmp, worker);
  const tmp = `${CLI_BUNDLE}.${process.pid}.${Date.now()}.tmp`;
  await build({
    entryPoints: [path.join(root, 'src/cli/bin.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Electron is never part of the CLI (ESLint keeps it out of src/); pg's optional native binding is not used.
    external: ['electron', 'pg-native'],
    plugins: [lazyPg],
    sourcemap: false,
    logLevel: quiet ? 'error' : 'warning',
    absWorkingDir: root,
  });
  renameSync(tmp, CLI_BUNDLE);
  // the code caches of the old bundle (one per set of node options, see bin/speechdraft.mjs) and their lists
  const dir = path.dirname(CLI_BUNDLE);
  const stale = `${path.basename(CLI_BUNDLE)}.v8cache`;
  for (const f of readdirSync(dir)) if (f.startsWith(stale)) rmSync(path.join(dir, f), { force: true });
  return CLI_BUNDLE;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t = Date.now();
  await buildCli();
  console.log(`built ${path.relative(root, CLI_BUNDLE)} (${Date.now() - t} ms)`);
}
