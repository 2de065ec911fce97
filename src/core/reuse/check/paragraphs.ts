// Paragraphs: everything up to verified exact matches is computed per paragraph (line) and cached
// by the paragraph's text. A paragraph's k-grams are looked up (seeds), grouped by document into
// chains along diagonals, and the most promising chains are verified in rounds (extend).
import { K as K_, kgramHashes } from '../winnow';
import { normalizeCodes } from '../../normalize';
import { IntBuf, PairMap, SCRATCH_KEEP } from './buffers';
import type { PostingProvider } from './provider';
import { extend } from './seeds';
import type { SourceFn } from './sourceWindows';

// Local copy: imported bindings can compile to getter calls in hot loops.
const K = K_;
/** Seeds on diagonals closer than this, and closer than CHAIN_GAP along the draft, form one chain. */
const DIAG_TOL = 32;
const CHAIN_GAP = 48;
/** Candidate sources verified per draft position and round, and rounds (see computePara). */
const ROUND_CANDIDATES = 3;
const MAX_ROUNDS = 4;

export interface ParaData {
  codes: Uint16Array;
  len: number;
  starts: Int32Array;
  ends: Int32Array;
  /** Posting count per local k-gram start (how frequent the k-gram is in the library). */
  hot: Uint32Array;
  /** Exact matches inside the paragraph: 5-tuples (docKey, dA, dB, sA, sB), dA/dB local. */
  mems: Int32Array;
  /** Chains (evidence that a document shares text here): triples (docKey, dStart, dEnd), local. */
  chains: Int32Array;
  /** Document frequencies of passages lying inside this paragraph, by local range. */
  df: Map<string, number>;
}

/** Split into lines (paragraphs) keeping the original offsets. */
export function splitLines(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  let s = 0;
  for (;;) {
    const e = text.indexOf('\n', s);
    if (e < 0) {
      out.push({ start: s, text: text.slice(s) });
      break;
    }
    out.push({ start: s, text: text.slice(s, e + 1) });
    s = e + 1;
  }
  return out;
}

/**
 * Every k-gram hash the checker will look up for this draft (inside paragraphs and across their
 * boundaries), deduplicated: what a remote provider fetches postings for, in one request.
 */
export function draftHashes(draftText: string): Uint32Array {
  const parts = splitLines(draftText).map((l) => normalizeCodes(l.text, false));
  let total = 0;
  for (const r of parts) total += r.length;
  const codes = new Uint16Array(total);
  let o = 0;
  for (const r of parts) {
    codes.set(r.codes.subarray(0, r.length), o);
    o += r.length;
  }
  const hv = new Uint32Array(Math.max(0, total - K + 1));
  const m = kgramHashes(codes, total, hv);
  return Uint32Array.from(new Set(hv.subarray(0, m)));
}

/** Reused key → local index map (all −1 between uses). */
let keyScratch: Int32Array | null = null;

/**
 * What a paragraph's check computes before it reads any source: its normalised text, k-gram lookups (seeds)
 * and chains. It depends only on the text and the postings, so a check that runs again because a source was
 * not at hand (a remote provider fetching it meanwhile) starts from it instead of looking everything up again.
 */
export interface ParaPrep {
  codes: Uint16Array;
  len: number;
  starts: Int32Array;
  ends: Int32Array;
  hot: Uint32Array;
  seeds: Int32Array;
  chains: Chains;
  chainOrder: number[];
  chainSeeds: { start: Int32Array; seeds: Int32Array };
}

