// Paragraph alignment: exact matches first (patience anchors on paragraphs unique in both texts, recursively,
// then a Myers LCS over paragraph ids where no unique anchor exists), then moves of identical paragraphs,
// then modifications paired by similarity in the same place, then moved-and-edited paragraphs.
import { diffSequence } from '../diff/index';
import { profile, similarPairs, type Profile } from './similarity';

export type Pairing =
  | { kind: 'equal'; a: number; b: number }
  | { kind: 'modify'; a: number; b: number; sim: number }
  | { kind: 'move'; a: number; b: number; sim: number };

export interface Alignment {
  /** Pairs in the monotone chain (equal + modify), in order. */
  chain: Pairing[];
  moves: Pairing[];
  deleted: number[];
  inserted: number[];
}

export interface AlignOptions {
  modifyThreshold: number;
  moveThreshold: number;
  /** Paragraphs shorter than this (code units) are not paired as moved-and-edited. */
  minMoveLength: number;
  deadline: number;
}

/** Exact-match chain over paragraph ids (numbers): list of [i, j] pairs, strictly increasing in both. */
export function exactChain(A: number[], B: number[], deadline: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  chainRange(A, B, 0, A.length, 0, B.length, deadline, out, 0);
  return out;
}

function chainRange(
  A: number[],
  B: number[],
  aLo: number,
  aHi: number,
  bLo: number,
  bHi: number,
  deadline: number,
  out: Array<[number, number]>,
  depth: number,
): void {
  while (aLo < aHi && bLo < bHi && A[aLo] === B[bLo]) out.push([aLo++, bLo++]);
  const tail: Array<[number, number]> = [];
  while (aLo < aHi && bLo < bHi && A[aHi - 1] === B[bHi - 1]) tail.push([--aHi, --bHi]);
  if (aLo < aHi && bLo < bHi) {
    const anchors = depth < 64 ? uniqueAnchors(A, B, aLo, aHi, bLo, bHi) : [];
    if (anchors.length > 0) {
      let pa = aLo;
      let pb = bLo;
      for (const [i, j] of anchors) {
        chainRange(A, B, pa, i, pb, j, deadline, out, depth + 1);
        out.push([i, j]);
        pa = i + 1;
        pb = j + 1;
      }
      chainRange(A, B, pa, aHi, pb, bHi, deadline, out, depth + 1);
    } else {
      for (const p of myers(A, B, aLo, aHi, bLo, bHi, deadline)) out.push(p);
    }
  }
  for (let k = tail.length - 1; k >= 0; k--) out.push(tail[k]);
}

/** Pairs (i, j) of ids occurring exactly once in A[aLo,aHi) and once in B[bLo,bHi), longest increasing chain. */
function uniqueAnchors(A: number[], B: number[], aLo: number, aHi: number, bLo: number, bHi: number): Array<[number, number]> {
  const countA = new Map<number, number>();
  const posA = new Map<number, number>();
  for (let i = aLo; i < aHi; i++) {
    countA.set(A[i], (countA.get(A[i]) ?? 0) + 1);
    posA.set(A[i], i);
  }
  const countB = new Map<number, number>();
  const posB = new Map<number, number>();
  for (let j = bLo; j < bHi; j++) {
    countB.set(B[j], (countB.get(B[j]) ?? 0) + 1);
    posB.set(B[j], j);
  }
  const pairs: Array<[number, number]> = [];
  for (let i = aLo; i < aHi; i++) {
    const id = A[i];
    if (countA.get(id) === 1 && countB.get(id) === 1) pairs.push([i, posB.get(id)!]);
  }
  return longestIncreasing(pairs);
}

/** Longest chain of pairs (sorted by first) with increasing second (patience sorting, O(n log n)). */
function longestIncreasing(pairs: Array<[number, number]>): Array<[number, number]> {
  const tails: number[] = []; // index into pairs of the smallest tail of each length
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    const v = pairs[k][1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1];
    tails[lo] = k;
  }
  const out: Array<[number, number]> = [];
  let k = tails.length ? tails[tails.length - 1] : -1;
  while (k >= 0) {
    out.push(pairs[k]);
    k = prev[k];
  }
  return out.reverse();
}

function myers(A: number[], B: number[], aLo: number, aHi: number, bLo: number, bHi: number, deadline: number): Array<[number, number]> {
  // Only paragraphs present on both sides can match: diff those alone (often nothing is left).
  const inB = new Set<number>();
  for (let j = bLo; j < bHi; j++) inB.add(B[j]);
  const ai: number[] = [];
  const inA = new Set<number>();
  for (let i = aLo; i < aHi; i++) {
    if (inB.has(A[i])) {
      ai.push(i);
      inA.add(A[i]);
    }
  }
  if (ai.length === 0) return [];
  const bi: number[] = [];
  for (let j = bLo; j < bHi; j++) if (inA.has(B[j])) bi.push(j);
  const matched = diffSequence(
    ai.map((i) => A[i]),
    bi.map((j) => B[j]),
    { timeoutMs: Math.max(1, deadline - Date.now()) },
  );
  // Out of time: no anchors from this stretch; the similarity pass still pairs what it can.
  if (!matched) return [];
  const out: Array<[number, number]> = matched.map(([x, y]) => [ai[x], bi[y]]);
  return out;
}

