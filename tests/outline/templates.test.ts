import { mkdtempSync, readdirSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Blocks } from '../../src/core/model/block';
import { lintDoc } from '../../src/core/outline/lint';
import { cleanText } from '../../src/core/text/clean';
import { exampleBlocks, instantiateTemplate, outlineToTemplate, parseTemplate, sectionAt, type Template } from '../../src/core/templates/index';
import { textToDoc } from '../../src/core/text/toDoc';
import { loadTemplateDir, TemplateStore } from '../../src/services/templates/store';
import { templateExampleSources } from '../../src/services/templates/sources';
import { resolveBuiltinTemplatesDir } from '../../src/services/templates/locate';
import { REPO_DIR, hasShared, readMiniSeed, readSeed } from '../helpers/shared';

const TEMPLATES_DIR = path.join(REPO_DIR, 'templates');

function builtins(): Template[] {
  const r = loadTemplateDir(TEMPLATES_DIR, 'builtin');
  expect(r.errors).toEqual([]);
  return r.templates.map((t) => t.template);
}

/** Paragraph N of speech S: the N-th non-empty line after the `第S篇` marker line (see the schema). */
function seedParagraphs(): Map<string, string> {
  const m = new Map<string, string>();
  let speech = 0;
  let n = 0;
  for (const line of readSeed().split('\n')) {
    const mk = /^第([一二三四五])篇/u.exec(line);
    if (mk) {
      speech = '一二三四五'.indexOf(mk[1]) + 1;
      n = 0;
      continue;
    }
    if (!line.trim()) continue;
    n++;
    m.set(`${speech}:${n}`, line.trim());
  }
  return m;
}

describe('built-in templates', () => {
  it('has the six templates of the issue, each valid', () => {
    const ids = builtins().map((t) => t.id).sort();
    expect(ids).toEqual(['basic', 'commendation', 'first-meeting', 'mobilization', 'study-implement', 'work-meeting']);
    const wm = builtins().find((t) => t.id === 'work-meeting')!;
    expect(wm.sections.map((s) => s.role)).toEqual(['成绩', '问题', '任务', '要求']);
    expect(builtins().find((t) => t.id === 'mobilization')!.sections.map((s) => s.role)).toEqual(['意义', '任务', '要求']);
    expect(builtins().find((t) => t.id === 'first-meeting')!.sections.map((s) => s.role)).toEqual(['感受', '表态', '其他', '希望']);
    for (const t of builtins()) {
      const n = [t.opening, ...t.sections, t.closing].reduce((k, p) => k + p.examples.length, 0);
      expect(n, t.id).toBeGreaterThanOrEqual(3);
    }
  });

  it.skipIf(!hasShared)('every example passage is quoted verbatim from its seed paragraph (page numbers and watermarks removed)', () => {
    const paras = seedParagraphs();
    let count = 0;
    for (const t of builtins()) {
      for (const part of [t.opening, ...t.sections, t.closing]) {
        for (const ex of part.examples) {
          const p = paras.get(`${ex.source.speech}:${ex.source.paragraph}`);
          expect(p, `${t.id}#${ex.id}`).toBeDefined();
          expect(cleanText(p!).text, `${t.id}#${ex.id}`).toContain(ex.text);
          count++;
        }
      }
    }
    expect(count).toBeGreaterThanOrEqual(40);
  });

  it('instantiates a draft: title placeholder, salutation, numbered sections with sectionId/role, guidance on empty paragraphs', () => {
    const t = builtins().find((x) => x.id === 'work-meeting')!;
    const doc = instantiateTemplate(t);
    expect(doc.blocks[0]).toMatchObject({ type: 'title', children: [{ text: '' }] });
    expect(doc.blocks[0].guidance).toContain('在××工作会议上的讲话');
    expect(doc.blocks[1]).toMatchObject({ type: 'salutation', children: [{ text: '同志们：' }] });
    const l1 = doc.blocks.filter((b) => b.type === 'heading' && b.level === 1);
    expect(l1.map((b) => [b.sectionId, b.role])).toEqual([
      ['achievements', '成绩'],
      ['problems', '问题'],
      ['tasks', '任务'],
      ['requirements', '要求'],
    ]);
    for (const b of doc.blocks.filter((x) => x.type === 'paragraph')) {
      expect(Blocks.text(b)).toBe('');
      expect(b.guidance?.length).toBeGreaterThan(0);
    }
    // The section under the cursor, and its examples as blocks carrying their origin.
    const tasksBody = doc.blocks.findIndex((b) => b.sectionId === 'tasks') + 1;
    expect(sectionAt(doc, tasksBody + 2).sectionId).toBe('tasks');
    expect(sectionAt(doc, 2).sectionId).toBe('opening');
    const ins = exampleBlocks(t, 'first-task')!;
    expect(ins[0].origin).toEqual({ sourceId: 'template:work-meeting#first-task', sourceTitle: expect.stringContaining('在全市机关干部大会上的讲话'), locator: '第一篇 第23段' });
    // A fresh draft has only the empty-section notes (info), no numbering or order problems.
    const f = lintDoc(doc, { template: t });
    expect(f.filter((x) => x.severity !== 'info')).toEqual([]);
  });

  it('lint finds a template section missing or out of order', () => {
    const t = builtins().find((x) => x.id === 'work-meeting')!;
    const doc = instantiateTemplate(t);
    const heads = doc.blocks.map((b, i) => [b, i] as const).filter(([b]) => b.type === 'heading' && b.level === 1);
    // swap 问题 and 任务 headings' ids; drop 要求
    const blocks = doc.blocks.slice();
    blocks[heads[1][1]] = { ...blocks[heads[1][1]], sectionId: 'tasks' };
    blocks[heads[2][1]] = { ...blocks[heads[2][1]], sectionId: 'problems' };
    blocks.splice(heads[3][1], 2);
    const f = lintDoc({ blocks }, { template: t });
    expect(f.filter((x) => x.kind === 'template-order').map((x) => x.message)).toEqual([expect.stringContaining('清醒认识差距')]);
    expect(f.filter((x) => x.kind === 'template-missing').map((x) => x.message)).toEqual([expect.stringContaining('崇尚实干')]);
  });

  it.for([
    { name: 'the synthetic bundle’s 第五篇', read: readMiniSeed, subpoints: ['走进基层', '走进群众'], closing: '同志们,新的一年', headings: 6, skip: false },
    { name: 'the seed’s 第五篇', read: readSeed, subpoints: ['走进项目', '走进村企', '走进矛盾'], closing: '同志们,开展下基层', headings: 10, skip: !hasShared },
  ])('另存为模板: the outline of an imported speech becomes a valid template ($name)', ({ read, subpoints, closing, headings, skip }, ctx) => {
    if (skip) return ctx.skip();
    const text = read();
    const s5 = text.slice(text.indexOf('第五篇'));
    const t = outlineToTemplate(textToDoc(s5), { id: 'user-test', name: '走基层动员' });
    const re = parseTemplate(JSON.stringify(t), 'user-test.json');
    expect(re.ok).toBe(true);
    expect(t.sections.map((s) => s.heading)).toEqual(['走基层,转作风,密切联系群众。', '干实事,抓落实,努力实现开门红']);
    expect(t.sections[0].subpoints.map((s) => s.heading)).toEqual(subpoints);
    expect(t.closing.guidance).toContain(closing);
    expect(instantiateTemplate(t).blocks.filter((b) => b.type === 'heading')).toHaveLength(headings);
  });
});

