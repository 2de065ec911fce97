// Clustering: one document's nearby matches form one candidate passage; overlaps between sources are
// resolved best first (the others are clipped to what is left and clustered again).
import type { Mem } from './seeds';

/** Exact matches separated by at most this many characters on each side merge into one passage. */
const MERGE_GAP = 24;

export interface Cand {
  key: number;
  mems: Mem[];
  matched: number;
  longest: number;
}

/**
 * Group one document's matches into passages: a match joins an open cluster when it continues it
 * within MERGE_GAP on both sides (draft and source); matches on other diagonals (repeated phrases
 * elsewhere in the source) start their own cluster instead of breaking the current one.
 */
export function clusterMems(mems: Mem[], minChars: number): Mem[][] {
  mems.sort((a, b) => a.dA - b.dA || a.sA - b.sA);
  interface Open {
    mems: Mem[];
    dEnd: number;
    sEnd: number;
    sStart: number;
    matched: number;
  }
  const done: Open[] = [];
  let open: Open[] = [];
  for (const m of mems) {
    // close clusters that can no longer be continued
    if (open.length) {
      const still: Open[] = [];
      for (const c of open) (m.dA - c.dEnd > MERGE_GAP ? done : still).push(c);
      open = still;
    }
    let best: Open | null = null;
    for (const c of open) {
      const gd = m.dA - c.dEnd;
      const gs = m.sA - c.sEnd;
      if (gd > MERGE_GAP || gs > MERGE_GAP || gs < -MERGE_GAP || m.sA < c.sStart) continue;
      if (Math.abs(gd - gs) > MERGE_GAP) continue;
      if (!best || c.matched > best.matched) best = c;
    }
    if (best) {
      if (m.dB > best.dEnd) {
        best.mems.push(m);
        best.matched += m.dB - Math.max(m.dA, best.dEnd);
        best.dEnd = m.dB;
        best.sEnd = Math.max(best.sEnd, m.sB);
      }
      continue;
    }
    open.push({ mems: [m], dEnd: m.dB, sEnd: m.sB, sStart: m.sA, matched: m.dB - m.dA });
  }
  done.push(...open);
  return done
    .map((c) => c.mems)
    .filter((c) => c.some((m) => m.run >= minChars))
    .sort((a, b) => a[0].dA - b[0].dA);
}

function clipMems(mems: Mem[], covered: Uint8Array): Mem[] {
  const out: Mem[] = [];
  for (const m of mems) {
    let a = m.dA;
    while (a < m.dB) {
      while (a < m.dB && covered[a]) a++;
      let b = a;
      while (b < m.dB && !covered[b]) b++;
      if (b > a) out.push({ key: m.key, dA: a, dB: b, sA: m.sA + (a - m.dA), sB: m.sA + (b - m.dA), run: m.run });
      a = b;
    }
  }
  return out;
}

export function spanEnd(mems: Mem[]): number {
  let e = -1;
  for (const m of mems) if (m.dB > e) e = m.dB;
  return e;
}

function candOf(key: number, mems: Mem[]): Cand {
  let matched = 0;
  let longest = 0;
  for (const m of mems) {
    matched += m.dB - m.dA;
    if (m.run > longest) longest = m.run;
  }
  return { key, mems, matched, longest };
}

/** Cluster per document, resolve overlaps (best first). Returns the chosen candidates in draft order and the covered draft positions. */
export function chooseCandidates(byDoc: Map<number, Mem[]>, total: number, minChars: number): { chosen: Cand[]; covered: Uint8Array } {
  const cands: Cand[] = [];
  for (const [key, list] of byDoc) {
    // a document without one match of minChars has no passage (clusterMems keeps none of its clusters)
    if (!list.some((m) => m.run >= minChars)) continue;
    for (const cl of clusterMems(list, minChars)) cands.push(candOf(key, cl));
  }
  cands.sort((a, b) => b.matched - a.matched || b.longest - a.longest || a.key - b.key || a.mems[0].dA - b.mems[0].dA);
  const covered = new Uint8Array(total);
  const chosen: Cand[] = [];
  for (const c of cands) {
    let clash = false;
    for (const m of c.mems) {
      for (let p = m.dA; p < m.dB; p++)
        if (covered[p]) {
          clash = true;
          break;
        }
      if (clash) break;
    }
    const groups = clash ? clusterMems(clipMems(c.mems, covered), minChars) : [c.mems];
    for (const g of groups) {
      const cand = candOf(c.key, g);
      for (let p = cand.mems[0].dA; p < spanEnd(g); p++) covered[p] = 1;
      chosen.push(cand);
    }
  }
  chosen.sort((a, b) => a.mems[0].dA - b.mems[0].dA);
  return { chosen, covered };
}
