// Posting counts of frequent hashes (hash_counts): every row is exact after ordinary imports, a bulk load
// and removals, a hash without a row is counted live, and the check's passages (with their document
// frequencies) stay those of the embedded engine. A phrase in 90 documents makes hashes with more than
// 64 postings; small synthetic texts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReuseIndex, checkText, draftHashes } from '../../src/core/reuse/index';
import { fetchPostings } from '../../src/services/team/postings';
import { teamCheck } from '../../src/services/team/check';
import { TeamLibrary } from '../../src/services/team/library';
import { removeTeamDocs } from '../../src/services/team/appImport';
import { teamIdOf } from '../../src/services/team/appCheck';
import { hasPostgres } from '../helpers/pg';
import { paragraph, rng } from './fixtures';
import { startLibrary, type TestServer } from './helpers';

const COMMON = '坚持以人民为中心的发展思想，不断实现好、维护好、发展好最广大人民根本利益，推动全体人民共同富裕取得更为明显的实质性进展。';
const r = rng(9);
const make = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix}-${i}.txt`, title: `${prefix}${i}`, text: `${paragraph(r, 3)}\n${i % 3 === 0 ? COMMON + COMMON : COMMON}\n${paragraph(r, 3)}` }));

describe.skipIf(!hasPostgres)('hash_counts: exact counts of frequent hashes', () => {
  let server: TestServer;
  let lib: TeamLibrary;
  let stop: (() => Promise<void>) | undefined;
  const all = [...make('a', 40), ...make('b', 40), ...make('c', 10)];

  /** Rows of hash_counts that differ from a live count, and the hashes over 64 postings without a row. */
  async function audit(): Promise<{ wrong: number; rows: number; uncounted: number }> {
    const q = await lib.pool.query<{ wrong: number; rows: number; uncounted: number }>(`SELECT
      (SELECT count(*) FROM hash_counts c WHERE c.n <> (SELECT count(*) FROM fingerprints f WHERE f.hash = c.hash))::int AS wrong,
      (SELECT count(*) FROM hash_counts)::int AS rows,
      (SELECT count(*) FROM (SELECT hash FROM fingerprints GROUP BY hash HAVING count(*) > 64) h WHERE NOT EXISTS (SELECT 1 FROM hash_counts c WHERE c.hash = h.hash))::int AS uncounted`);
    return q.rows[0];
  }

  async function sameAsEmbedded(): Promise<void> {
    const rows = (await lib.pool.query<{ id: number; title: string; body: string }>('SELECT id, title, body FROM documents ORDER BY id')).rows;
    // the same documents in the same order of keys (ids ascending)
    const index = new ReuseIndex();
    index.add(rows.map((x) => ({ id: String(x.id), title: x.title, text: x.body })));
    const draft = `${paragraph(rng(3), 2)}${COMMON}${paragraph(rng(4), 2)}\n${rows[5].body.slice(10, 80)}`;
    const server = await teamCheck(lib.pool, draft);
    const texts = new Map(rows.map((x) => [String(x.id), x.body]));
    const embedded = checkText(index, draft, { getSourceText: (id) => texts.get(id) });
    expect(server.result.passages.length).toBeGreaterThan(0);
    // the totals of the postings fetched are the live counts (over 64 for the common phrase's hashes)
    const hashes = draftHashes(draft);
    const got = await fetchPostings(lib.pool, hashes);
    const live = await lib.pool.query<{ hash: number; n: number }>('SELECT hash, count(*)::int AS n FROM fingerprints WHERE hash = ANY($1::int4[]) GROUP BY hash', [Array.from(hashes, (h) => h | 0)]);
    expect(live.rows.length).toBe(got.size);
    for (const row of live.rows) expect(got.get(row.hash >>> 0)?.total).toBe(row.n);
    expect(live.rows.some((row) => row.n > 64)).toBe(true);
    expect(server.result).toEqual(embedded);
  }

  beforeAll(async () => {
    ({ server, lib, stop } = await startLibrary());
  }, 120_000);

  afterAll(() => stop?.());

  it('ordinary imports: no rows yet, the frequent hashes are counted live', async () => {
    await lib.importDocs(all.slice(0, 40));
    await lib.importDocs(all.slice(40, 80));
    const a = await audit();
    expect(a.rows).toBe(0);
    expect(a.uncounted).toBeGreaterThan(10);
    await sameAsEmbedded();
  });

  it('a bulk load builds the rows; later imports and removals keep them exact', async () => {
    await lib.bulk(() => lib.importDocs(all.slice(80, 85)));
    let a = await audit();
    expect(a).toMatchObject({ wrong: 0, uncounted: 0 });
    expect(a.rows).toBeGreaterThan(10);
    await lib.importDocs(all.slice(85));
    const ids = (await lib.pool.query<{ id: number }>("SELECT id FROM documents WHERE name IN ('a-3.txt', 'b-4.txt', 'c-9.txt')")).rows.map((x) => x.id);
    await removeTeamDocs(lib.pool, ids.map(teamIdOf));
    a = await audit();
    expect(a.wrong).toBe(0);
    await sameAsEmbedded();
  });

  it('server migrate fills an empty table again', async () => {
    await lib.pool.query('DELETE FROM hash_counts');
    await TeamLibrary.migrate(server.url);
    expect(await audit()).toMatchObject({ wrong: 0, uncounted: 0 });
  });
});