/** Max-weight chain of candidates strictly increasing in both a and b (Fenwick tree over b). */
function bestChain(cands: Array<{ a: number; b: number; sim: number }>, bSize: number): Array<{ a: number; b: number; sim: number }> {
  if (cands.length === 0) return [];
  const sorted = [...cands].sort((x, y) => x.a - y.a || y.b - x.b);
  const treeVal = new Float64Array(bSize + 1);
  const treeIdx = new Int32Array(bSize + 1).fill(-1);
  const score = new Float64Array(sorted.length);
  const prev = new Int32Array(sorted.length).fill(-1);
  let bestK = -1;
  for (let k = 0; k < sorted.length; k++) {
    const { b, sim } = sorted[k];
    // query max over b' < b  (1-based positions 1..b)
    let qv = 0;
    let qi = -1;
    for (let x = b; x > 0; x -= x & -x) if (treeVal[x] > qv) { qv = treeVal[x]; qi = treeIdx[x]; }
    score[k] = qv + sim;
    prev[k] = qi;
    for (let x = b + 1; x <= bSize; x += x & -x) if (score[k] > treeVal[x]) { treeVal[x] = score[k]; treeIdx[x] = k; }
    if (bestK < 0 || score[k] > score[bestK]) bestK = k;
  }
  const out: Array<{ a: number; b: number; sim: number }> = [];
  for (let k = bestK; k >= 0; k = prev[k]) out.push(sorted[k]);
  return out.reverse();
}

/** Align paragraphs given their texts. */
export function alignParagraphs(aTexts: string[], bTexts: string[], opts: AlignOptions): Alignment {
  // Paragraph ids: identical text → identical id.
  const ids = new Map<string, number>();
  const idOf = (t: string): number => {
    let id = ids.get(t);
    if (id === undefined) ids.set(t, (id = ids.size));
    return id;
  };
  const A = aTexts.map(idOf);
  const B = bTexts.map(idOf);
  const chainPairs = exactChain(A, B, opts.deadline);
  const aUsed = new Uint8Array(A.length);
  const bUsed = new Uint8Array(B.length);
  const equal: Pairing[] = [];
  for (const [i, j] of chainPairs) {
    aUsed[i] = 1;
    bUsed[j] = 1;
    equal.push({ kind: 'equal', a: i, b: j });
  }

  // Identical paragraphs outside the chain: moves.
  const moves: Pairing[] = [];
  const freeB = new Map<number, number[]>();
  for (let j = B.length - 1; j >= 0; j--) {
    if (bUsed[j]) continue;
    let l = freeB.get(B[j]);
    if (!l) freeB.set(B[j], (l = []));
    l.push(j); // reversed: pop() gives the first
  }
  for (let i = 0; i < A.length; i++) {
    if (aUsed[i]) continue;
    const l = freeB.get(A[i]);
    const j = l?.pop();
    if (j === undefined) continue;
    aUsed[i] = 1;
    bUsed[j] = 1;
    moves.push({ kind: 'move', a: i, b: j, sim: 1 });
  }

  // Gap of each unmatched paragraph: how many chain pairs come before it.
  const gapA = new Int32Array(A.length);
  const gapB = new Int32Array(B.length);
  {
    let g = 0;
    let k = 0;
    for (let i = 0; i < A.length; i++) {
      while (k < chainPairs.length && chainPairs[k][0] < i) {
        k++;
        g++;
      }
      gapA[i] = g;
    }
    g = 0;
    k = 0;
    for (let j = 0; j < B.length; j++) {
      while (k < chainPairs.length && chainPairs[k][1] < j) {
        k++;
        g++;
      }
      gapB[j] = g;
    }
  }

  const profA: Array<[number, Profile]> = [];
  const profB: Array<[number, Profile]> = [];
  for (let i = 0; i < A.length; i++) if (!aUsed[i]) profA.push([i, profile(aTexts[i])]);
  for (let j = 0; j < B.length; j++) if (!bUsed[j]) profB.push([j, profile(bTexts[j])]);
  const lowest = Math.min(opts.modifyThreshold, opts.moveThreshold);
  const cands = profA.length && profB.length ? similarPairs(profA, profB, lowest) : [];

  // Modifications: pairs in the same gap, best order-preserving chain (gaps never interleave, so one chain does).
  const sameGap = cands.filter((c) => c.sim >= opts.modifyThreshold && gapA[c.a] === gapB[c.b]);
  const modify: Pairing[] = [];
  for (const c of bestChain(sameGap, B.length)) {
    aUsed[c.a] = 1;
    bUsed[c.b] = 1;
    modify.push({ kind: 'modify', a: c.a, b: c.b, sim: c.sim });
  }

  // Moved and edited: the most similar remaining pairs, greedily.
  const moveCands = cands
    .filter((c) => c.sim >= opts.moveThreshold && !aUsed[c.a] && !bUsed[c.b])
    .filter((c) => aTexts[c.a].length >= opts.minMoveLength && bTexts[c.b].length >= opts.minMoveLength)
    .sort((x, y) => y.sim - x.sim || x.b - y.b);
  for (const c of moveCands) {
    if (aUsed[c.a] || bUsed[c.b]) continue;
    aUsed[c.a] = 1;
    bUsed[c.b] = 1;
    moves.push({ kind: 'move', a: c.a, b: c.b, sim: c.sim });
  }

  const chain = [...equal, ...modify].sort((x, y) => x.a - y.a);
  const deleted: number[] = [];
  const inserted: number[] = [];
  for (let i = 0; i < A.length; i++) if (!aUsed[i]) deleted.push(i);
  for (let j = 0; j < B.length; j++) if (!bUsed[j]) inserted.push(j);
  moves.sort((x, y) => x.b - y.b);
  return { chain, moves, deleted, inserted };
}
