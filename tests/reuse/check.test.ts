import { describe, expect, it } from 'vitest';
import { checkText, createChecker, findNearDuplicates, ReuseIndex } from '../../src/core/reuse';
import { normalizeForMatch } from '../../src/core/normalize';
import { makeLibrary, mulberry32, randomText } from './helpers';
import { MINI_REPORTS_FILE, hasShared, readCorpus, readMiniSeed, readSeed } from '../helpers/shared';

const rnd = mulberry32(99);
const docs = Array.from({ length: 30 }, (_, i) => ({ id: `d${i}`, title: `文稿${i}`, text: randomText(rnd, 2000) }));
const { index, opts, texts } = makeLibrary(docs);

/** Normalised text of the source range a passage reports. */
const srcNorm = (id: string, a: number, b: number) => normalizeForMatch(texts.get(id)!.slice(a, b)).norm;

describe('checkText', () => {
  it('always finds verbatim reuse of 13+ characters, with exact offsets on both sides', () => {
    for (let iter = 0; iter < 60; iter++) {
      const doc = docs[Math.floor(rnd() * docs.length)];
      const len = 13 + Math.floor(rnd() * 40);
      const from = Math.floor(rnd() * (doc.text.length - 100));
      const normSrc = normalizeForMatch(doc.text.slice(from));
      const piece = doc.text.slice(from, from + normSrc.map[len]); // exactly `len` countable characters
      const before = randomText(rnd, 50 + Math.floor(rnd() * 200));
      const draft = before + piece + randomText(rnd, 80);
      const res = checkText(index, draft, opts);
      const p = res.passages.find((x) => x.start <= before.length + 1 && x.end >= before.length + piece.length - 1);
      expect(p, `iteration ${iter}, length ${len}`).toBeDefined();
      expect(p!.sourceId).toBe(doc.id);
      expect(normalizeForMatch(draft.slice(p!.start, p!.end)).norm).toBe(srcNorm(doc.id, p!.sourceStart, p!.sourceEnd));
      expect(p!.longestRun).toBeGreaterThanOrEqual(len);
      expect(p!.kind).toBe('reuse');
    }
  });

  it('does not flag a shared run of 12 characters (and flags 13 with minChars 13)', () => {
    const doc = docs[3];
    const src = normalizeForMatch(doc.text);
    for (const len of [12, 13]) {
      const at = 500;
      const piece = src.norm.slice(at, at + len);
      // neighbours that differ from the source's neighbours
      const draft = randomText(rnd, 100, false) + '甲' + piece + '乙' + randomText(rnd, 100, false);
      const res = checkText(index, draft, opts);
      if (len === 12) expect(res.passages).toEqual([]);
      else expect(res.passages.length).toBe(1);
    }
    const piece12 = src.norm.slice(700, 712);
    const draft12 = '甲' + piece12 + '乙';
    expect(checkText(index, draft12, { ...opts, minChars: 10 }).passages.length).toBe(1);
  });

  it('merges a passage with small edits into one passage and reports what changed', () => {
    const doc = docs[7];
    const src = normalizeForMatch(doc.text);
    const orig = src.norm.slice(300, 520);
    let edited = '';
    for (let i = 0; i < orig.length; i++) {
      if (i % 31 === 15) edited += '改'; // replaced character
      else edited += orig[i];
      if (i === 100) edited += '新增词语'; // inserted words
      if (i % 17 === 0) edited += '，'; // changed punctuation
    }
    const draft = randomText(rnd, 120) + '\n' + edited + '\n' + randomText(rnd, 120);
    const res = checkText(index, draft, opts);
    expect(res.passages.length).toBe(1);
    const p = res.passages[0];
    expect(p.sourceId).toBe(doc.id);
    expect(p.similarity).toBeGreaterThan(0.9);
    expect(p.parts.filter((x) => x.op === 'insert').map((x) => x.text).join('')).toContain('新增词语');
    expect(p.parts.some((x) => x.op === 'delete')).toBe(true);
    // the passage covers the edited text (up to a few edge characters)
    expect(p.end - p.start).toBeGreaterThan(edited.length - 20);
  });

  it('keeps offsets in the original draft for traditional characters, full-width letters and punctuation', () => {
    const text = '我们要坚持以人民为中心的发展思想，推动经济社会高质量发展，ABC是测试。';
    const lib = makeLibrary([{ id: 's', title: '来源', text: '前言。' + text + '后记。' }]);
    const draft = '开头几句话。我們要堅持「以人民為中心」的發展思想、推動經濟社會高質量發展，ＡＢＣ是测试！结尾。';
    const res = checkText(lib.index, draft, lib.opts);
    expect(res.passages.length).toBe(1);
    const p = res.passages[0];
    expect(draft.slice(p.start, p.end)).toBe('我們要堅持「以人民為中心」的發展思想、推動經濟社會高質量發展，ＡＢＣ是测试');
    expect(lib.texts.get('s')!.slice(p.sourceStart, p.sourceEnd)).toBe('我们要坚持以人民为中心的发展思想，推动经济社会高质量发展，ABC是测试');
    expect(p.similarity).toBe(1);
    expect(res.ratio).toBeCloseTo(p.chars / res.draft.chars, 10);
  });

  it('finds a 13-character run split across a paragraph boundary', () => {
    const src = normalizeForMatch(docs[5].text).norm;
    const run = src.slice(900, 913);
    const draft = randomText(rnd, 100, false) + '甲' + run.slice(0, 6) + '\n' + run.slice(6) + '乙' + randomText(rnd, 100, false);
    const res = checkText(index, draft, opts);
    expect(res.passages.length).toBe(1);
    expect(res.passages[0].chars).toBe(13);
  });

  it('marks stock phrases (in > 10 % of the documents and at least 5) as common, outside the ratio', () => {
    const r = mulberry32(5);
    const stock = '坚持稳中求进工作总基调完整准确全面贯彻新发展理念';
    const rare = '这是一段只在两篇文稿里出现过的特殊表述内容';
    const lib = Array.from({ length: 20 }, (_, i) => ({
      id: `x${i}`,
      title: `x${i}`,
      text: randomText(r, 300) + (i < 6 ? stock : '') + randomText(r, 300) + (i < 2 ? rare : '') + randomText(r, 100),
    }));
    const L = makeLibrary(lib);
    const draft = randomText(r, 200) + '。' + stock + '。' + randomText(r, 200) + '。' + rare + '。';
    const res = checkText(L.index, draft, L.opts);
    const common = res.passages.find((p) => draft.slice(p.start, p.end) === stock);
    const reuse = res.passages.find((p) => draft.slice(p.start, p.end) === rare);
    expect(common?.kind).toBe('common');
    expect(common?.docFrequency).toBe(6);
    expect(reuse?.kind).toBe('reuse');
    expect(res.ratio).toBeCloseTo(rare.length / res.draft.chars, 10);
    // with a higher threshold the stock phrase counts
    const strict = checkText(L.index, draft, { ...L.opts, commonMinDocs: 7 });
    expect(strict.passages.every((p) => p.kind === 'reuse')).toBe(true);
  });

  it('quote ranges lower ratioExcludingQuotes; ignore ranges drop passages; excludeIds skips sources', () => {
    const a = normalizeForMatch(docs[1].text).norm.slice(100, 160);
    const b = normalizeForMatch(docs[2].text).norm.slice(100, 140);
    const pre = randomText(rnd, 100, false);
    const draft = pre + a + randomText(rnd, 100, false) + b;
    const base = checkText(index, draft, opts);
    expect(base.passages.length).toBe(2);
    expect(base.sources.map((s) => s.id).sort()).toEqual(['d1', 'd2']);
    expect(base.maxSourceRatio).toBeCloseTo(60 / base.draft.chars, 10);
    const q = checkText(index, draft, { ...opts, quoteRanges: [{ start: pre.length, end: pre.length + a.length }] });
    expect(q.ratio).toBeCloseTo(base.ratio, 10);
    expect(q.ratioExcludingQuotes).toBeCloseTo(40 / base.draft.chars, 10);
    expect(q.passages[0].quoted).toBe(true);
    const ig = checkText(index, draft, { ...opts, ignoreRanges: [{ start: pre.length, end: pre.length + a.length }] });
    expect(ig.passages.map((p) => p.sourceId)).toEqual(['d2']);
    const ex = checkText(index, draft, { ...opts, excludeIds: ['d2'] });
    expect(ex.passages.map((p) => p.sourceId)).toEqual(['d1']);
  });

  it('incremental re-check gives the same result as a full check', () => {
    const r = mulberry32(77);
    const paras: string[] = [];
    for (let i = 0; i < 25; i++) {
      const d = docs[Math.floor(r() * docs.length)];
      const n = normalizeForMatch(d.text).norm;
      const at = Math.floor(r() * 1500);
      paras.push(r() < 0.5 ? randomText(r, 80) + n.slice(at, at + 40 + Math.floor(r() * 80)) : randomText(r, 150));
    }
    const checker = createChecker(index);
    for (let step = 0; step < 25; step++) {
      const i = Math.floor(r() * paras.length);
      const kind = r();
      if (kind < 0.4) paras[i] = paras[i].slice(0, 20) + '新' + paras[i].slice(21);
      else if (kind < 0.6) paras.splice(i, 0, randomText(r, 30));
      else if (kind < 0.8 && i + 1 < paras.length) paras.splice(i, 2, paras[i] + paras[i + 1]); // join paragraphs
      else paras[i] = paras[i].slice(0, 40) + '\n' + paras[i].slice(40); // split a paragraph
      const text = paras.join('\n');
      expect(JSON.stringify(checker.check(text, opts))).toBe(JSON.stringify(checkText(index, text, opts)));
    }
  });

  it('survives a serialise/load round trip, removal and compaction', () => {
    const draft = randomText(rnd, 50) + normalizeForMatch(docs[9].text).norm.slice(10, 60) + randomText(rnd, 50) + normalizeForMatch(docs[10].text).norm.slice(10, 60);
    const before = checkText(index, draft, opts);
    expect(before.passages.length).toBe(2);
    const bytes = index.serialize();
    const loaded = ReuseIndex.load(bytes.slice());
    expect(JSON.stringify(checkText(loaded, draft, opts))).toBe(JSON.stringify(before));
    loaded.remove(['d9']);
    expect(checkText(loaded, draft, opts).passages.map((p) => p.sourceId)).toEqual(['d10']);
    loaded.compact();
    expect(loaded.size).toBe(29);
    expect(checkText(loaded, draft, opts).passages.map((p) => p.sourceId)).toEqual(['d10']);
    // re-adding a changed document replaces it
    loaded.add([{ id: 'd10', title: '新版', text: randomText(rnd, 500) }]);
    expect(checkText(loaded, draft, { getSourceText: (id) => (id === 'd10' ? undefined : texts.get(id)) }).passages).toEqual([]);
    expect(() => ReuseIndex.load(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))).toThrow();
    expect(() => ReuseIndex.load(bytes.slice(0, bytes.length - 100))).toThrow();
  });
});

