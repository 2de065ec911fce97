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
import { LibrarySketches } from '../../src/services/team/sketches';
import { stockPhraseCap } from '../../src/core/reuse/nearDup';
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

  it("reads the library's sketches in pages: page by page the same as at once", async () => {
    const client = await lib.pool.connect();
    try {
      const whole = new LibrarySketches();
      const paged = new LibrarySketches(3);
      await whole.refresh(client);
      await paged.refresh(client);
      const ids = (await client.query<{ id: number; sketch: number[] }>('SELECT id, sketch FROM documents ORDER BY id')).rows;
      expect(ids.length).toBeGreaterThan(7);
      expect(paged.size).toBe(ids.length);
      expect(whole.size).toBe(ids.length);
      for (const r of ids) {
        expect(Array.from(paged.sketch(r.id) ?? []), String(r.id)).toEqual(r.sketch);
        expect(Array.from(whole.sketch(r.id) ?? []), String(r.id)).toEqual(r.sketch);
      }
      // candidates as counted here from the stored sketches (samples in more documents than the stock-phrase
      // cap skipped), from the index built by sorting (rebuilt at every refresh; its directory of the default size,
      // about one sample a bucket, and of 4 buckets, many samples a bucket) and from the Map of recent documents
      const sorted = new LibrarySketches(3, 0);
      await sorted.refresh(client);
      const coarse = new LibrarySketches(3, 0, 2);
      await coarse.refresh(client);
      const docsOf = new Map<number, number>();
      for (const r of ids) for (const h of new Set(r.sketch)) docsOf.set(h, (docsOf.get(h) ?? 0) + 1);
      const cap = stockPhraseCap(ids.length);
      const expected = (probe: number[], min: number) =>
        ids
          .filter((r) => {
            const shared = r.sketch.filter((h) => probe.includes(h) && (docsOf.get(h) ?? 0) <= cap).length;
            return shared > 0 && shared >= min * Math.min(probe.length, r.sketch.length);
          })
          .map((r) => r.id);
      let found = 0;
      for (const min of [0.8, 0.2]) {
        for (const probe of ids) {
          const want = expected(probe.sketch, min);
          found += want.length;
          for (const s of [whole, paged, sorted, coarse]) expect([...s.candidates(probe.sketch, min)].sort((a, b) => a - b), `${probe.id} at ${min}`).toEqual(want);
        }
      }
      expect(found).toBeGreaterThan(ids.length);
      // documents added after the index was built are found beside it
      const extra = ids.slice(0, 3).map((r, i) => ({ id: ids[ids.length - 1].id + 1 + i, sketch: r.sketch }));
      for (const e of extra) sorted.add(e.id, e.sketch);
      expect([...sorted.candidates(ids[0].sketch, 0.8)]).toEqual(expect.arrayContaining([ids[0].id, extra[0].id]));
    } finally {
      client.release();
    }
  });

  it('stores every field as given, through the batches prepared on this thread and in the worker thread alike', async () => {
    // 200 documents: a first batch of 125 (prepared here), a second of 75 (in the worker); odd characters in both
    const odd = (k: number) => ({
      name: `odd/${k}\t名\\称.txt`,
      title: `标题\r\n第${k}篇 𠀀`,
      text: `第${k}篇：反斜杠\\，制表\t符，换\n行，回车\r符，𠀀𠀁补充平面字符。` + '坚持稳中求进工作总基调。'.repeat(20 + k),
      originFile: `odd/${k}.txt`,
      part: k,
      line: k + 1,
      offsetMap: { c: [0, 3], r: [0, 5], rawLength: 10, length: 8 },
    });
    const docs = [...synthDocs(198, 31, 'fields').map((d) => ({ name: d.name, title: d.title, text: d.text })), odd(1), odd(2)];
    docs.splice(10, 0, odd(3));
    await lib.importDocs(docs);
    for (const k of [1, 2, 3]) {
      const want = odd(k);
      const r = await lib.pool.query('SELECT name, title, body, origin_file, part, line, offset_map, text_length FROM documents WHERE name = $1', [want.name]);
      expect(r.rows[0], want.name).toEqual({ name: want.name, title: want.title, body: want.text, origin_file: want.originFile, part: want.part, line: want.line, offset_map: want.offsetMap, text_length: want.text.length });
    }
  });
});
