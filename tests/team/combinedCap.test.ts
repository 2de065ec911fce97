// The app's check over the workspace's own sources and the team library samples a hash's postings as one
// index would: the first MAX_POSTINGS_PER_HASH postings of live documents in key order over both (local keys
// first), not that many from each.
import { describe, expect, it } from 'vitest';
import { draftHashes, IndexProvider, IntBuf, MAX_POSTINGS_PER_HASH, ReuseIndex } from '../../src/core/reuse/index';
import { CombinedProvider } from '../../src/services/team/appCheck';
import { FetchedPostings } from '../../src/services/team/postings';

const SENTENCE = '坚持以人民为中心的发展思想，不断增进民生福祉。';

function setup(localDocs: number, serverPostings: number) {
  const index = new ReuseIndex();
  index.add(Array.from({ length: localDocs }, (_, i) => ({ id: `L${i}`, title: `本地${i}`, text: `第${i}篇。${SENTENCE}` })));
  const local = new IndexProvider(index);
  // a hash every local document holds once
  const out = new IntBuf();
  const hash = [...draftHashes(SENTENCE)].find((h) => local.lookup(h, 0, out, new Set()) === localDocs)!;
  expect(hash).toBeDefined();
  const ids = Int32Array.from({ length: Math.min(serverPostings, MAX_POSTINGS_PER_HASH) }, (_, i) => i + 1);
  const server = new FetchedPostings(new Map([[hash, { total: serverPostings, docs: ids, poss: new Int32Array(ids.length) }]]), serverPostings, serverPostings + 1);
  return { hash, combined: new CombinedProvider(local, server), L: local.keyCount };
}

function seeds(p: CombinedProvider, hash: number, excluded = new Set<number>()) {
  const out = new IntBuf();
  const total = p.lookup(hash, 7, out, excluded);
  const keys: number[] = [];
  for (let i = 0; i < out.n; i += 3) keys.push(out.a[i]);
  return { total, keys };
}

describe('CombinedProvider: one postings cap over the local index and the team library', () => {
  it('takes the local postings first and only what is left of the cap from the server', () => {
    const { hash, combined, L } = setup(40, 100);
    const { total, keys } = seeds(combined, hash);
    expect(total).toBe(140);
    expect(keys).toHaveLength(MAX_POSTINGS_PER_HASH);
    expect(keys.slice(0, 40)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    // server keys after the local ones: L + server id, the first 24 server postings
    expect(keys.slice(40)).toEqual(Array.from({ length: MAX_POSTINGS_PER_HASH - 40 }, (_, i) => L + i + 1));
  });

  it('counts excluded documents towards the cap (as the embedded index does)', () => {
    const { hash, combined, L } = setup(10, 100);
    const { keys } = seeds(combined, hash, new Set([0, 1, L + 1]));
    // 10 local (2 excluded) + 54 server (1 excluded): 61 seeds
    expect(keys).toHaveLength(MAX_POSTINGS_PER_HASH - 3);
    expect(keys[keys.length - 1]).toBe(L + MAX_POSTINGS_PER_HASH - 10);
  });

  it('leaves nothing to the server when the local index fills the cap', () => {
    const { hash, combined, L } = setup(70, 5);
    const { total, keys } = seeds(combined, hash);
    expect(total).toBe(75);
    expect(keys).toHaveLength(MAX_POSTINGS_PER_HASH);
    expect(keys.every((k) => k < L)).toBe(true);
  });
});
