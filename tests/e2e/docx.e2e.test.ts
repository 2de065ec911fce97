import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { exportDocx } from '../../src/services/docx/export';
import { importDocx } from '../../src/services/docx/import';
import { Blocks } from '../../src/core/model/block';
import type { SpeechDoc } from '../../src/core/model/types';
import { execFileSync } from 'node:child_process';
import { estimatePages } from '../../src/core/layout/pages';
import { ARTIFACTS_DIR, hasBuild, hasChromium, renderedBlocks, startApp, type E2EApp } from './harness';

const DOC: SpeechDoc = {
  blocks: [
    Blocks.make('title', '关于加强机关作风建设的讲话'),
    Blocks.make('salutation', '同志们：'),
    Blocks.paragraph('这次会议的主题是全面落实全会精神。'),
    Blocks.heading(1, '肯定成绩'),
    Blocks.paragraph('近年来机关作风建设成效明显。'),
    Blocks.heading(2, '服务企业'),
    Blocks.paragraph('企业是经济发展的微观基础。'),
  ],
};

describe.skipIf(!hasChromium || !hasBuild)('Word import and export in the browser', () => {
  let app: E2EApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('imports a .docx through the draft list import, with headings recognised', async () => {
    const { page } = app;
    const file = path.join(os.tmpdir(), `sd-import-${process.pid}.docx`);
    writeFileSync(file, await exportDocx(DOC));
    await page.setInputFiles('[data-testid="import-input"]', file);
    await expect.poll(async () => (await renderedBlocks(page)).map((b) => b.text).join('|'), { timeout: 15_000 }).toContain('企业是经济发展的微观基础。');
    expect((await renderedBlocks(page)).map((b) => [b.type, b.num, b.text])).toEqual([
      ['title', '', '关于加强机关作风建设的讲话'],
      ['salutation', '', '同志们：'],
      ['paragraph', '', '这次会议的主题是全面落实全会精神。'],
      ['heading', '一、', '肯定成绩'],
      ['paragraph', '', '近年来机关作风建设成效明显。'],
      ['heading', '（一）', '服务企业'],
      ['paragraph', '', '企业是经济发展的微观基础。'],
    ]);
  });

  it('exports 清稿 and 修订稿 against a saved version as downloads', async () => {
    const { page, services } = app;
    const list = await services.handlers['drafts.list']({});
    const entry = list.find((d) => d.status === 'ok')!;
    const draftId = entry.id;
    const version = await services.handlers['versions.save']({ draftId, label: '送审稿' });

    // Clean copy.
    await page.click('[data-testid="docx-export"]');
    await page.waitForSelector('[data-testid="docx-export-dialog"]');
    const [clean] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="docx-export-run"]')]);
    expect(clean.suggestedFilename()).toBe('关于加强机关作风建设的讲话（清稿）.docx');
    const cleanFile = path.join(os.tmpdir(), `sd-e2e-clean-${process.pid}.docx`);
    await clean.saveAs(cleanFile);
    const back = await importDocx(readFileSync(cleanFile));
    expect(back.doc.blocks.map((b) => Blocks.text(b))).toEqual(DOC.blocks.map((b) => Blocks.text(b)));

    // Edit on the server side (as if saved from another window), reload the draft, then 修订稿.
    const d = await services.handlers['drafts.get']({ id: draftId });
    const doc = structuredClone(d.doc);
    doc.blocks[2].children = [{ text: '这次会议的主题是认真落实全会精神。' }];
    await services.handlers['drafts.save']({ id: draftId, doc });
    await page.reload();
    await page.waitForSelector('.draft-item', { timeout: 30_000 });
    await page.click(`.draft-item:has-text("关于加强机关作风建设的讲话")`);
    await expect.poll(async () => (await renderedBlocks(page)).map((b) => b.text).join('|')).toContain('认真落实');
    await page.waitForSelector('[data-testid="docx-export"]:not([disabled])');
    await page.click('[data-testid="docx-export"]');
    await page.click('[data-testid="docx-mode-revisions"]');
    await page.waitForSelector('[data-testid="docx-against"]');
    expect(await page.inputValue('[data-testid="docx-against"]')).toBe(version.id);
    await page.click('.docx-layout summary');
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'docx-export-dialog.png') });
    const [rev] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="docx-export-run"]')]);
    expect(rev.suggestedFilename()).toBe('关于加强机关作风建设的讲话（修订稿）.docx');
    const revFile = path.join(os.tmpdir(), `sd-e2e-rev-${process.pid}.docx`);
    await rev.saveAs(revFile);
    const xml = await (await JSZip.loadAsync(readFileSync(revFile))).file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:ins [^>]*>[\s\S]*?认真/);
    expect(xml).toMatch(/<w:delText[^>]*>全面</);
    expect(app.errors).toEqual([]);
  });

  it('the 版本 panel shows the automatic version right after an export; a version exports from the panel', async () => {
    const { page, services } = app;
    const entry = (await services.handlers['drafts.list']({})).find((d) => d.status === 'ok' && d.name === '关于加强机关作风建设的讲话')!;
    const draftId = entry.id;
    // A change made elsewhere, so the next export has something new to version; loaded fresh (no save from the page).
    const d = await services.handlers['drafts.get']({ id: draftId });
    const doc = structuredClone(d.doc);
    doc.blocks[6].children = [{ text: '企业是经济发展的微观基础和活力源泉。' }];
    await services.handlers['drafts.save']({ id: draftId, doc });
    await page.reload();
    await page.waitForSelector('.draft-item', { timeout: 30_000 });
    await page.click(`.draft-item:has-text("关于加强机关作风建设的讲话")`);
    await expect.poll(async () => (await renderedBlocks(page)).map((b) => b.text).join('|')).toContain('活力源泉');
    await page.click('role=tab[name="版本"]');
    await page.waitForSelector('[data-testid="versions-panel"]');
    const before = (await services.handlers['versions.list']({ draftId })).length;
    await expect.poll(() => page.locator('[data-testid="version-item"]').count()).toBe(before);

    // Export the current text: its automatic version appears in the panel without a save or a tab switch.
    await page.click('[data-testid="docx-export"]');
    await Promise.all([page.waitForEvent('download'), page.click('[data-testid="docx-export-run"]')]);
    const afterExport = await services.handlers['versions.list']({ draftId });
    expect(afterExport).toHaveLength(before + 1);
    await expect.poll(() => page.locator('[data-testid="version-item"]').count(), { timeout: 3000 }).toBe(before + 1);
    const auto = afterExport[0];
    expect(auto.status === 'ok' && auto.reason).toBe('before-export');
    await expect.poll(() => page.locator('[data-testid="version-item"] .ver-label').first().textContent()).toBe('导出前（清稿）');

    // 导出 on the 送审稿 version: the dialog is preset for it; the file holds that version's text.
    const item = page.locator('[data-testid="version-item"]', { has: page.locator('.ver-label', { hasText: /^送审稿$/ }) });
    await item.locator('[data-testid="version-export"]').click();
    await page.waitForSelector('[data-testid="docx-export-dialog"]');
    expect(await page.textContent('[data-testid="docx-export-version"]')).toContain('送审稿');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="docx-export-run"]')]);
    expect(dl.suggestedFilename()).toBe('关于加强机关作风建设的讲话（送审稿·清稿）.docx');
    const file = path.join(os.tmpdir(), `sd-e2e-version-${process.pid}.docx`);
    await dl.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(1000);
    const text = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('这次会议的主题是全面落实全会精神。');
    expect(text).not.toContain('认真落实');
    expect(text).not.toContain('活力源泉');

    // 修订稿 of the newest version: against an older version (送审稿 is preset), its changes tracked.
    await page.locator('[data-testid="version-item"]').first().locator('[data-testid="version-export"]').click();
    await page.click('[data-testid="docx-mode-revisions"]');
    await page.waitForSelector('[data-testid="docx-against"]');
    const sent = afterExport.find((v) => v.status === 'ok' && v.label === '送审稿')!;
    expect(await page.inputValue('[data-testid="docx-against"]')).toBe(sent.id);
    const [rev] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="docx-export-run"]')]);
    expect(rev.suggestedFilename()).toBe('关于加强机关作风建设的讲话（导出前（清稿）·修订稿）.docx');
    const revFile = path.join(os.tmpdir(), `sd-e2e-version-rev-${process.pid}.docx`);
    await rev.saveAs(revFile);
    const xml = await (await JSZip.loadAsync(readFileSync(revFile))).file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:ins [^>]*>[\s\S]*?活力源泉/);
    // Exporting versions made no further version.
    expect(await services.handlers['versions.list']({ draftId })).toHaveLength(before + 1);
    await expect.poll(() => page.locator('[data-testid="version-item"]').count()).toBe(before + 1);
    expect(app.errors).toEqual([]);
  });

  it('shows the long title\'s breaks in the editor, lists the checks before export, exports the 念稿版', async () => {
    const { page, services } = app;
    const title = '关于深入学习贯彻党的二十届三中全会精神进一步全面深化改革推动更高质量发展在全市领导干部会议上的讲话';
    const doc: SpeechDoc = { blocks: [Blocks.make('title', title), Blocks.make('salutation', '同志们：'), Blocks.heading(1, '××'), Blocks.paragraph('请在××前报送材料。'), Blocks.heading(1, '明确任务')] };
    // Made in the workspace (a re-imported export would hold the breaks as the writer's own "\n").
    await services.handlers['drafts.create']({ name: '长标题', doc });
    await page.reload();
    await page.waitForSelector('.draft-item', { timeout: 30_000 });
    await page.click(`.draft-item:has-text("长标题")`);
    await expect.poll(async () => (await renderedBlocks(page)).map((b) => b.text).join('|'), { timeout: 15_000 }).toContain('报送材料');
    // The editor marks where the export breaks the title: before 进一步 and before 在.
    const breaks = page.locator('.blk-title .title-break');
    await expect.poll(() => breaks.count()).toBe(2);
    expect(await breaks.allTextContents()).toEqual([expect.stringMatching(/^进/), expect.stringMatching(/^在/)]);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.locator('.blk-title').screenshot({ path: path.join(ARTIFACTS_DIR, 'docx-title-editor.png') });

    await page.click('[data-testid="docx-export"]');
    await page.waitForSelector('[data-testid="docx-export-checks"]');
    const kinds = await page.locator('[data-testid="docx-export-check"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toContain('placeholder');
    expect(kinds).toContain('empty-section');
    expect(await page.textContent('[data-testid="docx-export-run"]')).toBe('仍然导出');
    await page.click('[data-testid="docx-mode-reading"]');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="docx-export-run"]')]);
    expect(dl.suggestedFilename()).toContain('念稿版');
    const out = path.join(os.tmpdir(), `sd-e2e-reading-${process.pid}.docx`);
    await dl.saveAs(out);
    const xml = await (await JSZip.loadAsync(readFileSync(out))).file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:sz w:val="44"/>');
    // Clicking a check closes the dialog and goes to its block.
    await page.click('[data-testid="docx-export"]');
    await page.locator('[data-testid="docx-export-check"][data-kind="placeholder"]').last().click();
    await expect.poll(() => page.locator('[data-testid="docx-export-dialog"]').count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it('页面视图/打印 (Ctrl+P): the 清稿 and 念稿版 as pages, and a PDF of the same rendering', async () => {
    const { page, services } = app;
    const para = '这次全市机关干部大会的主题是全面落实全会精神，切实加强机关作风建设，确保新一年各项目标任务全面完成。';
    const doc: SpeechDoc = { blocks: [Blocks.make('title', '在全市机关干部大会上的讲话'), Blocks.make('salutation', '同志们：'), ...Array.from({ length: 40 }, () => Blocks.paragraph(para))] };
    await services.handlers['drafts.create']({ name: '打印稿', doc });
    await page.reload();
    await page.waitForSelector('.draft-item', { timeout: 30_000 });
    await page.click(`.draft-item:has-text("打印稿")`);
    await expect.poll(async () => (await renderedBlocks(page)).length).toBe(42);
    await page.click('[data-testid="editor"]');
    await page.keyboard.press('Control+p');
    await page.waitForSelector('[data-testid="print-dialog"]');
    const clean = Number(/共 (\d+) 页/.exec((await page.textContent('[data-testid="print-pages"]')) ?? '')?.[1]);
    expect(clean).toBe(estimatePages(doc).pages);
    expect(await page.locator('.print-preview .pg-page').count()).toBe(clean);
    await page.locator('.print-preview .pg-page').first().screenshot({ path: path.join(ARTIFACTS_DIR, 'print-clean-page1.png') });
    // The PDF of the same rendering (what 打印/导出 PDF give): one PDF page per rendered page.
    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(os.tmpdir(), `sd-e2e-print-${process.pid}.pdf`);
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    await page.emulateMedia({ media: 'screen' });
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1])).toBe(clean);
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain('在全市机关干部大会上的讲话同志们：');
    await page.click('[data-testid="print-mode-reading"]');
    await expect.poll(async () => Number(/共 (\d+) 页/.exec((await page.textContent('[data-testid="print-pages"]')) ?? '')?.[1])).toBeGreaterThan(clean);
    expect(await page.locator('.print-preview .pg-mark').count()).toBeGreaterThan(0);
    await page.locator('.print-preview .pg-page').nth(1).screenshot({ path: path.join(ARTIFACTS_DIR, 'print-reading-page2.png') });
    await page.keyboard.press('Escape');
    if (await page.locator('[data-testid="print-dialog"]').count()) await page.click('[data-testid="print-dialog"] .btn:has-text("关闭")');
    // 页面视图 in the editor: a mark where each page after the first starts, in order down the text.
    await page.click('[data-testid="page-view"]');
    await expect.poll(() => page.locator('[data-testid="page-break"]').count()).toBe(clean - 1);
    const tops = await page.locator('[data-testid="page-break"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).offsetTop));
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    expect(await page.locator('[data-testid="page-break"]').first().textContent()).toBe('第 2 页');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'editor-page-view.png') });
    await page.click('[data-testid="page-view"]');
    await expect.poll(() => page.locator('[data-testid="page-break"]').count()).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
