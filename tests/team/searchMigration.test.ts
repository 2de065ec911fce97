// Schema 6: a library of schema 5 (searched with pg_trgm) is refused until migrated; `server migrate`
// builds the bigram search rows from the stored documents and drops the trigram index, and search then
// finds every occurrence, as in a library imported after the upgrade.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverCommand } from '../../src/cli/commands/server';
import { fingerprintText } from '../../src/core/reuse/fingerprint';
import { sketchOf } from '../../src/core/reuse/nearDup';
import { normalizeQuery } from '../../src/core/search/searchIndex';
import { contentHash } from '../../src/services/team/prepare';
import { int4Array } from '../../src/services/team/int4';
import { TeamLibrary } from '../../src/services/team/library';
import { migrate } from '../../src/services/team/migrations';
import { hasPostgres } from '../helpers/pg';
import { synthDocs } from './fixtures';
import { cli, startServer, type TestServer } from './helpers';

describe.skipIf(!hasPostgres)('migration 6: search rows built from the stored documents', () => {
  let server: TestServer;
  const docs = synthDocs(12, 21);

  beforeAll(async () => {
    server = await startServer();
    const db = await server.admin();
    try {
      await migrate(db, { createRoles: true, upTo: 5 });
      // documents as a schema-5 import stored them (its own search was the trigram index)
      for (const d of docs) {
        const fp = fingerprintText(d.text);
        await db.query(
          `INSERT INTO documents (content_hash, name, title, body, text_length, norm_length, checkpoints, sketch, grp)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0)`,
          [contentHash(d.text), d.name, d.title, d.text, d.text.length, fp.normLength, int4Array(fp.checkpoints), int4Array(sketchOf(d.text))],
        );
      }
      await db.query('UPDATE documents SET grp = id');
    } finally {
      await db.end();
    }
  });

  afterAll(() => server?.stop());

  it('refuses writers until migrated, then searches every occurrence without pg_trgm', async () => {
    await expect(TeamLibrary.connect(server.url)).rejects.toThrow(/结构版本过旧（第 5 版/);
    const m = await cli(serverCommand, ['migrate', '--url', server.url, '--json']);
    expect(m.code, m.err).toBe(0);
    const db = await server.admin();
    try {
      const idx = await db.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE indexname IN ('documents_body_trgm', 'search_grams_gram')");
      expect(idx.rows.map((r) => r.indexname)).toEqual(['search_grams_gram']);
      expect(Number((await db.query('SELECT count(*) AS n FROM search_grams')).rows[0].n)).toBeGreaterThan(1000);
    } finally {
      await db.end();
    }
    const lib = await TeamLibrary.connect(server.url);
    try {
      const line = docs[4].text.split('\n')[0];
      for (const q of [line.slice(3, 9), line.slice(0, 2), line.slice(5, 6)]) {
        const word = normalizeQuery(q);
        let expected = 0;
        for (const d of docs) {
          const norm = normalizeQuery(d.text);
          for (let at = norm.indexOf(word); at >= 0; at = norm.indexOf(word, at + word.length)) expected++;
        }
        const r = await lib.search(q, { limit: 200 });
        expect(r.total, q).toBe(expected);
        expect(r.hits.length).toBe(Math.min(200, expected));
        expect(r.hits.some((h) => h.docId === docs[4].name)).toBe(true);
      }
      // a document imported after the upgrade is found as well
      await lib.importDocs([{ name: 'new.txt', title: '新文档', text: '这是升级之后导入的一篇新文档，内容独一无二。' }]);
      expect((await lib.search('升级之后导入')).hits.map((h) => h.docId)).toEqual(['new.txt']);
    } finally {
      await lib.close();
    }
  });
});
