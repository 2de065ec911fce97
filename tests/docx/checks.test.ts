import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { exportChecks } from '../../src/core/exportcheck/index';
import { Blocks } from '../../src/core/model/block';
import type { SpeechDoc } from '../../src/core/model/types';
import { tmpDir } from './helpers';

const DOC: SpeechDoc = {
  blocks: [
    Blocks.make('title', '在××工作会议上的讲话'),
    Blocks.make('salutation', '同志们：'),
    Blocks.heading(1, '肯定成绩'),
    Blocks.paragraph('', { guidance: '这里写一年来的主要成绩' }),
    Blocks.heading(1, '明确任务'),
    Blocks.paragraph('要求XX部门在____前完成。'),
  ],
};

describe('before export: the check list', () => {
  it('lists unfilled ××, empty sections and template guidance, in document order, each at its block', () => {
    const checks = exportChecks(DOC);
    expect(checks.map((c) => [c.kind, c.blockIndex])).toEqual([
      ['placeholder', 0],
      ['empty-section', 2],
      ['guidance', 3],
      ['placeholder', 5],
      ['placeholder', 5],
    ]);
    expect(checks[0]).toMatchObject({ offset: 1, length: 2 });
    expect(checks[0].message).toContain('××');
  });

  it('takes 校对 findings through its own entry, and nothing for a finished speech', () => {
    const done: SpeechDoc = { blocks: [Blocks.make('title', '讲话'), Blocks.heading(1, '成绩'), Blocks.paragraph('正文。')] };
    expect(exportChecks(done)).toEqual([]);
    const proofread = [{ kind: 'proofread' as const, message: '“截止”应为“截至”', blockIndex: 2, offset: 0, length: 2 }];
    expect(exportChecks(done, { proofread })).toEqual(proofread);
  });
});

describe('speechdraft export: checks on stderr, --strict', () => {
  const run = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: process.env });
    return { code, stdout, stderr };
  };

  it('prints the list and exports; with --strict writes nothing and exits 1', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'draft.json');
    writeFileSync(file, JSON.stringify(DOC));
    const ws = path.join(dir, 'ws');
    const out = path.join(dir, 'out.docx');
    const strict = await run(['export', file, '-o', out, '--strict', '--workspace', ws]);
    expect(strict.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(strict.stderr).toContain('导出前检查');
    expect(strict.stderr).toContain('第1段 未填的××');
    expect(strict.stderr).toContain('--strict');
    const loose = await run(['export', file, '-o', out, '--workspace', ws]);
    expect(loose.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(loose.stderr.split('\n').filter((l) => l.startsWith('  第')).length).toBe(5);
  });
});
