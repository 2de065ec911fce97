#!/usr/bin/env node
// The `speechdraft` command. Runs the compiled bundle dist-cli/speechdraft.cjs (built by `npm install`'s
// prepare script, scripts/build-cli.mjs) with a V8 code cache beside it, so a command starts in about the time
// Node itself takes. When a file under src/ is newer than the bundle (a developer's checkout), the bundle is
// rebuilt first; where esbuild is not installed, the TypeScript sources run through tsx instead.
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist-cli', 'speechdraft.cjs');
/**
 * The code cache of one command: V8 caches the functions a run compiled, so each command keeps its own (a check
 * does not deserialise the export's code, nor the help anyone's). V8 also takes a cache only from a run with the
 * same V8 flags: a run with other node options (--cpu-prof, --trace-gc, NODE_OPTIONS…) keeps caches of its own
 * beside the plain ones instead of replacing them, so the two do not overwrite each other in turn.
 */
function cacheName(command) {
  const name = ['', '--help', '-h', 'help'].includes(command) ? 'help' : /^[a-z]{1,20}$/.test(command) ? command : 'other';
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ').trim();
  if (!flags) return `${bundle}.v8cache-${name}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < flags.length; i++) h = Math.imul(h ^ flags.charCodeAt(i), 0x01000193) >>> 0;
  return `${bundle}.v8cache-${name}-${h.toString(16).padStart(8, '0')}`;
}

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|tsx|json)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (!existsSync(bundle)) return false;
  const src = path.join(root, 'src');
  return !existsSync(src) || statSync(bundle).mtimeMs >= newestSource(src);
}

async function ensureBundle() {
  if (bundleIsFresh()) return true;
  try {
    const { buildCli } = await import('../scripts/build-cli.mjs');
    await buildCli({ quiet: true });
    return true;
  } catch {
    return false; // no esbuild (a production install without dev dependencies): run the sources
  }
}

function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

function loadBundle(command) {
  const cacheFile = cacheName(command);
  const source = readFileSync(bundle, 'utf8');
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename: bundle, cachedData, importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
  if (!cachedData || script.cachedDataRejected) {
    // written with what this run compiled: the next run of the command starts from bytecode
    beforeEnd = () => {
      try {
        writeAtomically(cacheFile, script.createCachedData());
      } catch {
        /* a read-only install: run without a cache */
      }
    };
    process.once('beforeExit', () => beforeEnd());
  }
  return mod.exports;
}

/** Run once as the process ends (the code cache's update). */
let beforeEnd = () => {};

/** Nothing of the command's own is left: no timer, request or handle but stdout and stderr, and their output is written. */
function nothingPending() {
  const stdio = [process.stdout, process.stderr];
  return (
    process.getActiveResourcesInfo().every((r) => r === 'TTYWrap' || r === 'PipeWrap') &&
    process._getActiveHandles().every((h) => stdio.includes(h)) &&
    stdio.every((s) => s.writableLength === 0)
  );
}

let run;
if (await ensureBundle()) {
  ({ run } = loadBundle(process.argv[2] ?? ''));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ run } = await import('../src/cli/bin.ts'));
}
process.exitCode = await run(process.argv.slice(2));
// A natural exit first waits for V8's background work, such as optimising a check's hot loops (tens of
// milliseconds, of no use now). When the command has left nothing pending, the process ends at once.
setImmediate(() => {
  if (!nothingPending()) return; // a natural exit, after what is pending (beforeExit updates the code cache)
  const end = beforeEnd;
  beforeEnd = () => {};
  end();
  process.exit();
});
