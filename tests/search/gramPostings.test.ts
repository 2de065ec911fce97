// The exact bigram postings the team library stores: for every query, the counts per document from the
// postings of several batches equal a non-overlapping scan of the normalised texts.
import { describe, expect, it } from 'vitest';
import { buildGramBatch, countPerDoc, coveringGrams, decodePostings, keysStartingWith, phraseStarts, rebaseGramBatch, unsignedOrder, type GramBatch } from '../../src/core/search/gramPostings';
import { normalizeQuery } from '../../src/core/search/searchIndex';

/** A PRNG for reproducible texts. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const ALPHABET = '改革发展哈哈的是，。凜凛ＡＢab 𠀀';

function texts(n: number, seed: number): string[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    const len = Math.floor(r() * 400);
    let s = '';
    const chars = Array.from(ALPHABET);
    while (s.length < len) s += chars[Math.floor(r() * chars.length)];
    return s;
  });
}

/** The rows of several batches, as the server returns them for a key: the lists in batch order. */
function rowsOf(batches: GramBatch[], key: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const b of batches) {
    let lo = 0;
    let hi = b.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (b.keys[mid] === key) {
        out.push(b.bytes.subarray(b.offsets[mid], b.offsets[mid + 1]));
        break;
      }
      if (b.keys[mid] < key) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return out;
}

function counts(batches: GramBatch[], word: string, bySize = false): Map<number, number> {
  if (word.length === 1) {
    const [lo, hi] = keysStartingWith(word.charCodeAt(0));
    const m = new Map<number, number>();
    for (const b of batches) for (let g = 0; g < b.keys.length; g++) if (b.keys[g] >= lo && b.keys[g] <= hi) countPerDoc(decodePostings([b.bytes.subarray(b.offsets[g], b.offsets[g + 1])]), 1, m);
    return m;
  }
  const size = (key: number) => rowsOf(batches, key).reduce((a, b) => a + b.length, 0);
  const cover = bySize ? coveringGrams(word, size) : coveringGrams(word);
  // the cover holds every character
  const covered = new Set(cover.flatMap((g) => [g.offset, g.offset + 1]));
  expect(covered.size).toBe(word.length);
  const lists = cover.map((g) => ({ postings: decodePostings(rowsOf(batches, g.key)), offset: g.offset }));
  return countPerDoc(phraseStarts(lists), word.length);
}

function scan(norms: string[], ids: number[], word: string): Map<number, number> {
  const m = new Map<number, number>();
  norms.forEach((s, i) => {
    let n = 0;
    for (let at = s.indexOf(word); at >= 0; at = s.indexOf(word, at + word.length)) n++;
    if (n) m.set(ids[i], n);
  });
  return m;
}

