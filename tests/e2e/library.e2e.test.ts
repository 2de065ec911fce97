import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS_DIR, EDITOR, hasBuild, hasChromium, startApp, typeIme, type E2EApp } from './harness';
import type { SpeechDoc } from '../../src/core/model/types';

// Synthetic material (runs without ../shared): two speeches at one 场合, and an unrelated report.
const OLD = '要把群众的呼声作为改进机关工作的第一信号，凡是职工群众拥护和欢迎的，要抓紧去做，这是我们一贯的要求。';
const NEWER = '机关作风建设只有进行时没有完成时，要以钉钉子精神抓好整改落实，确保取得群众满意的实效。';
const REPORT = '过去一年，我们坚持稳中求进工作总基调，推动经济社会持续健康发展，人民群众获得感不断增强。';
const BUNDLE = [
  '第一篇:在全市机关干部大会上的讲话',
  '同志们：',
  OLD,
  '第二篇:在全市机关干部大会上的讲话',
  '同志们：',
  NEWER,
  '第三篇:2024年政府工作报告',
  '各位代表：',
  REPORT,
].join('\n');
const OWN = '今年以来，全区上下紧紧围绕年初确定的目标任务，坚定信心、攻坚克难，各项工作取得了新的进展和成效。';

const doc = (title: string, paras: string[]): SpeechDoc => ({
  blocks: [{ type: 'title', children: [{ text: title }] }, { type: 'salutation', children: [{ text: '同志们：' }] }, ...paras.map((t) => ({ type: 'paragraph' as const, children: [{ text: t }] }))],
});

