import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { createServices, type Services } from '../../src/services/index';
import { riskOf } from '../../src/core/reuse/risk';
import { occasionOfTitle } from '../../src/core/library/recognize';
import { reviewPassagesFromCheck, reviewText } from '../../src/services/docx/review';
import { REPO_DIR } from '../helpers/shared';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const OLD = '要把群众的呼声作为改进机关工作的第一信号，凡是职工群众拥护和欢迎的，要抓紧去做。';
const OTHER = '要坚持把招商引资作为经济工作的生命线，全力以赴抓项目、抓投入、抓落实。';

describe('the 场合 rule (pure)', () => {
  it('same 场合 or 对象 within the period is high; out of the period, other 场合, or no date is not', () => {
    expect(riskOf({ occasion: '全市机关干部大会', date: '2025-02' }, { occasion: '全市 机关干部大会', date: '2024-02-01' }, 24, '2026-01-01')).toEqual({ risk: 'high', reason: '与2024年同一会议讲话重复' });
    expect(riskOf({ audience: '新任干部' }, { audience: '新任干部', date: '2025' }, 24, '2026-01-01')?.reason).toBe('与2025年对同一对象的讲话重复');
    expect(riskOf({ occasion: 'A', date: '2025' }, { occasion: 'A', date: '2020' }, 24, '2026-01-01')).toBeUndefined();
    expect(riskOf({ occasion: 'A' }, { occasion: 'B', date: '2025' }, 24, '2026-01-01')).toBeUndefined();
    expect(riskOf({ occasion: 'A' }, { occasion: 'A' }, 24, '2026-01-01')).toBeUndefined();
    expect(occasionOfTitle('在全市机关干部大会上的讲话')).toBe('全市机关干部大会');
  });
});

describe('高风险 passages in the workspace check, the review copy and the CLI', () => {
  let dir: string;
  let s: Services;
  let ids: string[];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sd-risk-'));
    s = await createServices(dir);
    const bundle = ['第一篇:在全市机关干部大会上的讲话', '同志们：', OLD, '第二篇:在全市机关干部大会上的讲话', '同志们：', OTHER].join('\n');
    const { jobId } = await s.handlers['library.import']({ files: [{ name: '合集.txt', dataBase64: b64(bundle) }] });
    const st = await s.ctx.library.importJobs.wait(jobId);
    ids = st.imported.map((d) => d.id);
    await s.handlers['library.update']({ id: ids[0], patch: { occasion: '全市机关干部大会', date: '2024-03-01' } });
    await s.handlers['library.update']({ id: ids[1], patch: { occasion: '全区经济工作会议', date: '2025-01-01' } });
  });
  afterAll(async () => {
    await s.ctx.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a passage from a speech given at the draft\'s 场合 is high risk, counted apart, sorted first in the CLI, named in the comment', async () => {
    const d = await s.handlers['drafts.create']({ name: '新稿', doc: { blocks: [{ type: 'paragraph', children: [{ text: OTHER }] }, { type: 'paragraph', children: [{ text: OLD }] }] } });
    await s.handlers['drafts.setMeta']({ id: d.id, occasion: '全市机关干部大会', date: '2025-03-01' });
    const r = await s.handlers['reuse.check']({ draftId: d.id });
    const high = r.passages.filter((p) => p.risk === 'high');
    expect(high.map((p) => p.sourceId)).toEqual([ids[0]]);
    expect(high[0].riskReason).toBe('与2024年同一会议讲话重复');
    expect(r.passages.some((p) => p.sourceId === ids[1] && !p.risk)).toBe(true);
    expect(r.highRisk.passages).toBe(1);
    expect(r.highRisk.ratio).toBeGreaterThan(0.3);
    expect(r.highRisk.ratio).toBeLessThan(r.ratio);

    const pt = reviewText((await s.handlers['drafts.get']({ id: d.id })).doc);
    const comments = reviewPassagesFromCheck(pt, r.passages);
    expect(comments.find((c) => c.note?.includes('与2024年同一会议讲话重复'))).toBeDefined();

    // a period of 6 months: no longer high
    await s.handlers['settings.set']({ patch: { reuseRiskMonths: 6 } });
    expect((await s.handlers['reuse.check']({ draftId: d.id })).highRisk.passages).toBe(0);
    await s.handlers['settings.set']({ patch: { reuseRiskMonths: 24 } });

    const cli = (args: string[]) => execFileSync(process.execPath, [path.join(REPO_DIR, 'bin/speechdraft.mjs'), ...args], { encoding: 'utf8' });
    const out = JSON.parse(cli(['check', d.id, '--workspace', dir, '--json']));
    expect(out.passages.map((p: { risk: string }) => p.risk)).toEqual(['high', 'normal']);
    expect(out.highRisk.passages).toBe(1);
  });

  it('CLI: set, export, open — checking either draft names no passage from the other; a file exported from a draft belongs to its family', async () => {
    const cli = (args: string[]) => execFileSync(process.execPath, [path.join(REPO_DIR, 'bin/speechdraft.mjs'), ...args, '--workspace', dir], { encoding: 'utf8' });
    const para = '今年以来，全区上下紧紧围绕年初确定的目标任务，坚定信心、攻坚克难，各项工作取得了新的进展和成效。';
    const a = await s.handlers['drafts.create']({ name: '甲', doc: { blocks: [{ type: 'paragraph', children: [{ text: para }] }] } });
    const set = JSON.parse(cli(['set', a.id, '--occasion', '区委全会', '--audience', '全体委员', '--date', '2026-01-05', '--json']));
    expect(set).toMatchObject({ occasion: '区委全会', audience: '全体委员', date: '2026-01-05' });
    const file = path.join(dir, 'x.docx');
    cli(['export', a.id, '-o', file]);
    const b = JSON.parse(cli(['open', file, '--json']));
    for (const id of [a.id, b.id]) {
      const r = JSON.parse(cli(['check', id, '--json']));
      expect(r.passages.filter((p: { sourceId: string }) => p.sourceId.startsWith('draft:'))).toEqual([]);
    }
    const f = JSON.parse(cli(['check', file, '--json']));
    expect(f.passages.filter((p: { sourceId: string }) => p.sourceId.startsWith('draft:'))).toEqual([]);
    expect(f.familyExcluded).toBe(2);
    const zip = await JSZip.loadAsync(readFileSync(file));
    expect(await zip.file('docProps/custom.xml')!.async('string')).toContain(a.id);
  });
});
