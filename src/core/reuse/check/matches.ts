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

/** Exact matches by document key (fills draft.hot at the boundary k-grams). */
export function collectMatches(provider: PostingProvider, draft: DraftData, paras: ParaData[], excluded: Set<number>, sourceFn: SourceFn): Map<number, Mem[]> {
  const { codes, hot, paraBase, total } = draft;
  const nLines = paras.length;
  const mems: Mem[] = [];
  const boundary = new Uint8Array(total + 1);
  const paraMemStart = new Int32Array(nLines + 1);
  for (let li = 0; li < nLines; li++) {
    const pd = paras[li];
    const base = paraBase[li];
    boundary[base] = 1;
    paraMemStart[li] = mems.length;
    const mm = pd.mems;
    for (let t = 0; t < mm.length; t += 5) mems.push({ key: mm[t], dA: mm[t + 1] + base, dB: mm[t + 2] + base, sA: mm[t + 3], sB: mm[t + 4], run: 0 });
  }
  paraMemStart[nLines] = mems.length;
  boundary[total] = 1;
  const near = new Set<number>();
  const crossing = new IntBuf(3 * 64);
  const cross = new IntBuf(5 * 16);
  for (let li = 0; li + 1 < nLines; li++) {
    const end = paraBase[li + 1];
    if (end === paraBase[li]) continue;
    near.clear();
    for (let x = paraMemStart[Math.max(0, li - 1)]; x < paraMemStart[Math.min(nLines, li + 3)]; x++) {
      const m = mems[x];
      if (m.dB >= end - 64 && m.dA <= end + 64) near.add(m.key);
    }
    for (let p = Math.max(0, end - K + 1); p < end && p + K <= total; p++) {
      crossing.n = 0;
      hot[p] = provider.lookup(kgramHashAt(codes, p), p, crossing, excluded);
      let others = 0;
      for (let t = 0; t < crossing.n; t += 3) {
        const key = crossing.a[t];
        if (!near.has(key) && others++ >= MAX_CANDIDATES_PER_POS) continue;
        const src = sourceFn(key);
        if (src) extend(codes, 0, total, crossing.a[t + 1], src, crossing.a[t + 2], cross, key);
      }
    }
  }
  for (let t = 0; t < cross.n; t += 5) mems.push({ key: cross.a[t], dA: cross.a[t + 1], dB: cross.a[t + 2], sA: cross.a[t + 3], sB: cross.a[t + 4], run: 0 });
  // Matches cut by a paragraph boundary continue across it.
  for (const m of mems) {
    if (!boundary[m.dA] && !boundary[m.dB]) continue;
    const src = sourceFn(m.key);
    if (src) extendMem(codes, total, m, src);
  }
  for (const m of mems) m.run = m.dB - m.dA;
  // Per document, drop duplicates (same diagonal, overlapping).
  mems.sort((a, b) => a.key - b.key || a.sA - a.dA - (b.sA - b.dA) || a.dA - b.dA);
  const byDoc = new Map<number, Mem[]>();
  let last: Mem | null = null;
  for (const m of mems) {
    if (last && last.key === m.key && last.sA - last.dA === m.sA - m.dA && m.dA <= last.dB) {
      if (m.dB > last.dB) {
        last.sB += m.dB - last.dB;
        last.dB = m.dB;
        last.run = last.dB - last.dA;
      }
      continue;
    }
    let l = byDoc.get(m.key);
    if (!l) byDoc.set(m.key, (l = []));
    l.push(m);
    last = m;
  }
  return byDoc;
}