// The paragraph's check runs as one function per phase: each gets its own type feedback and is optimised on
// its own (as one function, its later loops had no feedback when the first ones were optimised, and a cold
// check deoptimised it a dozen times).
export function preparePara(provider: PostingProvider, text: string, excluded: Set<number>): ParaPrep {
  const r = normalizeCodes(text, true);
  const len = r.length;
  const codes = r.codes.slice(0, len);
  const hv = new Uint32Array(Math.max(0, len - K + 1));
  const m = kgramHashes(codes, len, hv);
  const seeds = new IntBuf(3 * 256);
  const hot = new Uint32Array(m);
  for (let p = 0; p < m; p++) hot[p] = provider.lookup(hv[p], p, seeds, excluded);
  const nSeeds = seeds.n / 3;
  const sd = seeds.a;
  const byKey = groupByKey(sd, nSeeds, provider.keyCount);
  const built = buildChains(sd, nSeeds, byKey);
  const chainOrder = orderChains(built);
  const chainSeeds = seedsOfChains(built, byKey.order, nSeeds);
  const { nc, cKey, cStart, cEnd } = built;
  const chains: Chains = { nc, cKey: cKey.slice(0, nc), cStart: cStart.slice(0, nc), cEnd: cEnd.slice(0, nc) };
  return { codes, len, starts: r.starts!.slice(0, len + 1), ends: r.ends!.slice(0, len), hot, seeds: sd, chains, chainOrder, chainSeeds };
}

/** The paragraph's verified exact matches (reading its candidate sources) and chains, from its preparation. */
export function finishPara(prep: ParaPrep, source: SourceFn, minChars: number): ParaData {
  const { codes, len, seeds, chains: ch, chainOrder, chainSeeds } = prep;
  const mems = verify(codes, len, seeds, ch, chainOrder, chainSeeds, source, minChars);
  const nc = ch.nc;
  const chains = new Int32Array(3 * nc);
  for (let c = 0; c < nc; c++) {
    chains[3 * c] = ch.cKey[c];
    chains[3 * c + 1] = ch.cStart[c];
    chains[3 * c + 2] = ch.cEnd[c];
  }
  return { codes, len, starts: prep.starts, ends: prep.ends, hot: prep.hot, mems: mems.a.slice(0, mems.n), chains, df: new Map() };
}

interface ByKey {
  /** The document keys present, ascending. */
  keys: number[];
  /** Seeds of keys[k] are order[counts[k]] … order[counts[k + 1] − 1] (in draft order). */
  counts: Int32Array;
  order: Int32Array;
}

/** Group seeds by document (counting sort over the keys present; stable, so draft order is kept). */
function groupByKey(sd: Int32Array, nSeeds: number, nAll: number): ByKey {
  if (!keyScratch || keyScratch.length < nAll) keyScratch = new Int32Array(Math.max(nAll, 1024)).fill(-1);
  const keyIdx = keyScratch;
  const keys: number[] = [];
  for (let t = 0; t < nSeeds; t++) {
    const k = sd[3 * t];
    if (keyIdx[k] < 0) {
      keyIdx[k] = keys.length;
      keys.push(k);
    }
  }
  const sortedKeys = Int32Array.from(keys).sort();
  for (let k = 0; k < sortedKeys.length; k++) {
    keys[k] = sortedKeys[k];
    keyIdx[keys[k]] = k;
  }
  const nk = keys.length;
  const counts = new Int32Array(nk + 1);
  for (let t = 0; t < nSeeds; t++) counts[keyIdx[sd[3 * t]] + 1]++;
  for (let k = 0; k < nk; k++) counts[k + 1] += counts[k];
  const order = new Int32Array(nSeeds);
  const fill = counts.slice(0, nk);
  for (let t = 0; t < nSeeds; t++) order[fill[keyIdx[sd[3 * t]]]++] = t;
  for (const k of keys) keyIdx[k] = -1;
  return { keys, counts, order };
}

/** A paragraph's chains c < nc: document key, draft start and end. */
interface Chains {
  nc: number;
  cKey: Int32Array;
  cStart: Int32Array;
  cEnd: Int32Array;
}

/** Chains as built, in buildChains' scratch (valid until it runs again), with what ordering them needs. */
interface BuiltChains extends Chains {
  cCov: Int32Array;
  /** seed → its chain */
  seedChain: Int32Array;
}