describe('bigram postings (team library search)', () => {
  const all = texts(120, 7);
  const ids = all.map((_, i) => 3 + 2 * i);
  // three batches, as three imports
  const batches = [0, 40, 80].map((from) => buildGramBatch(all.slice(from, from + 40).map((text, i) => ({ id: ids[from + i], text }))));
  const norms = all.map(normalizeQuery);

  it('keys ascend, lists code every position once, lengths are the normalised lengths', () => {
    let entries = 0;
    for (const b of batches) {
      for (let g = 1; g < b.keys.length; g++) expect(b.keys[g]).toBeGreaterThan(b.keys[g - 1]);
      for (let g = 0; g < b.keys.length; g++) entries += decodePostings([b.bytes.subarray(b.offsets[g], b.offsets[g + 1])]).length;
    }
    expect(entries).toBe(norms.reduce((a, s) => a + s.length, 0));
    expect([...batches.flatMap((b) => [...b.normLengths])]).toEqual(norms.map((s) => s.length));
  });

  it('counts every occurrence (non-overlapping, from the left) of phrases of 1–9 characters exactly', () => {
    const r = rng(11);
    const queries = ['哈哈', '哈哈哈', '哈哈哈哈', '改革', '凛', '凜', 'ab', 'AB', '𠀀', '的是的'];
    for (let k = 0; k < 150; k++) {
      const s = norms[Math.floor(r() * norms.length)];
      if (s.length < 10) continue;
      const len = 1 + Math.floor(r() * 9);
      const at = Math.floor(r() * (s.length - len));
      queries.push(s.slice(at, at + len));
    }
    for (const q of queries) {
      const word = normalizeQuery(q);
      if (!word) continue; // half of a surrogate pair
      expect(counts(batches, word), q).toEqual(scan(norms, ids, word));
      if (word.length >= 2) expect(counts(batches, word, true), q).toEqual(scan(norms, ids, word));
    }
    // a phrase nowhere in the texts
    expect(counts(batches, '发展改革发展改革发展改革发展改革').size).toBe(0);
  });

  it('a batch of many distinct bigrams (the key table grows several times) codes each key the positions a plain scan finds', () => {
    const r = rng(5);
    // 3,000 distinct characters at random: some 10⁵ distinct bigrams among 120,000 positions
    const docs = Array.from({ length: 40 }, (_, d) => ({ id: 3 * d + 1, text: Array.from({ length: 3000 }, () => String.fromCharCode(0x4e00 + Math.floor(r() * 3000))).join('') }));
    const b = buildGramBatch(docs);
    const want = new Map<number, string[]>();
    for (const { id, text } of docs) {
      const norm = normalizeQuery(text);
      for (let p = 0; p < norm.length; p++) {
        const key = ((norm.charCodeAt(p) << 16) | (p + 1 < norm.length ? norm.charCodeAt(p + 1) : 0)) | 0;
        const l = want.get(key) ?? [];
        l.push(`${id}:${p}`);
        want.set(key, l);
      }
    }
    expect(b.keys.length).toBe(want.size);
    expect(b.keys.length).toBeGreaterThan(70_000);
    for (let g = 0; g < b.keys.length; g++) {
      if (g > 0) expect(b.keys[g]).toBeGreaterThan(b.keys[g - 1]);
      const got = decodePostings([b.bytes.subarray(b.offsets[g], b.offsets[g + 1])]);
      const list = Array.from({ length: got.length }, (_, i) => `${got.doc[i]}:${got.pos[i]}`);
      if (list.join() !== (want.get(b.keys[g]) ?? []).join()) expect(list).toEqual(want.get(b.keys[g]));
    }
  });

  it('rejects ids out of order (the lists of a key must read in document order)', () => {
    expect(() => buildGramBatch([{ id: 5, text: '改革' }, { id: 4, text: '发展' }])).toThrow();
  });

  it('lists built with ids 0, 1, 2 … and rebased equal the lists built with the consecutive ids', () => {
    const ts = texts(60, 11);
    const local = buildGramBatch(ts.map((text, i) => ({ id: i, text })));
    for (const first of [1, 127, 128, 5000, 2 ** 24 + 3]) {
      const direct = buildGramBatch(ts.map((text, i) => ({ id: first + i, text })));
      const rebased = rebaseGramBatch(local, first);
      expect(Array.from(rebased.keys)).toEqual(Array.from(direct.keys));
      expect(Array.from(rebased.offsets)).toEqual(Array.from(direct.offsets));
      expect(Buffer.from(rebased.bytes).equals(Buffer.from(direct.bytes))).toBe(true);
    }
  });

  it('unsignedOrder: rows by key as unsigned, ties in row order', () => {
    const r = rng(5);
    const keys = Int32Array.from({ length: 5000 }, () => (r() * 2 ** 32) | 0);
    for (let i = 0; i < 500; i++) keys[i * 7] = keys[i]; // ties
    const expected = Array.from(keys.keys()).sort((a, b) => (keys[a] >>> 0) - (keys[b] >>> 0) || a - b);
    expect(Array.from(unsignedOrder(keys))).toEqual(expected);
    expect(Array.from(unsignedOrder(new Int32Array(0)))).toEqual([]);
  });
});