describe('findNearDuplicates', () => {
  it('groups a truncated copy and leaves different documents alone', () => {
    const r = mulberry32(3);
    const a = randomText(r, 3000);
    const L = makeLibrary([
      { id: 'a', title: 'A', text: a },
      { id: 'a-trunc', title: 'A 截断', text: a.slice(0, 1400) },
      { id: 'b', title: 'B', text: randomText(r, 3000) },
      { id: 'c', title: 'C', text: randomText(r, 2000) + a.slice(0, 300) },
    ]);
    const groups = findNearDuplicates([...L.texts].map(([id, text]) => ({ id, text })));
    expect(groups.length).toBe(1);
    expect(groups[0].ids.sort()).toEqual(['a', 'a-trunc']);
    expect(groups[0].similarity).toBeGreaterThan(0.95);
  });

  it.for([
    { name: 'the synthetic bundle', read: readMiniSeed, skip: false },
    { name: 'the seed file', read: readSeed, skip: !hasShared },
  ])('groups $name’s 第四篇 with 第二篇 (a truncated copy)', ({ read, skip }, ctx) => {
    if (skip) return ctx.skip();
    const seed = read();
    const parts = seed.split(/^(?=第[一二三四五六七八九十]+篇[:：])/m).filter((p) => p.trim());
    expect(parts.length).toBe(5);
    const L = makeLibrary(parts.map((text, i) => ({ id: `p${i + 1}`, title: text.split('\n')[0], text })));
    const groups = findNearDuplicates([...L.texts].map(([id, text]) => ({ id, text })));
    const g = groups.find((x) => x.ids.includes('p4'));
    expect(g?.ids.sort()).toEqual(['p2', 'p4']);
  });
});

