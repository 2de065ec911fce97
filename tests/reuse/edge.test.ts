import { describe, expect, it } from 'vitest';
import { checkText, createChecker, findNearDuplicates, ReuseIndex } from '../../src/core/reuse';
import { normalizeForMatch } from '../../src/core/normalize';
import { makeLibrary, mulberry32, randomText } from './helpers';

describe('reuse engine edge cases', () => {
  const rnd = mulberry32(11);
  const docs = Array.from({ length: 5 }, (_, i) => ({ id: `e${i}`, title: `E${i}`, text: randomText(rnd, 800) }));
  const { index, opts, texts } = makeLibrary(docs);

  it('handles empty drafts, punctuation-only drafts, empty libraries and empty documents', () => {
    for (const draft of ['', '，。！\n\n  \u200b', '短']) {
      const r = checkText(index, draft, opts);
      expect(r.passages).toEqual([]);
      expect(r.ratio).toBe(0);
    }
    const empty = new ReuseIndex();
    expect(checkText(empty, docs[0].text, opts).passages).toEqual([]);
    empty.add([{ id: 'z', title: 'z', text: '' }, { id: 'p', title: 'p', text: '。。。' }]);
    expect(empty.size).toBe(2);
    expect(checkText(empty, docs[0].text, opts).passages).toEqual([]);
    expect(ReuseIndex.load(empty.serialize()).size).toBe(2);
    expect(findNearDuplicates([{ id: 'z', text: '' }, { id: 'p', text: '。。。' }])).toEqual([]);
  });

  it('skips a source whose text is unavailable or no longer matches the index, without crashing', () => {
    const piece = normalizeForMatch(docs[1].text).norm.slice(100, 160);
    const draft = randomText(rnd, 50) + piece;
    expect(checkText(index, draft, { getSourceText: () => undefined }).passages).toEqual([]);
    // changed text (e.g. the file was edited after indexing): no false offsets
    const r = checkText(index, draft, { getSourceText: (id) => (id === 'e1' ? randomText(rnd, 800) : texts.get(id)) });
    for (const p of r.passages) expect(p.sourceId).not.toBe('e1');
  });

  it('flags a whole document pasted as one long paragraph and a draft that repeats the same passage', () => {
    const one = checkText(index, docs[2].text.replace(/\n/g, ''), opts);
    expect(one.passages.length).toBe(1);
    expect(one.ratio).toBeCloseTo(1, 5);
    const piece = normalizeForMatch(docs[3].text).norm.slice(0, 40);
    const twice = checkText(index, piece + '\n' + randomText(rnd, 30) + '\n' + piece, opts);
    expect(twice.passages.length).toBe(2);
    expect(twice.passages.every((p) => p.sourceId === 'e3')).toBe(true);
  });

  it('a checker follows index changes (add/remove) without stale results', () => {
    const L = makeLibrary(docs.slice(0, 2));
    const checker = createChecker(L.index);
    const piece = normalizeForMatch(docs[4].text).norm.slice(0, 50);
    const allTexts = new Map(docs.map((d) => [d.id, d.text]));
    const o = { getSourceText: (id: string) => allTexts.get(id) };
    expect(checker.check(piece, o).passages).toEqual([]);
    L.index.add([docs[4]]);
    expect(checker.check(piece, o).passages.map((p) => p.sourceId)).toEqual(['e4']);
    L.index.remove(['e4']);
    expect(checker.check(piece, o).passages).toEqual([]);
  });

  it('minChars is configurable', () => {
    const n = normalizeForMatch(docs[0].text).norm;
    const draft = '甲' + n.slice(300, 320) + '乙';
    expect(checkText(index, draft, opts).passages.length).toBe(1);
    expect(checkText(index, draft, { ...opts, minChars: 21 }).passages.length).toBe(0);
    expect(checkText(index, draft, { ...opts, minChars: 20 }).passages.length).toBe(1);
  });

  it('documents added one at a time end up in few segments and give the same results as one batch', () => {
    const r = mulberry32(21);
    const many = Array.from({ length: 60 }, (_, i) => ({ id: `m${i}`, title: `M${i}`, text: randomText(r, 300) }));
    const batch = makeLibrary(many);
    const single = new ReuseIndex();
    for (const d of many) single.add([d]);
    expect(single.segments.length).toBeLessThanOrEqual(8);
    expect(single.size).toBe(60);
    single.remove(many.slice(0, 40).map((d) => d.id));
    single.add(many.slice(0, 40));
    expect(single.segments.length).toBeLessThanOrEqual(8);
    const draft = many.map((d, i) => (i % 7 === 0 ? normalizeForMatch(d.text).norm.slice(50, 90) : randomText(r, 20))).join('\n');
    const a = checkText(batch.index, draft, batch.opts);
    const b = checkText(single, draft, batch.opts);
    expect(a.passages.length).toBe(9);
    expect(b.passages.map((p) => [p.start, p.end, p.sourceId, p.sourceStart])).toEqual(a.passages.map((p) => [p.start, p.end, p.sourceId, p.sourceStart]));
    expect(ReuseIndex.load(single.serialize()).size).toBe(60);
  });

  it('does not keep segments alive after they left the index (a draft re-indexed on every save)', () => {
    const r = mulberry32(31);
    const lib = randomText(r, 600);
    const idx = new ReuseIndex();
    idx.add([{ id: 'lib', title: 'L', text: lib }]);
    for (let i = 0; i < 50; i++) idx.add([{ id: 'draft:x', title: 'D', text: lib.slice(0, 300) + randomText(r, 100) }]);
    const referenced = new Set(idx.keyLocs.filter((l) => l !== undefined).map((l) => l.seg));
    expect(idx.segments.length).toBeLessThanOrEqual(2);
    expect([...referenced].every((s) => idx.segments.includes(s))).toBe(true);
    const res = checkText(idx, lib.slice(100, 200), { excludeIds: ['draft:x'], getSourceText: (id) => (id === 'lib' ? lib : undefined) });
    expect(res.passages.map((p) => p.sourceId)).toEqual(['lib']);
  });
});
