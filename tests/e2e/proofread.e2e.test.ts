import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR, focusEditor, hasBuild, hasChromium, startApp, waitSaved, type E2EApp } from './harness';

describe.skipIf(!hasChromium || !hasBuild)('校对 in the browser', () => {
  let app: E2EApp;
  let draftId = '';

  beforeAll(async () => {
    app = await startApp({
      setup: async (s) => {
        const d = await s.handlers['drafts.create']({
          name: '在全县机关作风建设会议上的讲话',
          doc: {
            blocks: [
              { type: 'title', children: [{ text: '在全县机关作风建设会议上的讲话' }] },
              { type: 'salutation', children: [{ text: '同志们：' }] },
              { type: 'paragraph', children: [{ text: '对群众反映的问题，' }] },
            ],
          },
        });
        draftId = d.id;
      },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  const lastText = () => app.page.locator(`${EDITOR} [data-slate-node="element"]`).last().textContent();

  it('a misspelling typed through an IME is underlined after the composition ends and fixed from the panel in one undo step', async () => {
    const { page, services } = app;
    await page.waitForSelector(EDITOR);
    await page.click('[role="tab"]:has-text("校对")');
    await page.waitForSelector('[data-testid="proofread-panel"]');
    await focusEditor(page);

    // Compose 推萎 (pinyin growing), stay composing well past the check delay: nothing is underlined meanwhile.
    // The page's timers on a paused clock meanwhile: the check's delay (150 ms) and its retries while
    // composing (300 ms each) run when the test advances the clock, not after a sleep.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1_000);
    const cdp = await page.context().newCDPSession(page);
    for (const s of ['t', 'tu', 'tui', 'tuiw', 'tuiwe', 'tuiwei']) await cdp.send('Input.imeSetComposition', { text: s, selectionStart: s.length, selectionEnd: s.length });
    await page.clock.runFor(1_200);
    await page.clock.resume();
    await page.evaluate(() => window.__afterPaint()); // whatever those timers did is on screen
    expect(await page.locator(`${EDITOR} .proof-mark`).count()).toBe(0);
    await cdp.send('Input.insertText', { text: '推萎' });
    await cdp.send('Input.imeSetComposition', { text: 'ch', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: '扯皮' });
    await cdp.detach();
    await page.keyboard.insertText('。');

    // After the composition: the slip is underlined in the editor and listed under 错别字.
    const mark = page.locator(`${EDITOR} .proof-mark.proof-typo`);
    await mark.first().waitFor();
    expect(await mark.first().textContent()).toContain('推萎');
    const item = page.locator('[data-testid="proofread-panel"] [data-kind="typo"] [data-testid="proof-item"]');
    await item.first().waitFor();
    expect(await item.first().textContent()).toContain('“推萎扯皮”应为“推诿扯皮”');

    // One click fixes it; the underline goes away.
    await item.first().locator('[data-testid="proof-fix"]').click();
    await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? '').includes('推诿扯皮'), `${EDITOR} [data-slate-node="element"]:last-child`);
    expect(await lastText()).toBe('对群众反映的问题，推诿扯皮。');
    await mark.first().waitFor({ state: 'detached' });
    await waitSaved(page);
    const saved = await services.handlers['drafts.get']({ id: draftId });
    expect(saved.doc.blocks[2].children.map((c) => c.text).join('')).toBe('对群众反映的问题，推诿扯皮。');

    // One undo step brings the slip back (and its underline).
    await page.keyboard.press('Control+z');
    await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? '').includes('推萎扯皮'), `${EDITOR} [data-slate-node="element"]:last-child`);
    expect(await lastText()).toBe('对群众反映的问题，推萎扯皮。');
    await mark.first().waitFor();

    // 加入词库: never flagged again in this workspace.
    await item.first().locator('button:has-text("加入词库")').click();
    await mark.first().waitFor({ state: 'detached' });
    expect((await services.handlers['proofread.words']({})).words).toEqual(['推萎扯皮']);
    // 移出 (the 词库 list at the panel's foot): flagged again.
    await page.click('[data-testid="proof-words"] summary');
    await page.click('[data-testid="proof-words"] button:has-text("移出")');
    await mark.first().waitFor();
    expect((await services.handlers['proofread.words']({})).words).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('keeps an underline on its word while the writer types before it and splits the paragraph, before the check runs again', async () => {
    const { page } = app;
    const mark = page.locator(`${EDITOR} .proof-mark.proof-typo`);
    await mark.first().waitFor();
    expect(await mark.first().textContent()).toBe('推萎扯皮');
    // the check's timers held (the clock the first test installed; the editor renders an edit at once, no timer
    // needed): what is on screen is the old result, moved with the edits
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    const para = page.locator(`${EDITOR} [data-slate-node="element"]`).last();
    await para.click();
    await page.keyboard.press('Home');
    await page.keyboard.insertText('今后');
    expect(await lastText()).toBe('今后对群众反映的问题，推萎扯皮。');
    expect(await mark.first().textContent()).toBe('推萎扯皮');
    // Enter (after 今后, before the word): the word and its underline are in the new last paragraph
    await page.keyboard.press('Enter');
    expect(await lastText()).toBe('对群众反映的问题，推萎扯皮。');
    expect(await page.locator(`${EDITOR} [data-slate-node="element"]`).last().locator('.proof-mark.proof-typo').textContent()).toBe('推萎扯皮');
    await page.clock.resume();
    expect(app.errors).toEqual([]);
  });
});
