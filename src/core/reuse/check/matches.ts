// Matches of the whole draft: the paragraphs' own (shifted to draft positions), plus those seeded by
// k-grams that cross a paragraph boundary; matches cut by a boundary continue across it; then, per
// document, duplicates (same diagonal, overlapping) are merged.
import { K as K_, kgramHashAt } from '../winnow';
import { IntBuf } from './buffers';
import type { DraftData } from './draft';
import type { ParaData } from './paragraphs';
import type { PostingProvider } from './provider';
import { extend, extendMem, type Mem } from './seeds';
import type { SourceFn } from './sourceWindows';

const K = K_;
/** Candidate sources verified for a k-gram crossing a paragraph boundary (besides nearby sources). */
const MAX_CANDIDATES_PER_POS = 3;
/** Boundary k-gram lookups kept between re-checks (then cleared: the draft has moved on). */
const MAX_CACHED_LOOKUPS = 50_000;

/**
 * Postings of the k-grams that cross paragraph boundaries, by hash: (docKey, srcPos) pairs and the total
 * count. Kept by the checker between re-checks while the index and the excluded documents stay the same.
 */
export type BoundaryLookups = Map<number, { count: number; seeds: Int32Array }>;

/**
 * Exact matches by document key (fills draft.hot at the boundary k-grams). Only documents that can have a
 * passage are returned: one with a match of `minChars`, or whose matches could grow into one (they add up
 * to `minChars`, or one touches a paragraph boundary and may continue across it); the others' matches are
 * never turned into objects, sorted or clustered.
 */
export function collectMatches(
  provider: PostingProvider,
  draft: DraftData,
  paras: ParaData[],
  excluded: Set<number>,
  sourceFn: SourceFn,
  minChars: number,
  lookups: BoundaryLookups = new Map(),
): Map<number, Mem[]> {
  const { codes, hot, paraBase, total } = draft;
  const nLines = paras.length;
  const boundary = new Uint8Array(total + 1);
  const matched = new Int32Array(provider.keyCount);
  const live = new Uint8Array(provider.keyCount);
  for (let li = 0; li < nLines; li++) {
    const pd = paras[li];
    boundary[paraBase[li]] = 1;
    const mm = pd.mems;
    for (let t = 0; t < mm.length; t += 5) {
      const key = mm[t];
      matched[key] += mm[t + 2] - mm[t + 1];
      if (mm[t + 1] === 0 || mm[t + 2] === pd.len || matched[key] >= minChars) live[key] = 1;
    }
  }
  boundary[total] = 1;
  const near = new Set<number>();
  const crossing = new IntBuf(3 * 64);
  const cross = new IntBuf(5 * 16);
  for (let li = 0; li + 1 < nLines; li++) {
    const end = paraBase[li + 1];
    if (end === paraBase[li]) continue;
    near.clear();
    for (let lj = Math.max(0, li - 1); lj < Math.min(nLines, li + 3); lj++) {
      const mm = paras[lj].mems;
      const base = paraBase[lj];
      for (let t = 0; t < mm.length; t += 5) if (mm[t + 2] + base >= end - 64 && mm[t + 1] + base <= end + 64) near.add(mm[t]);
    }
    for (let p = Math.max(0, end - K + 1); p < end && p + K <= total; p++) {
      const hash = kgramHashAt(codes, p);
      let hit = lookups.get(hash);
      if (!hit) {
        crossing.n = 0;
        const count = provider.lookup(hash, p, crossing, excluded);
        const seeds = new Int32Array((crossing.n / 3) * 2);
        for (let t = 0, u = 0; t < crossing.n; t += 3, u += 2) {
          seeds[u] = crossing.a[t];
          seeds[u + 1] = crossing.a[t + 2];
        }
        hit = { count, seeds };
        if (lookups.size >= MAX_CACHED_LOOKUPS) lookups.clear();
        lookups.set(hash, hit);
      }
      hot[p] = hit.count;
      const seeds = hit.seeds;
      let others = 0;
      for (let t = 0; t < seeds.length; t += 2) {
        const key = seeds[t];
        if (!near.has(key) && others++ >= MAX_CANDIDATES_PER_POS) continue;
        const src = sourceFn(key);
        if (src) extend(codes, 0, total, p, src, seeds[t + 1], cross, key);
      }
    }
  }
  const mems: Mem[] = [];
  for (let li = 0; li < nLines; li++) {
    const mm = paras[li].mems;
    const base = paraBase[li];
    for (let t = 0; t < mm.length; t += 5) {
      if (live[mm[t]]) mems.push({ key: mm[t], dA: mm[t + 1] + base, dB: mm[t + 2] + base, sA: mm[t + 3], sB: mm[t + 4], run: 0 });
    }
  }
  for (let t = 0; t < cross.n; t += 5) mems.push({ key: cross.a[t], dA: cross.a[t + 1], dB: cross.a[t + 2], sA: cross.a[t + 3], sB: cross.a[t + 4], run: 0 });
  // Matches cut by a paragraph boundary continue across it.
  for (const m of mems) {
    if (!boundary[m.dA] && !boundary[m.dB]) continue;
    const src = sourceFn(m.key);
    if (src) extendMem(codes, total, m, src);
  }
  // Per document (in key order), drop duplicates (same diagonal, overlapping): each document's matches
  // are sorted on their own, in draft order (what clustering wants next; the draft's order is mostly there
  // already), and merged with the last one kept on their diagonal.
  const groups = new Map<number, Mem[]>();
  for (const m of mems) {
    m.run = m.dB - m.dA;
    const l = groups.get(m.key);
    if (l) l.push(m);
    else groups.set(m.key, [m]);
  }
  const byDoc = new Map<number, Mem[]>();
  const lastOnDiagonal = new Map<number, Mem>();
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const list = groups.get(key)!;
    if (list.length > 1) list.sort((a, b) => a.dA - b.dA || a.sA - b.sA);
    const kept: Mem[] = [];
    lastOnDiagonal.clear();
    for (const m of list) {
      const last = lastOnDiagonal.get(m.sA - m.dA);
      if (last && m.dA <= last.dB) {
        if (m.dB > last.dB) {
          last.sB += m.dB - last.dB;
          last.dB = m.dB;
          last.run = last.dB - last.dA;
        }
        continue;
      }
      kept.push(m);
      lastOnDiagonal.set(m.sA - m.dA, m);
    }
    byDoc.set(key, kept);
  }
  return byDoc;
}
