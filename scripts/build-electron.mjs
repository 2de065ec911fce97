#!/usr/bin/env node
// Bundles the Electron main process and the preload script with esbuild (`npm run build:electron`).
// main: electron/main.ts + all services and their dependencies → dist-electron/main.cjs
// preload: electron/preload.ts → dist-electron/preload.cjs. A sandboxed preload cannot `require` anything
// but a few Electron modules, so it must be one CommonJS file whose only import is 'electron'.
// offload worker: src/adapters/offloadWorker.ts (services of its own) → dist-electron/offloadWorker.cjs, the
// worker thread the main process runs imports, outline, lint and Word export in (src/adapters/offload.ts);
// packed outside app.asar (asarUnpack in electron-builder.yml): a worker cannot load its script from an asar.
// prepare worker: src/services/team/prepareWorker.ts → dist-electron/prepareWorker.cjs, the worker thread a
// team-library import prepares its batches in (src/services/team/preparer.ts), unpacked as well.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.env.NODE_ENV === 'production' || process.argv.includes('--production');
// --outdir=DIR builds elsewhere (tests build into a temp folder, not into the shared tree).
const outdir = path.resolve(root, process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist-electron');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: production ? false : 'linked',
  minify: false,
  logLevel: 'warning',
  absWorkingDir: root,
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: path.join(outdir, 'main.cjs') });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: path.join(outdir, 'preload.cjs'), sourcemap: false });
await build({ ...common, entryPoints: ['src/adapters/offloadWorker.ts'], outfile: path.join(outdir, 'offloadWorker.cjs') });
await build({ ...common, entryPoints: ['src/services/team/prepareWorker.ts'], outfile: path.join(outdir, 'prepareWorker.cjs') });

// The sandboxed preload may only require 'electron': fail the build if anything else slipped in.
const preload = readFileSync(path.join(outdir, 'preload.cjs'), 'utf8');
const requires = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]).filter((m) => m !== 'electron');
if (requires.length) {
  console.error(`preload.cjs requires ${requires.join(', ')}; a sandboxed preload may only require 'electron'`);
  process.exit(1);
}
// The workers run services only: nothing of Electron may be in them (a worker thread is no Electron context).
for (const name of ['offloadWorker.cjs', 'prepareWorker.cjs']) {
  const worker = readFileSync(path.join(outdir, name), 'utf8');
  if (/\brequire\(\s*["']electron["']\s*\)/.test(worker)) {
    console.error(`${name} requires 'electron'; the worker thread has no Electron`);
    process.exit(1);
  }
}
console.log(`built ${path.relative(root, outdir) || '.'}/main.cjs, preload.cjs, offloadWorker.cjs and prepareWorker.cjs`);
