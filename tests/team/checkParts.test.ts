// The server check reads only the parts of the sources around the draft's seeds (substring on the
// server), yet gives exactly the embedded engine's passages: long documents (read in parts), a short one
// (read whole), one with characters outside the BMP (offsets differ on the server: read whole), long
// passages that run beyond the first parts fetched, and a second check from the cache. Small synthetic
// fixtures, no ../shared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReuseIndex, checkText } from '../../src/core/reuse/index';
import { SourceCache, teamCheck } from '../../src/services/team/check';
import { TeamLibrary } from '../../src/services/team/library';
import { SparseText } from '../../src/services/team/sources';
import { hasPostgres } from '../helpers/pg';
import { paragraph, rng, sentence } from './fixtures';
import { startServer, type TestServer } from './helpers';

describe('SparseText: parts of a text, merged', () => {
  const text = 'abcdefghijklmnopqrstuvwxyz';
  it('answers slices it holds and nothing else', () => {
    const t = new SparseText(text.length);
    t.add(2, text.slice(2, 6));
    t.add(10, text.slice(10, 14));
    expect(t.slice(2, 6)).toBe('cdef');
    expect(t.slice(3, 5)).toBe('de');
    expect(t.slice(5, 11)).toBeUndefined();
    expect(t.slice(0, 1)).toBeUndefined();
    expect(t.holds(10, 14)).toBe(true);
    expect(t.chars).toBe(8);
    // overlapping and touching parts become one
    t.add(5, text.slice(5, 10));
    expect(t.slice(2, 14)).toBe(text.slice(2, 14));
    expect(t.chars).toBe(12);
    t.add(0, text.slice(0, 3));
    t.add(20, text.slice(20));
    expect(t.slice(0, 14)).toBe(text.slice(0, 14));
    expect(t.slice(20, 26)).toBe('uvwxyz');
    expect(t.slice(13, 21)).toBeUndefined();
    expect(t.chars).toBe(20);
    // a part beyond the text's length is refused
    t.add(24, 'xyz!');
    expect(t.chars).toBe(20);
  });
});

describe.skipIf(!hasPostgres)('server check in parts: the same passages as the embedded engine', () => {
  let server: TestServer;
  let lib: TeamLibrary;
  const r = rng(77);
  // 24 long documents (~4,000 characters), one short, one with astral characters before and inside its text
  const docs = Array.from({ length: 24 }, (_, i) => ({ name: `long-${i}.txt`, title: `长文${i}`, text: Array.from({ length: 28 }, () => paragraph(r, 4)).join('\n') }));
  docs.push({ name: 'short.txt', title: '短文', text: paragraph(r, 3) });
  const astral = Array.from({ length: 20 }, (_, k) => (k % 3 === 0 ? '𠀀𪚥' : '') + paragraph(r, 4) + (k % 5 === 0 ? '𠮷' : '')).join('\n');
  docs.push({ name: 'astral.txt', title: '生僻字', text: astral });
  const texts = new Map<string, string>();
  const index = new ReuseIndex();

  beforeAll(async () => {
    server = await startServer();
    await TeamLibrary.init(server.url);
    lib = await TeamLibrary.connect(server.url);
    await lib.importDocs(docs);
    const rows = (await lib.pool.query<{ id: number; name: string; body: string; astral: boolean }>('SELECT id, name, body, astral FROM documents ORDER BY id')).rows;
    expect(rows.map((x) => x.name)).toEqual(docs.map((d) => d.name));
    expect(rows.filter((x) => x.astral).map((x) => x.name)).toEqual(['astral.txt']);
    for (const row of rows) texts.set(String(row.id), row.body);
    index.add(rows.map((row) => ({ id: String(row.id), title: docs[row.id - 1].title, text: row.body })));
  }, 120_000);

  afterAll(async () => {
    await lib?.close();
    server?.stop();
  });

  /** A draft of fresh sentences with pieces of 13–1,500 characters of the documents (line breaks kept). */
  function draft(seed: number): string {
    const d = rng(seed);
    let text = '';
    for (let i = 0; i < 14; i++) {
      const src = docs[Math.floor(d() * docs.length)].text;
      const len = i % 4 === 0 ? 600 + Math.floor(d() * 900) : 13 + Math.floor(d() * 120);
      const a = Math.floor(d() * Math.max(1, src.length - len));
      text += sentence(d, 20) + src.slice(a, a + len) + sentence(d, 15) + (d() < 0.5 ? '\n' : '');
    }
    return text;
  }

  it('every draft: passages identical to the embedded check; long sources read in parts', async () => {
    const cache = new SourceCache();
    let partial = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const text = draft(seed);
      const embedded = checkText(index, text, { getSourceText: (id) => texts.get(id) });
      const team = await teamCheck(lib.pool, text);
      expect(team.result.passages).toEqual(embedded.passages);
      expect(team.result.ratio).toBe(embedded.ratio);
      expect(embedded.passages.length).toBeGreaterThan(5);
      // the same from the cache of earlier checks (parts fetched by them fit with the new ones)
      const cached = await teamCheck(lib.pool, text, { cache });
      expect(cached.result.passages).toEqual(embedded.passages);
      let whole = 0;
      for (const id of team.names.keys()) whole += texts.get(id)!.length;
      if (team.chars < whole) partial++;
      expect(team.chars).toBeLessThanOrEqual(whole);
    }
    expect(partial).toBeGreaterThan(4);
  }, 120_000);

  it('passages in the document with astral characters have the embedded offsets', async () => {
    const id = [...texts.entries()].find(([, t]) => t === astral)![0];
    const lines = astral.split('\n');
    const text = `${sentence(rng(5), 20)}${lines[3]}${sentence(rng(6), 20)}\n${lines[15].slice(2)}${sentence(rng(7), 12)}`;
    const embedded = checkText(index, text, { getSourceText: (x) => texts.get(x) });
    const team = await teamCheck(lib.pool, text);
    expect(team.result.passages).toEqual(embedded.passages);
    const mine = embedded.passages.filter((p) => p.sourceId === id);
    expect(mine.length).toBe(2);
    for (const p of mine) expect(astral.slice(p.sourceStart, p.sourceEnd).length).toBeGreaterThan(50);
  });
});
