// The pipelined import: batches prepared for consecutive ids 0, 1, 2 … are rebased in their transaction, and a
// batch holding documents already in the library (or given ids with gaps) is rebuilt there. Either way the
// stored fingerprints and search lists are those of the documents under their ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgres } from '../helpers/pg';
import { fingerprintText } from '../../src/core/reuse/fingerprint';
import { normalizeQuery } from '../../src/core/search/searchIndex';
import { normalizeCodes } from '../../src/core/normalize';
import { TeamLibrary } from '../../src/services/team/library';
import { wordCounts } from '../../src/services/team/searchRows';
import { synthDocs } from './fixtures';
import { startLibrary } from './helpers';

describe.skipIf(!hasPostgres)('pipelined import', () => {
  let lib: TeamLibrary;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ lib, stop } = await startLibrary());
  });

  afterAll(() => stop?.());

  it('stores the fingerprints and search lists of every document under its id, new batches and mixed ones', async () => {
    const docs = synthDocs(40, 21).map((d) => ({ name: d.name, title: d.title, text: d.text }));
    // the first half alone, then everything (batches mixing documents already there with new ones), then a gap in the ids
    await lib.importDocs(docs.slice(0, 20));
    await lib.pool.query("SELECT nextval('documents_id_seq')");
    expect(await lib.importDocs(docs)).toMatchObject({ added: 20, existing: 20 });
    await lib.pool.query("SELECT nextval('documents_id_seq')");
    const more = synthDocs(6, 22, 'more').map((d) => ({ name: d.name, title: d.title, text: d.text }));
    await lib.bulk(() => lib.importDocs(more));
    const all = [...docs, ...more];
    const rows = await lib.pool.query<{ id: number; name: string; body: string }>('SELECT id, name, body FROM documents ORDER BY id');
    expect(rows.rows.map((r) => r.name).sort()).toEqual(all.map((d) => d.name).sort());
    for (const r of rows.rows) {
      const fp = fingerprintText(r.body);
      const stored = await lib.pool.query<{ hash: number; pos: number }>('SELECT hash, pos FROM fingerprints WHERE doc = $1 ORDER BY pos, hash', [r.id]);
      const expected = Array.from(fp.hashes, (h, i) => ({ hash: h | 0, pos: fp.positions[i] })).sort((a, b) => a.pos - b.pos || a.hash - b.hash);
      expect(stored.rows, r.name).toEqual(expected);
    }
    // search: per document the non-overlapping occurrences in its normalised text
    const norm = new Map(rows.rows.map((r) => {
      const n = normalizeCodes(r.body, false);
      return [r.id, String.fromCharCode(...n.codes.subarray(0, n.length))];
    }));
    const words = all.flatMap((d, k) => [d.text.slice(k % 7, (k % 7) + 2), d.text.slice(10 + k, 15 + k)]).map((w) => normalizeQuery(w)).filter((w) => w.length > 0);
    for (const word of words.slice(0, 30)) {
      const expected = new Map<number, number>();
      for (const [id, text] of norm) {
        let n = 0;
        for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
        if (n) expected.set(id, n);
      }
      const got = await wordCounts(lib.pool, word);
      expect(new Map([...got].filter(([, n]) => n > 0)), word).toEqual(expected);
    }
  });
});
