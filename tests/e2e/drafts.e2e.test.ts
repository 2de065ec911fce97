import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EDITOR, focusEditor, hasBuild, hasChromium, renderedBlocks, startApp, type E2EApp } from './harness';

const DAMAGED = '{"format":"speechdraft-draft","schemaVersion":1,"id":"broken1","name":"坏文件"'; // truncated JSON

describe.skipIf(!hasChromium || !hasBuild)('draft list, damaged files, settings and import (browser)', () => {
  let app: E2EApp;
  let firstId = '';

  beforeAll(async () => {
    app = await startApp({
      setup: async (s) => {
        const d = await s.handlers['drafts.create']({
          name: '全市机关干部大会讲话',
          doc: { blocks: [{ type: 'title', children: [{ text: '在全市机关干部大会上的讲话' }] }, { type: 'paragraph', children: [{ text: '同志们，今天的会议很重要。' }] }] },
        });
        firstId = d.id;
        writeFileSync(path.join(s.ctx.layout.draftsDir, 'broken1.json'), DAMAGED);
      },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists drafts, shows a damaged file greyed with its reason and never opens or rewrites it', async () => {
    const { page } = app;
    // The most recent draft opens by itself.
    await page.waitForFunction((sel) => document.querySelectorAll(`${sel} [data-slate-node="element"]`).length === 2, EDITOR);
    expect((await renderedBlocks(page))[0].text).toBe('在全市机关干部大会上的讲话');
    const damaged = page.locator('.draft-item.damaged');
    await expect.poll(() => damaged.count()).toBe(1);
    expect(await damaged.textContent()).toContain('broken1.json');
    expect(await damaged.textContent()).toContain('无法打开');
    expect(await damaged.getAttribute('title')).toMatch(/JSON/);
    await damaged.click();
    // Still the first draft in the editor, and the damaged bytes are untouched.
    expect((await renderedBlocks(page))[0].text).toBe('在全市机关干部大会上的讲话');
    expect(readFileSync(path.join(app.workspace, 'drafts', 'broken1.json'), 'utf8')).toBe(DAMAGED);
  });

  it('renames, duplicates and deletes (to 回收站, after confirmation)', async () => {
    const { page } = app;
    const item = page.locator(`.draft-item[data-draft-id="${firstId}"]`);
    await item.hover();
    await item.locator('text=重命名').click();
    const input = page.locator('.modal input');
    await input.fill('改过的名字');
    await page.locator('.modal >> text=确定').click();
    await expect.poll(() => item.locator('.draft-name').textContent()).toBe('改过的名字');
    const onDisk = JSON.parse(readFileSync(path.join(app.workspace, 'drafts', `${firstId}.json`), 'utf8'));
    expect(onDisk.name).toBe('改过的名字');

    await item.hover();
    await item.locator('text=复制').click();
    await expect.poll(() => page.locator('.draft-item:has-text("改过的名字（副本）")').count()).toBe(1);
    const copy = page.locator('.draft-item:has-text("改过的名字（副本）")');
    const copyId = (await copy.getAttribute('data-draft-id'))!;

    await copy.hover();
    await copy.locator('text=删除').click();
    await page.waitForSelector('.modal >> text=回收站');
    // Cancel first: nothing happens.
    await page.locator('.modal >> text=取消').click();
    expect(existsSync(path.join(app.workspace, 'drafts', `${copyId}.json`))).toBe(true);
    await copy.hover();
    await copy.locator('text=删除').click();
    await page.locator('.modal .btn-danger').click();
    await expect.poll(() => page.locator(`.draft-item[data-draft-id="${copyId}"]`).count()).toBe(0);
    expect(existsSync(path.join(app.workspace, 'drafts', `${copyId}.json`))).toBe(false);
    const trashed = readdirSync(path.join(app.workspace, '回收站'));
    expect(trashed.some((f) => f.startsWith(copyId))).toBe(true);
  });

  it('shows 字数 and 预计时长, and the speaking rate can be changed in 设置', async () => {
    const { page } = app;
    await page.locator(`.draft-item[data-draft-id="${firstId}"]`).click();
    // 在全市机关干部大会上的讲话 (13) + 同志们，今天的会议很重要。(13) = 26 characters.
    await expect.poll(() => page.textContent('[data-testid="char-count"]')).toBe('字数 26');
    // 26 / 220 min = 7.09 s → 7 秒
    expect(await page.textContent('[data-testid="duration"]')).toBe('预计时长 7 秒');
    await page.click('[data-testid="settings"]');
    await page.fill('[data-testid="cpm"]', '60');
    await page.locator('.modal >> text=保存').click();
    await expect.poll(() => page.textContent('[data-testid="duration"]')).toBe('预计时长 26 秒');
    const settings = JSON.parse(readFileSync(path.join(app.workspace, 'settings.json'), 'utf8'));
    expect(settings.charsPerMinute).toBe(60);
  });

  it('imports a .txt file as a new draft', async () => {
    const { page } = app;
    const file = path.join(os.tmpdir(), `sd-import-${process.pid}.txt`);
    writeFileSync(file, '关于加强作风建设的讲话\n同志们：\n今天我们开会。\n');
    await page.setInputFiles('[data-testid="import-input"]', file);
    await expect.poll(async () => (await renderedBlocks(page)).map((b) => b.text).join('|')).toContain('今天我们开会。');
    expect((await renderedBlocks(page))[0].text).toBe('关于加强作风建设的讲话');
    expect(await page.locator('.draft-item.active .draft-name').textContent()).toBe('关于加强作风建设的讲话');
    expect(app.errors).toEqual([]);
  });

  it('复制 on the open draft copies what was just typed, before the autosave', async () => {
    const { page } = app;
    const draftsDir = path.join(app.workspace, 'drafts');
    const jsonFiles = () => readdirSync(draftsDir).filter((f) => f.endsWith('.json'));
    const before = new Set(jsonFiles());
    const active = page.locator('.draft-item.active');
    await focusEditor(page);
    await page.keyboard.type('dup-test-7');
    await active.hover();
    await active.locator('text=复制').click();
    await expect.poll(() => jsonFiles().filter((f) => !before.has(f)).length).toBe(1);
    const copyFile = jsonFiles().find((f) => !before.has(f))!;
    expect(readFileSync(path.join(draftsDir, copyFile), 'utf8')).toContain('dup-test-7');
    expect(app.errors).toEqual([]);
  });
});
