import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR, hasBuild, hasChromium, renderedBlocks, startApp, typeIme, type E2EApp } from './harness';

// Word's clipboard HTML: <h1> with the list number Word writes as text, mso-outline-level, MsoTitle.
const WORD_HTML = `<html><body><!--StartFragment-->
<p class=MsoTitle>在全市工作会议上的讲话</p>
<p class=MsoNormal>同志们：</p>
<h1><![if !supportLists]><span>一、</span><![endif]>总体要求</h1>
<p class=MsoNormal>今年的工作要稳字当头。</p>
<p class=MsoNormal style='mso-outline-level:2'>（一）具体任务</p>
<p class=MsoNormal>一是加强学习；二是改进作风。</p>
<h1>二、保障措施</h1>
<!--EndFragment--></body></html>`;
const WORD_TEXT = '在全市工作会议上的讲话\n同志们：\n一、总体要求\n今年的工作要稳字当头。\n（一）具体任务\n一是加强学习；二是改进作风。\n二、保障措施';

const EXPECTED = [
  ['title', '', '在全市工作会议上的讲话'],
  ['salutation', '', '同志们：'],
  ['heading', '一、', '总体要求'],
  ['paragraph', '', '今年的工作要稳字当头。'],
  ['heading', '（一）', '具体任务'],
  ['paragraph', '', '一是加强学习；二是改进作风。'],
  ['heading', '二、', '保障措施'],
];

describe.skipIf(!hasChromium || !hasBuild)('paste from Word (text/html) and plain text', () => {
  let app: E2EApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const paste = (data: Record<string, string>) =>
    app.page.evaluate(
      ({ data, editor }) => {
        const dt = new DataTransfer();
        for (const [k, v] of Object.entries(data)) dt.setData(k, v);
        const target = document.activeElement?.closest(editor) ? (window.getSelection()?.anchorNode?.parentElement ?? document.querySelector(editor)!) : document.querySelector(editor)!;
        target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      },
      { data, editor: EDITOR },
    );
  const rows = async () => (await renderedBlocks(app.page)).map((b) => [b.type, b.num, b.text]).filter((r) => r[2] !== '' || r[0] !== 'paragraph');
  const outline = () => app.page.$$eval('.outline-item', (els) => els.map((e) => (e.textContent ?? '').trim()));

  /** A new draft (empty title, 同志们：, empty body paragraph) with the caret in its body paragraph. */
  async function newDraft(): Promise<void> {
    const { page } = app;
    // the editor is mounted again for the new draft: wait until the old one is gone (or a paste lands in it)
    const before = await page.$(EDITOR);
    await page.click('[data-testid="new-draft"]');
    if (before) await before.waitForElementState('hidden');
    await page.waitForSelector(EDITOR);
    await page.locator(`${EDITOR} [data-slate-node="element"]`).nth(2).click();
    await expect.poll(rows).toEqual([
      ['title', '', ''],
      ['salutation', '', '同志们：'],
    ]);
  }

  it('Word HTML becomes headings, title and salutation; numbers generated; 导航 shows them; one undo step undoes it', async () => {
    await newDraft();
    await paste({ 'text/html': WORD_HTML, 'text/plain': WORD_TEXT });
    await expect.poll(rows).toEqual(EXPECTED);
    await expect.poll(outline, { timeout: 5000 }).toEqual(['在全市工作会议上的讲话', '一、总体要求', '（一）具体任务', '二、保障措施']);
    await app.page.keyboard.press('Control+Z');
    await expect.poll(rows).toEqual([
      ['title', '', ''],
      ['salutation', '', '同志们：'],
    ]);
  });

  it('plain text gives the same blocks as the HTML (the same recognition as import)', async () => {
    await newDraft();
    await paste({ 'text/plain': WORD_TEXT });
    await expect.poll(rows).toEqual(EXPECTED);
    await expect.poll(outline, { timeout: 5000 }).toEqual(['在全市工作会议上的讲话', '一、总体要求', '（一）具体任务', '二、保障措施']);
  });

  it('a fragment pasted inside running text stays plain text; Ctrl+1 on 「一、…」 removes the typed number', async () => {
    const { page } = app;
    // caret in the middle of 「今年的工作要稳字当头。」
    await page.locator(`${EDITOR} [data-slate-node="element"]`).nth(3).click();
    await page.keyboard.press('End');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await paste({ 'text/plain': '、稳中求进', 'text/html': '<span>、稳中求进</span>' });
    await expect.poll(async () => (await renderedBlocks(page))[3]).toEqual({ type: 'paragraph', num: '', text: '今年的工作要稳字、稳中求进当头。' });
    // A new paragraph typed with its number, then made a level-1 heading.
    await page.locator(`${EDITOR} [data-slate-node="element"]`).last().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await typeIme(page, '三、工作要求');
    await page.keyboard.press('Control+1');
    await expect.poll(async () => (await renderedBlocks(page)).at(-1)).toEqual({ type: 'heading', num: '三、', text: '工作要求' });
  });
  it('a titled speech pasted into a draft that has a title: one title; the pasted title, byline and salutation are body text', async () => {
    const { page } = app;
    await newDraft();
    await paste({ 'text/plain': WORD_TEXT });
    await expect.poll(rows).toEqual(EXPECTED);
    // caret at the end of the last block, then a second speech with title, byline and salutation
    await page.locator(`${EDITOR} [data-slate-node="element"]`).last().click();
    await page.keyboard.press('End');
    await paste({ 'text/plain': '在2024年全市工作会议上的讲话\n（2024年3月5日）\n同志们：\n一、回顾去年\n去年的工作稳中有进。' });
    await expect.poll(rows).toEqual([
      ...EXPECTED,
      ['paragraph', '', '在2024年全市工作会议上的讲话'],
      ['paragraph', '', '（2024年3月5日）'],
      ['paragraph', '', '同志们：'],
      ['heading', '三、', '回顾去年'],
      ['paragraph', '', '去年的工作稳中有进。'],
    ]);
    await expect.poll(outline, { timeout: 5000 }).toEqual(['在全市工作会议上的讲话', '一、总体要求', '（一）具体任务', '二、保障措施', '三、回顾去年']);
  });
});
