import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS_DIR, EDITOR, focusEditor, hasBuild, hasChromium, renderedBlocks, startApp, typeIme, waitSaved, type E2EApp } from './harness';

describe.skipIf(!hasChromium || !hasBuild)('editor in the browser (bridge + Chromium)', () => {
  let app: E2EApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const blocksAt = async (i: number) => app.page.locator(`${EDITOR} [data-slate-node="element"]`).nth(i);

  it('creates a draft, takes IME input, numbers headings, moves sections, autosaves, and survives a reload', async () => {
    const { page } = app;
    // Empty state first.
    await page.waitForSelector('text=还没有文稿');
    await page.click('[data-testid="new-draft"]');
    await page.waitForSelector(EDITOR);

    // Title through the IME.
    await (await blocksAt(0)).click();
    await typeIme(page, '在全市机关干部大会上的讲话');
    // Body and headings: the third block is the empty body paragraph of a new draft.
    await (await blocksAt(2)).click();
    await page.keyboard.press('End');
    await typeIme(page, '这次会议很重要。');
    const line = async (text: string, shortcut?: string) => {
      await page.keyboard.press('Enter');
      await typeIme(page, text);
      if (shortcut) await page.keyboard.press(shortcut);
    };
    await line('总体要求', 'Control+1');
    await line('坚持稳中求进。');
    await line('重点任务', 'Control+1');
    await line('抓好项目建设', 'Control+2');
    await line('抓好民生实事', 'Control+2');
    await line('具体措施', 'Control+3');
    await line('落实责任', 'Control+4');

    const expected1 = [
      ['title', '', '在全市机关干部大会上的讲话'],
      ['salutation', '', '同志们：'],
      ['paragraph', '', '这次会议很重要。'],
      ['heading', '一、', '总体要求'],
      ['paragraph', '', '坚持稳中求进。'],
      ['heading', '二、', '重点任务'],
      ['heading', '（一）', '抓好项目建设'],
      ['heading', '（二）', '抓好民生实事'],
      ['heading', '1.', '具体措施'],
      ['heading', '（1）', '落实责任'],
    ];
    const asRows = async () => (await renderedBlocks(page)).map((b) => [b.type, b.num, b.text]);
    // No duplicated or lost characters from the compositions.
    expect(await asRows()).toEqual(expected1);
    // The generated numbers are not part of the text: selecting the heading text gives the text only.
    expect(await (await blocksAt(3)).evaluate((el) => el.textContent)).toBe('总体要求');

    // Move the 重点任务 section (with its sub-headings) above 总体要求: Alt+Shift+↑.
    await (await blocksAt(5)).click();
    await page.keyboard.press('Alt+Shift+ArrowUp');
    const expected2 = [
      ['title', '', '在全市机关干部大会上的讲话'],
      ['salutation', '', '同志们：'],
      ['paragraph', '', '这次会议很重要。'],
      ['heading', '一、', '重点任务'],
      ['heading', '（一）', '抓好项目建设'],
      ['heading', '（二）', '抓好民生实事'],
      ['heading', '1.', '具体措施'],
      ['heading', '（1）', '落实责任'],
      ['heading', '二、', '总体要求'],
      ['paragraph', '', '坚持稳中求进。'],
    ];
    expect(await asRows()).toEqual(expected2);

    // Move one block down (Alt+↓): 抓好项目建设 below 抓好民生实事; numbers follow.
    await (await blocksAt(4)).click();
    await page.keyboard.press('Alt+ArrowDown');
    const rows3 = await asRows();
    expect(rows3.slice(4, 6)).toEqual([
      ['heading', '（一）', '抓好民生实事'],
      ['heading', '（二）', '抓好项目建设'],
    ]);
    // Undo and redo the move.
    await page.keyboard.press('Control+z');
    expect((await asRows()).slice(4, 6)).toEqual([
      ['heading', '（一）', '抓好项目建设'],
      ['heading', '（二）', '抓好民生实事'],
    ]);
    await page.keyboard.press('Control+y');
    expect(await asRows()).toEqual(rows3);

    // Change a level: 具体措施 (level 3) becomes level 2 → （三）; 落实责任 (level 4) stays （1） under it.
    await (await blocksAt(6)).click();
    await page.keyboard.press('Control+2');
    const lastEdit = Date.now();
    expect((await asRows()).slice(6, 8)).toEqual([
      ['heading', '（三）', '具体措施'],
      ['heading', '（1）', '落实责任'],
    ]);

    // The outline panel lists the headings with their numbers.
    // (The panels see the document shortly after edits settle.)
    await expect
      .poll(() => page.$$eval('.outline-item', (els) => els.map((e) => (e.textContent ?? '').trim())))
      .toEqual(['在全市机关干部大会上的讲话', '一、重点任务', '（一）抓好民生实事', '（二）抓好项目建设', '（三）具体措施', '（1）落实责任', '二、总体要求']);

    // Clicking an outline entry selects that heading in the editor and marks it as the current section.
    await page.click('.outline-item:has-text("总体要求")');
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('总体要求');
    await expect.poll(() => page.textContent('.outline-item.current')).toBe('二、总体要求');

    // Autosave within 2 s after typing stops.
    await waitSaved(page, 5000);
    // Debounce 1 s + the save itself; the margin is for a loaded CI machine.
    expect(Date.now() - lastEdit).toBeLessThan(2800);
    const finalRows = await asRows();

    // Status bar: 字数 counts every non-space character typed.
    const chars = finalRows.reduce((n, r) => n + (r[2] as string).replace(/\s/g, '').length, 0);
    await expect.poll(() => page.textContent('[data-testid="char-count"]')).toBe(`字数 ${chars}`);

    // The file on disk holds the document; numbers and hints are never saved as text.
    const draftsDir = path.join(app.workspace, 'drafts');
    const files = readdirSync(draftsDir).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    const onDisk = JSON.parse(readFileSync(path.join(draftsDir, files[0]), 'utf8'));
    expect(onDisk.format).toBe('speechdraft-draft');
    // A new draft takes its title as its name once saved.
    expect(onDisk.name).toBe('在全市机关干部大会上的讲话');
    await expect.poll(() => page.textContent('.draft-item.active .draft-name')).toBe('在全市机关干部大会上的讲话');
    expect(onDisk.schemaVersion).toBe(1);
    const diskRows = (onDisk.doc.blocks as { type: string; level?: number; children: { text: string }[] }[]).map((b) => [
      b.type,
      b.level ?? 0,
      b.children.map((c) => c.text).join(''),
    ]);
    expect(diskRows).toEqual([
      ['title', 0, '在全市机关干部大会上的讲话'],
      ['salutation', 0, '同志们：'],
      ['paragraph', 0, '这次会议很重要。'],
      ['heading', 1, '重点任务'],
      ['heading', 2, '抓好民生实事'],
      ['heading', 2, '抓好项目建设'],
      ['heading', 2, '具体措施'],
      ['heading', 4, '落实责任'],
      ['heading', 1, '总体要求'],
      ['paragraph', 0, '坚持稳中求进。'],
    ]);

    // Reload: everything comes back as typed.
    await page.reload();
    await page.waitForSelector(EDITOR);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="editor"] [data-slate-node="element"]').length === 10);
    expect(await asRows()).toEqual(finalRows);

    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'main-window.png') });
    expect(app.errors).toEqual([]);
  });

  it('composes in the middle of a paragraph without moving the caret', async () => {
    const { page } = app;
    const para = page.locator(`${EDITOR} [data-slate-node="element"]`).nth(2);
    expect((await renderedBlocks(page))[2].text).toBe('这次会议很重要。');
    await para.click();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await typeIme(page, '全市');
    await typeIme(page, '干部', { chunk: 1 });
    expect((await renderedBlocks(page))[2].text).toBe('这次全市干部会议很重要。');
    // Undo removes the typed text again (history works across compositions).
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    expect((await renderedBlocks(page))[2].text).toBe('这次会议很重要。');
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+Shift+z');
    expect((await renderedBlocks(page))[2].text).toBe('这次全市干部会议很重要。');
    // The toolbar shows the kind of the block holding the caret, and its buttons set it.
    await expect.poll(() => page.getAttribute('[data-testid="kind-paragraph"]', 'aria-pressed')).toBe('true');
    await page.click('[data-testid="kind-byline"]');
    expect((await renderedBlocks(page))[2]).toEqual({ type: 'byline', num: '', text: '这次全市干部会议很重要。' });
    await expect.poll(() => page.getAttribute('[data-testid="kind-byline"]', 'aria-pressed')).toBe('true');
    await page.click('[data-testid="kind-h3"]');
    expect((await renderedBlocks(page))[2]).toEqual({ type: 'heading', num: '1.', text: '这次全市干部会议很重要。' });
    await page.keyboard.press('Control+0');
    expect((await renderedBlocks(page))[2].type).toBe('paragraph');
    // The editor is an editing host for the browser and for Slate, but not for React, which would otherwise
    // walk the whole draft's text before every commit to save the caret (editor/editingHost.ts; the editor
    // bench shows the effect on typing in a long draft). The property reads so on this element only.
    const host = await page.evaluate((sel) => {
      const el = document.querySelector(sel) as HTMLElement;
      const other = document.createElement('div');
      other.setAttribute('contenteditable', 'true');
      return { attribute: el.getAttribute('contenteditable'), isEditable: el.isContentEditable, property: el.contentEditable, focused: document.activeElement === el, other: other.contentEditable };
    }, EDITOR);
    expect(host).toEqual({ attribute: 'true', isEditable: true, property: 'inherit', focused: true, other: 'true' });
  });

  it('keeps text typed while a save is in flight, and Ctrl+S saves at once', async () => {
    const { page } = app;
    await focusEditor(page);
    await page.keyboard.press('Enter');
    await typeIme(page, '第一句。');
    await page.keyboard.press('Control+s');
    // Type more immediately, while the save may still be running.
    await typeIme(page, '第二句。');
    await page.keyboard.press('Control+s');
    await waitSaved(page, 5000);
    const files = readdirSync(path.join(app.workspace, 'drafts')).filter((f) => f.endsWith('.json'));
    const onDisk = JSON.parse(readFileSync(path.join(app.workspace, 'drafts', files[0]), 'utf8'));
    const last = onDisk.doc.blocks[onDisk.doc.blocks.length - 1];
    expect(last.children.map((c: { text: string }) => c.text).join('')).toBe('第一句。第二句。');
  });

  it('refuses to overwrite a copy saved elsewhere meanwhile (保存失败) and lets the writer choose', async () => {
    const { page } = app;
    const id = (await page.getAttribute('.draft-item.active', 'data-draft-id'))!;
    // Someone else (the CLI, another window) saves the draft meanwhile.
    const other = await app.services.handlers['drafts.get']({ id });
    await app.services.handlers['drafts.save']({ id, doc: { blocks: [...other.doc.blocks, { type: 'paragraph', children: [{ text: '别处写的。' }] }] }, baseRevision: other.revision });
    await focusEditor(page);
    await typeIme(page, '这里写的。');
    await page.waitForSelector('[data-testid="save-state"][data-state="conflict"]', { timeout: 5000 });
    expect(await page.textContent('[data-testid="save-state"]')).toContain('保存失败');
    await page.waitForSelector('.banner-error');
    // The other copy is still on disk, untouched.
    const mid = JSON.parse(readFileSync(path.join(app.workspace, 'drafts', `${id}.json`), 'utf8'));
    expect(mid.doc.blocks.at(-1).children[0].text).toBe('别处写的。');
    // The writer keeps this window's text.
    await page.click('text=保存本窗口内容（另一份存为副本）');
    await waitSaved(page, 5000);
    // Nothing saved is lost: the other copy became a duplicate draft.
    await expect.poll(() => page.locator('.draft-item').count()).toBe(2);
    const copies = readdirSync(path.join(app.workspace, 'drafts')).filter((f) => f.endsWith('.json') && f !== `${id}.json`);
    expect(copies).toHaveLength(1);
    const copy = JSON.parse(readFileSync(path.join(app.workspace, 'drafts', copies[0]), 'utf8'));
    expect(copy.doc.blocks.at(-1).children[0].text).toBe('别处写的。');
    const after = JSON.parse(readFileSync(path.join(app.workspace, 'drafts', `${id}.json`), 'utf8'));
    expect(after.doc.blocks.at(-1).children.map((c: { text: string }) => c.text).join('')).toBe('第一句。第二句。这里写的。');
    expect(await page.locator('.banner-error').count()).toBe(0);
  });
});
