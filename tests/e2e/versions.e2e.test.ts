import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Blocks } from '../../src/core/model/block';
import type { SpeechDoc } from '../../src/core/model/types';
import { ARTIFACTS_DIR, EDITOR, hasBuild, hasChromium, renderedBlocks, startApp, typeIme, waitSaved, type E2EApp } from './harness';

const TITLE = '在全市机关干部大会上的讲话';
const P = [
  '这次全市机关干部大会的主题是：全面落实市委全会精神，切实加强机关作风建设，确保新一年各项目标任务全面完成。',
  '刚刚过去的2008年，是大事多、难事多、不寻常、不平凡的一年。全市生产总值增长13%，高于全省平均水平2.9个百分点。',
  '第一，要想干事。想不想干事，是衡量干部事业心、责任心的重要标准。在其位、谋其政，这是对领导干部最基本的要求。',
  '第二，要会干事。会不会干事，是衡量干部能力水平的重要标志。要加强学习，提高本领，增强推动科学发展的能力。',
  '第三，要干成事。干成事是我们的目标。要抓住关键，突出重点，以钉钉子的精神抓好各项工作落实。',
  '同志们，做好今年的工作，任务艰巨，责任重大。让我们振奋精神，扎实工作，为全市经济社会发展作出新的更大贡献！',
];
const doc = (paras: string[]): SpeechDoc => ({
  blocks: [Blocks.make('title', TITLE), Blocks.make('salutation', '同志们：'), ...paras.map((p) => Blocks.paragraph(p))],
});
// 初稿 → current: 第一 moved after 第三, a figure changed, the last paragraph rewritten.
const FIRST = doc(P);
const SECOND = doc([
  P[0],
  P[1].replace('增长13%', '增长13.5%'),
  P[3],
  P[4],
  P[2],
  '同志们，做好今年的工作，任务艰巨，责任重大。让我们振奋精神，扎实工作，奋力开创全市发展新局面！',
]);
const TYPED = '要坚持问题导向';

