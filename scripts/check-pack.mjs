#!/usr/bin/env node
// Offline packaging check (`npm run check:pack`, part of `npm test`):
// runs `electron-builder --dir` with electron-builder.yml against a placeholder Electron distribution
// (a folder with a dummy `electron` executable and two locale files, which is all electron-builder needs
// on Linux when `electronDist` points at an unpacked distribution), then checks that the config validated
// and that app.asar holds everything the app runs: main + preload bundles, the renderer, the templates,
// and a package.json whose `main` points at a packed file, the worker threads' scripts unpacked next to app.asar
// (app.asar.unpacked/dist-electron/offloadWorker.cjs and prepareWorker.cjs: a worker thread cannot load from an
// archive), and that the Electron fuses of the config were
// flipped in the packed executable (RunAsNode, NODE_OPTIONS, --inspect off; cookie encryption, ASAR
// integrity, load only from app.asar on). No network is used.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const pkg = JSON.parse((await import('node:fs')).readFileSync(path.join(root, 'package.json'), 'utf8'));
const electronVersion = require('electron/package.json').version;

const failures = [];
const fail = (msg) => failures.push(msg);
const started = Date.now();

// 1. The app must be built (vite + esbuild) before it can be packed; build what is missing.
const run = (script) => {
  console.log(`check:pack: npm run ${script}`);
  const r = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`check:pack: npm run ${script} failed`);
    process.exit(1);
  }
};
if (process.argv.includes('--build')) run('build');
else {
  if (!existsSync(path.join(root, 'dist/renderer/index.html'))) run('build:renderer');
  if (['main.cjs', 'preload.cjs', 'offloadWorker.cjs', 'prepareWorker.cjs'].some((f) => !existsSync(path.join(root, 'dist-electron', f)))) run('build:electron');
}
const configArg = process.argv.find((a) => a.startsWith('--config='));
const config = configArg ? path.resolve(configArg.slice('--config='.length)) : path.join(root, 'electron-builder.yml');

// 2. A placeholder Electron distribution (linux layout).
const tmp = mkdtempSync(path.join(os.tmpdir(), 'speechdraft-pack-'));
const dist = path.join(tmp, 'electron-dist');
const out = path.join(tmp, 'out');
mkdirSync(path.join(dist, 'locales'), { recursive: true });
mkdirSync(path.join(dist, 'resources'), { recursive: true });
// The placeholder carries a fuse wire like a real Electron binary (sentinel, version 1, 8 fuses at Electron's
// defaults), so the electronFuses of the config are really flipped and can be read back below.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges'];
const ELECTRON_DEFAULTS = '10110001';
const WANTED_FUSES = { runAsNode: false, enableCookieEncryption: true, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true };
writeFileSync(
  path.join(dist, 'electron'),
  Buffer.concat([Buffer.from('#!/bin/sh\necho "placeholder electron binary for check:pack" >&2\nexit 1\n'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, FUSES.length]), Buffer.from(ELECTRON_DEFAULTS)]),
);
chmodSync(path.join(dist, 'electron'), 0o755);
for (const l of ['en-US', 'zh-CN', 'de']) writeFileSync(path.join(dist, 'locales', `${l}.pak`), '');
writeFileSync(path.join(dist, 'version'), electronVersion);

