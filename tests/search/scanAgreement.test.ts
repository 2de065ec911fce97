// The search index against the plainest possible reading of the same text: a substring scan of each
// document's normalised text for the hits, and a set-per-block construction for the postings.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/corpus';
import { normalizeQuery, SearchIndex } from '../../src/core/search/searchIndex';
import { BLOCK, bucketBits, bucketOf, buildPostings, OVERLAP } from '../../src/core/search/postingsBuilder';
import { runQuery } from '../../src/core/search/query';

// 400 Han characters, some much commoner than others, with forms the normaliser folds, drops or expands,
// and a few passages repeated across documents (long shared runs, many occurrences)
const HAN = Array.from({ length: 400 }, (_, i) => String.fromCharCode(0x4e00 + i * 37));
const ODD = ['發', '，', '。', ' ', '\n', 'Ａ', 'a', 'ﬁ', '㍻', '𠀀', 'e\u0301', '\u3000', '\ud800'];

function syntheticDocs(seed: number, count: number): { docs: { id: string; text: string }[]; passages: string[] } {
  const rnd = mulberry32(seed);
  const char = () => (rnd() < 0.05 ? ODD[Math.floor(rnd() * ODD.length)] : HAN[Math.floor(rnd() ** 3 * HAN.length)]);
  const passages = Array.from({ length: 20 }, () => Array.from({ length: 3 + Math.floor(rnd() * 120) }, char).join(''));
  const docs: { id: string; text: string }[] = [{ id: 'empty', text: '' }, { id: 'one', text: '发' }, { id: 'punct', text: '，。！' }];
  for (let d = 0; d < count; d++) {
    // lengths from a few characters to several blocks, so phrases cross block boundaries
    const n = Math.floor(rnd() ** 2 * 5 * BLOCK);
    let t = '';
    while (t.length < n) t += rnd() < 0.02 ? passages[Math.floor(rnd() * passages.length)] : char();
    docs.push({ id: `d${d}`, text: t });
    // one document of 150,000 characters among them
    if (d === count / 2) docs.push({ id: 'large', text: Array.from({ length: 150_000 }, char).join('') });
  }
  // a document that normalising makes longer than its text (each ﷺ becomes 18 characters)
  docs.push({ id: 'long', text: 'ﷺ'.repeat(200) + passages[0] });
  return { docs, passages };
}

/** Occurrences of `q` in `s`, from the left and not overlapping (what the index reports). */
function scanOf(s: string, q: string): number[] {
  const out: number[] = [];
  for (let at = s.indexOf(q); at >= 0; at = s.indexOf(q, at + q.length)) out.push(at);
  return out;
}

/** Index of the first element where a and b differ (-1: none, same length). */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : Math.min(a.length, b.length);
}

