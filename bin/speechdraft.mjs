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
const cacheFile = `${bundle}.v8cache`;

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

function loadBundle() {
  const source = readFileSync(bundle, 'utf8');
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename: bundle, cachedData, importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
  if (!cachedData || script.cachedDataRejected) {
    process.once('beforeExit', () => {
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        /* a read-only install: run without a cache */
      }
    });
  }
  return mod.exports;
}

let run;
if (await ensureBundle()) {
  ({ run } = loadBundle());
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ run } = await import('../src/cli/bin.ts'));
}
process.exitCode = await run(process.argv.slice(2));
