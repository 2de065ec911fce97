// The app's library interface on both backends: the same assertions through the service handlers (what
// the renderer calls) with the workspace's 素材库 on 本机 and on a 团队服务器 (a real PostgreSQL cluster).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryDocMeta, ReuseCheckResult } from '../../src/contract/library';
import type { SpeechDoc } from '../../src/core/model/types';
import { createServices } from '../../src/services/index';
import { TeamLibrary } from '../../src/services/team/library';
import { hasPostgres } from '../helpers/pg';
import { DRAFT_TEXT, SPEECH, SPEECH_COPY, SPEECH_PASSAGE, SPEECH_TITLE } from './appFixtures';
import { startServer, type TestServer } from './helpers';
import { importDone } from '../helpers/waitFor';

const b64 = (s: string) => Buffer.from(s).toString('base64');

const draftDoc = (text: string): SpeechDoc => ({
  blocks: text
    .trim()
    .split('\n')
    .map((t, i) => ({ type: i === 0 ? ('title' as const) : ('paragraph' as const), children: [{ text: t }] })),
});

interface Seen {
  meta: Omit<LibraryDocMeta, 'id' | 'importedAt'>;
  check: Pick<ReuseCheckResult, 'ratio' | 'sourceCount'> & { passages: { start: number; end: number; sourceTitle: string; kind: string; chars: number }[] };
  groups: number[];
}

