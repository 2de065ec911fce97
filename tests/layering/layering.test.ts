// The layering rules must bite: a Node import in core, the CLI importing the renderer, the renderer importing
// services, an unlisted package in core, and a Node global in core are each refused. ESLint lints probe sources
// under virtual paths inside the repository (nothing is written there); tsc checks a probe file in a temp folder
// with tsconfig.core.json's settings.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_DIR } from '../helpers/shared';

const eslint = new ESLint({ cwd: REPO_DIR });

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_DIR, file) });
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('layering (eslint)', () => {
  it('accepts a core file that imports core only', async () => {
    expect(await ruleIds("import { Blocks } from '../model/index';\nexport const n = Blocks;\n", 'src/core/outline/probe.ts')).toEqual([]);
  });

  it('refuses a Node import in src/core', async () => {
    const ids = await ruleIds("import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'src/core/outline/probe.ts');
    expect(ids).toContain('boundaries/external');
  });

  it('refuses src/cli importing the renderer', async () => {
    const ids = await ruleIds("import { App } from '../renderer/app/App';\nexport const a = App;\n", 'src/cli/probe.ts');
    expect(ids).toContain('boundaries/element-types');
  });

  it('refuses the renderer importing services, and core importing the contract', async () => {
    expect(await ruleIds("import { createServices } from '../services/index';\nexport const c = createServices;\n", 'src/renderer/probe.ts')).toContain('boundaries/element-types');
    expect(await ruleIds("import { contract } from '../contract/index';\nexport const c = contract;\n", 'src/core/probe.ts')).toContain('boundaries/element-types');
  });

  it('refuses jsdiff outside src/core/diff (one diff entry point)', async () => {
    expect(await ruleIds("import { diffChars } from 'diff';\nexport const d = diffChars;\n", 'src/core/compare/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { diffChars } from 'diff';\nexport const d = diffChars;\n", 'src/core/diff/probe.ts')).toEqual([]);
  });

  it('refuses a package not listed for the layer', async () => {
    expect(await ruleIds("import { Document } from 'docx';\nexport const d = Document;\n", 'src/core/probe.ts')).toContain('boundaries/external');
    expect(await ruleIds("import { Pool } from 'pg';\nexport const p = Pool;\n", 'src/renderer/probe.ts')).toContain('boundaries/external');
  });
});

describe('core typechecks without DOM or Node types (tsconfig.core.json)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sd-core-tsc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses Buffer and process in core code', async () => {
    writeFileSync(path.join(dir, 'probe.ts'), 'export const home = Buffer.from(process.env.HOME ?? "");\nexport const el = document.body;\n');
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: path.join(REPO_DIR, 'tsconfig.core.json'), include: [path.join(REPO_DIR, 'src/core/platform.d.ts'), path.join(dir, 'probe.ts')], exclude: [] }),
    );
    const tsc = path.join(REPO_DIR, 'node_modules/typescript/bin/tsc');
    const run = promisify(execFile)(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')], { cwd: dir });
    const failure = await run.then(() => null, (e: { stdout?: string }) => e.stdout ?? String(e));
    expect(failure).toMatch(/Cannot find name 'Buffer'/);
    expect(failure).toMatch(/Cannot find name 'process'/);
    expect(failure).toMatch(/Cannot find name 'document'/);
  });
});
