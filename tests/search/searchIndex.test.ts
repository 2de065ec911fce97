import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../src/core/search/searchIndex';
import { runQuery, snippetOf } from '../../src/core/search/query';
import { normalizeForMatch } from '../../src/core/normalize';
import { GOV_REPORTS_FILE, MINI_REPORTS_FILE, hasShared, readCorpus } from '../helpers/shared';

const DOCS = [
  { id: 'a', text: '同志们：\n今年要推进高质量发展，推进高质量发展是首要任务。\n全面深化改革。' },
  { id: 'b', text: '各位代表：\n推進高質量發展（繁体）。坚持稳中求进工作总基调。' },
  { id: 'c', text: '坚持稳中求进，推进 高质量\u3000发展！还要抓好民生。' },
  { id: 'd', text: '与之无关的一篇文稿，讲民生实事。' },
];
const texts = new Map(DOCS.map((d) => [d.id, d.text]));
const getText = (id: string) => texts.get(id);

describe('search index (synthetic)', () => {
  const idx = SearchIndex.build(DOCS);

  it('finds every occurrence of a phrase across punctuation, spaces and traditional forms, with original offsets', () => {
    const r = runQuery(idx, '推进高质量发展', { mode: 'phrase', getText });
    expect(r.total).toBe(4);
    const got = r.docs.flatMap((d) => d.hits.map((h) => [d.docId, texts.get(d.docId)!.slice(h.start, h.end)]));
    expect(got).toContainEqual(['a', '推进高质量发展']);
    expect(got).toContainEqual(['b', '推進高質量發展']);
    expect(got).toContainEqual(['c', '推进 高质量\u3000发展']);
    expect(r.docs.find((d) => d.docId === 'a')!.hits).toHaveLength(2);
  });

  it('all words: documents holding each word, in any order', () => {
    const r = runQuery(idx, '民生 稳中求进', { mode: 'all', getText });
    expect(r.docs.map((d) => d.docId)).toEqual(['c']);
    expect(r.total).toBe(2);
    expect(runQuery(idx, '民生', { mode: 'all', getText }).docs.map((d) => d.docId).sort()).toEqual(['c', 'd']);
  });

  it('filters, single characters, nothing found, punctuation-only queries', () => {
    expect(runQuery(idx, '推进高质量发展', { mode: 'phrase', getText, accept: (id) => id !== 'a' }).docs.map((d) => d.docId).sort()).toEqual(['b', 'c']);
    expect(runQuery(idx, '改', { mode: 'phrase', getText }).total).toBe(1);
    expect(runQuery(idx, '不存在的句子', { mode: 'phrase', getText }).total).toBe(0);
    expect(runQuery(idx, '，。！', { mode: 'phrase', getText }).total).toBe(0);
  });

  it('snippets stay on the line and mark the hit', () => {
    const t = DOCS[0].text;
    const at = t.indexOf('首要任务');
    const s = snippetOf(t, at, at + 4, 5, 3);
    expect(s.text.slice(s.start, s.end)).toBe('首要任务');
    expect(s.text).not.toContain('\n');
    expect(s.text.startsWith('…')).toBe(true);
  });
});

describe.skipIf(!hasShared)('search on the 政府工作报告 corpus', () => {
  it('returns every occurrence of phrases, matching a plain substring scan, with exact offsets', () => {
    const rows = readCorpus(GOV_REPORTS_FILE);
    const docs = rows.map((r, i) => ({ id: 'g' + i, text: r.content }));
    const m = new Map(docs.map((d) => [d.id, d.text]));
    const idx = SearchIndex.build(docs);
    for (const phrase of ['高质量发展', '各位代表', '改革开放', '全面建成小康社会', '国内生产总值', '政府工作报告']) {
      const r = runQuery(idx, phrase, { mode: 'phrase', getText: (id) => m.get(id) });
      const want: string[] = [];
      for (const d of docs) for (let at = d.text.indexOf(phrase); at >= 0; at = d.text.indexOf(phrase, at + phrase.length)) want.push(`${d.id}:${at}`);
      const got = r.docs.flatMap((d) => d.hits.filter((h) => m.get(d.docId)!.slice(h.start, h.end) === phrase).map((h) => `${d.docId}:${h.start}`));
      // the scan finds exactly these; the index may also find forms split by punctuation or line breaks
      expect(got.sort()).toEqual(want.sort());
      expect(want.length).toBeGreaterThan(0);
      for (const d of r.docs) for (const h of d.hits) expect(m.get(d.docId)!.slice(h.start, h.end).replace(/[\s\p{P}]/gu, '')).toBe(phrase);
    }
  });
});

describe('search on the synthetic reports (tests/fixtures/mini-reports.jsonl)', () => {
  const rows = readCorpus(MINI_REPORTS_FILE);
  const docs = rows.map((r, i) => ({ id: 'g' + i, text: r.content }));
  const m = new Map(docs.map((d) => [d.id, d.text]));
  const idx = SearchIndex.build(docs);
  const hitsOf = (phrase: string) =>
    runQuery(idx, phrase, { mode: 'phrase', getText: (id) => m.get(id) }).docs.flatMap((d) => d.hits.map((h) => ({ id: d.docId, text: m.get(d.docId)!.slice(h.start, h.end) })));

  it('finds every plain occurrence at its exact offset, and the forms written with traditional characters', () => {
    const hits = hitsOf('高质量发展');
    const want: string[] = [];
    for (const d of docs) for (let at = d.text.indexOf('高质量发展'); at >= 0; at = d.text.indexOf('高质量发展', at + 1)) want.push(d.id);
    expect(want.length).toBeGreaterThan(1);
    expect(hits.filter((h) => h.text === '高质量发展').map((h) => h.id).sort()).toEqual(want.sort());
    expect(hits.map((h) => h.text)).toContain('高質量發展');
  });

  it('matches across a zero-width space and full-width digits; every hit is the phrase once normalized', () => {
    expect(hitsOf('脱贫攻坚成果持续巩固').map((h) => h.text)).toEqual(['脱贫攻坚成果\u200b持续巩固']);
    expect(hitsOf('126万亿元').map((h) => h.text)).toEqual(['１２６万亿元']);
    for (const phrase of ['高质量发展', '脱贫攻坚成果持续巩固', '126万亿元', '诚挚感谢', '国内生产总值']) {
      const hits = hitsOf(phrase);
      expect(hits.length, phrase).toBeGreaterThan(0);
      for (const h of hits) expect(normalizeForMatch(h.text).norm, phrase).toBe(normalizeForMatch(phrase).norm);
    }
  });
});
