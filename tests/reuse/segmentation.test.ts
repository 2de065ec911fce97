// A check's result depends on which documents are indexed (and in which order they were added), never on
// how the index happens to be segmented: one batch, batches of 1, 7, 200 or 500, merges, removed documents
// still tombstoned in a segment, compact(), or a save/load round trip all give the very same result.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText, ReuseIndex, type CheckResult, type ReuseDocInput } from '../../src/core/reuse';
import { normalizeForMatch } from '../../src/core/normalize';
import { REPO_DIR } from '../helpers/shared';
import { mulberry32, randomText } from './helpers';

function batched(docs: ReuseDocInput[], size: number): ReuseIndex {
  const index = new ReuseIndex();
  for (let i = 0; i < docs.length; i += size) index.add(docs.slice(i, i + size));
  return index;
}

/** The same live documents, in the same order, after extra documents were added between them and removed again. */
function withTombstones(docs: ReuseDocInput[], extra: ReuseDocInput[], size: number): ReuseIndex {
  const mixed: ReuseDocInput[] = [];
  let next = 0;
  docs.forEach((d, i) => {
    mixed.push(d);
    if (i % 3 === 1 && next < extra.length) mixed.push(extra[next++]);
  });
  const index = batched(mixed, size);
  // a few at a time: segments keep some removed documents (under half of them) as tombstones
  const gone = mixed.filter((d) => !docs.includes(d)).map((d) => d.id);
  for (let i = 0; i < gone.length; i += 5) index.remove(gone.slice(i, i + 5));
  return index;
}

function variants(docs: ReuseDocInput[], extra: ReuseDocInput[]): [string, ReuseIndex][] {
  const out: [string, ReuseIndex][] = [];
  for (const size of [docs.length, 1, 7, 200, 500]) out.push([`batches of ${size}`, batched(docs, size)]);
  const once = new ReuseIndex();
  for (let i = 0; i < docs.length; i += 3) once.add(docs.slice(i, i + 3), { maintain: false });
  once.maintain();
  out.push(['batches of 3 merged at the end', once]);
  const tomb = withTombstones(docs, extra, 9);
  out.push(['removed documents still in their segments', tomb]);
  const compacted = withTombstones(docs, extra, 9);
  compacted.compact();
  out.push(['compacted', compacted]);
  out.push(['saved and loaded (batches of 7)', ReuseIndex.load(batched(docs, 7).serialize())]);
  out.push(['saved and loaded (with removed documents)', ReuseIndex.load(withTombstones(docs, extra, 13).serialize())]);
  return out;
}

function expectSameChecks(docs: ReuseDocInput[], extra: ReuseDocInput[], drafts: string[]): CheckResult[] {
  const texts = new Map([...docs, ...extra].map((d) => [d.id, d.text]));
  const opts = { getSourceText: (id: string) => texts.get(id) };
  const [, ref] = variants(docs, extra)[0];
  const want = drafts.map((d) => checkText(ref, d, opts));
  for (const [name, index] of variants(docs, extra)) {
    expect(index.size, name).toBe(docs.length);
    expect(index.docs().map((d) => d.id), name).toEqual(docs.map((d) => d.id));
    drafts.forEach((d, i) => expect(checkText(index, d, opts), `${name}, draft ${i}`).toEqual(want[i]));
  }
  return want;
}

