// One suite for the library interface, run against both backends: the embedded folder library
// (`--library DIR`) and the team library on a real PostgreSQL server (`--server URL`). The same folder is
// imported into the server; checks must give the same JSON, near-duplicate groups the same members,
// and search must give the same JSON as the folder's search (every occurrence in the normalised texts).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCommand, dedupCommand } from '../../src/cli/commands/library';
import { serverCommand } from '../../src/cli/commands/server';
import { searchCommand } from '../../src/cli/commands/search';
import { hasPostgres } from '../helpers/pg';
import { SCHEMA_VERSION } from '../../src/services/team/migrations';
import { normalizeQuery } from '../../src/core/search/searchIndex';
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
      const idx = await db.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE indexname IN ('fingerprints_hash', 'search_grams_gram', 'documents_body_trgm')");
      expect(idx.rows.map((r) => r.indexname).sort()).toEqual(['fingerprints_hash', 'search_grams_gram']);
      expect(await consistency(db)).toEqual({ orphans: 0, bare: 0, dupContent: 0, docs: docs.length, countOff: 0 });
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

  it('search returns every occurrence (a scan of the normalised texts), total = occurrences, the same JSON as --library', async () => {
    const db = await server.admin();
    const bodies = new Map((await db.query<{ name: string; body: string }>('SELECT name, body FROM documents')).rows.map((r) => [r.name, r.body]));
    await db.end();
    type Res = { total: number; hits: { docId: string; start: number; end: number; score: number; snippet: { text: string; start: number; end: number } }[] };
    const line = docs[5].text.split('\n')[1];
    const comma = line.search(PUNCT);
    // a phrase, a 3-character piece, a run from a document with near-duplicates, single characters found many times,
    // a piece across punctuation (the normalised text skips it), a traditional form (凜 finds 凛 as in the folder library)
    const variant = (() => {
      const text = docs.map((d) => d.text).join('\n');
      for (let cp = 0x4e00; cp < 0xa000; cp++) {
        const v = String.fromCharCode(cp);
        const n = normalizeQuery(v);
        const at = n.length === 1 && n !== v ? text.indexOf(n) : -1;
        if (at >= 0 && !PUNCT.test(text[at + 1]) && text[at + 1] !== '\n') return v + text[at + 1];
      }
      throw new Error('no traditional form of a character in the fixtures');
    })();
    const queries: [string, number][] = [[line.slice(4, 10), 50], [line.slice(0, 3), 50], [docs[3].text.slice(40, 52), 50], [line.slice(6, 7), 200], [line.slice(8, 9), 7], [line.slice(Math.max(0, comma - 3), comma + 4), 50], [variant, 20]];
    for (const [q, limit] of queries) {
      const r = await cli(searchCommand, [q, '--server', server.url, '--json', '--limit', String(limit)]);
      expect(r.code, r.err).toBe(0);
      const res = JSON.parse(r.out) as Res;
      // every occurrence in the normalised texts, non-overlapping from the left, in every document
      const word = normalizeQuery(q);
      let expected = 0;
      for (const body of bodies.values()) {
        const norm = normalizeQuery(body);
        for (let at = norm.indexOf(word); at >= 0; at = norm.indexOf(word, at + word.length)) expected++;
      }
      expect(res.total, q).toBe(expected);
      expect(expected, q).toBeGreaterThan(0);
      expect(res.hits.length).toBe(Math.min(limit, expected));
      for (const h of res.hits) {
        expect(normalizeQuery(bodies.get(h.docId)!.slice(h.start, h.end))).toBe(word);
        expect(normalizeQuery(h.snippet.text.slice(h.snippet.start, h.snippet.end))).toBe(word);
      }
      expect(new Set(res.hits.map((h) => `${h.docId}@${h.start}`)).size).toBe(res.hits.length);
      // documents by descending score, a document's occurrences in text order
      for (let i = 1; i < res.hits.length; i++) {
        const [x, y] = [res.hits[i - 1], res.hits[i]];
        expect(x.score).toBeGreaterThanOrEqual(y.score);
        if (x.docId === y.docId) expect(x.start).toBeLessThan(y.start);
      }
      // where the query is literal text, the hits are exactly the substring matches of a plain scan
      const literal: string[] = [];
      for (const [name, body] of bodies) for (let at = body.indexOf(q); at >= 0; at = body.indexOf(q, at + q.length)) literal.push(`${name}@${at}`);
      if (literal.length === expected && expected <= limit) expect(res.hits.map((h) => `${h.docId}@${h.start}`).sort()).toEqual(literal.sort());
      // the same JSON as the search of the library folder (the same scores, offsets and snippets)
      const folder = JSON.parse((await cli(searchCommand, [q, '--library', dir, '--json', '--limit', String(limit)])).out) as Res;
      expect(res).toEqual(folder);
    }
  });

  it('removed documents leave the search at once', async () => {
    const q = docs[12].text.split('\n')[1].slice(2, 14);
    const before = JSON.parse((await cli(searchCommand, [q, '--server', server.url, '--json'])).out) as { total: number; hits: { docId: string }[] };
    expect(before.hits.map((h) => h.docId)).toContain(docs[12].name);
    const db = await server.admin();
    try {
      await db.query('BEGIN');
      await db.query('DELETE FROM fingerprints WHERE doc = (SELECT id FROM documents WHERE name = $1)', [docs[12].name]);
      await db.query('DELETE FROM documents WHERE name = $1', [docs[12].name]);
      const after = JSON.parse((await cli(searchCommand, [q, '--server', server.url, '--json'])).out) as { total: number; hits: { docId: string }[] };
      // (the CLI runs on its own connection: it does not see the uncommitted delete)
      expect(after.total).toBe(before.total);
      await db.query('COMMIT');
    } finally {
      await db.end();
    }
    const after = JSON.parse((await cli(searchCommand, [q, '--server', server.url, '--json'])).out) as { total: number; hits: { docId: string }[] };
    expect(after.hits.map((h) => h.docId)).not.toContain(docs[12].name);
    expect(after.total).toBeLessThan(before.total);
  });
});
