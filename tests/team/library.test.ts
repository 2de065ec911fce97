// One suite for the library interface, run against both backends: the embedded folder library
// (`--library DIR`) and the team library on a real PostgreSQL server (`--server URL`). The same folder is
// imported into the server; checks must give the same JSON, near-duplicate groups the same members,
// and search must find exactly the documents holding the query.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCommand, dedupCommand } from '../../src/cli/commands/library';
import { serverCommand } from '../../src/cli/commands/server';
import { searchCommand } from '../../src/cli/commands/search';
import { hasPostgres } from '../helpers/pg';
import { SCHEMA_VERSION } from '../../src/services/team/migrations';
import { draftWith, nearCopy, synthDocs, type SynthDoc } from './fixtures';
import { cli, consistency, startServer, writeFolder, type TestServer } from './helpers';

const PUNCT = /[，。；、]/;

describe.skipIf(!hasPostgres)('library interface on both backends (本机 folder, 团队服务器)', () => {
  let server: TestServer;
  let tmp: string;
  let dir: string;
  let docs: SynthDoc[];
  const backends = () => [
    { name: '本机', args: ['--library', dir] },
    { name: '团队服务器', args: ['--server', server.url] },
  ];

  beforeAll(async () => {
    server = await startServer();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'sd-team-'));
    process.env.SPEECHDRAFT_CACHE_DIR = path.join(tmp, 'cache');
    dir = path.join(tmp, 'lib');
    docs = synthDocs(30, 11);
    // near-duplicates: two edited copies of doc 3, one of doc 7
    docs.push({ name: 'copies/a.txt', title: '修改稿一', text: nearCopy(docs[3].text, 1) });
    docs.push({ name: 'copies/b.txt', title: '修改稿二', text: nearCopy(docs[3].text, 2) + '\n' + docs[20].text.slice(0, 30) });
    docs.push({ name: 'copies/c.txt', title: '修改稿三', text: nearCopy(docs[7].text, 3) });
    await writeFolder(dir, docs);
    const init = await cli(serverCommand, ['init', '--url', server.url]);
    expect(init.code, init.err).toBe(0);
  });

  afterAll(async () => {
    server?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('imports the folder once (a second import adds nothing) with progress on stderr', async () => {
    const first = await cli(serverCommand, ['import', dir, '--url', server.url, '--json']);
    expect(first.code, first.err).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ totalFiles: docs.length, added: docs.length, existing: 0 });
    expect(first.err).toMatch(/导入 importing 33\/33 文件/);
    // --bulk (indexes dropped and built again at the end) — also idempotent
    const again = await cli(serverCommand, ['import', dir, '--url', server.url, '--json', '--bulk']);
    expect(JSON.parse(again.out)).toMatchObject({ added: 0, existing: docs.length });
    expect(again.err).toMatch(/建立索引/);
    const db = await server.admin();
    try {
      const idx = await db.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE indexname IN ('fingerprints_hash', 'documents_body_trgm')");
      expect(idx.rows.map((r) => r.indexname).sort()).toEqual(['documents_body_trgm', 'fingerprints_hash']);
      expect(await consistency(db)).toEqual({ orphans: 0, bare: 0, dupContent: 0, docs: docs.length });
    } finally {
      await db.end();
    }
    const stats = JSON.parse((await cli(serverCommand, ['stats', '--url', server.url, '--json'])).out);
    expect(stats).toMatchObject({ schema: SCHEMA_VERSION, documents: docs.length, groups: 2 });
    expect(stats.fingerprints).toBeGreaterThan(stats.chars / 8);
  });

  it('check gives the same JSON on both backends, and finds every planted passage of ≥ 13 characters', async () => {
    // a group of near-duplicates counts as one source: its longest member
    const family = (name: string) => (name === docs[3].name ? [name, 'copies/a.txt', 'copies/b.txt'] : name === docs[7].name ? [name, 'copies/c.txt'] : [name]);
    for (let seed = 1; seed <= 6; seed++) {
      const draft = draftWith(docs.slice(0, 30), seed, 5);
      const file = path.join(tmp, `draft${seed}.txt`);
      await fs.writeFile(file, draft.text);
      const results = [];
      for (const b of backends()) {
        const r = await cli(checkCommand, [file, ...b.args, '--json']);
        expect(r.code, `${b.name}: ${r.err}`).toBe(0);
        results.push(JSON.parse(r.out));
      }
      expect(results[1]).toEqual(results[0]);
      for (const p of draft.planted) {
        // passages start and end at countable characters: the planted piece without its edge punctuation
        let a = p.start;
        let e = p.end;
        while (PUNCT.test(draft.text[a])) a++;
        while (PUNCT.test(draft.text[e - 1])) e--;
        const hit = results[1].passages.find((x: { start: number; end: number; sourceId: string }) => x.start <= a && x.end >= e && family(p.doc.name).includes(x.sourceId));
        expect(hit, `planted ${p.end - p.start} chars from ${p.doc.name}`).toBeDefined();
      }
    }
  });

  it('near-duplicate groups: the same members and representative on both backends', async () => {
    const folder = JSON.parse((await cli(dedupCommand, [dir, '--json'])).out) as { groups: { representative: string; documents: { id: string }[] }[] };
    const team = JSON.parse((await cli(serverCommand, ['groups', '--url', server.url, '--json'])).out) as { groups: { representative: string; ids: string[] }[] };
    const norm = (gs: { representative: string; ids: string[] }[]) => gs.map((g) => ({ representative: g.representative, ids: [...g.ids].sort() })).sort((a, b) => a.representative.localeCompare(b.representative));
    const fromFolder = norm(folder.groups.map((g) => ({ representative: g.representative, ids: g.documents.map((d) => d.id) })));
    expect(norm(team.groups)).toEqual(fromFolder);
    expect(fromFolder.map((g) => g.ids.length).sort()).toEqual([2, 3]);
  });

  it('search returns every occurrence (a plain substring scan), total = occurrences, ranked and cut as with --library', async () => {
    const db = await server.admin();
    const bodies = new Map((await db.query<{ name: string; body: string }>('SELECT name, body FROM documents')).rows.map((r) => [r.name, r.body]));
    await db.end();
    type Res = { total: number; hits: { docId: string; start: number; end: number; score: number; snippet: { text: string; start: number; end: number } }[] };
    const line = docs[5].text.split('\n')[1];
    let same = 0;
    // a phrase, a 3-character piece, a run from a document with near-duplicates, single characters found many times
    for (const [q, limit] of [[line.slice(4, 10), 50], [line.slice(0, 3), 50], [docs[3].text.slice(40, 52), 50], [line.slice(6, 7), 200], [line.slice(8, 9), 7]] as const) {
      const r = await cli(searchCommand, [q, '--server', server.url, '--json', '--limit', String(limit)]);
      expect(r.code, r.err).toBe(0);
      const res = JSON.parse(r.out) as Res;
      // every occurrence, non-overlapping from the left, in every document
      const expected: string[] = [];
      for (const [name, body] of bodies) for (let at = body.indexOf(q); at >= 0; at = body.indexOf(q, at + q.length)) expected.push(`${name}@${at}`);
      expect(res.total).toBe(expected.length);
      expect(res.hits.length).toBe(Math.min(limit, expected.length));
      for (const h of res.hits) {
        expect(bodies.get(h.docId)!.slice(h.start, h.end)).toBe(q);
        expect(h.snippet.text.slice(h.snippet.start, h.snippet.end)).toBe(q);
      }
      expect(new Set(res.hits.map((h) => `${h.docId}@${h.start}`)).size).toBe(res.hits.length);
      if (res.hits.length === expected.length) expect(res.hits.map((h) => `${h.docId}@${h.start}`).sort()).toEqual(expected.sort());
      // documents by descending score, a document's occurrences in text order
      for (let i = 1; i < res.hits.length; i++) {
        const [x, y] = [res.hits[i - 1], res.hits[i]];
        expect(x.score).toBeGreaterThanOrEqual(y.score);
        if (x.docId === y.docId) expect(x.start).toBeLessThan(y.start);
      }
      // the same JSON as the search of the library folder (the same scores and snippets) — where that search,
      // which matches normalised texts (凜 finds 凛, punctuation is skipped), finds the same occurrences
      const folder = JSON.parse((await cli(searchCommand, [q, '--library', dir, '--json', '--limit', String(limit)])).out) as Res;
      if (folder.total === expected.length) {
        expect(res).toEqual(folder);
        same++;
      }
    }
    expect(same).toBeGreaterThanOrEqual(3);
  });
});
