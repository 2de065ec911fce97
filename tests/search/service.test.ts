import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from '../../src/services/index';
import { SearchResultSchema } from '../../src/contract/search';
import { REPO_DIR } from '../helpers/shared';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const PHRASE = '坚持以人民为中心的发展思想';
const BUNDLE = [
  '第一篇:在全市机关干部大会上的讲话',
  '孙 建 国(2009年2月2日)',
  `同志们：我们要${PHRASE}，扎实推进各项工作。`,
  '要把招商引资作为经济工作的生命线，全力以赴抓项目、抓投入。',
  '第二篇:2015年政府工作报告',
  `各位代表：过去一年，我们${PHRASE}，着力保障和改善民生。`,
  '第三篇:关于加强机关作风建设的意见',
  '为进一步转变机关作风，提高办事效率，现提出如下意见。',
].join('\n');

describe('search service and CLI (synthetic)', () => {
  let dir: string;
  let s: Services;
  let draftId: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sd-search-'));
    s = await createServices(dir);
    const { jobId } = await s.handlers['library.import']({ files: [{ name: '合集.txt', dataBase64: b64(BUNDLE) }] });
    await s.ctx.library.importJobs.wait(jobId);
    const d = await s.handlers['drafts.create']({ name: '新稿', doc: { blocks: [{ type: 'paragraph', children: [{ text: `今年仍要${PHRASE}。` }] }] } });
    draftId = d.id;
  });
  afterAll(async () => {
    await s.ctx.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a phrase in the library and the drafts; offsets point into the texts library.get / drafts give', async () => {
    const r = SearchResultSchema.parse(await s.handlers['search.query']({ query: PHRASE }));
    expect(r.total).toBe(3);
    expect(r.hits.map((h) => h.source).sort()).toEqual(['draft', 'library', 'library']);
    for (const h of r.hits) {
      if (h.source === 'library') {
        const doc = await s.handlers['library.get']({ id: h.docId });
        expect(doc.text.slice(h.start, h.end)).toBe(PHRASE);
      } else expect(h.docId).toBe(draftId);
      expect(h.snippet.text.slice(h.snippet.start, h.snippet.end)).toBe(PHRASE);
    }
    expect(r.hits.find((h) => h.label.includes('孙建国'))?.label).toBe('在全市机关干部大会上的讲话（孙建国，2009年2月2日）');
  });

  it('filters by kind, speaker, year range and 场合', async () => {
    const q = (filters: object) => s.handlers['search.query']({ query: PHRASE, filters });
    expect((await q({ kind: '报告' })).hits.map((h) => h.title)).toEqual(['2015年政府工作报告']);
    expect((await q({ speaker: '孙建国' })).total).toBe(1);
    expect((await q({ yearFrom: 2010, yearTo: 2020 })).hits.map((h) => h.title)).toEqual(['2015年政府工作报告']);
    expect((await q({ occasion: '全市机关干部大会' })).total).toBe(0);
    const sun = (await q({ speaker: '孙建国' })).hits[0];
    await s.handlers['library.update']({ id: sun.docId, patch: { occasion: '全市机关干部大会' } });
    expect((await q({ occasion: '全市机关干部大会' })).hits.map((h) => h.docId)).toEqual([sun.docId]);
    expect((await q({ source: 'draft' })).hits.map((h) => h.docId)).toEqual([draftId]);
  });

  it('a saved draft is found at once (the draft store event updates the index)', async () => {
    const d = await s.handlers['drafts.get']({ id: draftId });
    await s.handlers['drafts.save']({ id: draftId, doc: { blocks: [{ type: 'paragraph', children: [{ text: '全新的内容：开展下基层三走进活动。' }] }] }, baseRevision: d.revision });
    expect((await s.handlers['search.query']({ query: '三走进', filters: { source: 'draft' } })).total).toBe(1);
    expect((await s.handlers['search.query']({ query: PHRASE, filters: { source: 'draft' } })).total).toBe(0);
  });

  it('all words; 相似素材 for a paragraph below the 13-character rule', async () => {
    expect((await s.handlers['search.query']({ query: '作风 效率', mode: 'all' })).hits.every((h) => h.title === '关于加强机关作风建设的意见')).toBe(true);
    const sim = await s.handlers['search.similar']({ text: '要把招商引资当作生命线来抓' });
    expect(sim.paragraphs[0].text).toContain('招商引资作为经济工作的生命线');
    expect(sim.paragraphs[0].score).toBeGreaterThan(0.3);
  });

  it('CLI: search --workspace --json, search --library DIR, bad input', () => {
    const cli = (args: string[]) => execFileSync(process.execPath, [path.join(REPO_DIR, 'bin/speechdraft.mjs'), ...args], { encoding: 'utf8' });
    const r = SearchResultSchema.parse(JSON.parse(cli(['search', PHRASE, '--workspace', dir, '--json'])));
    expect(r.total).toBe(2);
    const lib = path.join(dir, 'folder');
    mkdirSync(lib);
    writeFileSync(path.join(lib, 'a.txt'), BUNDLE);
    const f = SearchResultSchema.parse(JSON.parse(cli(['search', PHRASE, '--library', lib, '--json'])));
    expect(f.total).toBe(2);
    expect(() => cli(['search', PHRASE, '--workspace', dir, '--kind', '诗歌'])).toThrow(/--kind/);
  });
});
