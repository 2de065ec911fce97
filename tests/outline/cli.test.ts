import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { createServices } from '../../src/services/index';
import { MINI_SEED_FILE, REPO_DIR, SEED_FILE, hasShared, readMiniSeed, readSeed } from '../helpers/shared';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env });
  return { code, stdout, stderr };
}

function tmpWs(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'sd-outline-'));
}

describe('templates, outline and lint services', () => {
  it('creates a draft from each template, lints it against the template, saves its outline as a user template', async () => {
    const ws = tmpWs();
    const { handlers } = await createServices(ws);
    const list = await handlers['templates.list']({});
    expect(list.errors).toEqual([]);
    expect(list.templates.map((t) => t.id)).toContain('work-meeting');
    for (const t of list.templates) {
      const d = await handlers['drafts.createFromTemplate']({ templateId: t.id });
      expect(d.templateId).toBe(t.id);
      const lint = await handlers['lint.draft']({ draftId: d.id });
      expect(lint.findings.filter((f) => f.severity !== 'info'), t.id).toEqual([]);
    }
    const preview = await handlers['templates.preview']({ id: 'work-meeting' });
    expect(preview.outline.slice(0, 2)).toEqual(['一、肯定成绩，进一步增强××的紧迫感责任感', '二、清醒认识差距，正视存在的突出问题']);
    const d = await handlers['drafts.createFromTemplate']({ templateId: 'mobilization', name: '动员' });
    const saved = await handlers['templates.saveFromDraft']({ draftId: d.id, name: '我的动员模板' });
    expect(saved.origin).toBe('user');
    expect(saved.sections.map((s) => s.role)).toEqual(['意义', '任务', '要求']);
    const again = await handlers['templates.get']({ id: saved.id });
    expect(again.name).toBe('我的动员模板');
    await expect(handlers['templates.get']({ id: 'nope' })).rejects.toThrow('找不到模板');
  });

  it.for([
    { name: 'the synthetic bundle', read: readMiniSeed, skip: false },
    { name: 'the seed file', read: readSeed, skip: !hasShared },
  ])('outline.extract and lint.draft on $name give one piece per speech, offsets into the whole text', async ({ read, skip }, ctx) => {
    if (skip) return ctx.skip();
    const { handlers } = await createServices(tmpWs());
    const text = read();
    const o = await handlers['outline.extract']({ text });
    expect(o.pieces.map((p) => p.label)).toEqual(['第一篇', '第二篇', '第三篇', '第四篇', '第五篇']);
    for (const p of o.pieces) for (const h of p.outline.headings) expect(text.slice(h.start, h.end).startsWith(h.numbering)).toBe(true);
    const l = await handlers['lint.draft']({ text });
    const numbering = l.findings.filter((f) => f.kind === 'numbering');
    expect(numbering.map((f) => text.slice(f.start, f.start! + 3))).toEqual(['(三)', '(三)']);
  });
});

describe('speechdraft outline / lint / templates', () => {
  it('templates lists the six built-ins', async () => {
    const r = await run(['templates', '--workspace', tmpWs(), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).templates).toHaveLength(6);
  });

  it.for([
    { name: 'synthetic', read: readMiniSeed, level1: 2, skip: false },
    { name: 'seed', read: readSeed, level1: 4, skip: !hasShared },
  ])('outline and lint a .txt file (in-process, $name 第二篇)', async ({ read, level1, skip }, ctx) => {
    if (skip) return ctx.skip();
    const ws = tmpWs();
    const f = path.join(ws, '第二篇.txt');
    const text = read();
    writeFileSync(f, text.slice(text.indexOf('第二篇'), text.indexOf('第三篇')));
    const o = await run(['outline', f, '--workspace', ws, '--json']);
    expect(o.code).toBe(0);
    const out = JSON.parse(o.stdout);
    expect(out.title).toBe('在机关干部大会上的讲话');
    expect(out.headings.filter((h: { level: number }) => h.level === 1)).toHaveLength(level1);
    const l = await run(['lint', f, '--workspace', ws]);
    expect(l.code).toBe(1);
    expect(l.stdout).toContain('二级标题编号跳号：“(三)”之前缺少“(二)”');
    expect(l.stdout).toContain('二级标题编号重复');
  });

  it('lint a draft by id; bad input gets a clear error', async () => {
    const ws = tmpWs();
    const { handlers } = await createServices(ws);
    const d = await handlers['drafts.createFromTemplate']({ templateId: 'basic' });
    const r = await run(['lint', d.id, '--workspace', ws, '--json']);
    expect(r.code).toBe(0);
    expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
    const missing = await run(['outline', path.join(ws, 'nope.txt'), '--workspace', ws]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到文件');
    const bad = path.join(ws, 'x.pdf');
    writeFileSync(bad, 'x');
    const unsup = await run(['outline', bad, '--workspace', ws]);
    expect(unsup.code).toBe(1);
    expect(unsup.stderr).toContain('不支持的文件类型');
  });

  it('spawned: node bin/speechdraft.mjs outline/lint/templates', () => {
    const ws = tmpWs();
    const bin = path.join(REPO_DIR, 'bin/speechdraft.mjs');
    // the seed file, or without ../shared the small committed bundle (the same (一)(三)(三) slip)
    const file = hasShared ? SEED_FILE : MINI_SEED_FILE;
    const out = execFileSync('node', [bin, 'outline', file, '--workspace', ws], { encoding: 'utf8' });
    expect(out).toContain('==== 第五篇 ====');
    expect(out).toContain(hasShared ? '二、共克时艰,全面深入开展“三服务”活动  [任务' : '二、突出重点,扎实推进机关效能建设  [任务');
    const lint = spawnSync('node', [bin, 'lint', file, '--workspace', ws, '--json'], { encoding: 'utf8' });
    expect(lint.status).toBe(1);
    expect(JSON.parse(lint.stdout).filter((f: { kind: string }) => f.kind === 'numbering')).toHaveLength(2);
    const t = spawnSync('node', [bin, 'templates', '--workspace', ws], { encoding: 'utf8' });
    expect(t.status).toBe(0);
    expect(t.stdout).toContain('work-meeting  工作会议讲话  成绩—问题—任务—要求');
  });
});

describe('template examples as reuse sources', () => {
  it('an inserted example is recognised by the reuse checker as coming from its template source', async () => {
    const { handlers } = await createServices(tmpWs());
    const t = await handlers['templates.get']({ id: 'work-meeting' });
    const ex = t.sections.find((s) => s.id === 'tasks')!.examples.find((e) => e.id === 'first-task')!;
    const text = `在××会议上的讲话\n同志们：\n${ex.text}\n我们要认真抓好落实。`;
    const r = await handlers['reuse.check']({ text });
    const ids = JSON.stringify(r);
    expect(ids).toContain('template:work-meeting#first-task');
  });
});