/** buildChains' arrays, one slot per seed, reused from paragraph to paragraph (a preparation keeps copies of nc). */
const newChainScratch = (cap: number) => ({ cap, cKey: new Int32Array(cap), cStart: new Int32Array(cap), cEnd: new Int32Array(cap), cDiag: new Int32Array(cap), cCov: new Int32Array(cap), seedChain: new Int32Array(cap), active: new Int32Array(cap) });
let chainScratch = newChainScratch(0);

/** Chains along diagonals, in typed arrays. */
function buildChains(sd: Int32Array, nSeeds: number, { keys, counts, order }: ByKey): BuiltChains {
  const nk = keys.length;
  let sc = chainScratch;
  if (sc.cap < nSeeds) {
    sc = newChainScratch(Math.max(nSeeds, Math.min(2 * sc.cap, SCRATCH_KEEP), 4096));
    if (sc.cap <= SCRATCH_KEEP) chainScratch = sc;
  }
  const { cKey, cStart, cEnd, cDiag, cCov, seedChain, active } = sc;
  let nc = 0;
  for (let k = 0; k < nk; k++) {
    // the key's chains still open, oldest first: active[0 … na)
    let na = 0;
    for (let q = counts[k]; q < counts[k + 1]; q++) {
      const t = order[q];
      const i = sd[3 * t + 1];
      const diag = sd[3 * t + 2] - i;
      let ch = -1;
      for (let c = na - 1; c >= 0; c--) {
        const a = active[c];
        if (i - (cEnd[a] - K) > CHAIN_GAP) {
          // drop it, keeping the order
          for (let x = c + 1; x < na; x++) active[x - 1] = active[x];
          na--;
          continue;
        }
        if (Math.abs(diag - cDiag[a]) <= DIAG_TOL) {
          ch = a;
          break;
        }
      }
      if (ch >= 0) {
        cCov[ch] += Math.min(K, i + K - Math.max(cEnd[ch], i));
        if (i + K > cEnd[ch]) cEnd[ch] = i + K;
        cDiag[ch] = diag;
      } else {
        ch = nc++;
        cKey[ch] = keys[k];
        cStart[ch] = i;
        cEnd[ch] = i + K;
        cDiag[ch] = diag;
        cCov[ch] = K;
        active[na++] = ch;
      }
      seedChain[t] = ch;
    }
  }
  return { nc, cKey, cStart, cEnd, cCov, seedChain };
}

/**
 * The order in which chains are verified: best first (coverage; ties to the lowest document key so that
 * stock phrases all over the draft are verified against the same few documents). Chains are numbered in
 * ascending key order, so only multi-seed chains need sorting.
 */
function orderChains({ nc, cCov }: BuiltChains): number[] {
  const chainOrder: number[] = [];
  for (let c = 0; c < nc; c++) if (cCov[c] > K) chainOrder.push(c);
  chainOrder.sort((x, y) => cCov[y] - cCov[x] || x - y);
  for (let c = 0; c < nc; c++) if (cCov[c] <= K) chainOrder.push(c);
  return chainOrder;
}

/** Seeds of each chain (CSR over the per-document order): chain c has seeds[start[c]] … seeds[start[c + 1] − 1]. */
function seedsOfChains({ nc, seedChain }: BuiltChains, order: Int32Array, nSeeds: number): { start: Int32Array; seeds: Int32Array } {
  const start = new Int32Array(nc + 1);
  for (let t = 0; t < nSeeds; t++) start[seedChain[t] + 1]++;
  for (let c = 0; c < nc; c++) start[c + 1] += start[c];
  const seeds = new Int32Array(nSeeds);
  const cfill = start.slice(0, nc);
  for (let q = 0; q < nSeeds; q++) {
    const t = order[q];
    seeds[cfill[seedChain[t]]++] = t;
  }
  return { start, seeds };
}

/** verify's (key, diagonal) table and chain lists, reused (verify does not call itself). */
const seenScratch = new PairMap();
let roundScratch = { a: new Int32Array(0), b: new Int32Array(0), newly: new Int32Array(0) };