describe('check results do not depend on the index segmentation', () => {
  it('a sentence in more documents than the posting cap: same passages, sources, similarities and figures', () => {
    const rnd = mulberry32(5);
    const stock = '坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，推动改革发展成果更多更公平惠及全体人民';
    const near = '坚持以人民为中心的发展思想，切实解决好群众急难愁盼问题，推动发展成果更多更公平惠及全体人民';
    const docs: ReuseDocInput[] = Array.from({ length: 620 }, (_, i) => {
      const parts = [randomText(rnd, 40 + (i % 50))];
      // the stock sentence (or a lightly edited copy) in most documents: far more postings than the cap
      if (i % 5 !== 4) parts.push(i % 3 === 0 ? near : stock);
      parts.push(randomText(rnd, 60));
      return { id: `d${String(i).padStart(3, '0')}`, title: `文稿${i}`, text: parts.join('') };
    });
    // documents sharing one passage among a few of them (near ties for the passage's source)
    const shared = randomText(rnd, 45, false);
    for (const i of [77, 310, 555]) docs[i] = { ...docs[i], text: docs[i].text + shared + randomText(rnd, 20) };
    const extra = Array.from({ length: 90 }, (_, i) => ({ id: `x${i}`, title: `删${i}`, text: randomText(rnd, 30) + stock + shared + randomText(rnd, 30) }));
    const own = normalizeForMatch(docs[400].text).norm;
    const drafts = [
      [randomText(rnd, 30) + stock + randomText(rnd, 20), randomText(rnd, 25) + shared, own.slice(10, 80), randomText(rnd, 20) + near.slice(0, 30)].join('\n'),
      stock + '\n' + stock.slice(0, 20) + randomText(rnd, 10) + stock.slice(20),
    ];
    const [r] = expectSameChecks(docs, extra, drafts);
    // what the comparison is about: a 套话 found through sampled postings, and reuse of single documents
    expect(r.passages.some((p) => p.kind === 'common' && p.docFrequency > 64)).toBe(true);
    expect(r.passages.some((p) => p.kind === 'reuse' && p.sourceId === 'd400')).toBe(true);
    expect(r.passages.some((p) => p.kind === 'reuse' && ['d077', 'd310', 'd555'].includes(p.sourceId))).toBe(true);
  });

  it('the committed mini fixtures, one document per paragraph', () => {
    const seed = readFileSync(path.join(REPO_DIR, 'tests/fixtures/mini-seed.txt'), 'utf8');
    const reports = readFileSync(path.join(REPO_DIR, 'tests/fixtures/mini-reports.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { title: string; content: string });
    const paras = [...seed.split('\n'), ...reports.flatMap((r) => r.content.split('\n'))].filter((p) => p.trim().length > 15);
    const docs = paras.map((text, i) => ({ id: `p${i}`, title: `段${i}`, text }));
    const rnd = mulberry32(9);
    const extra = Array.from({ length: 40 }, (_, i) => ({ id: `x${i}`, title: `删${i}`, text: paras[(i * 7) % paras.length] + randomText(rnd, 20) }));
    const drafts = [seed.slice(0, 3000), reports[reports.length - 1].content];
    const [r] = expectSameChecks(docs, extra, drafts);
    expect(r.passages.length).toBeGreaterThan(5);
  });
});

describe('Segment.livePostings', () => {
  it('counts the postings of live documents, for short and long posting lists alike', () => {
    const rnd = mulberry32(17);
    const stock = randomText(rnd, 30, false);
    const docs = Array.from({ length: 400 }, (_, i) => ({ id: `s${i}`, title: '', text: randomText(rnd, 20) + (i % 2 ? stock : '') + randomText(rnd, 20) + (i % 7 ? '' : stock) }));
    const index = new ReuseIndex();
    index.add(docs);
    const seg = index.segments[0];
    // few removed documents (long lists are counted by binary search), then many (counted one by one)
    for (const share of [0.02, 0.3]) {
      index.remove(docs.filter((_, i) => i % 2 && rnd() < share).map((d) => d.id));
      expect(index.segments[0]).toBe(seg);
      let checked = 0;
      for (let u = 0; u < seg.hashes.length; u++) {
        let want = 0;
        for (let q = seg.offsets[u]; q < seg.offsets[u + 1]; q++) want += seg.alive[seg.docOf(seg.postings[q])];
        expect(seg.livePostings(u)).toBe(want);
        if (seg.offsets[u + 1] - seg.offsets[u] > 100) checked++;
      }
      expect(checked).toBeGreaterThan(0);
    }
  });
});
