import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS_DIR, EDITOR, hasBuild, hasChromium, startApp, typeIme, type E2EApp } from './harness';
import { COMPOSING_RETRY_MS, CHECK_DELAY_MS } from '../../src/renderer/reuse/liveCheck';
import { MINI_SEED_FILE, SEED_FILE, hasShared } from '../helpers/shared';

// The seed file, or without ../shared the small committed bundle (the same five-part shape with a truncated
// copy; its 第五篇 has the passage below too).
const BUNDLE = hasShared ? SEED_FILE : MINI_SEED_FILE;

// From the seed's 第五篇, with words changed by the writer: 真心→全心, 增加负担→添加负担, 公款吃喝→公款宴请.
const PASTED =
  '要严肃工作纪律，自觉做到“五坚持、五严禁”，即：坚持全心为民服务，严禁脱离实际乱承诺；坚持轻车简从，严禁给基层添加负担；坚持吃工作餐，严禁在基层饮酒、公款宴请；坚持廉洁自律，严禁收受基层单位馈赠的物品。';

describe.skipIf(!hasChromium || !hasBuild)('reuse detection in the browser', () => {
  let app: E2EApp;

  beforeAll(async () => {
    app = await startApp({
      setup: async (s) => {
        await s.handlers['drafts.create']({
          name: '在全县机关作风建设会议上的讲话',
          doc: {
            blocks: [
              { type: 'title', children: [{ text: '在全县机关作风建设会议上的讲话' }] },
              { type: 'salutation', children: [{ text: '同志们：' }] },
              { type: 'paragraph', children: [{ text: '今天召开全县机关作风建设会议，我讲几点意见。' }] },
              { type: 'heading', level: 1, children: [{ text: '严明纪律，树立形象' }] },
              { type: 'paragraph', children: [{ text: '' }] },
            ],
          },
        });
      },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('imports the seed into the library, then flags a pasted, edited passage with its source and diff', async () => {
    const { page } = app;
    await page.waitForSelector(EDITOR);

    // 素材库: import the seed file; progress ends with the summary, the duplicate group is reported.
    await page.click('button.tool:has-text("素材库")');
    await page.waitForSelector('[data-testid="library-dialog"]');
    await page.setInputFiles('[data-testid="library-input"]', BUNDLE);
    await page.waitForSelector('[data-testid="library-job"].done', { timeout: 20_000 });
    const jobText = await page.textContent('[data-testid="library-job"]');
    expect(jobText).toContain('已导入 5 篇');
    expect(jobText).toContain('1 组近似重复');
    // the list is read again when the job has ended (a moment after its line says so)
    await expect.poll(() => page.locator('[data-testid="library-doc"]').count()).toBe(5);
    // The parts of the bundle are listed together, in order.
    const parts = await page.$$eval('[data-testid="library-doc"] .library-row-meta', (els) => els.map((e) => /第(\d+)篇/.exec(e.textContent ?? '')?.[1]));
    expect(parts).toEqual(['1', '2', '3', '4', '5']);
    expect(await page.textContent('[data-testid="library-list"]')).toContain('近似重复，不单独计为来源');
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    // (Transitions fast-forwarded: the progress bar grows to its final width over 0.2 s.)
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'library-dialog.png'), animations: 'disabled' });
    await page.click('.modal-footer button:has-text("关闭")');

    // 查重 panel; type a line with the IME, then paste the edited passage.
    await page.click('.tab:has-text("查重")');
    await page.locator(`${EDITOR} [data-slate-node="element"]`).last().click();
    await typeIme(page, '一要');
    const t0 = Date.now();
    await page.keyboard.insertText(PASTED);
    await page.waitForSelector('[data-testid="reuse-passage"]', { timeout: 5_000 });
    const flaggedAfterMs = Date.now() - t0;
    console.log(`[reuse e2e] passage flagged ${flaggedAfterMs} ms after the paste`);
    expect(flaggedAfterMs).toBeLessThan(3_000);

    const card = page.locator('[data-testid="reuse-passage"]').first();
    // the seed's 第五篇 as the built-in 动员部署 template quotes it (the imported bundle has it too)
    expect(await card.locator('[data-testid="reuse-source-title"]').textContent()).toContain('在全市机关干部大会上的讲话');
    const ins = await card.locator('[data-testid="reuse-diff"] ins').allTextContents();
    const del = await card.locator('[data-testid="reuse-diff"] del').allTextContents();
    expect(ins.join('')).toContain('全');
    expect(ins.join('')).toContain('添');
    expect(ins.join('')).toContain('宴请');
    expect(del.join('')).toContain('真');
    expect(del.join('')).toContain('增');
    expect(del.join('')).toContain('吃喝');
    const sim = await card.locator('[data-testid="reuse-similarity"]').textContent();
    expect(Number(sim!.replace(/[^\d.]/g, ''))).toBeGreaterThan(80);
    expect(Number(sim!.replace(/[^\d.]/g, ''))).toBeLessThan(100);

    // Highlighted in the editor, inside the pasted paragraph; marked on the strip.
    const hl = (await page.locator(`${EDITOR} .reuse-hit`).allTextContents()).join('');
    expect(hl.length).toBeGreaterThan(40);
    expect(PASTED).toContain(hl.slice(0, 20));
    expect(await page.locator('[data-testid="reuse-strip"] .reuse-strip-mark').count()).toBeGreaterThan(0);
    const ratio = await page.textContent('[data-testid="reuse-ratio"]');
    expect(Number(ratio!.replace('%', ''))).toBeGreaterThan(30);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'reuse-panel.png') });

    // 打开来源: the source, scrolled to the passage.
    await card.locator('[data-testid="open-source"]').click();
    await page.waitForSelector('[data-testid="reuse-source"] .reuse-source-mark');
    const mark = await page.textContent('[data-testid="reuse-source"] .reuse-source-mark');
    expect(mark!.replace(/[,，;；]/g, '')).toContain('坚持轻车简从严禁给基层增加负担坚持吃工作餐');
    expect(await page.locator('.reuse-source-mark').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'reuse-source.png') });
    await page.keyboard.press('Escape');

    // 标为引用: the passage counts as a quotation; 去除引用后 drops.
    await card.locator('button:has-text("标为引用")').click();
    await page.waitForSelector('[data-testid="reuse-passage"].quoted');
    await page.waitForSelector(`${EDITOR} .reuse-quoted`);
    const figures = await page.locator('.reuse-figure .v').allTextContents();
    expect(Number(figures[1].replace('%', ''))).toBeLessThan(Number(figures[0].replace('%', '')));

    // 忽略: the passage leaves the list and the ratio; it can be restored.
    await page.locator('[data-testid="reuse-passage"]').first().locator('button:has-text("忽略")').click();
    await page.waitForSelector('text=已忽略 1 段');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="reuse-passage"]').length === 0, undefined, { timeout: 5_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="reuse-ratio"]')?.textContent === '0.0%', undefined, { timeout: 5_000 });
    await page.waitForSelector(`${EDITOR} .reuse-ignored`);
    expect(await page.locator(`${EDITOR} .reuse-hit`).count()).toBe(0);
    // 恢复 brings it back
    await page.click('.reuse-ignored-row button:has-text("恢复")');
    await page.waitForSelector('[data-testid="reuse-passage"]', { timeout: 5_000 });
    expect(app.errors).toEqual([]);
  });

  it('never checks during an IME composition; checks after it ends', async () => {
    const { page } = app;
    let checks = 0;
    page.on('request', (r) => {
      if (r.url().includes('/api/reuse.check')) checks++;
    });
    await page.locator(`${EDITOR} [data-slate-node="element"]`).last().click();
    await page.keyboard.press('End');
    // The page's timers on a paused clock from here: the check's delay and its retries while composing run
    // when the test advances the clock, not after a sleep.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1_000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'yao', selectionStart: 3, selectionEnd: 3 });
    // ask for a re-check while composing (as an import finishing would)
    await page.click('.reuse-status button:has-text("重新检查")');
    await page.locator(`${EDITOR} [data-slate-node="element"]`).last().click();
    await cdp.send('Input.imeSetComposition', { text: 'yaoqiu', selectionStart: 6, selectionEnd: 6 });
    const before = checks;
    // the check's delay and five retries pass, all while composing
    await page.clock.runFor(CHECK_DELAY_MS + 5 * COMPOSING_RETRY_MS);
    await page.evaluate(() => 0); // a round trip: any request the timers sent has been reported
    const during = checks - before;
    await cdp.send('Input.insertText', { text: '要求' });
    await cdp.detach();
    const checked = page.waitForRequest((r) => r.url().includes('/api/reuse.check'), { timeout: 10_000 });
    // the edit is published and checked once its delay has passed
    await page.clock.runFor(2 * (CHECK_DELAY_MS + COMPOSING_RETRY_MS));
    await checked;
    await page.clock.resume();
    expect(during).toBe(0);
  });
});