/** The postings written the obvious way: per block the set of its buckets, per bucket its blocks' gaps as varints. */
function referencePostings(docs: { text: string }[]): { offsets: number[]; postings: number[] } {
  const chars = docs.reduce((a, d) => a + d.text.length, 0);
  const B = 1 << bucketBits(chars);
  const lists: number[][] = Array.from({ length: B }, () => []);
  let unit = 0;
  for (const d of docs) {
    const s = normalizeQuery(d.text);
    for (let k = 0; k * BLOCK < s.length - 1; k++) {
      const inBlock = new Set<number>();
      for (let p = k * BLOCK; p < Math.min(s.length - 1, (k + 1) * BLOCK + OVERLAP - 1); p++) inBlock.add(bucketOf(s.charCodeAt(p), s.charCodeAt(p + 1), B - 1));
      for (const h of inBlock) lists[h].push(unit + k);
    }
    unit += Math.max(1, Math.ceil(s.length / BLOCK));
  }
  const offsets = [0];
  const postings: number[] = [];
  for (const list of lists) {
    let last = -1;
    for (const u of list) {
      let v = u - last;
      last = u;
      while (v >= 0x80) {
        postings.push((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      postings.push(v);
    }
    offsets.push(postings.length);
  }
  return { offsets, postings };
}

describe('search index agrees with a plain scan (synthetic library)', () => {
  const { docs, passages } = syntheticDocs(5, 60);
  const index = SearchIndex.build(docs);
  const norms = docs.map((d) => normalizeQuery(d.text));
  const texts = new Map(docs.map((d) => [d.id, d.text]));

  it('keeps each document’s normalised text', () => {
    expect(index.norms).toEqual(norms);
    expect(norms[norms.length - 1].length).toBeGreaterThan(2 * BLOCK);
  });

  it('finds exactly the occurrences a substring scan finds, for phrases of 1 to 200 characters', () => {
    const rnd = mulberry32(9);
    const phrases = new Set<string>([...passages.map(normalizeQuery), '不在其中', 'a', 'fi', '平成']);
    while (phrases.size < 150) {
      const s = norms[3 + Math.floor(rnd() * (norms.length - 3))];
      const len = 1 + Math.floor(rnd() ** 2 * 200);
      if (s.length < len) continue;
      const at = Math.floor(rnd() * (s.length - len + 1));
      phrases.add(s.slice(at, at + len));
    }
    let found = 0;
    for (const q of phrases) {
      const got: string[] = [];
      index.scan(q, (d, at) => got.push(`${d}:${at}`));
      const want = norms.flatMap((s, d) => scanOf(s, q).map((at) => `${d}:${at}`));
      expect(got, q).toEqual(want);
      found += want.length;
    }
    expect(found).toBeGreaterThan(500);
  });

  it('maps every hit of a query back to original text that normalises to the phrase', () => {
    for (const q of [...passages.slice(0, 5), passages[1].slice(2, 9), 'ａ', '平成']) {
      const r = runQuery(index, q, { mode: 'phrase', getText: (id) => texts.get(id) });
      const want = norms.reduce((n, s) => n + scanOf(s, normalizeQuery(q)).length, 0);
      expect(r.total, q).toBe(want);
      for (const d of r.docs) for (const h of d.hits) expect(normalizeQuery(texts.get(d.docId)!.slice(h.start, h.end))).toBe(normalizeQuery(q));
    }
  });

  it('a tiny library whose text normalising makes many times longer is indexed whole', () => {
    const tiny = [{ id: 't', text: 'ﷺ'.repeat(100) + '发展改革' }, { id: 'u', text: '改革' }];
    const idx = SearchIndex.build(tiny);
    const norm = normalizeQuery(tiny[0].text);
    expect(norm.length).toBeGreaterThan(BLOCK + OVERLAP);
    expect(idx.norms).toEqual(tiny.map((d) => normalizeQuery(d.text)));
    for (const q of [norm.slice(BLOCK - 10, BLOCK + 30), norm.slice(-40), '改革']) {
      const got: string[] = [];
      idx.scan(q, (d, at) => got.push(`${d}:${at}`));
      const want = idx.norms.flatMap((s, d) => scanOf(s, q).map((at) => `${d}:${at}`));
      expect(got, q).toEqual(want);
      expect(want.length).toBeGreaterThan(0);
    }
    const ref = referencePostings(tiny);
    const built = buildPostings(tiny);
    expect(firstDifference(built.postings, ref.postings)).toBe(-1);
    expect(firstDifference(built.offsets, ref.offsets)).toBe(-1);
  });

  it('writes the same postings as the set-per-block construction, whatever the batch size', () => {
    const ref = referencePostings(docs);
    for (const batch of [3, 7, undefined]) {
      const built = buildPostings(docs, batch);
      expect(firstDifference(built.offsets, ref.offsets), `batch ${batch}`).toBe(-1);
      expect(firstDifference(built.postings, ref.postings), `batch ${batch}`).toBe(-1);
    }
  });
});