/** The first position ≥ p that is free (see verify), compressing the path to it. */
function firstFree(free: Int32Array, p: number): number {
  let r = p;
  while (free[r] !== r) r = free[r];
  while (free[p] !== r) {
    const q = free[p];
    free[p] = r;
    p = q;
  }
  return r;
}

/**
 * Verify chains in rounds: at most ROUND_CANDIDATES per draft position per round; later rounds only where
 * no verified match of minChars covers the position yet (short shared phrases whose 8-grams occur in many
 * documents). Returns the exact matches found.
 */
function verify(
  codes: Uint16Array,
  len: number,
  sd: Int32Array,
  { cKey, cStart, cEnd }: Chains,
  chainOrder: number[],
  { start: chainSeedStart, seeds: chainSeeds }: { start: Int32Array; seeds: Int32Array },
  source: SourceFn,
  minChars: number,
): IntBuf {
  const claims = new Uint8Array(len);
  const done = new Uint8Array(len);
  // A chain is useful in a round when a position of it is neither done nor claimed ROUND_CANDIDATES times,
  // open when a position of it is not done. Both are found without walking the chain's positions (most
  // chains lie on stock phrases whose positions are all claimed): free[p] leads to the first position ≥ p
  // that is neither (a union-find over the positions, which only get blocked during a round), and
  // openFrom[p] is the first position ≥ p that is not done.
  const free = new Int32Array(len + 1);
  const openFrom = new Int32Array(len + 1);
  const mems = new IntBuf(5 * 16);
  const seen = seenScratch; // (key, diagonal) → end of the last match on it
  seen.clear();
  // the chains still to consider and those verified this round, in scratch lists reused from call to call
  const nOrder = chainOrder.length;
  let rs = roundScratch;
  if (rs.a.length < nOrder) {
    const cap = Math.max(nOrder, Math.min(2 * nOrder, SCRATCH_KEEP));
    rs = { a: new Int32Array(cap), b: new Int32Array(cap), newly: new Int32Array(cap) };
    if (cap <= SCRATCH_KEEP) roundScratch = rs;
  }
  const { newly } = rs;
  let remaining = rs.a;
  let nRemaining = nOrder;
  for (let x = 0; x < nOrder; x++) remaining[x] = chainOrder[x];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    claims.fill(0);
    free[len] = len;
    openFrom[len] = len;
    for (let p = len - 1; p >= 0; p--) {
      free[p] = done[p] ? p + 1 : p;
      openFrom[p] = done[p] ? openFrom[p + 1] : p;
    }
    let nNewly = 0;
    const next = remaining === rs.a ? rs.b : rs.a;
    let nNext = 0;
    for (let x = 0; x < nRemaining; x++) {
      const c = remaining[x];
      const s = cStart[c];
      const e = cEnd[c];
      if (firstFree(free, s) >= e) {
        if (openFrom[s] < e) next[nNext++] = c;
        continue;
      }
      newly[nNewly++] = c;
      for (let p = s; p < e; p++)
        if (claims[p] < 255 && ++claims[p] === ROUND_CANDIDATES) free[p] = p + 1;
    }
    remaining = next;
    nRemaining = nNext;
    if (!nNewly) break;
    const before = mems.n;
    for (let y = 0; y < nNewly; y++) {
      const c = newly[y];
      const key = cKey[c];
      const src = source(key);
      if (!src) continue;
      for (let x = chainSeedStart[c]; x < chainSeedStart[c + 1]; x++) {
        const t = chainSeeds[x];
        const i = sd[3 * t + 1];
        const s = sd[3 * t + 2];
        const prev = seen.get(key, s - i, -1);
        if (prev >= 0 && i < prev) continue;
        const e = extend(codes, 0, len, i, src, s, mems, key);
        if (e >= 0) seen.set(key, s - i, e);
      }
    }
    for (let x = before; x < mems.n; x += 5) if (mems.a[x + 2] - mems.a[x + 1] >= minChars) done.fill(1, mems.a[x + 1], mems.a[x + 2]);
  }
  return mems;
}
