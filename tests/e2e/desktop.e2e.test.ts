// The renderer's side of the Electron menu and the 回收站, in Chromium. The Electron preload is stood in for
// by an init script with the same shape (window.speechdraft = { platform, invoke, onMenuCommand }) whose
// invoke goes to the loopback bridge, so the menu commands run against the real services.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { focusEditor, hasBuild, hasChromium, startApp, type E2EApp } from './harness';

const FAKE_PRELOAD = `
(() => {
  const listeners = new Set();
  window.speechdraft = {
    platform: 'electron',
    async invoke(method, input) {
      if (method === 'desktop.closeDecision') {
        window.__closeDecision = input;
        return { ok: true, value: { closing: input.close } };
      }
      const token = document.querySelector('meta[name="speechdraft-token"]')?.content ?? '';
      const r = await fetch('/api/' + encodeURIComponent(method), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-SpeechDraft-Token': token },
        body: JSON.stringify(input ?? {}),
      });
      return r.json();
    },
    onMenuCommand(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
  window.__menu = (cmd) => listeners.forEach((cb) => cb(cmd));
  window.__menuListeners = () => listeners.size;
})();
`;

describe.skipIf(!hasChromium || !hasBuild)('Electron menu commands and the 回收站 (renderer, in Chromium)', () => {
  let app: E2EApp;

  beforeAll(async () => {
    app = await startApp({
      setup: async (s) => {
        await s.handlers['drafts.create']({ name: '甲稿', doc: { blocks: [{ type: 'title', children: [{ text: '甲稿' }] }, { type: 'paragraph', children: [{ text: '正文。' }] }] } });
      },
    });
    await app.context.addInitScript(FAKE_PRELOAD);
    await app.page.reload();
    await app.page.waitForSelector('.app');
    await app.page.waitForFunction(() => (window as unknown as { __menuListeners(): number }).__menuListeners() > 0);
  });
  afterAll(async () => {
    await app?.close();
  });

  const menu = (cmd: string) => app.page.evaluate((c) => (window as unknown as { __menu(c: string): void }).__menu(c), cmd);
  const names = () => app.page.$$eval('.sidebar .draft-item:not(.damaged) .draft-name', (els) => els.map((e) => e.textContent ?? ''));
  const draftFiles = () => readdirSync(app.services.ctx.layout.draftsDir).filter((n) => n.endsWith('.json'));
  const trashFiles = () => (existsSync(app.services.ctx.layout.trashDir) ? readdirSync(app.services.ctx.layout.trashDir) : []);

  it('文件 → 新建文稿 creates and opens a draft', async () => {
    await expect.poll(names).toEqual(['甲稿']);
    await menu('draft.new');
    await expect.poll(names).toHaveLength(2);
    expect(draftFiles()).toHaveLength(2);
    await expect.poll(() => app.page.locator('.titlebar .doc-name').textContent()).toContain('未命名文稿');
  });

  it('文件 → 删除 asks, moves the open draft to 回收站; the 回收站 dialog restores it', async () => {
    await menu('draft.delete');
    const ok = app.page.locator('.modal .btn-danger');
    await ok.waitFor();
    expect(await app.page.locator('.modal').textContent()).toContain('回收站');
    await ok.click();
    await expect.poll(names).toEqual(['甲稿']);
    expect(draftFiles()).toHaveLength(1);
    expect(trashFiles()).toHaveLength(1);

    await app.page.click('[data-testid="trash"]');
    const row = app.page.locator('[data-testid="trash-list"] [data-trash-id]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('未命名文稿');
    await row.locator('button', { hasText: '恢复' }).click();
    await expect.poll(names).toHaveLength(2);
    expect(draftFiles()).toHaveLength(2);
    expect(trashFiles()).toHaveLength(0);
    await expect.poll(() => app.page.locator('.titlebar .doc-name').textContent()).toContain('未命名文稿');
  });

  it('编辑 → 查找 / 替换 open the find bar (and the replacement row)', async () => {
    await menu('edit.find');
    await app.page.locator('[data-testid="find-bar"]').waitFor();
    expect(await app.page.locator('[data-testid="replace-input"]').count()).toBe(0);
    await menu('edit.replace');
    await app.page.locator('[data-testid="replace-input"]').waitFor();
    await app.page.click('[data-testid="find-close"]');
    await expect.poll(() => app.page.locator('[data-testid="find-bar"]').count()).toBe(0);
  });

  it('导出 Word, 帮助 → 快捷键 and 回收站 open their dialogs; workspace.changed reloads the list', async () => {
    await menu('draft.export');
    await app.page.locator('[data-testid="docx-export-dialog"]').waitFor();
    await app.page.locator('.modal .btn', { hasText: '取消' }).click();
    await expect.poll(() => app.page.locator('.modal').count()).toBe(0);
    await menu('help.shortcuts');
    await app.page.locator('.modal', { hasText: 'Ctrl+1' }).waitFor();
    await app.page.locator('.modal .btn-primary').click();
    await menu('trash.open');
    await app.page.locator('.modal', { hasText: '回收站是空的' }).waitFor();
    await app.page.locator('.modal .btn', { hasText: '关闭' }).click();
    await menu('workspace.changed');
    await app.page.locator('.notice, [class*="notice"]', { hasText: path.basename(app.workspace) }).first().waitFor();
    expect(app.errors).toEqual([]);
  });

  it('closing the window saves what was just typed before saying yes', async () => {
    // (The workspace.changed command above closed the open draft.)
    await app.page.locator('.sidebar .draft-item:not(.damaged)', { hasText: '甲稿' }).click();
    await app.page.locator('.sidebar .draft-item.active').waitFor();
    await app.page.locator('[data-testid="editor"]').waitFor();
    const id = await app.page.locator('.sidebar .draft-item.active').getAttribute('data-draft-id');
    expect(id).toBeTruthy();
    await focusEditor(app.page);
    await app.page.keyboard.type('closing-test-42');
    // At once, well before the autosave delay.
    await menu('app.beforeClose');
    await app.page.waitForFunction(() => (window as unknown as { __closeDecision?: unknown }).__closeDecision !== undefined);
    expect(await app.page.evaluate(() => (window as unknown as { __closeDecision: unknown }).__closeDecision)).toEqual({ close: true });
    const onDisk = readFileSync(path.join(app.services.ctx.layout.draftsDir, `${id}.json`), 'utf8');
    expect(onDisk).toContain('closing-test-42');
    expect(app.errors).toEqual([]);
  });
});
