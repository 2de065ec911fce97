import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR, hasBuild, hasChromium, renderedBlocks, startApp, typeIme, waitSaved, type E2EApp } from './harness';

const TITLE = '在全市干部大会上的讲话';
const BODY = ['全市上下要团结一心。', '全市经济稳中向好，全市人民安居乐业。', 'GDP增长较快，gdp总量创新高。'];

describe.skipIf(!hasChromium || !hasBuild)('查找/替换, selection 字数 and a new draft named after its title (browser)', () => {
  let app: E2EApp;

  beforeAll(async () => {
    app = await startApp({
      setup: async (s) => {
        await s.handlers['drafts.create']({
          doc: { blocks: [{ type: 'title', children: [{ text: TITLE }] }, ...BODY.map((text) => ({ type: 'paragraph' as const, children: [{ text }] }))] },
        });
      },
    });
    await app.page.waitForFunction((sel) => document.querySelectorAll(`${sel} [data-slate-node="element"]`).length === 4, EDITOR);
  });
  afterAll(async () => {
    await app?.close();
  });

  const texts = async () => (await renderedBlocks(app.page)).map((b) => b.text);
  const count = () => app.page.locator('[data-testid="find-count"]').textContent();
  const active = () => app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.tagName);
  const block = (i: number) => app.page.locator(`${EDITOR} [data-slate-node="element"]`).nth(i);

  it('Ctrl+F finds a query typed through the IME; the count, Enter / Shift+Enter / F3 and 区分大小写 work', async () => {
    const { page } = app;
    await block(1).click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+f');
    await page.waitForSelector('[data-testid="find-bar"]');
    expect(await active()).toBe('find-input');
    await typeIme(page, '全市');
    // The title's 全市 comes first in the text, but the search starts at the caret (block 1): the second match.
    await expect.poll(count).toBe('第 2 / 4 处');
    expect(await page.locator(`${EDITOR} .find-match`).count()).toBe(4);
    expect(await page.locator(`${EDITOR} .find-current`).textContent()).toBe('全市');
    await page.keyboard.press('Enter');
    await expect.poll(count).toBe('第 3 / 4 处');
    await page.keyboard.press('Enter');
    await expect.poll(count).toBe('第 4 / 4 处');
    await page.keyboard.press('Enter');
    await expect.poll(count).toBe('第 1 / 4 处'); // wraps around
    await page.keyboard.press('Shift+Enter');
    await expect.poll(count).toBe('第 4 / 4 处');
    await page.keyboard.press('F3');
    await expect.poll(count).toBe('第 1 / 4 处');
    await page.keyboard.press('Shift+F3');
    await expect.poll(count).toBe('第 4 / 4 处');
    // Focus stays in the box while moving between matches.
    expect(await active()).toBe('find-input');

    await page.fill('[data-testid="find-input"]', 'gdp');
    await expect.poll(count).toMatch(/\/ 2 处$/);
    await page.check('[data-testid="find-case"]');
    await expect.poll(count).toBe('第 1 / 1 处');
    await page.uncheck('[data-testid="find-case"]');
    await page.fill('[data-testid="find-input"]', '没有这个词');
    await expect.poll(count).toBe('无结果');
    expect(await page.locator(`${EDITOR} .find-match`).count()).toBe(0);

    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="find-bar"]', { state: 'detached' });
    expect(await active()).toBe('editor');
  });

  it('the box does not search the pinyin of a composition, only what it commits; 仅选区 limits the search to the selection', async () => {
    const { page } = app;
    // Blocks 1 and 2 selected: too long for a query, so they become the scope.
    await block(1).click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Control+f');
    await page.waitForSelector('[data-testid="find-input"]');
    // the bar takes the scope as it opens (the render after its first): waited for, not read at once
    await expect.poll(() => page.isChecked('[data-testid="find-selection"]')).toBe(true);
    // (The box keeps the last query; start empty, and search everything first.)
    await page.fill('[data-testid="find-input"]', '');
    await page.uncheck('[data-testid="find-selection"]');
    await page.focus('[data-testid="find-input"]');
    const cdp = await page.context().newCDPSession(page);
    try {
      // 'gd' would match GDP / gdp if it were searched mid-composition.
      await cdp.send('Input.imeSetComposition', { text: 'gd', selectionStart: 2, selectionEnd: 2 });
      // the box holds the pinyin and a frame has been painted since (searching has no timer: it would show by now)
      await page.waitForFunction(() => (document.querySelector('[data-testid="find-input"]') as HTMLInputElement).value === 'gd');
      await page.evaluate(() => window.__afterPaint());
      expect(await count()).toBe('');
      expect(await page.locator(`${EDITOR} .find-match`).count()).toBe(0);
      await cdp.send('Input.insertText', { text: '全市' });
    } finally {
      await cdp.detach().catch(() => undefined);
    }
    await expect.poll(count).toMatch(/\/ 4 处$/);
    // Inside the selection: block 1 once, block 2 twice (not the title's).
    await page.check('[data-testid="find-selection"]');
    await expect.poll(count).toMatch(/\/ 3 处$/);
    await page.uncheck('[data-testid="find-selection"]');
    await expect.poll(count).toMatch(/\/ 4 处$/);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="find-bar"]', { state: 'detached' });
  });

  it('Ctrl+H 全部替换 is one undo step: one Ctrl+Z restores every replacement', async () => {
    const { page } = app;
    await block(3).click();
    await page.keyboard.press('Control+h');
    await page.waitForSelector('[data-testid="replace-input"]');
    await page.fill('[data-testid="find-input"]', '全市');
    await expect.poll(count).toMatch(/\/ 4 处$/);
    await page.click('[data-testid="replace-input"]');
    await typeIme(page, '本市');
    await page.click('[data-testid="replace-all"]');
    await expect.poll(count).toBe('无结果');
    expect(await texts()).toEqual(['在本市干部大会上的讲话', '本市上下要团结一心。', '本市经济稳中向好，本市人民安居乐业。', BODY[2]]);

    // 替换 one at a time: the current match only, then the next.
    await page.fill('[data-testid="find-input"]', '本市');
    await expect.poll(count).toMatch(/\/ 4 处$/);
    await page.click('[data-testid="replace-input"]');
    await page.fill('[data-testid="replace-input"]', '全市');
    await page.click('[data-testid="replace-one"]');
    await expect.poll(count).toMatch(/\/ 3 处$/);
    await page.click('[data-testid="replace-one"]');
    await expect.poll(count).toMatch(/\/ 2 处$/);

    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="find-bar"]', { state: 'detached' });
    // Two single replacements, then the replace-all: three undo steps back to the original text.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(texts).toEqual(['在本市干部大会上的讲话', '本市上下要团结一心。', '本市经济稳中向好，本市人民安居乐业。', BODY[2]]);
    await page.keyboard.press('Control+z');
    await expect.poll(texts).toEqual([TITLE, ...BODY]);
    await page.keyboard.press('Control+y');
    await expect.poll(texts).toEqual(['在本市干部大会上的讲话', '本市上下要团结一心。', '本市经济稳中向好，本市人民安居乐业。', BODY[2]]);
    await page.keyboard.press('Control+z');
    await expect.poll(texts).toEqual([TITLE, ...BODY]);
  });

  it('typing through the IME in the editor while the bar is open: no lost characters, matches follow', async () => {
    const { page } = app;
    await page.keyboard.press('Control+f');
    await page.fill('[data-testid="find-input"]', '稳中');
    await expect.poll(count).toBe('第 1 / 1 处');
    await block(1).click();
    await page.keyboard.press('End');
    await typeIme(page, '稳中求进，');
    await typeIme(page, '稳中有为', { chunk: 1 });
    expect((await texts())[1]).toBe('全市上下要团结一心。稳中求进，稳中有为');
    await expect.poll(count).toMatch(/\/ 3 处$/);
    expect(await page.locator('[data-testid="find-bar"]').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="find-bar"]', { state: 'detached' });
    expect(app.errors).toEqual([]);
  });

  it('shows the selection 字数 and its 预计时长 in the status bar', async () => {
    const { page } = app;
    await block(2).click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    // 全市经济稳中向好，全市人民安居乐业。 = 18 characters; at 220 per minute about 5 seconds.
    await expect.poll(() => page.locator('[data-testid="selection-count"]').textContent()).toBe('选中 18 字 · 约 5 秒');
    await page.keyboard.press('End');
    await page.waitForSelector('[data-testid="selection-count"]', { state: 'detached' });
  });

  it("a new draft's name follows its title, also after a pause mid-title", async () => {
    const { page } = app;
    await page.click('[data-testid="new-draft"]');
    await expect.poll(() => page.locator('.titlebar .doc-name').textContent()).toContain('未命名文稿');
    await block(0).click();
    await typeIme(page, '在全');
    await waitSaved(page);
    await expect.poll(() => page.locator('.titlebar .doc-name').textContent()).toContain('在全');
    await typeIme(page, '市经济工作会议上的讲话');
    await expect.poll(() => page.locator('.titlebar .doc-name').textContent(), { timeout: 10_000 }).toBe('— 在全市经济工作会议上的讲话');
    const list = await app.services.handlers['drafts.list']({});
    expect(list.map((d) => (d.status === 'ok' ? d.name : ''))).toContain('在全市经济工作会议上的讲话');
  });
});
