import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_DIR } from '../helpers/shared';

const run = promisify(execFile);
const BIN = path.join(REPO_DIR, 'bin/speechdraft.mjs');
const CACHE = path.join(REPO_DIR, 'dist-cli/speechdraft.cjs.v8cache');

// The launcher writes the V8 code cache again the first time each command runs (V8 keeps only what a run
// compiled), and lists the commands it holds beside it.
describe('bin/speechdraft.mjs code cache', () => {
  it('is written at the first run of each command, not again for a command it holds', async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'sd-launcher-'));
    try {
      await run(process.execPath, [BIN, '--help']); // builds the bundle if a source is newer
      rmSync(CACHE, { force: true });
      rmSync(`${CACHE}.json`, { force: true });
      await run(process.execPath, [BIN, '--help']);
      expect(existsSync(CACHE)).toBe(true);
      expect(JSON.parse(readFileSync(`${CACHE}.json`, 'utf8'))).toEqual(['--help']);
      const small = readFileSync(CACHE).length;
      const { stdout } = await run(process.execPath, [BIN, 'list', '--workspace', ws, '--json']);
      expect(JSON.parse(stdout)).toBeDefined();
      expect(JSON.parse(readFileSync(`${CACHE}.json`, 'utf8'))).toEqual(['--help', 'list']);
      expect(readFileSync(CACHE).length).toBeGreaterThan(small);
      const before = readFileSync(CACHE);
      await run(process.execPath, [BIN, 'list', '--workspace', ws, '--json']);
      expect(readFileSync(CACHE).equals(before)).toBe(true);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  }, 60_000);

  it('keeps a cache of its own for a run with other V8 flags, leaving the plain one as it was', async () => {
    await run(process.execPath, [BIN, '--help']);
    const plain = readFileSync(CACHE);
    const { stdout } = await run(process.execPath, ['--stack-size=2000', BIN, '--help']);
    expect(stdout).toContain('speechdraft');
    const own = readdirSync(path.dirname(CACHE)).filter((f) => /^speechdraft\.cjs\.v8cache-[0-9a-f]{8}$/.test(f));
    expect(own.length).toBeGreaterThan(0);
    expect(readFileSync(CACHE).equals(plain)).toBe(true);
    await run(process.execPath, [BIN, '--help']);
    expect(readFileSync(CACHE).equals(plain)).toBe(true);
  }, 60_000);
});