try {
  const bin = path.join(root, 'node_modules/.bin/electron-builder');
  const args = [
    '--dir', '--linux', '--x64', '--publish', 'never',
    '--config', config,
    `-c.electronDist=${dist}`,
    `-c.electronVersion=${electronVersion}`,
    `-c.directories.output=${out}`,
  ];
  const r = spawnSync(bin, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: 'true' },
    timeout: 180_000,
  });
  const log = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) {
    console.error(log);
    fail(`electron-builder --dir failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''})`);
  } else {
    const appDir = path.join(out, 'linux-unpacked');
    const asarFile = path.join(appDir, 'resources', 'app.asar');
    if (!existsSync(asarFile)) fail(`no app.asar at ${asarFile}`);
    const exe = path.join(appDir, 'speechdraft');
    if (!existsSync(exe)) fail(`the executable is not named speechdraft (found: ${readdirSync(appDir).join(', ')})`);
    if (existsSync(exe)) {
      const bin = readFileSync(exe);
      const at = bin.indexOf(FUSE_SENTINEL);
      if (at < 0) fail('the packed executable has no fuse wire');
      else {
        const wire = bin.subarray(at + FUSE_SENTINEL.length + 2, at + FUSE_SENTINEL.length + 2 + FUSES.length).toString('latin1');
        for (const [name, on] of Object.entries(WANTED_FUSES)) {
          const state = wire[FUSES.indexOf(name)];
          if (state !== (on ? '1' : '0')) fail(`Electron fuse ${name} is ${state === '1' ? 'on' : state === '0' ? 'off' : JSON.stringify(state)}, must be ${on ? 'on' : 'off'} (electronFuses in electron-builder.yml)`);
        }
        console.log(`check:pack: fuses ${FUSES.map((f, i) => `${f}=${wire[i] === '1' ? 'on' : 'off'}`).join(' ')}`);
      }
    }
    const locales = existsSync(path.join(appDir, 'locales')) ? readdirSync(path.join(appDir, 'locales')).sort() : [];
    if (locales.join(',') !== 'en-US.pak,zh-CN.pak') fail(`electronLanguages not applied: locales = ${locales.join(',')}`);
    if (existsSync(asarFile)) {
      const files = new Set(asar.listPackage(asarFile).map((f) => f.replaceAll('\\', '/')));
      const required = ['/package.json', '/dist-electron/main.cjs', '/dist-electron/preload.cjs', '/dist/renderer/index.html'];
      for (const f of required) if (!files.has(f)) fail(`app.asar lacks ${f}`);
      for (const t of existsSync(path.join(root, 'templates')) ? readdirSync(path.join(root, 'templates')) : []) {
        if (statSync(path.join(root, 'templates', t)).isFile() && !files.has(`/templates/${t}`)) fail(`app.asar lacks /templates/${t}`);
      }
      const nodeModules = [...files].filter((f) => f.startsWith('/node_modules/'));
      if (nodeModules.length) fail(`app.asar should hold no node_modules (everything is bundled), found ${nodeModules.length}, e.g. ${nodeModules[0]}`);
      const sourceMaps = [...files].filter((f) => f.endsWith('.map'));
      if (sourceMaps.length) fail(`app.asar holds source maps: ${sourceMaps.slice(0, 3).join(', ')}`);
      const stray = [...files].filter((f) => /^\/(src|tests|electron|scripts|bench|eval)\//.test(f));
      if (stray.length) fail(`app.asar holds sources that should not ship: ${stray.slice(0, 3).join(', ')}`);
      const packedPkg = JSON.parse(asar.extractFile(asarFile, 'package.json').toString('utf8'));
      if (packedPkg.main !== pkg.main) fail(`packed package.json main = ${packedPkg.main}, expected ${pkg.main}`);
      if (!files.has('/' + String(packedPkg.main).replace(/^\.?\//, ''))) fail(`package.json main (${packedPkg.main}) is not in app.asar`);
      // The worker threads (offload, team-import preparation): listed in app.asar as unpacked, their bytes in app.asar.unpacked, the same as built.
      for (const workerRel of ['dist-electron/offloadWorker.cjs', 'dist-electron/prepareWorker.cjs']) {
        const unpackedWorker = path.join(appDir, 'resources', 'app.asar.unpacked', workerRel);
        if (!files.has(`/${workerRel}`)) fail(`app.asar does not list /${workerRel}`);
        else if (!asar.statFile(asarFile, workerRel).unpacked) fail(`${workerRel} is packed inside app.asar; a worker thread cannot load it there (asarUnpack in electron-builder.yml)`);
        if (!existsSync(unpackedWorker)) fail(`no unpacked worker at resources/app.asar.unpacked/${workerRel}`);
        else if (!readFileSync(unpackedWorker).equals(readFileSync(path.join(root, workerRel)))) fail(`the unpacked ${workerRel} is not the one built`);
      }
      const mainJs = asar.extractFile(asarFile, 'dist-electron/main.cjs').toString('utf8');
      if (mainJs.length < 200) fail('dist-electron/main.cjs in app.asar looks empty');
      console.log(`check:pack: app.asar holds ${files.size} entries (${[...files].filter((f) => f.startsWith('/dist/renderer/')).length} renderer, ${[...files].filter((f) => f.startsWith('/templates/')).length} templates)`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const secs = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length) {
  console.error(`check:pack FAILED (${secs} s):\n  - ${failures.join('\n  - ')}`);
  process.exit(1);
}
console.log(`check:pack ok (${secs} s): electron-builder.yml validates; Electron fuses set; app.asar has main, preload, renderer, templates; the offload worker is unpacked next to it`);
