import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_DIR } from '../helpers/shared';

const run = promisify(execFile);
const BIN = path.join(REPO_DIR, 'bin/speechdraft.mjs');
const CACHE = path.join(REPO_DIR, 'dist-cli/speechdraft.cjs.v8cache');

// The launcher keeps a V8 code cache per command (V8 keeps only what a run compiled), written at the command's
// first run and then read, not written again.
describe('bin/speechdraft.mjs code cache', () => {
  it('is written at the first run of each command, one file a command, not again once it is there', async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'sd-launcher-'));
    try {
      await run(process.execPath, [BIN, '--help']); // builds the bundle if a source is newer
      rmSync(`${CACHE}-help`, { force: true });
      rmSync(`${CACHE}-list`, { force: true });
      await run(process.execPath, [BIN, '--help']);
      expect(existsSync(`${CACHE}-help`)).toBe(true);
      expect(existsSync(`${CACHE}-list`)).toBe(false);
      const help = readFileSync(`${CACHE}-help`);
      const { stdout } = await run(process.execPath, [BIN, 'list', '--workspace', ws, '--json']);
      expect(JSON.parse(stdout)).toBeDefined();
      // the list's cache holds the services' code as well as the launcher's: bigger than the help's
      expect(readFileSync(`${CACHE}-list`).length).toBeGreaterThan(help.length);
      expect(readFileSync(`${CACHE}-help`).equals(help)).toBe(true);
      const before = statSync(`${CACHE}-list`).mtimeMs;
      const list = readFileSync(`${CACHE}-list`);
      await run(process.execPath, [BIN, 'list', '--workspace', ws, '--json']);
      expect(readFileSync(`${CACHE}-list`).equals(list)).toBe(true);
      expect(statSync(`${CACHE}-list`).mtimeMs).toBe(before);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  }, 60_000);

  it('keeps caches of their own for runs with other V8 flags, leaving the plain ones as they were', async () => {
    await run(process.execPath, [BIN, '--help']);
    const plain = readFileSync(`${CACHE}-help`);
    const { stdout } = await run(process.execPath, ['--stack-size=2000', BIN, '--help']);
    expect(stdout).toContain('speechdraft');
    const own = readdirSync(path.dirname(CACHE)).filter((f) => /^speechdraft\.cjs\.v8cache-help-[0-9a-f]{8}$/.test(f));
    expect(own.length).toBeGreaterThan(0);
    expect(readFileSync(`${CACHE}-help`).equals(plain)).toBe(true);
    await run(process.execPath, [BIN, '--help']);
    expect(readFileSync(`${CACHE}-help`).equals(plain)).toBe(true);
  }, 60_000);
});
