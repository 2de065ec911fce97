// Near-duplicate documents from shared fingerprints: co-occurrence counts per hash (pairs are only
// formed for documents that actually share a fingerprint), containment |A∩B| / min(|A|, |B|).
import type { ReuseIndex } from './reuseIndex';
import type { NearDuplicateGroup, NearDuplicateOptions } from './types';

/** Fingerprints shared by more documents than this are stock phrases, not evidence of duplication. */
const MAX_DOCS_PER_HASH = 32;
/** Only fingerprints whose hash is ≡ 0 mod 4 are compared (the same ones in every document: an unbiased sample). */
const SAMPLE_MASK = 3;

export function findNearDuplicates(index: ReuseIndex, options: NearDuplicateOptions = {}): NearDuplicateGroup[] {
  const minContainment = options.minContainment ?? 0.8;
  const wanted = options.ids ? new Set(options.ids) : null;
  const nKeys = index.keyLocs.length;
  const include = new Uint8Array(nKeys);
  const fps = new Float64Array(nKeys);
  for (const seg of index.segments)
    for (let d = 0; d < seg.docCount; d++)
      if (seg.alive[d] && (!wanted || wanted.has(seg.ids[d]))) {
        include[seg.keyBase + d] = 1;
        fps[seg.keyBase + d] = seg.fpCounts[d] / (SAMPLE_MASK + 1);
      }
  // Shared fingerprint counts for co-occurring pairs, across segments (merge by hash).
  const pair = new Map<number, number>();
  const byHash = new Map<number, number[]>();
  for (const seg of index.segments) {
    for (let u = 0; u < seg.hashes.length; u++) {
      const lo = seg.offsets[u];
      const hi = seg.offsets[u + 1];
      if (hi - lo > MAX_DOCS_PER_HASH || (seg.hashes[u] & SAMPLE_MASK) !== 0) continue;
      let keys: number[] | undefined;
      let prev = -1;
      for (let q = lo; q < hi; q++) {
        const d = seg.docOf(seg.postings[q]);
        const key = seg.keyBase + d;
        if (!include[key] || key === prev) continue;
        prev = key;
        (keys ??= []).push(key);
      }
      if (!keys) continue;
      if (index.segments.length > 1) {
        const h = seg.hashes[u];
        const l = byHash.get(h);
        if (l) l.push(...keys);
        else byHash.set(h, keys);
      } else countPairs(keys, pair, nKeys);
    }
  }
  for (const keys of byHash.values()) countPairs(keys, pair, nKeys);
  // Union-find over pairs above the threshold.
  const parent = new Int32Array(nKeys).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  const linkSim = new Map<number, number>();
  for (const [pk, shared] of pair) {
    const a = Math.floor(pk / nKeys);
    const b = pk % nKeys;
    const denom = Math.min(fps[a], fps[b]);
    if (denom < 2) continue;
    const c = Math.min(1, shared / denom);
    if (c < minContainment) continue;
    const ra = find(a);
    const rb = find(b);
    const sim = Math.min(linkSim.get(ra) ?? 1, linkSim.get(rb) ?? 1, c);
    if (ra !== rb) parent[ra] = rb;
    linkSim.set(find(a), sim);
  }
  const groups = new Map<number, string[]>();
  for (let k = 0; k < nKeys; k++) {
    if (!include[k]) continue;
    const r = find(k);
    if (r === k && !linkSim.has(k)) continue;
    const loc = index.keyLocs[k];
    const l = groups.get(r) ?? [];
    l.push(loc.seg.ids[loc.doc]);
    groups.set(r, l);
  }
  return [...groups.entries()]
    .filter(([, ids]) => ids.length > 1)
    .map(([r, ids]) => ({ ids, similarity: linkSim.get(r) ?? 1 }))
    .sort((a, b) => b.similarity - a.similarity || (a.ids[0] < b.ids[0] ? -1 : 1));
}

function countPairs(keys: number[], pair: Map<number, number>, nKeys: number): void {
  const u = [...new Set(keys)].sort((a, b) => a - b);
  for (let i = 0; i < u.length; i++)
    for (let j = i + 1; j < u.length; j++) {
      const k = u[i] * nKeys + u[j];
      pair.set(k, (pair.get(k) ?? 0) + 1);
    }
}