describe('template loader', () => {
  it('reports a broken file naming the file and the field, and still loads the others', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tpl-'));
    cpSync(TEMPLATES_DIR, dir, { recursive: true });
    const good = JSON.parse(readFileSync(path.join(dir, 'basic.json'), 'utf8'));
    good.id = 'broken';
    good.sections[0].role = '闲聊';
    writeFileSync(path.join(dir, 'broken.json'), JSON.stringify(good));
    writeFileSync(path.join(dir, 'notjson.json'), '{ "format": ');
    const r = loadTemplateDir(dir, 'builtin');
    expect(r.templates).toHaveLength(readdirSync(TEMPLATES_DIR).length);
    expect(r.errors.map((e) => e.file).sort()).toEqual(['broken.json', 'notjson.json']);
    const broken = r.errors.find((e) => e.file === 'broken.json')!;
    expect(broken.message).toContain('broken.json');
    expect(broken.message).toContain('sections.0.role');
    expect(r.errors.find((e) => e.file === 'notjson.json')!.message).toContain('不是有效的 JSON');
  });

  it('rejects duplicate section ids', () => {
    const t = JSON.parse(readFileSync(path.join(TEMPLATES_DIR, 'work-meeting.json'), 'utf8'));
    t.sections[1].id = t.sections[0].id;
    const r = parseTemplate(JSON.stringify(t), 'dup.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('dup.json');
  });

  it('finds the built-in folder from the module; user templates live in the workspace and never shadow built-ins', async () => {
    expect(resolveBuiltinTemplatesDir(undefined, {})).toBe(TEMPLATES_DIR);
    const ws = mkdtempSync(path.join(os.tmpdir(), 'tplws-'));
    const store = new TemplateStore(path.join(ws, 'templates'));
    const t = builtins().find((x) => x.id === 'basic')!;
    await expect(store.saveUser(t)).rejects.toThrow(/内置模板重复/u);
    await store.saveUser({ ...t, id: 'mine', name: '我的模板' });
    expect(readdirSync(path.join(ws, 'templates'))).toEqual(['mine.json']);
    expect(store.get('mine').origin).toBe('user');
    expect(store.load().templates.length).toBe(7);
  });

  it('exposes the examples as reuse sources with template:<id>#<example> ids', () => {
    const src = templateExampleSources(TEMPLATES_DIR);
    const one = src.find((s) => s.id === 'template:work-meeting#first-task')!;
    expect(one.text.startsWith('新的一年,我们面临的任务很重')).toBe(true);
    expect(one.title).toContain('工作会议讲话');
    expect(new Set(src.map((s) => s.id)).size).toBe(src.length);
  });
});
