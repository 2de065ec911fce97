import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { tmpDir } from './helpers';

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: process.env });
  return { code, stdout, stderr };
}

describe('speechdraft stats', () => {
  const dir = tmpDir();
  const ws = path.join(dir, 'ws');
  const file = path.join(dir, '讲话.txt');
  // Title, salutation and 44 paragraphs of 25 characters: one line each → 1 + 1 (blank) + 1 + 44 lines = 3 pages.
  writeFileSync(file, ['在全市机关干部大会上的讲话', '同志们：', ...Array.from({ length: 44 }, (_, i) => `第${i % 10}项要抓紧落实到位切实见到实效全面完成年度任务。`)].join('\n'));

  it('prints 字数, 预计时长 and 页数 of a file; --json gives the figures', async () => {
    const r = await run(['stats', file, '--workspace', ws]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('字数');
    expect(r.stdout).toContain('预计时长');
    expect(r.stdout).toMatch(/页数 3/);
    const j = await run(['stats', file, '--json', '--speed', '250', '--workspace', ws]);
    const out = JSON.parse(j.stdout) as { chars: number; minutes: number; pages: number; charsPerMinute: number };
    expect(out.pages).toBe(3);
    // 念稿版: 15 lines of 20 a page, each 25-character paragraph two lines.
    expect((out as unknown as { readingPages: number }).readingPages).toBeGreaterThan(5);
    expect(out.charsPerMinute).toBe(250);
    expect(out.chars).toBeGreaterThan(44 * 20);
    expect(out.minutes).toBeCloseTo(out.chars / 250, 1);
  });

  it('refuses a bad speed and a missing file or draft with a clear error', async () => {
    const bad = await run(['stats', file, '--speed', 'fast', '--workspace', ws]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('语速');
    const missing = await run(['stats', path.join(dir, 'nope.txt'), '--workspace', ws]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到');
  });
});
