import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { Blocks } from '../../src/core/model/block';
import { createServices } from '../../src/services/index';

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: {} });
  return { code, stdout, stderr };
}
const tmpWs = () => mkdtempSync(path.join(os.tmpdir(), 'sd-proofread-'));

describe('proofread service', () => {
  it('checks a draft with the workspace dictionary (加入词库) and leaves its quoted passages (标为引用) alone', async () => {
    const ws = tmpWs();
    const { handlers } = await createServices(ws);
    const doc = { blocks: [Blocks.paragraph('对群众反映的问题推萎扯皮。'), Blocks.paragraph('他说：纪律松驰要不得。')] };
    const d = await handlers['drafts.create']({ name: '测试', doc });
    const r = await handlers['proofread.check']({ draftId: d.id });
    expect(r.findings.map((f) => [r.text.slice(f.start, f.end), f.fix])).toEqual([
      ['推萎扯皮', '推诿扯皮'],
      ['纪律松驰', '纪律松弛'],
    ]);
    await handlers['reuse.setPassageState']({ draftId: d.id, text: '纪律松驰要不得', sourceId: 'lib1', state: 'quoted' });
    expect((await handlers['proofread.check']({ draftId: d.id })).findings.map((f) => f.text)).toEqual(['推萎扯皮']);
    expect((await handlers['proofread.addWord']({ word: '推萎扯皮' })).words).toEqual(['推萎扯皮']);
    expect((await handlers['proofread.check']({ draftId: d.id })).findings).toEqual([]);
    // the dictionary is the workspace's: a second service over the same folder sees it
    const again = await createServices(ws);
    expect((await again.handlers['proofread.words']({})).words).toEqual(['推萎扯皮']);
    expect((await handlers['proofread.removeWord']({ word: '推萎扯皮' })).words).toEqual([]);
    await expect(handlers['proofread.addWord']({ word: '  ' })).rejects.toThrow('词语不能为空');
    await expect(handlers['proofread.check']({ text: 'a', draftId: d.id })).rejects.toThrow('只给出一个');
  });

  it('a damaged dictionary file is moved aside, never overwritten', async () => {
    const ws = tmpWs();
    const { handlers } = await createServices(ws);
    await handlers['proofread.addWord']({ word: '松驰' });
    const file = path.join(ws, 'proofread', 'words.json');
    writeFileSync(file, '{ not json');
    expect((await handlers['proofread.words']({})).words).toEqual([]);
    const aside = readdirSync(path.dirname(file)).filter((n) => n.startsWith('words.json.damaged-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(path.dirname(file), aside[0]), 'utf8')).toBe('{ not json');
    expect((await handlers['proofread.addWord']({ word: '推萎' })).words).toEqual(['推萎']);
  });
});

describe('speechdraft proofread', () => {
  it('lists findings by kind with line:column and exits 1; --json gives the findings; a clean file exits 0', async () => {
    const ws = tmpWs();
    const f = path.join(ws, 'draft.txt');
    writeFileSync(f, '同志们：\n我们要再接再励，增长3～5%。\n');
    const r = await run(['proofread', f, '--workspace', ws]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('== 错别字（1）');
    expect(r.stdout).toContain('2:4  疑似错别字：“再接再励”应为“再接再厉”  → 再接再厉');
    expect(r.stdout).toContain('== 数字用法（1）');
    const j = await run(['proofread', f, '--workspace', ws, '--json']);
    expect(JSON.parse(j.stdout).map((x: { rule: string }) => x.rule)).toEqual(['confusion', 'percent-range']);
    const clean = path.join(ws, 'clean.txt');
    writeFileSync(clean, '同志们：\n我们要再接再厉。\n');
    const c = await run(['proofread', clean, '--workspace', ws]);
    expect([c.code, c.stdout.trim()]).toEqual([0, '未发现校对问题 no findings']);
    const missing = await run(['proofread', path.join(ws, 'nope.txt'), '--workspace', ws]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('找不到文件');
  });
});
