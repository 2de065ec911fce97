import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from '../../src/services/index';
import { displayDate, sourceLabel } from '../../src/core/library/label';
import { findDate, kindOfTitle, recognizeMeta } from '../../src/core/library/recognize';
import { libraryServicesOf } from '../../src/services/library/handlers';

const b64 = (s: string) => Buffer.from(s).toString('base64');

const SHARED = '这次全市机关干部大会的主题是全面落实市委全会精神，切实加强机关作风建设，确保新一年各项目标任务全面完成。';
const BUNDLE = [
  '第一篇:在机关干部大会上的讲话',
  '在机关干部大会上的讲话',
  '孙 建 国(2009年2月2日)',
  '同志们：',
  SHARED + '第一篇还讲了招商引资和项目建设的具体安排。',
  '第二篇:在机关干部大会上的讲话',
  '在机关干部大会上的讲话',
  '王 明(2011年5月6日)',
  '同志们：',
  '今年我们要抓好民生实事，办好十件惠民工程，让群众得到更多实惠。' + '同时要加强干部队伍建设，提升服务水平和工作效率。',
].join('\n');

describe('recognising and naming', () => {
  it('finds the speaker and date of a byline, the year of a title, the kind of a title', () => {
    expect(recognizeMeta('在机关干部大会上的讲话', '在机关干部大会上的讲话\n孙 建 国(2009年2月2日)\n同志们：')).toEqual({ speaker: '孙建国', date: '2009-02-02', kind: '讲话' });
    expect(recognizeMeta('2025年政府工作报告', '各位代表：')).toEqual({ date: '2025', kind: '报告' });
    expect(findDate('二○○九 年二月六日')).toBe('2009-02-06');
    expect(kindOfTitle('关于加强机关作风建设的意见')).toBe('文件');
    expect(kindOfTitle('随笔')).toBe('其他');
  });

  it('names a source by title + speaker + date', () => {
    expect(sourceLabel({ title: '在机关干部大会上的讲话', speaker: '孙建国', date: '2009-02-02' })).toBe('在机关干部大会上的讲话（孙建国，2009年2月2日）');
    expect(sourceLabel({ title: '报告', date: '2024' })).toBe('报告（2024年）');
    expect(sourceLabel({ title: '无名' })).toBe('无名');
    expect(displayDate('2024-03')).toBe('2024年3月');
  });
});

describe('library metadata', () => {
  let dir: string;
  let s: Services;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sd-meta-'));
    s = await createServices(dir);
    const { jobId } = await s.handlers['library.import']({ files: [{ name: '合集.txt', dataBase64: b64(BUNDLE) }] });
    await libraryServicesOf(s.ctx).importJobs.wait(jobId);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prefills speaker, date and kind from the text; two speeches with one title get two labels', async () => {
    const { docs } = await s.handlers['library.list']({});
    expect(docs.map((d) => d.label).sort()).toEqual(['在机关干部大会上的讲话（孙建国，2009年2月2日）', '在机关干部大会上的讲话（王明，2011年5月6日）']);
    expect(docs.every((d) => d.kind === '讲话')).toBe(true);
  });

  it('edits metadata atomically, persists it, and a cleared field stays cleared', async () => {
    const { docs } = await s.handlers['library.list']({});
    const sun = docs.find((d) => d.speaker === '孙建国')!;
    const m = await s.handlers['library.update']({ id: sun.id, patch: { occasion: '全市机关干部大会', audience: '机关干部', title: '在全市机关干部大会上的讲话' } });
    expect(m).toMatchObject({ occasion: '全市机关干部大会', audience: '机关干部', title: '在全市机关干部大会上的讲话', speaker: '孙建国', date: '2009-02-02' });
    expect(readdirSync(path.join(dir, 'library', 'docs')).filter((n) => !n.endsWith('.json'))).toEqual([]);
    const cleared = await s.handlers['library.update']({ id: sun.id, patch: { speaker: '' } });
    expect(cleared.speaker).toBeUndefined();
    // a new process reads what was written
    const again = await createServices(dir);
    const doc = await again.handlers['library.get']({ id: sun.id });
    expect(doc).toMatchObject({ occasion: '全市机关干部大会', title: '在全市机关干部大会上的讲话', date: '2009-02-02', label: '在全市机关干部大会上的讲话（2009年2月2日）' });
    expect(doc.speaker).toBeUndefined();
    expect(JSON.parse(readFileSync(path.join(dir, 'library', 'docs', sun.id + '.json'), 'utf8')).speaker).toBe('');
  });

  it('refuses a bad date and an unknown document', async () => {
    const { docs } = await s.handlers['library.list']({});
    const r = await import('../../src/contract/dispatch').then((m) => m.dispatch(s.handlers, 'library.update', { id: docs[0].id, patch: { date: '2024/13' } }));
    expect(r.ok).toBe(false);
    await expect(s.handlers['library.update']({ id: 'Lnope', patch: { speaker: 'x' } })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a check names its source by the label', async () => {
    const d = await s.handlers['drafts.create']({ name: '新稿' });
    const r = await s.handlers['reuse.check']({ draftId: d.id, text: '同志们：\n' + SHARED });
    expect(r.passages.length).toBeGreaterThan(0);
    expect(r.passages[0].sourceTitle).toMatch(/（.*2009年2月2日）$/);
  });
});
