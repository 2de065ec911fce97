// A check that runs again because its sources were not at hand (a remote provider fetches them between the
// runs) verifies the paragraphs from the lookups of the first run when the provider's postings stayed the
// same (postingsVersion), and gets the result a check with everything at hand gets.
import { describe, expect, it } from 'vitest';
import { checkText, createChecker, IndexProvider, type IntBuf, type PostingProvider, type SourceMeta } from '../../src/core/reuse';
import { makeLibrary, mulberry32, randomText } from './helpers';

const rnd = mulberry32(7);
const docs = Array.from({ length: 12 }, (_, i) => ({ id: `d${i}`, title: `文稿${i}`, text: randomText(rnd, 1500) }));
const { index, opts } = makeLibrary(docs);
// a draft of five paragraphs, three of them with passages of library documents
const draft = [
  randomText(rnd, 120) + docs[2].text.slice(200, 260) + randomText(rnd, 60),
  randomText(rnd, 200),
  docs[5].text.slice(900, 1000),
  randomText(rnd, 90) + docs[9].text.slice(10, 40),
  randomText(rnd, 150),
].join('\n');

/** The library's postings at once, its documents only after arrive() (asking before counts as a miss). */
class LateSources implements PostingProvider {
  private readonly inner = new IndexProvider(index);
  version = 0;
  misses = 0;
  lookups = 0;
  private arrived = false;
  constructor(readonly postingsVersion: number | undefined) {}
  get liveDocs() {
    return this.inner.liveDocs;
  }
  get keyCount() {
    return this.inner.keyCount;
  }
  keyOf(id: string) {
    return this.inner.keyOf(id);
  }
  lookup(hash: number, draftPos: number, out: IntBuf, excluded: Set<number>): number {
    this.lookups++;
    return this.inner.lookup(hash, draftPos, out, excluded);
  }
  doc(key: number): SourceMeta | null {
    if (this.arrived) return this.inner.doc(key);
    this.misses++;
    return null;
  }
  arrive(): void {
    this.arrived = true;
    this.version++;
  }
}

describe('a check run again once its sources arrived', () => {
  const expected = JSON.stringify(checkText(index, draft, opts));

  it('looks nothing up again when the postings stayed the same, with the full result', () => {
    const p = new LateSources(0);
    const checker = createChecker(p);
    const first = checker.check(draft, opts);
    expect(p.misses).toBeGreaterThan(0);
    expect(first.passages).toEqual([]);
    const looked = p.lookups;
    expect(looked).toBeGreaterThan(0);
    p.arrive();
    const second = checker.check(draft, opts);
    expect(p.lookups).toBe(looked);
    expect(second.passages.map((x) => x.sourceId).sort()).toEqual(['d2', 'd5', 'd9']);
    expect(JSON.stringify(second)).toBe(expected);
  });

  it('looks everything up again when the provider names no postings version (its version stands for it)', () => {
    const p = new LateSources(undefined);
    const checker = createChecker(p);
    checker.check(draft, opts);
    const looked = p.lookups;
    p.arrive();
    expect(JSON.stringify(checker.check(draft, opts))).toBe(expected);
    expect(p.lookups).toBeGreaterThanOrEqual(2 * looked);
  });

  it('looks up again after reset()', () => {
    const p = new LateSources(0);
    const checker = createChecker(p);
    checker.check(draft, opts);
    const looked = p.lookups;
    p.arrive();
    checker.reset();
    expect(JSON.stringify(checker.check(draft, opts))).toBe(expected);
    expect(p.lookups).toBeGreaterThanOrEqual(2 * looked);
  });
});