describe.skipIf(!hasChromium || !hasBuild)('素材库, 搜索, the family rule and the 场合 risk in the browser', () => {
  let app: E2EApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startApp({
      setup: async (s) => {
        const { jobId } = await s.handlers['library.import']({ files: [{ name: '合集.txt', dataBase64: Buffer.from(BUNDLE).toString('base64') }] });
        const st = await s.ctx.library.importJobs.wait(jobId);
        [ids.old, ids.newer, ids.report] = st.imported.map((d) => d.id);
        await s.handlers['library.update']({ id: ids.old, patch: { date: '2024-03-01', speaker: '王明' } });
        await s.handlers['library.update']({ id: ids.newer, patch: { date: '2025-02-01', speaker: '王明' } });
        // the family: an original, its copy, and the re-import of the copy's Word export
        const a = await s.handlers['drafts.create']({ name: '原稿', doc: doc('原稿', [OWN]) });
        const b = await s.handlers['drafts.duplicate']({ id: a.id });
        const exported = await s.handlers['export.docx']({ draftId: b.id, mode: 'clean' });
        const c = await s.handlers['drafts.importFile']({ name: '领导改过.docx', dataBase64: Buffer.from(s.ctx.exports.take(exported.fileId)!.bytes).toString('base64') });
        Object.assign(ids, { a: a.id, b: b.id, c: c.id });
        // the draft for the 场合 (created last: it opens first)
        const d = await s.handlers['drafts.create']({ name: '在全市机关干部大会上的讲话', doc: doc('在全市机关干部大会上的讲话', ['今天的会议很重要。', '']) });
        ids.draft = d.id;
      },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a copy and the re-import of its own export flag neither each other; the switch shows them', async () => {
    const { page } = app;
    await page.waitForSelector(EDITOR);
    await page.click('.tab:has-text("查重")');
    for (const id of [ids.c, ids.a]) {
      await page.click(`.draft-item[data-draft-id="${id}"]`);
      await page.waitForFunction((t) => document.querySelector('[data-testid="editor"]')?.textContent?.includes(t), OWN.slice(0, 10));
      // the check of this draft has come back: it names the family it left out
      await page.waitForSelector('[data-testid="reuse-panel"]:has-text("2 篇同一家族文稿默认不计")', { timeout: 10_000 });
      expect(await page.locator('[data-testid="reuse-passage"][data-source-id^="draft:"]').count()).toBe(0);
    }
    await page.check('[data-testid="reuse-include-family"]');
    await page.waitForSelector('[data-testid="reuse-passage"][data-source-id^="draft:"]', { timeout: 10_000 });
    await page.uncheck('[data-testid="reuse-include-family"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="reuse-passage"][data-source-id^="draft:"]').length === 0, undefined, { timeout: 10_000 });
  });

  it('two library speeches set to one 场合: a passage pasted from the older into a draft for that 场合 is 高风险, first, in its own colour', async () => {
    const { page } = app;
    await page.click(`.draft-item[data-draft-id="${ids.draft}"]`);
    // 素材库: the table lists metadata; set the 场合 of both speeches through 编辑
    await page.click('button.tool:has-text("素材库")');
    await page.waitForSelector('[data-testid="library-doc"]');
    expect(await page.locator('[data-testid="library-doc"]').count()).toBe(3);
    expect(await page.textContent('[data-testid="library-list"]')).toContain('王明');
    for (const id of [ids.old, ids.newer]) {
      await page.click(`[data-testid="library-doc"][data-doc-id="${id}"] [data-testid="library-edit"]`);
      await page.fill('[data-testid="meta-occasion"]', '全市机关干部大会');
      await page.click('[data-testid="library-meta-save"]');
      await page.waitForSelector(`[data-testid="library-doc"][data-doc-id="${id}"] [data-testid="library-occasion"]:has-text("全市机关干部大会")`);
    }
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'library-table.png'), animations: 'disabled' });
    await page.click('.modal-footer button:has-text("关闭")');

    // the draft's 场合 (prefilled from its title), 对象 and date
    await page.click('.tab:has-text("查重")');
    await page.click('[data-testid="draft-meta-open"]');
    expect(await page.inputValue('[data-testid="draft-occasion"]')).toBe('全市机关干部大会');
    await page.fill('[data-testid="draft-date"]', '2025-06-01');
    await page.click('[data-testid="draft-meta-save"]');

    await page.locator(`${EDITOR} [data-slate-node="element"]`).last().click();
    await page.keyboard.insertText(REPORT + OLD);
    await page.waitForSelector('[data-testid="reuse-passage"][data-risk="high"]', { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="reuse-passage"]').length >= 2, undefined, { timeout: 10_000 });
    const first = page.locator('[data-testid="reuse-passage"]').first();
    expect(await first.getAttribute('data-risk')).toBe('high');
    expect(await first.getAttribute('data-source-id')).toBe(ids.old);
    expect(await first.locator('[data-testid="reuse-risk-reason"]').textContent()).toBe('与2024年同一会议讲话重复');
    expect(await page.locator('[data-testid="reuse-passage"][data-source-id="' + ids.report + '"]').getAttribute('data-risk')).toBe('normal');
    expect(await page.textContent('[data-testid="reuse-high-ratio"]')).toBe('1处');
    expect((await page.locator(`${EDITOR} .reuse-high`).allTextContents()).join('')).toContain('群众的呼声');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'reuse-high-risk.png') });
  });

  it('search finds a phrase typed through the IME; inserting it records its source as a quotation', async () => {
    const { page } = app;
    await page.click('.tab:has-text("搜索")');
    await page.click('[data-testid="search-input"]');
    await typeIme(page, '钉钉子精神');
    await page.waitForSelector('[data-testid="search-hit"]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid="search-count"]')).toContain('找到 1 处');
    expect(await page.textContent('[data-testid="search-hit"] mark')).toBe('钉钉子精神');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'search-panel.png') });

    await page.locator(`${EDITOR} [data-slate-node="element"]`).nth(1).click();
    await page.click('[data-testid="search-insert"]');
    await page.waitForFunction((t) => document.querySelector('[data-testid="editor"]')?.textContent?.includes(t), '确保取得群众满意的实效');
    // saved with its origin; the passage is a quotation for the check
    await expect
      .poll(async () => {
        const d = await app.services.handlers['drafts.get']({ id: ids.draft });
        return d.doc.blocks.find((b) => b.origin)?.origin?.sourceId;
      }, { timeout: 10_000 })
      .toBe(ids.newer);
    const states = await app.services.handlers['reuse.states']({ draftId: ids.draft });
    expect(states.states.some((s) => s.state === 'quoted' && s.sourceId === ids.newer)).toBe(true);
    await page.click('.tab:has-text("查重")');
    await page.waitForSelector(`[data-testid="reuse-passage"].quoted[data-source-id="${ids.newer}"]`, { timeout: 10_000 });
    expect(app.errors).toEqual([]);
  });
});
