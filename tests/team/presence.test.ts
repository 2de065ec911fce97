// The client's bitmap of the library's hash prefixes (hash_presence): every hash with postings passes it after
// ordinary imports, a bulk load and concurrent imports committed out of order; most of a draft's hashes do not;
// a check that sends only the passing hashes is the check that sends them all; `server migrate` covers a
// library imported before the table existed. Small synthetic texts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { draftHashes } from '../../src/core/reuse/index';
import { teamCheck } from '../../src/services/team/check';
import { TeamLibrary } from '../../src/services/team/library';
import { migrate } from '../../src/services/team/migrations';
import { PresenceFilter, presenceRow } from '../../src/services/team/presence';
import { hasPostgres } from '../helpers/pg';
import { paragraph, rng, synthDocs } from './fixtures';
import { startLibrary, type TestServer } from './helpers';

/** The distinct hashes of the fingerprints (uint32). */
async function libraryHashes(db: pg.Pool | pg.Client): Promise<Uint32Array> {
  const r = await db.query<{ h: number }>('SELECT DISTINCT hash AS h FROM fingerprints');
  return Uint32Array.from(r.rows, (x) => x.h >>> 0);
}

describe('presenceRow', () => {
  it('keeps each prefix once, whatever the order and sign of the hashes', () => {
    const f = new PresenceFilter();
    const a = presenceRow(Int32Array.from([-5, 7, 7, 0x7fffffff, -0x80000000, 123456789]));
    const b = presenceRow(Uint32Array.from([123456789, 0xfffffffb, 0x80000000, 7, 0x7fffffff]));
    expect(a.equals(b)).toBe(true);
    // rows given in unsigned order of their hashes: the same row without sorting; another order is refused
    const hs = Int32Array.from([-5, 7, 0x7fffffff, -0x80000000]);
    expect(presenceRow(hs, [1, 2, 3, 0]).equals(presenceRow(hs))).toBe(true);
    expect(() => presenceRow(hs, [0, 1, 2, 3])).toThrow(/order/);
    expect(f.filter([7])).toHaveLength(0);
  });
});

describe.skipIf(!hasPostgres)('hash_presence: the prefixes of the hashes in the team library', () => {
  let server: TestServer;
  let lib: TeamLibrary;
  let stop: (() => Promise<void>) | undefined;
  const docs = synthDocs(60, 41, 'p');

  beforeAll(async () => {
    ({ server, lib, stop } = await startLibrary());
  }, 120_000);

  afterAll(() => stop?.());

  it('lets every hash with postings through, and few others; a check through it is the same check', async () => {
    await lib.importDocs(docs.slice(0, 20));
    await lib.bulk(() => lib.importDocs(docs.slice(20, 40)));
    // two writers at once: batches may commit in another order than their ids
    const other = await TeamLibrary.connect(server.url);
    try {
      await Promise.all([lib.importDocs(docs.slice(40, 50)), other.importDocs(docs.slice(50, 60))]);
    } finally {
      await other.close();
    }
    const presence = new PresenceFilter();
    await presence.refresh(lib.pool);
    const have = await libraryHashes(lib.pool);
    expect(have.length).toBeGreaterThan(1000);
    expect(presence.filter(have)).toHaveLength(have.length);
    const draft = `${paragraph(rng(77), 6)}\n${docs[3].text.slice(20, 200)}\n${paragraph(rng(78), 4)}\n${docs[55].text.slice(40, 160)}`;
    const hashes = draftHashes(draft);
    const sent = presence.filter(hashes);
    expect(sent.length).toBeLessThan(hashes.length / 2);
    const plain = await teamCheck(lib.pool, draft);
    const through = await teamCheck(lib.pool, draft, { presence });
    expect(plain.result.passages.length).toBeGreaterThanOrEqual(2);
    expect(through.result).toEqual(plain.result);
  });

  it('a batch rolled back leaves no row; server migrate fills the table for a library imported before it', async () => {
    const before = (await lib.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM hash_presence')).rows[0].n;
    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    try {
      await db.query('BEGIN');
      await db.query('INSERT INTO hash_presence (prefixes) VALUES ($1)', [presenceRow([1, 2, 3])]);
      await db.query('ROLLBACK');
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM hash_presence')).rows[0].n).toBe(before);
      // as a schema-7 library: no table, no record of migration 8
      await db.query('DROP TABLE hash_presence');
      await db.query('DELETE FROM schema_migrations WHERE version = 8');
      expect(await migrate(db)).toEqual([8]);
    } finally {
      await db.end();
    }
    const presence = new PresenceFilter();
    await presence.refresh(lib.pool);
    const have = await libraryHashes(lib.pool);
    expect(presence.filter(have)).toHaveLength(have.length);
    const draft = `${paragraph(rng(79), 5)}\n${docs[12].text.slice(0, 150)}`;
    expect((await teamCheck(lib.pool, draft, { presence })).result).toEqual((await teamCheck(lib.pool, draft)).result);
  });
});
