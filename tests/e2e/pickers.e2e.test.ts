import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR, hasBuild, hasChromium, startApp, type E2EApp } from './harness';

// Every open picker of documents takes web pages (.html/.htm): 导入, 比较 with a file (one or two), 素材库 import.
const PAGE = '<html><head><meta charset="utf-8"></head><body><p class=MsoTitle>在全市工作会议上的讲话</p><p>同志们：</p><h1>一、总体要求</h1><p>今年的工作要稳字当头，各单位要切实加强组织领导，确保各项任务落到实处。</p></body></html>';
const file = (name: string) => ({ name, mimeType: 'text/html', buffer: Buffer.from(PAGE, 'utf8') });

describe.skipIf(!hasChromium || !hasBuild)('file pickers accept web pages (.html/.htm)', () => {
  let app: E2EApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const accept = (testId: string) => app.page.getAttribute(`[data-testid="${testId}"]`, 'accept');

  it('导入 and 比较 list .html and .htm; comparing with a web page works', async () => {
    const { page } = app;
    await page.click('[data-testid="new-draft"]');
    await page.waitForSelector(EDITOR);
    expect((await accept('import-input'))?.split(',')).toEqual(expect.arrayContaining(['.html', '.htm', '.docx', '.txt']));
    await page.click('role=tab[name="版本"]');
    for (const id of ['compare-file', 'compare-two-files']) expect((await accept(id))?.split(',')).toEqual(expect.arrayContaining(['.html', '.htm', '.docx', '.txt']));
    await page.setInputFiles('[data-testid="compare-file"]', file('去年讲话.html'));
    await page.waitForSelector('[data-testid="compare-view"]');
    expect(await page.textContent('.cmp-title-a')).toBe('去年讲话.html');
    expect(await page.textContent('[data-testid="compare-view"]')).toContain('今年的工作要稳字当头');
    await page.click('.modal >> text=关闭');
  });

  it('素材库 lists .html and .htm and imports a web page', async () => {
    const { page } = app;
    await page.click('button.tool:has-text("素材库")');
    await page.waitForSelector('[data-testid="library-dialog"]');
    expect((await accept('library-input'))?.split(',')).toEqual(expect.arrayContaining(['.html', '.htm', '.docx', '.txt', '.jsonl']));
    await page.setInputFiles('[data-testid="library-input"]', file('去年讲话.htm'));
    await page.waitForSelector('[data-testid="library-job"].done', { timeout: 20_000 });
    expect(await page.textContent('[data-testid="library-job"]')).toContain('已导入 1 篇');
    expect(await page.textContent('[data-testid="library-list"]')).toContain('在全市工作会议上的讲话');
  });
});
