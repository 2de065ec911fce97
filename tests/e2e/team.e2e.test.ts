// The app in browser mode against a real team server: connect through Settings → 素材库 (测试连接 shows
// success), import the seed (or a small synthetic speech without ../shared) into the 素材库 — it lands
// on the server —, paste a passage into a draft and see it flagged with its source named, exactly as with
// 本机; 打开来源 shows the server's document.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeamLibrary } from '../../src/services/team/library';
import { hasPostgres } from '../helpers/pg';
import { SEED_FILE, hasShared } from '../helpers/shared';
import { SPEECH, SPEECH_PASSAGE, SPEECH_TITLE } from '../team/appFixtures';
import { startServer, type TestServer } from '../team/helpers';
import { ARTIFACTS_DIR, EDITOR, hasBuild, hasChromium, startApp, type E2EApp } from './harness';

if (!hasPostgres) console.warn('[e2e] PostgreSQL binaries not found (apt-get install postgresql): the team-server e2e test is skipped');

// with the seed: its 第五篇, edited by the writer (as in reuse.e2e.test.ts); without: the synthetic speech's passage
// a passage of the seed's first speech, lightly edited, that no built-in 范文 quotes (a 范文 would be the
// source shown, being local: the team library's document would not be seen)
const PASTED = hasShared
  ? '为帮扶企业共渡难关，市本级深入开展“百家部门结百企”活动，建立企业服务平台，着力解决企业遇到的突出困难和问题。'
  : `我们${SPEECH_PASSAGE}。`;
const SOURCE_TITLE = hasShared ? '在全市机关干部大会上的讲话' : SPEECH_TITLE;
const MARKED = hasShared ? '着力解决企业遇到的突出困难和问题' : SPEECH_PASSAGE.slice(0, 20);

describe.skipIf(!hasChromium || !hasBuild || !hasPostgres)('the app on a team server (browser mode)', () => {
  let server: TestServer;
  let app: E2EApp;
  let tmp: string;
  let file: string;

  beforeAll(async () => {
    server = await startServer();
    // what `speechdraft server init` does: schema and the group roles; then a 管理员 login for the office
    await TeamLibrary.init(server.url);
    const db = await server.admin();
    await db.query("CREATE ROLE office_admin LOGIN PASSWORD 'Adm1n-口令' IN ROLE speechdraft_admin");
    await db.end();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'sd-team-e2e-'));
    file = hasShared ? SEED_FILE : path.join(tmp, '营商环境.txt');
    if (!hasShared) writeFileSync(file, SPEECH);
    app = await startApp({
      setup: async (s) => {
        await s.handlers['drafts.create']({
          name: '在全县工作会议上的讲话',
          doc: {
            blocks: [
              { type: 'title', children: [{ text: '在全县工作会议上的讲话' }] },
              { type: 'paragraph', children: [{ text: '今天召开全县工作会议，我讲几点意见。' }] },
              { type: 'paragraph', children: [{ text: '' }] },
            ],
          },
        });
      },
    });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('connects in Settings, imports to the server, flags a pasted passage with its source, opens the source', async () => {
    const { page } = app;
    await page.waitForSelector(EDITOR);

    // Settings → 素材库 → 连接团队服务器
    await page.click('[data-testid="settings"]');
    await page.waitForSelector('[data-testid="library-backend-status"]:has-text("本机素材库")');
    await page.click('[data-testid="team-open"]');
    await page.fill('[data-testid="team-host"]', '127.0.0.1');
    await page.fill('[data-testid="team-port"]', String(server.cluster.port));
    await page.fill('[data-testid="team-database"]', server.database);
    await page.fill('[data-testid="team-user"]', 'office_admin');
    expect(await page.textContent('[data-testid="library-backend"]')).toContain('只保存在本次运行的桥接进程内存中');
    // a wrong password first: the server's answer in Chinese
    await page.fill('[data-testid="team-password"]', 'wrong');
    await page.click('[data-testid="team-test"]');
    await page.waitForSelector('[data-testid="team-result"]:has-text("用户名或密码错误")');
    await page.fill('[data-testid="team-password"]', 'Adm1n-口令');
    await page.click('[data-testid="team-test"]');
    await page.waitForSelector('[data-testid="team-result"]:has-text("连接成功")');
    expect(await page.textContent('[data-testid="team-result"]')).toContain('管理员');
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'team-settings.png') });
    await page.click('[data-testid="team-connect"]');
    await page.waitForSelector('[data-testid="library-backend-status"]:has-text("已连接")');
    expect(await page.textContent('[data-testid="library-backend-status"]')).toContain(`office_admin@127.0.0.1:${server.cluster.port}/${server.database}`);
    await page.keyboard.press('Escape');
    expect((await app.services.ctx.libraries.current()).kind).toBe('team');
    // the password is in no file of the workspace
    const settings = await app.services.handlers['settings.get']({});
    expect(JSON.stringify(settings)).not.toContain('Adm1n');

    // 素材库: import; the documents land on the server
    await page.click('button.tool:has-text("素材库")');
    await page.waitForSelector('[data-testid="library-dialog"]');
    await page.setInputFiles('[data-testid="library-input"]', file);
    await page.waitForSelector('[data-testid="library-job"].done', { timeout: 30_000 });
    const jobText = await page.textContent('[data-testid="library-job"]');
    const n = hasShared ? 5 : 1;
    expect(jobText).toContain(`已导入 ${n} 篇到团队素材库`);
    if (hasShared) expect(jobText).toContain('1 组近似重复');
    // the list is read again when the job has ended (a moment after its line says so)
    await expect.poll(() => page.locator('[data-testid="library-doc"]').count()).toBe(n);
    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    try {
      const r = await db.query<{ n: number; by: string[] }>('SELECT count(*)::int AS n, array_agg(DISTINCT imported_by) AS by FROM documents');
      expect(r.rows[0]).toEqual({ n, by: ['office_admin'] });
    } finally {
      await db.end();
    }
    await page.click('.modal-footer button:has-text("关闭")');

    // paste a passage: flagged in the editor, its source named
    await page.click('.tab:has-text("查重")');
    await page.locator(`${EDITOR} [data-slate-node="element"]`).last().click();
    const t0 = Date.now();
    await page.keyboard.insertText(PASTED);
    await page.waitForSelector('[data-testid="reuse-passage"]', { timeout: 8_000 });
    console.log(`[team e2e] passage flagged ${Date.now() - t0} ms after the paste (team server)`);
    const card = page.locator('[data-testid="reuse-passage"]').first();
    const sourceTitle = await card.locator('[data-testid="reuse-source-title"]').textContent();
    expect(sourceTitle).toContain(SOURCE_TITLE);
    expect(sourceTitle).not.toContain('范文');
    const hl = (await page.locator(`${EDITOR} .reuse-hit`).allTextContents()).join('');
    expect(hl.length).toBeGreaterThan(20);
    expect(PASTED).toContain(hl.slice(0, 15));
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'team-reuse.png') });

    // 打开来源: the server's document, at the passage
    await card.locator('[data-testid="open-source"]').click();
    await page.waitForSelector('[data-testid="reuse-source"] .reuse-source-mark');
    const mark = await page.textContent('[data-testid="reuse-source"] .reuse-source-mark');
    expect(mark!.replace(/[,，;；]/g, '')).toContain(MARKED.replace(/[,，;；]/g, ''));
    await page.keyboard.press('Escape');
    expect(app.errors).toEqual([]);
  }, 120_000);
});
