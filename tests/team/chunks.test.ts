// Source texts in chunks (doc_chunks, schema version 7, bodies UTF-16LE since 9): the chunks cut by the
// importer are the text cut at its checkpoints, and a library imported before version 9 gets the very same
// chunks from `server migrate` (cut again from the stored texts); removing a document removes its chunks. Small synthetic texts
// (long ones with spaces and punctuation the normaliser drops, a short one, one with astral characters).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_NORM, chunkCopyData, chunkStarts } from '../../src/services/team/chunks';
import { fingerprintText } from '../../src/core/reuse/fingerprint';
import { TeamLibrary } from '../../src/services/team/library';
import { removeTeamDocs } from '../../src/services/team/appImport';
import { teamIdOf } from '../../src/services/team/appCheck';
import { hasPostgres } from '../helpers/pg';
import { paragraph, rng } from './fixtures';
import { consistency, startLibrary, type TestServer } from './helpers';

const r = rng(5);
/** The rows of COPY binary data (doc, n, start, body as UTF-16LE) read back. */
function copyRows(data: Buffer[]): { doc: number; n: number; start: number; body: string }[] {
  const b = Buffer.concat(data);
  expect(b.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
  const rows = [];
  let o = 19;
  while (b.readInt16BE(o) !== -1) {
    expect(b.readInt16BE(o)).toBe(4);
    const len = b.readInt32BE(o + 26);
    rows.push({ doc: b.readInt32BE(o + 6), n: b.readInt32BE(o + 14), start: b.readInt32BE(o + 22), body: b.toString('utf16le', o + 30, o + 30 + len) });
    o += 30 + len;
  }
  expect(o + 2).toBe(b.length);
  return rows;
}

const docs = [
  ...Array.from({ length: 6 }, (_, i) => ({ name: `long-${i}.txt`, title: `长文${i}`, text: Array.from({ length: 12 }, () => paragraph(r, 4)).join('\n  \n') + '……  ——“完”' })),
  { name: 'short.txt', title: '短文', text: paragraph(r, 2) },
  { name: 'astral.txt', title: '生僻字', text: '𠀀' + Array.from({ length: 8 }, () => paragraph(r, 4)).join('\n') },
  { name: 'spaces.txt', title: '空白', text: ' \n\n ' + paragraph(r, 3) + '\n' + ' '.repeat(300) + paragraph(r, 30) },
];

describe('chunks of a text', () => {
  it('cut the text at checkpoints, one chunk per CHUNK_NORM normalised characters', () => {
    for (const d of docs.filter((x) => x.name !== 'astral.txt')) {
      const fp = fingerprintText(d.text);
      const starts = chunkStarts(fp.checkpoints, d.text.length);
      expect(starts[0]).toEqual({ n: 0, norm: 0, start: 0 });
      const cps = new Set<string>();
      for (let i = 0; i < fp.checkpoints.length; i += 2) cps.add(`${fp.checkpoints[i]},${fp.checkpoints[i + 1]}`);
      for (const c of starts.slice(1)) {
        expect(cps.has(`${c.norm},${c.start}`)).toBe(true);
        expect(Math.floor(c.norm / CHUNK_NORM)).toBe(c.n);
      }
      expect(new Set(starts.map((c) => c.n)).size).toBe(starts.length);
      expect(starts.length).toBe(Math.floor((fp.normLength - 1) / CHUNK_NORM) + 1);
      // COPY rows: the text cut at the chunks' starts, as UTF-16LE
      const rows = copyRows([...chunkCopyData([{ doc: 7, text: d.text, checkpoints: fp.checkpoints }])]);
      expect(rows.map((x) => [x.doc, x.n, x.start])).toEqual(starts.map((c) => [7, c.n, c.start]));
      expect(rows.map((x) => x.body).join('')).toBe(d.text);
    }
    // many texts: rows go into pieces of about 1 MB, none cut between pieces
    const plain = docs.filter((x) => x.name !== 'astral.txt');
    const many = Array.from({ length: 400 }, (_, i) => ({ doc: i + 1, text: plain[i % plain.length].text, checkpoints: fingerprintText(plain[i % plain.length].text).checkpoints }));
    const pieces = [...chunkCopyData(many)];
    expect(pieces.length).toBeGreaterThan(3);
    const back = copyRows(pieces);
    for (const m of many.slice(0, 20)) expect(back.filter((x) => x.doc === m.doc).map((x) => x.body).join('')).toBe(m.text);
    expect(new Set(back.map((x) => x.doc)).size).toBe(many.length);
    // a text with astral characters has none (it is fetched whole)
    expect(copyRows([...chunkCopyData([{ doc: 1, text: docs[7].text, checkpoints: fingerprintText(docs[7].text).checkpoints }])])).toEqual([]);
  });
});

describe.skipIf(!hasPostgres)('doc_chunks on the server', () => {
  let server: TestServer;
  let lib: TeamLibrary;
  let stop: (() => Promise<void>) | undefined;
  type Row = { doc: number; n: number; start: number; body: Buffer };
  const readChunks = async () => (await lib.pool.query<Row>('SELECT doc, n, start, body FROM doc_chunks ORDER BY doc, n')).rows.map((c) => ({ ...c, body: c.body.toString('utf16le') }));

  beforeAll(async () => {
    ({ server, lib, stop } = await startLibrary());
    await lib.importDocs(docs);
  }, 120_000);

  afterAll(() => stop?.());

  it('the importer stores each text (without astral characters) as its chunks, in order', async () => {
    const bodies = (await lib.pool.query<{ id: number; name: string; body: string; astral: boolean }>('SELECT id, name, body, astral FROM documents ORDER BY id')).rows;
    const chunks = await readChunks();
    for (const d of bodies) {
      const own = chunks.filter((c) => c.doc === d.id);
      if (d.astral) {
        expect(own).toEqual([]);
        continue;
      }
      expect(own.map((c) => c.body).join('')).toBe(d.body);
      let at = 0;
      for (const c of own) {
        expect(c.start).toBe(at);
        at += c.body.length;
      }
      const fp = fingerprintText(d.body);
      expect(own.map((c) => c.n)).toEqual(chunkStarts(fp.checkpoints, d.body.length).map((c) => c.n));
    }
  });

  it('server migrate cuts the same chunks for a library imported before version 7, and for one whose chunks are text (before version 9)', async () => {
    const before = await readChunks();
    expect(before.length).toBeGreaterThan(docs.length * 3);
    await lib.pool.query('DROP TABLE doc_chunks, hash_counts');
    await lib.pool.query('DELETE FROM schema_migrations WHERE version IN (7, 9)');
    expect((await TeamLibrary.migrate(server.url)).applied).toEqual([7, 9]);
    expect(await readChunks()).toEqual(before);
    // version 8's chunks: text, as version 7 cut them on the server
    await lib.pool.query('DROP TABLE doc_chunks');
    await lib.pool.query('CREATE TABLE doc_chunks (doc int4 NOT NULL, n int4 NOT NULL, start int4 NOT NULL, body text NOT NULL, PRIMARY KEY (doc, n))');
    await lib.pool.query('INSERT INTO doc_chunks SELECT doc, n, start, body FROM unnest($1::int4[], $2::int4[], $3::int4[], $4::text[]) AS t(doc, n, start, body)', [before.map((c) => c.doc), before.map((c) => c.n), before.map((c) => c.start), before.map((c) => c.body)]);
    await lib.pool.query('DELETE FROM schema_migrations WHERE version = 9');
    expect((await TeamLibrary.migrate(server.url)).applied).toEqual([9]);
    expect(await readChunks()).toEqual(before);
  });

  it('server migrate counts the documents already there into library_counts (version 10)', async () => {
    await lib.pool.query('DROP TABLE library_counts; DROP FUNCTION library_counts_added, library_counts_removed, library_counts_emptied CASCADE');
    await lib.pool.query('DELETE FROM schema_migrations WHERE version = 10');
    expect((await TeamLibrary.migrate(server.url)).applied).toEqual([10]);
    const db = await server.admin();
    try {
      expect(await consistency(db)).toMatchObject({ countOff: 0, docs: docs.length });
    } finally {
      await db.end();
    }
  });

  it('removing a document removes its chunks, and counts it out', async () => {
    const id = (await lib.pool.query<{ id: number }>("SELECT id FROM documents WHERE name = 'long-0.txt'")).rows[0].id;
    await removeTeamDocs(lib.pool, [teamIdOf(id)]);
    expect((await readChunks()).some((c) => c.doc === id)).toBe(false);
    const db = await server.admin();
    try {
      // and the number of documents kept by library_counts' triggers goes down with it
      expect(await consistency(db)).toMatchObject({ orphans: 0, countOff: 0, docs: docs.length - 1 });
    } finally {
      await db.end();
    }
  });
});