describe.skipIf(!hasPostgres)('the app on both libraries (本机, 团队服务器)', () => {
  let server: TestServer;
  let tmp: string;
  const seen: Record<string, Seen> = {};

  beforeAll(async () => {
    server = await startServer();
    await TeamLibrary.init(server.url);
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'sd-teamapp-'));
  }, 60_000);

  afterAll(async () => {
    server?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  const serverSettings = () => ({ host: '127.0.0.1', port: server.cluster.port, database: server.database, user: 'speechdraft_test', tls: false });

  for (const backend of ['local', 'team'] as const) {
    it(`${backend === 'local' ? '本机' : '团队服务器'}: import → list → check finds the passage → 打开来源 → search → metadata → near-duplicates → remove`, async () => {
      const s = await createServices(path.join(tmp, backend));
      try {
        if (backend === 'team') {
          const st = await s.handlers['library.setBackend']({ backend: 'team', server: serverSettings() });
          expect(st).toMatchObject({ backend: 'team', connected: true, role: 'admin', passwordKeeping: 'memory' });
        }
        expect((await s.handlers['library.backend']({})).backend).toBe(backend);
        // import with progress
        const { jobId } = await s.handlers['library.import']({ files: [{ name: '营商环境.txt', dataBase64: b64(SPEECH) }] });
        const job = await importDone(s, jobId);
        expect(job.state).toBe('done');
        expect(job.imported).toHaveLength(1);
        expect(job.doneFiles).toBe(1);
        const again = await importDone(s, (await s.handlers['library.import']({ files: [{ name: '营商环境.txt', dataBase64: b64(SPEECH) }] })).jobId);
        expect(again.imported[0].alreadyPresent).toBe(true);
        // list with metadata
        const list = await s.handlers['library.list']({});
        expect(list.docs).toHaveLength(1);
        const doc = list.docs[0];
        expect(doc).toMatchObject({ title: SPEECH_TITLE, speaker: '王明', date: '2024-03-15', kind: '讲话', originFile: '营商环境.txt' });
        expect(doc.id).toMatch(backend === 'team' ? /^T\d+$/ : /^L/);
        const { id: _i, importedAt: _t, ...meta } = doc;
        // a draft pasting a passage: flagged, with its source named
        const draft = await s.handlers['drafts.create']({ name: '意见', doc: draftDoc(DRAFT_TEXT) });
        const check = await s.handlers['reuse.check']({ draftId: draft.id });
        expect(check.passages).toHaveLength(1);
        const p = check.passages[0];
        expect(p.sourceId).toBe(doc.id);
        expect(p.sourceTitle).toBe(doc.label);
        expect(check.checkedText!.slice(p.start, p.end)).toContain(SPEECH_PASSAGE);
        // 打开来源: the library document's text, the passage inside it
        const src = await s.handlers['reuse.source']({ sourceId: p.sourceId });
        expect(src).toMatchObject({ id: doc.id, kind: 'library', title: doc.label });
        expect(src.text.slice(p.sourceStart, p.sourceEnd)).toContain(SPEECH_PASSAGE.slice(0, 20));
        expect((await s.handlers['library.get']({ id: doc.id })).text).toBe(src.text);
        // search
        const hits = await s.handlers['search.query']({ query: '放管服' });
        expect(hits.hits.map((h) => [h.docId, h.source])).toEqual([[doc.id, 'library']]);
        expect(hits.hits[0].snippet.text).toContain('放管服');
        const none = await s.handlers['search.query']({ query: '放管服', filters: { kind: '报告' } });
        expect(none.total).toBe(0);
        // metadata edits name the source in the next check
        const updated = await s.handlers['library.update']({ id: doc.id, patch: { speaker: '李华', occasion: '全市优化营商环境工作推进会' } });
        expect(updated.label).toContain('李华');
        expect((await s.handlers['reuse.check']({ draftId: draft.id })).passages[0].sourceTitle).toBe(updated.label);
        // 审阅稿: the comment names the source
        const review = await s.handlers['export.docx']({ draftId: draft.id, mode: 'review' });
        expect(review.comments).toBe(1);
        // a near-duplicate copy: one group, still one source
        const dup = await importDone(s, (await s.handlers['library.import']({ files: [{ name: '营商环境（修改稿）.txt', dataBase64: b64(SPEECH_COPY) }] })).jobId);
        expect(dup.duplicates).toHaveLength(1);
        const listed = await s.handlers['library.list']({});
        expect(listed.groups).toHaveLength(1);
        expect(listed.groups[0].members.map((m) => m.id).sort()).toEqual(listed.docs.map((d) => d.id).sort());
        const both = await s.handlers['reuse.check']({ draftId: draft.id });
        expect(both.sources).toHaveLength(1);
        seen[backend] = {
          meta,
          check: { ratio: check.ratio, sourceCount: check.sourceCount, passages: check.passages.map((x) => ({ start: x.start, end: x.end, sourceTitle: x.sourceTitle, kind: x.kind, chars: x.chars })) },
          groups: listed.groups.map((g) => g.members.length),
        };
        // remove: gone from the list, from checks and from search
        const removed = await s.handlers['library.remove']({ ids: listed.docs.map((d) => d.id) });
        expect(removed.removed).toHaveLength(2);
        expect((await s.handlers['library.list']({})).docs).toHaveLength(0);
        expect((await s.handlers['reuse.check']({ draftId: draft.id })).passages).toHaveLength(0);
        expect((await s.handlers['search.query']({ query: '放管服', filters: { source: 'library' } })).total).toBe(0);
      } finally {
        await s.ctx.dispose();
      }
    }, 60_000);
  }

  it('gives the same documents, passages and groups on both', () => {
    expect(seen.team).toEqual(seen.local);
  });

  it('after a restart in browser mode the team library asks for the password again (it was in memory only)', async () => {
    const dir = path.join(tmp, 'team');
    expect(await fs.readFile(path.join(dir, 'settings.json'), 'utf8')).toContain('"libraryBackend": "team"');
    const s = await createServices(dir);
    try {
      await expect(s.handlers['reuse.check']({ text: DRAFT_TEXT })).rejects.toThrow(/密码只在本次运行中保存：请在 设置 → 素材库 中输入密码并连接/);
      const st = await s.handlers['library.backend']({});
      expect(st).toMatchObject({ backend: 'team', connected: false, hasPassword: false, passwordKeeping: 'memory' });
      expect(st.problem).toMatch(/密码只在本次运行中保存/);
      // connecting again with the kept settings
      await s.handlers['library.setBackend']({ backend: 'team', server: st.server! });
      expect((await s.handlers['library.backend']({})).connected).toBe(true);
      // the library was emptied by the test above: the only source left is the workspace's own draft
      expect((await s.handlers['reuse.check']({ text: DRAFT_TEXT })).passages.map((p) => p.sourceId.split(':')[0])).toEqual(['draft']);
    } finally {
      await s.ctx.dispose();
    }
  });

  it('leaves no orphan fingerprints after removing', async () => {
    const db = await server.admin();
    try {
      const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM fingerprints');
      expect(r.rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
  });

  it('测试连接 says what is wrong in Chinese, and a failed switch keeps the current library', async () => {
    const s = await createServices(path.join(tmp, 'errors'));
    try {
      const db = await server.admin();
      await db.query("CREATE ROLE writer1 LOGIN PASSWORD 'right' IN ROLE speechdraft_writer");
      await db.end();
      const ok = await s.handlers['library.testServer']({ server: { ...serverSettings(), user: 'writer1' }, password: 'right' });
      expect(ok.role).toBe('writer');
      expect(ok.message).toMatch(/^连接成功.*撰稿人/);
      await expect(s.handlers['library.testServer']({ server: { ...serverSettings(), user: 'writer1' }, password: 'wrong' })).rejects.toThrow(/用户名或密码错误/);
      await expect(s.handlers['library.testServer']({ server: { ...serverSettings(), port: 1 } })).rejects.toThrow(/无法连接到团队服务器 127\.0\.0\.1:1/);
      await expect(s.handlers['library.setBackend']({ backend: 'team', server: { ...serverSettings(), user: 'writer1' }, password: 'wrong' })).rejects.toThrow(/用户名或密码错误/);
      expect((await s.handlers['library.backend']({})).backend).toBe('local');
      // a 撰稿人 checks and searches, but cannot import or remove (PostgreSQL says no, the app says why)
      await s.handlers['library.setBackend']({ backend: 'team', server: { ...serverSettings(), user: 'writer1' }, password: 'right' });
      const job = await importDone(s, (await s.handlers['library.import']({ files: [{ name: 'x.txt', dataBase64: b64(SPEECH) }] })).jobId);
      expect(job.problems[0].message).toMatch(/没有权限：此账号是撰稿人/);
      expect((await s.handlers['library.backend']({})).role).toBe('writer');
      // switching back to 本机 disposes the team library
      expect((await s.handlers['library.setBackend']({ backend: 'local' })).backend).toBe('local');
      expect((await s.handlers['library.list']({})).docs).toHaveLength(0);
    } finally {
      await s.ctx.dispose();
    }
  }, 60_000);
});
