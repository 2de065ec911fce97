import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx, p, style, styled } from '../docx/wordFixtures';
import { ARTIFACTS_DIR, hasBuild, hasChromium, renderedBlocks, startApp, type E2EApp } from './harness';

// A .docx with a tracked insertion and a tracked deletion in one paragraph (and one in a heading).
const TRACKED =
  styled('Title', '在全市经济工作会议上的讲话') +
  p('同志们：') +
  styled('Heading1', '一、总体要求') +
  '<w:p><w:r><w:t>全年经济增长</w:t></w:r><w:ins w:id="1" w:author="办公室"><w:r><w:t>百分之五左右</w:t></w:r></w:ins><w:del w:id="2" w:author="办公室"><w:r><w:delText>百分之六</w:delText></w:r></w:del><w:r><w:t>。</w:t></w:r></w:p>' +
  '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>二、</w:t></w:r><w:del w:id="3" w:author="办公室"><w:r><w:delText>重点</w:delText></w:r></w:del><w:r><w:t>任务</w:t></w:r></w:p>';
const STYLES = style('Title', 'Title') + style('Heading1', 'heading 1');

describe.skipIf(!hasChromium || !hasBuild)('导入 a .docx with tracked changes: 接受所有修订 or 拒绝所有修订', () => {
  let app: E2EApp;
  let file: string;
  beforeAll(async () => {
    app = await startApp();
    file = path.join(os.tmpdir(), `sd-tracked-${process.pid}.docx`);
    writeFileSync(file, await makeDocx({ body: TRACKED, styles: STYLES }));
  });
  afterAll(async () => {
    await app?.close();
  });

  const rows = async () => (await renderedBlocks(app.page)).map((b) => [b.type, b.num, b.text]);
  const drafts = async () => (await app.services.handlers['drafts.list']({})).length;
  const notice = () => app.page.locator('.notice').last().textContent();

  async function importTracked(): Promise<void> {
    const { page } = app;
    await page.setInputFiles('[data-testid="import-input"]', file);
    await page.waitForSelector('[data-testid="import-revisions"]');
    await expect.poll(() => page.textContent('[data-testid="import-revisions-counts"]')).toContain('插入 1 处、删除 2 处');
  }

  it('asks first; 接受所有修订 is the default and imports the final text Word shows', async () => {
    const { page } = app;
    const before = await drafts();
    await importTracked();
    // nothing is imported before the writer chooses
    expect(await drafts()).toBe(before);
    expect(await page.isChecked('[data-testid="import-revisions-accept"]')).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'import-revisions.png') });
    await page.click('[data-testid="import-revisions-ok"]');
    await expect.poll(rows, { timeout: 15_000 }).toEqual([
      ['title', '', '在全市经济工作会议上的讲话'],
      ['salutation', '', '同志们：'],
      ['heading', '一、', '总体要求'],
      ['paragraph', '', '全年经济增长百分之五左右。'],
      ['heading', '二、', '任务'],
    ]);
    await expect.poll(notice).toMatch(/插入 1 处、删除 2 处，已按「接受所有修订」导入/);
    expect(await drafts()).toBe(before + 1);
  });

  it('拒绝所有修订 imports the original: insertions left out, deletions kept', async () => {
    const { page } = app;
    await importTracked();
    await page.click('[data-testid="import-revisions-reject"]');
    await page.click('[data-testid="import-revisions-ok"]');
    await expect.poll(rows, { timeout: 15_000 }).toEqual([
      ['title', '', '在全市经济工作会议上的讲话'],
      ['salutation', '', '同志们：'],
      ['heading', '一、', '总体要求'],
      ['paragraph', '', '全年经济增长百分之六。'],
      ['heading', '二、', '重点任务'],
    ]);
    await expect.poll(notice).toMatch(/插入 1 处、删除 2 处，已按「拒绝所有修订」导入/);
  });

  it('取消 imports nothing; a .docx without tracked changes is imported without the question', async () => {
    const { page } = app;
    const before = await drafts();
    await importTracked();
    await page.click('[data-testid="import-revisions"] .modal-footer .btn:not(.btn-primary)');
    await expect.poll(() => page.locator('[data-testid="import-revisions"]').count()).toBe(0);
    expect(await drafts()).toBe(before);
    const plain = path.join(os.tmpdir(), `sd-untracked-${process.pid}.docx`);
    writeFileSync(plain, await makeDocx({ body: styled('Title', '没有修订的讲话') + p('同志们：') + p('正文。'), styles: STYLES }));
    await page.setInputFiles('[data-testid="import-input"]', plain);
    await expect.poll(async () => (await rows())[0], { timeout: 15_000 }).toEqual(['title', '', '没有修订的讲话']);
    expect(await page.locator('[data-testid="import-revisions"]').count()).toBe(0);
    expect(await drafts()).toBe(before + 1);
  });
});