describe.each([
  { name: 'synthetic reports (tests/fixtures/mini-reports.jsonl)', file: MINI_REPORTS_FILE, skip: false },
  { name: 'corpus', file: undefined, skip: !hasShared },
])('$name: consecutive 政府工作报告', ({ file, skip }) => {
  it.skipIf(skip)('flags sentences of the 2023 report reused in 2024, with the exact edits', () => {
    const rows = readCorpus(file);
    const y2023 = rows.find((r) => String(r.year) === '2023')!;
    const y2024 = rows.find((r) => String(r.year) === '2024')!;
    const L = makeLibrary([{ id: '2023', title: y2023.title, text: y2023.content }]);
    const res = checkText(L.index, y2024.content, L.opts);
    // read from the two reports: the opening formula is identical
    const opening = '现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。';
    const at = y2024.content.indexOf(opening);
    expect(at).toBeGreaterThan(0);
    expect(res.passages.some((p) => p.start <= at && p.end >= at + opening.length - 1)).toBe(true);
    expect(res.ratio).toBeGreaterThan(0.05);
    expect(res.ratio).toBeLessThan(0.6);
    for (const p of res.passages) {
      expect(p.longestRun).toBeGreaterThanOrEqual(13);
      // an equal part is really shared text
      const eq = p.parts.filter((x) => x.op === 'equal').map((x) => normalizeForMatch(x.text).norm);
      const srcN = normalizeForMatch(y2023.content.slice(p.sourceStart, p.sourceEnd)).norm;
      for (const e of eq) expect(srcN.includes(e)).toBe(true);
    }
  });
});