describe.skipIf(!hasChromium || !hasBuild)('versions and compare in the browser', () => {
  let app: E2EApp;
  let draftId = '';
  let firstId = '';

  beforeAll(async () => {
    app = await startApp({
      setup: async (s) => {
        const d = await s.handlers['drafts.create']({ doc: FIRST });
        draftId = d.id;
        firstId = (await s.handlers['versions.save']({ draftId, label: '初稿' })).id;
        await s.handlers['drafts.save']({ id: draftId, doc: SECOND });
      },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('saves a version, compares after an edit, restores, and both texts stay recoverable', async () => {
    const { page, services } = app;
    await page.waitForSelector(EDITOR);
    await page.click('role=tab[name="版本"]');
    await page.waitForSelector('[data-testid="versions-panel"]');
    await expect.poll(() => page.locator('[data-testid="version-item"]').count()).toBe(1);

    // 保存版本 with a label.
    await page.fill('[data-testid="version-label"]', '送审稿');
    await page.click('[data-testid="version-save"]');
    await expect.poll(() => page.locator('[data-testid="version-item"]').count()).toBe(2);
    await expect.poll(() => page.locator('[data-testid="version-item"]').first().textContent()).toContain('送审稿');

    // Edit: type at the end of the paragraph about 2008 (block 3).
    const block = page.locator(`${EDITOR} [data-slate-node="element"]`).nth(3);
    await block.click();
    await page.keyboard.press('End');
    await typeIme(page, TYPED);
    await waitSaved(page);

    // Compare 送审稿 with the current text: exactly the typed insertion.
    await page.locator('[data-testid="version-item"]').first().locator('[data-testid="version-compare"]').click();
    await page.waitForSelector('[data-testid="compare-view"]');
    const summary = await page.textContent('[data-testid="cmp-summary"]');
    expect(summary).toContain(`新增 ${TYPED.length} 字（0 段）`);
    expect(summary).toContain('删除 0 字（0 段）');
    expect(summary).toContain('修改 1 段');
    expect(summary).toContain('移动 0 段');
    expect(await page.locator('.cmp-body ins.cmp-ins').allTextContents()).toEqual([TYPED]);
    await page.click('[data-testid="cmp-next"]');
    expect(await page.textContent('[data-testid="cmp-pos"]')).toBe('1 / 1');
    // 定位: closes the comparison and selects that paragraph in the editor.
    const row = page.locator('.cmp-row[data-op="modify"]');
    await row.hover();
    await row.locator('.cmp-locate').click();
    await expect.poll(() => page.locator('[data-testid="compare-view"]').count()).toBe(0);
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(P[1].replace('增长13%', '增长13.5%') + TYPED);

    // Compare 初稿 with the current text: the moved paragraph is a move, the figure change exact.
    await page.locator('[data-testid="version-item"]', { hasText: '初稿' }).locator('[data-testid="version-compare"]').click();
    await page.waitForSelector('[data-testid="compare-view"]');
    const s2 = await page.textContent('[data-testid="cmp-summary"]');
    expect(s2).toContain('移动 1 段');
    expect(s2).toContain('删除');
    const moved = page.locator('.cmp-row[data-op="move"]');
    expect(await moved.count()).toBe(1);
    expect(await moved.locator('.cmp-b .cmp-text').textContent()).toBe(P[2]);
    const ins = await page.locator('.cmp-body .cmp-b ins.cmp-ins').allTextContents();
    expect(ins).toContain('.5');
    expect(ins.join('')).toContain(TYPED);
    await page.click('[data-testid="cmp-next"]');
    await page.click('[data-testid="cmp-next"]');
    expect(await page.textContent('[data-testid="cmp-pos"]')).toMatch(/^2 \/ \d+$/);
    await page.click('[data-testid="cmp-copied"] .link');
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'compare.png') });
    await page.click('[data-testid="cmp-mode-inline"]');
    expect(await page.locator('.cmp-inline .cmp-row').count()).toBeGreaterThan(5);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'compare-inline.png') });
    await page.click('text=关闭');

    // Restore 初稿 (with confirmation): the editor shows it; the edited text is a version.
    await page.locator('[data-testid="version-item"]', { hasText: '初稿' }).locator('[data-testid="version-restore"]').click();
    await page.click('.modal button:has-text("恢复")');
    await expect.poll(async () => (await renderedBlocks(page)).map((b) => b.text)).toEqual([TITLE, '同志们：', ...P]);
    await expect.poll(() => page.locator('[data-testid="version-item"]').count()).toBe(3);
    expect(await page.locator('[data-testid="version-item"]').first().textContent()).toContain('恢复「初稿」前');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'versions-panel.png') });

    const h = services.handlers;
    expect((await h['drafts.get']({ id: draftId })).doc).toEqual(FIRST);
    const list = await h['versions.list']({ draftId });
    const backup = list.find((e) => e.status === 'ok' && e.reason === 'before-restore');
    expect(backup).toBeDefined();
    const backupDoc = (await h['versions.get']({ draftId, versionId: backup!.id })).doc;
    expect(Blocks.text(backupDoc.blocks[3])).toBe(P[1].replace('增长13%', '增长13.5%') + TYPED);
    expect((await h['versions.get']({ draftId, versionId: firstId })).doc).toEqual(FIRST);
    expect(app.errors).toEqual([]);
  }, 120_000);

  it('opens a version read-only, compares with an uploaded file and with a library document', async () => {
    const { page, services } = app;
    const h = services.handlers;
    // A library document: last year's speech with one paragraph of this one.
    const libText = `2008年在全市机关干部大会上的讲话\n${P[3]}\n去年的工作取得了显著成绩。\n`;
    const { jobId } = await h['library.import']({ files: [{ name: '2008讲话.txt', dataBase64: Buffer.from(libText).toString('base64') }] });
    await expect.poll(async () => (await h['library.importStatus']({ jobId })).state, { timeout: 20_000 }).toBe('done');

    await page.locator('[data-testid="version-item"]', { hasText: '送审稿' }).locator('text=查看').click();
    await page.waitForSelector('[data-testid="version-view"]');
    const viewText = await page.textContent('[data-testid="version-view"] .ver-page');
    expect(viewText).toContain(P[1].replace('增长13%', '增长13.5%'));
    expect(await page.locator('[data-testid="version-view"] [contenteditable="true"]').count()).toBe(0);
    await page.click('.modal >> text=关闭');

    await page.setInputFiles('[data-testid="compare-file"]', {
      name: '修改意见.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from([TITLE, '同志们：', ...P.slice(0, 5)].join('\r\n'), 'utf8'),
    });
    await page.waitForSelector('[data-testid="compare-view"]');
    expect(await page.textContent('.cmp-title-a')).toBe('修改意见.txt');
    // The draft (restored to 初稿) has one more paragraph than the file: exactly one insertion, nothing else.
    expect(await page.textContent('[data-testid="cmp-summary"]')).toContain(`新增 ${[...P[5]].length} 字（1 段）`);
    expect(await page.locator('.cmp-row[data-op="insert"]').count()).toBe(1);
    await page.click('.modal >> text=关闭');

    await page.setInputFiles('[data-testid="compare-two-files"]', [
      { name: '甲.txt', mimeType: 'text/plain', buffer: Buffer.from(`${P[0]}\n${P[1]}\n`, 'utf8') },
      { name: '乙.txt', mimeType: 'text/plain', buffer: Buffer.from(`${P[1]}\n${P[0]}\n`, 'utf8') },
    ]);
    await page.waitForSelector('[data-testid="compare-view"]');
    expect(await page.textContent('.cmp-title-a')).toBe('甲.txt');
    expect(await page.textContent('.cmp-title-b')).toBe('乙.txt');
    expect(await page.textContent('[data-testid="cmp-summary"]')).toContain('移动 1 段');
    await page.click('.modal >> text=关闭');

    // 保存版本 from the toolbar: the panel lists it at once.
    const before = await page.locator('[data-testid="version-item"]').count();
    await page.click('[data-testid="save-version-tool"]');
    await page.fill('.modal input', '领导修改稿');
    await page.click('.modal button:has-text("保存版本")');
    await expect.poll(() => page.locator('[data-testid="version-item"]').count()).toBe(before + 1);
    expect(await page.locator('[data-testid="version-item"]').first().textContent()).toContain('领导修改稿');

    await page.click('text=与素材库文档比较…');
    await page.click('.ver-lib-list li');
    await page.waitForSelector('[data-testid="compare-view"]');
    expect(await page.locator('.cmp-row[data-op="equal"]', { hasText: P[3] }).count()).toBe(1);
    expect(await page.textContent('[data-testid="cmp-copied"]')).toMatch(/相同段落（13 字以上）：[1-9]/);
    await page.click('.modal >> text=关闭');
    expect(app.errors).toEqual([]);
  }, 120_000);
});
