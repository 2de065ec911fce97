import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR, hasBuild, hasChromium, renderedBlocks, startApp, waitSaved, type E2EApp } from './harness';

describe.skipIf(!hasChromium || !hasBuild)('templates in the app: 从模板新建, 范文, 检查, 另存为模板', () => {
  let app: E2EApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('starts a draft from a template, inserts an example with its source, lists findings, saves the outline as a template', async () => {
    const { page, services } = app;
    await page.click('button:has-text("从模板新建")');
    await page.click('[data-template-id="work-meeting"]');
    await page.waitForSelector('[data-testid="template-preview"] >> text=二、清醒认识差距，正视存在的突出问题');
    await page.click('[data-testid="create-from-template"]');
    await page.waitForSelector(`${EDITOR} [data-block-type="heading"]`);

    const rows = (await renderedBlocks(page)).filter((b) => b.type === 'heading' && b.num.endsWith('、'));
    expect(rows.map((r) => r.num + r.text)).toEqual([
      '一、肯定成绩，进一步增强××的紧迫感责任感',
      '二、清醒认识差距，正视存在的突出问题',
      '三、突出重点，全面部署××工作',
      '四、崇尚实干，大力弘扬××之风',
    ]);
    // Guidance is shown greyed but is not text.
    const all = await renderedBlocks(page);
    expect(all[2]).toMatchObject({ type: 'paragraph', text: '' });
    expect(await page.locator(`${EDITOR} .guidance`).count()).toBeGreaterThan(5);

    // 范文 of the section under the caret: click into the body of 三、.
    await page.click('[role="tab"]:has-text("范文")');
    const tasksHead = all.findIndex((b) => b.text === '突出重点，全面部署××工作');
    await page.locator(`${EDITOR} [data-slate-node="element"]`).nth(tasksHead + 1).click();
    await page.waitForSelector('[data-testid="examples-panel"] >> text=工作会议讲话 · 突出重点，全面部署××工作');
    expect(await page.locator('[data-testid="examples-panel"] .examples-guidance').textContent()).toContain('写作提示');
    await page.click('[data-example-id="work-meeting#first-task"] button:has-text("插入")');
    await page.waitForFunction(
      (sel) => Array.from(document.querySelectorAll(sel)).some((e) => (e.textContent ?? '').startsWith('新的一年,我们面临的任务很重')),
      `${EDITOR} [data-slate-node="element"]`,
    );
    await waitSaved(page);
    const list = await services.handlers['drafts.list']({});
    const id = list.find((d) => d.status === 'ok')!.id;
    const saved = await services.handlers['drafts.get']({ id });
    expect(saved.templateId).toBe('work-meeting');
    const inserted = saved.doc.blocks.find((b) => b.origin?.sourceId === 'template:work-meeting#first-task');
    expect(inserted?.children[0].text).toBe('新的一年,我们面临的任务很重,要干的工作很多。首要的任务,就是要保持经济平稳较快增长。');
    // Guidance stays guidance: never saved as text.
    expect(saved.doc.blocks.filter((b) => b.guidance).every((b) => b.children.every((c) => c.text === ''))).toBe(true);

    // 检查: findings listed; clicking one moves the caret there.
    await page.click('[role="tab"]:has-text("检查")');
    await page.waitForSelector('[data-testid="lint-panel"] .lint-item');
    const first = page.locator('[data-testid="lint-panel"] .lint-item').first();
    expect(await first.textContent()).toContain('还没有正文');
    await first.click();

    // The inserted example (verbatim from the seed) has half-width commas (校对 findings now; 检查 keeps the
    // one-click fix for the draft): 统一为全角标点 fixes them in the editor (one undo step) and the button goes away.
    const hw = '[data-testid="lint-fix-punctuation"]';
    await page.waitForSelector(hw);
    expect(await page.locator(hw).textContent()).toContain('统一为全角标点（1段）');
    const startsWith = (prefix: string) =>
      page.waitForFunction(
        ([sel, p]) => Array.from(document.querySelectorAll(sel)).some((e) => (e.textContent ?? '').startsWith(p)),
        [`${EDITOR} [data-slate-node="element"]`, prefix] as const,
      );
    await page.click('[data-testid="lint-fix-punctuation"]:has-text("统一为全角标点")');
    await startsWith('新的一年，我们面临的任务很重，要干的工作很多。首要的任务，就是要保持经济平稳较快增长。');
    await page.waitForSelector(hw, { state: 'detached' });
    await waitSaved(page);
    const fixed = (await services.handlers['drafts.get']({ id })).doc.blocks.find((b) => b.origin?.sourceId === 'template:work-meeting#first-task');
    expect(fixed?.children.map((c) => c.text).join('')).toBe('新的一年，我们面临的任务很重，要干的工作很多。首要的任务，就是要保持经济平稳较快增长。');
    // Undo brings the half-width text (and the finding) back in one step.
    await page.locator(`${EDITOR} [data-slate-node="element"]`).first().click();
    await page.keyboard.press('Control+z');
    await startsWith('新的一年,我们面临的任务很重,要干的工作很多。');
    await page.waitForSelector(hw);

    // 另存为模板.
    await page.click('button:has-text("另存为模板")');
    await page.fill('.modal input', '我的工作会议模板');
    await page.click('.modal button:has-text("保存模板")');
    await page.waitForSelector('text=已保存模板');
    const tl = await services.handlers['templates.list']({});
    const mine = tl.templates.find((t) => t.name === '我的工作会议模板');
    expect(mine?.origin).toBe('user');
    expect(mine?.sections.map((s) => s.role)).toEqual(['成绩', '问题', '任务', '要求']);
    expect(app.errors).toEqual([]);
  });
});
