// Checking a draft against the index: candidate retrieval by fingerprints (never all pairs),
// seed-and-extend to exact maximal matches on the normalised texts, clustering of nearby matches
// into one passage, jsdiff on the small gaps between them for the character diff.
//
// Incremental: everything up to verified exact matches is computed per paragraph (line) and cached
// by the paragraph's text; only the k-grams that cross paragraph boundaries, the stitching of
// matches across boundaries, clustering and the passages are recomputed on every check. A full
// check is the same code path with empty caches, so both give the same result.
import { diffChars } from 'diff';
import { K as K_, W as W_, kgramHashAt, kgramHashes, type ReuseIndex, type Segment } from './reuseIndex';
import { normalizeCodes, codesToString } from '../normalize';
import type { CheckOptions, CheckResult, Checker, DiffPart, Passage, TextRange } from './types';

// Local copies: imported bindings can compile to getter calls in hot loops.
const K = K_;
const W = W_;
/** Seeds on diagonals closer than this, and closer than CHAIN_GAP along the draft, form one chain. */
const DIAG_TOL = 32;
const CHAIN_GAP = 48;
/** Exact matches separated by at most this many characters on each side merge into one passage. */
const MERGE_GAP = 24;
/** Candidate sources verified per draft position and round, and rounds (see computePara). */
const ROUND_CANDIDATES = 3;
const MAX_ROUNDS = 4;
/** Candidate sources verified for a k-gram crossing a paragraph boundary (besides nearby sources). */
const MAX_CANDIDATES_PER_POS = 3;
/** Posting lists longer than this are sampled (the phrase is then certainly common). */
const MAX_POSTINGS_PER_HASH = 64;

interface SourceWin {
  /** Normalised position of codes[0] in the document. */
  base: number;
  len: number;
  codes: Uint16Array;
  /** Original offsets of each normalised character, relative to o0. */
  starts: Int32Array;
  ends: Int32Array;
  o0: number;
  /** Whether starts/ends were computed (only needed for the final passages). */
  mapped: boolean;
}

const EMPTY = new Int32Array(0);

/**
 * A source document, normalised lazily in windows that start at the index's checkpoints (so a
 * seed in a 10,000-character document costs a few hundred characters of normalisation).
 */
class SourceDoc {
  private wins: SourceWin[] = [];
  constructor(
    readonly text: string,
    readonly length: number,
    private readonly seg: Segment,
    private readonly doc: number,
  ) {}

  /** A window covering [a, b) (clamped to the document), or null if the text no longer matches the index. */
  window(a: number, b: number, mapped = false): SourceWin | null {
    a = Math.max(0, a);
    b = Math.min(this.length, b);
    const wins = this.wins;
    for (let x = wins.length - 1; x >= 0; x--) {
      const w = wins[x];
      if (w.base <= a && w.base + w.len >= b && (!mapped || w.mapped)) return w;
    }
    let lo = a;
    let hi = b;
    if (this.length < 1024) {
      lo = 0;
      hi = this.length;
    }
    const [n0, o0] = lo === 0 ? [0, 0] : this.seg.checkpointBefore(this.doc, lo);
    const after = hi >= this.length ? null : this.seg.checkpointAfter(this.doc, hi);
    const [n1, o1] = after ?? [this.length, this.text.length];
    const r = normalizeCodes(this.text.slice(o0, o1), mapped);
    if (r.length !== n1 - n0) return null;
    const w: SourceWin = { base: n0, len: r.length, codes: r.codes, starts: r.starts ?? EMPTY, ends: r.ends ?? EMPTY, o0, mapped };
    // windows contained in the new one are dropped; others are kept (overlap is fine)
    this.wins = wins.filter((v) => v.base < n0 || v.base + v.len > n0 + r.length || (v.mapped && !mapped));
    this.wins.push(w);
    if (this.wins.length > 64) this.wins.splice(0, this.wins.length - 64);
    return w;
  }
}

type SourceFn = (key: number) => SourceDoc | null;

interface ParaData {
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

class IntBuf {
  a: Int32Array;
  n = 0;
  constructor(cap = 1024) {
    this.a = new Int32Array(cap);
  }
  grow(extra: number): void {
    if (this.n + extra <= this.a.length) return;
    const b = new Int32Array(Math.max(this.a.length * 2, this.n + extra));
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
  push3(x: number, y: number, z: number): void {
    this.grow(3);
    const a = this.a;
    a[this.n] = x;
    a[this.n + 1] = y;
    a[this.n + 2] = z;
    this.n += 3;
  }
  push5(x: number, y: number, z: number, u: number, v: number): void {
    this.grow(5);
    const a = this.a;
    a[this.n] = x;
    a[this.n + 1] = y;
    a[this.n + 2] = z;
    a[this.n + 3] = u;
    a[this.n + 4] = v;
    this.n += 5;
  }
}

/** Look up one k-gram hash; push seed triples (docKey, draftPos, srcPos). Returns the total posting count. */
function lookup(index: ReuseIndex, hash: number, draftPos: number, out: IntBuf, excluded: Set<number>): number {
  let total = 0;
  for (const seg of index.segments) {
    const u = seg.find(hash);
    if (u < 0) continue;
    const lo = seg.offsets[u];
    const hi = seg.offsets[u + 1];
    total += hi - lo;
    const stop = Math.min(hi, lo + MAX_POSTINGS_PER_HASH);
    for (let q = lo; q < stop; q++) {
      const pos = seg.postings[q];
      const d = seg.docOf(pos);
      if (!seg.alive[d]) continue;
      const key = seg.keyBase + d;
      if (excluded.size && excluded.has(key)) continue;
      out.push3(key, draftPos, pos - seg.docStarts[d]);
    }
  }
  return total;
}

/** Extend a seed to the maximal exact match within draft [lo, hi); null if the k-gram differs (hash collision). */
function extend(codes: Uint16Array, lo: number, hi: number, i: number, src: SourceDoc, s: number, out: IntBuf, key: number): number {
  const sl = src.length;
  if (s + K > sl || i + K > hi) return -1;
  let w = src.window(s - 24, s + K + 24);
  if (!w) return -1;
  for (let q = 0; q < K; q++) if (codes[i + q] !== w.codes[s + q - w.base]) return -1;
  let a = i;
  let b = s;
  while (a > lo && b > 0) {
    if (b - 1 < w.base) {
      const nw = src.window(b - Math.max(128, w.len), s + K);
      if (!nw) break;
      w = nw;
    }
    if (codes[a - 1] !== w.codes[b - 1 - w.base]) break;
    a--;
    b--;
  }
  let e = i + K;
  let f = s + K;
  while (e < hi && f < sl) {
    if (f >= w.base + w.len) {
      const nw = src.window(b, f + Math.max(128, w.len));
      if (!nw) break;
      w = nw;
    }
    if (codes[e] !== w.codes[f - w.base]) break;
    e++;
    f++;
  }
  out.push5(key, a, e, b, f);
  return e;
}

/** Grow a match both ways across the whole draft (used at paragraph boundaries). */
function extendMem(codes: Uint16Array, total: number, m: Mem, src: SourceDoc): void {
  let w = src.window(m.sA - 64, m.sB + 64);
  if (!w) return;
  while (m.dA > 0 && m.sA > 0) {
    if (m.sA - 1 < w.base) {
      const nw = src.window(m.sA - Math.max(512, w.len), m.sB);
      if (!nw) return;
      w = nw;
    }
    if (codes[m.dA - 1] !== w.codes[m.sA - 1 - w.base]) break;
    m.dA--;
    m.sA--;
  }
  while (m.dB < total && m.sB < src.length) {
    if (m.sB >= w.base + w.len) {
      const nw = src.window(m.sA, m.sB + Math.max(512, w.len));
      if (!nw) return;
      w = nw;
    }
    if (codes[m.dB] !== w.codes[m.sB - w.base]) break;
    m.dB++;
    m.sB++;
  }
}

/** Reused key → local index map (all −1 between uses). */
let keyScratch: Int32Array | null = null;

function computePara(index: ReuseIndex, text: string, excluded: Set<number>, source: SourceFn, minChars: number): ParaData {
  const r = normalizeCodes(text, true);
  const len = r.length;
  const codes = r.codes.slice(0, len);
  const hv = new Uint32Array(Math.max(0, len - K + 1));
  const m = kgramHashes(codes, len, hv);
  const seeds = new IntBuf(3 * 256);
  const hot = new Uint32Array(m);
  for (let p = 0; p < m; p++) hot[p] = lookup(index, hv[p], p, seeds, excluded);
  const nSeeds = seeds.n / 3;
  const sd = seeds.a;

  // Group seeds by document (counting sort over the keys present; stable, so draft order is kept).
  const nAll = index.keyLocs.length;
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

  // Chains along diagonals, in typed arrays.
  const cKey = new Int32Array(nSeeds);
  const cStart = new Int32Array(nSeeds);
  const cEnd = new Int32Array(nSeeds);
  const cDiag = new Int32Array(nSeeds);
  const cCov = new Int32Array(nSeeds);
  const seedChain = new Int32Array(nSeeds);
  let nc = 0;
  const active: number[] = [];
  for (let k = 0; k < nk; k++) {
    active.length = 0;
    for (let q = counts[k]; q < counts[k + 1]; q++) {
      const t = order[q];
      const i = sd[3 * t + 1];
      const diag = sd[3 * t + 2] - i;
      let ch = -1;
      for (let c = active.length - 1; c >= 0; c--) {
        const a = active[c];
        if (i - (cEnd[a] - K) > CHAIN_GAP) {
          active.splice(c, 1);
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
        active.push(ch);
      }
      seedChain[t] = ch;
    }
  }

  // Choose chains to verify, in rounds: best first (coverage; ties to the lowest document key so
  // that stock phrases all over the draft are verified against the same few documents), at most
  // ROUND_CANDIDATES per draft position per round; later rounds only where no verified match of
  // minChars covers the position yet (short shared phrases whose 8-grams occur in many documents).
  // Chains are numbered in ascending key order, so only multi-seed chains need sorting.
  const chainOrder: number[] = [];
  for (let c = 0; c < nc; c++) if (cCov[c] > K) chainOrder.push(c);
  chainOrder.sort((x, y) => cCov[y] - cCov[x] || x - y);
  for (let c = 0; c < nc; c++) if (cCov[c] <= K) chainOrder.push(c);
  // seeds of each chain (CSR over the per-document order)
  const chainSeedStart = new Int32Array(nc + 1);
  for (let t = 0; t < nSeeds; t++) chainSeedStart[seedChain[t] + 1]++;
  for (let c = 0; c < nc; c++) chainSeedStart[c + 1] += chainSeedStart[c];
  const chainSeeds = new Int32Array(nSeeds);
  const cfill = chainSeedStart.slice(0, nc);
  for (let q = 0; q < nSeeds; q++) {
    const t = order[q];
    chainSeeds[cfill[seedChain[t]]++] = t;
  }
  const claims = new Uint8Array(len);
  const selected = new Uint8Array(nc);
  const done = new Uint8Array(len);
  const mems = new IntBuf(5 * 16);
  const seen = new Map<number, number>(); // (key, diagonal) → end of the last match on it
  const newly: number[] = [];
  let remaining = chainOrder;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    claims.fill(0);
    newly.length = 0;
    const next: number[] = [];
    for (const c of remaining) {
      const e = cEnd[c];
      let useful = false;
      let open = false;
      for (let p = cStart[c]; p < e; p++)
        if (!done[p]) {
          open = true;
          if (claims[p] < ROUND_CANDIDATES) {
            useful = true;
            break;
          }
        }
      if (!useful) {
        if (open) next.push(c);
        continue;
      }
      selected[c] = 1;
      newly.push(c);
      for (let p = cStart[c]; p < e; p++) if (claims[p] < 255) claims[p]++;
    }
    remaining = next;
    if (!newly.length) break;
    const before = mems.n;
    for (const c of newly) {
      const key = cKey[c];
      const src = source(key);
      if (!src) continue;
      for (let x = chainSeedStart[c]; x < chainSeedStart[c + 1]; x++) {
        const t = chainSeeds[x];
        const i = sd[3 * t + 1];
        const s = sd[3 * t + 2];
        const sk = key * 67108864 + (s - i + 33554432);
        const prev = seen.get(sk);
        if (prev !== undefined && i < prev) continue;
        const e = extend(codes, 0, len, i, src, s, mems, key);
        if (e >= 0) seen.set(sk, e);
      }
    }
    for (let x = before; x < mems.n; x += 5) if (mems.a[x + 2] - mems.a[x + 1] >= minChars) done.fill(1, mems.a[x + 1], mems.a[x + 2]);
  }
  const chains = new Int32Array(3 * nc);
  for (let c = 0; c < nc; c++) {
    chains[3 * c] = cKey[c];
    chains[3 * c + 1] = cStart[c];
    chains[3 * c + 2] = cEnd[c];
  }
  return { codes, len, starts: r.starts!.slice(0, len + 1), ends: r.ends!.slice(0, len), hot, mems: mems.a.slice(0, mems.n), chains, df: new Map() };
}

interface Mem {
  key: number;
  dA: number;
  dB: number;
  sA: number;
  sB: number;
  /** Length of the exact match this piece comes from (pieces are clipped where another source won). */
  run: number;
}

interface Cand {
  key: number;
  mems: Mem[];
  matched: number;
  longest: number;
}

/** Split into lines (paragraphs) keeping the original offsets. */
function splitLines(text: string): { start: number; text: string }[] {
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
 * Group one document's matches into passages: a match joins an open cluster when it continues it
 * within MERGE_GAP on both sides (draft and source); matches on other diagonals (repeated phrases
 * elsewhere in the source) start their own cluster instead of breaking the current one.
 */
function clusterMems(mems: Mem[], minChars: number): Mem[][] {
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

export class ReuseChecker implements Checker {
  private paraCache = new Map<string, ParaData>();
  private sourceCache = new Map<number, SourceDoc | null>();
  private partsCache = new Map<string, { parts: DiffPart[]; equal: number }>();
  private edgeCache = new Map<string, number[]>();
  private version = -1;
  private cacheKey = '';

  constructor(private readonly index: ReuseIndex) {}

  reset(): void {
    this.paraCache.clear();
    this.sourceCache.clear();
    this.partsCache.clear();
    this.edgeCache.clear();
    this.version = this.index.version;
  }

  private source(key: number, getSourceText: (id: string) => string | undefined): SourceDoc | null {
    let s = this.sourceCache.get(key);
    if (s !== undefined) return s;
    const loc = this.index.keyLocs[key];
    const text = loc && loc.seg.alive[loc.doc] ? getSourceText(loc.seg.ids[loc.doc]) : undefined;
    s = loc && text !== undefined ? new SourceDoc(text, loc.seg.docStarts[loc.doc + 1] - loc.seg.docStarts[loc.doc], loc.seg, loc.doc) : null;
    if (this.sourceCache.size > 4000) this.sourceCache.clear();
    this.sourceCache.set(key, s);
    return s;
  }

  check(draftText: string, options: CheckOptions): CheckResult {
    const index = this.index;
    const excluded = new Set<number>();
    for (const id of options.excludeIds ?? []) {
      const loc = index.locate(id);
      if (loc) excluded.add(loc.seg.keyBase + loc.doc);
    }
    const minChars = Math.max(K, options.minChars ?? 13);
    const cacheKey = `${minChars}|${[...excluded].sort((a, b) => a - b).join(',')}`;
    if (this.version !== index.version || cacheKey !== this.cacheKey) {
      this.reset();
      this.cacheKey = cacheKey;
    }
    const commonMinDocs = options.commonMinDocs ?? 5;
    const commonFraction = options.commonFraction ?? 0.1;
    const sourceFn: SourceFn = (key) => this.source(key, options.getSourceText);

    // 1. Paragraphs (cached by text) → the whole draft's normalised codes and offset maps.
    const lines = splitLines(draftText);
    const paras: ParaData[] = [];
    const nextCache = new Map<string, ParaData>();
    let total = 0;
    for (const line of lines) {
      let pd = nextCache.get(line.text) ?? this.paraCache.get(line.text);
      if (!pd) pd = computePara(index, line.text, excluded, sourceFn, minChars);
      nextCache.set(line.text, pd);
      paras.push(pd);
      total += pd.len;
    }
    this.paraCache = nextCache;
    const codes = new Uint16Array(total);
    const starts = new Int32Array(total + 1);
    const ends = new Int32Array(total);
    const hot = new Uint32Array(total);
    const paraBase = new Int32Array(lines.length + 1);
    let o = 0;
    for (let li = 0; li < lines.length; li++) {
      const pd = paras[li];
      paraBase[li] = o;
      codes.set(pd.codes, o);
      const off = lines[li].start;
      for (let q = 0; q < pd.len; q++) {
        starts[o + q] = pd.starts[q] + off;
        ends[o + q] = pd.ends[q] + off;
      }
      hot.set(pd.hot, o);
      o += pd.len;
    }
    paraBase[lines.length] = total;
    starts[total] = draftText.length;

    // 2. Matches: the paragraphs' own, shifted; plus those seeded by k-grams crossing a boundary.
    const mems: Mem[] = [];
    const boundary = new Uint8Array(total + 1);
    const paraMemStart = new Int32Array(lines.length + 1);
    for (let li = 0; li < lines.length; li++) {
      const pd = paras[li];
      const base = paraBase[li];
      boundary[base] = 1;
      paraMemStart[li] = mems.length;
      const mm = pd.mems;
      for (let t = 0; t < mm.length; t += 5) mems.push({ key: mm[t], dA: mm[t + 1] + base, dB: mm[t + 2] + base, sA: mm[t + 3], sB: mm[t + 4], run: 0 });
    }
    paraMemStart[lines.length] = mems.length;
    boundary[total] = 1;
    const near = new Set<number>();
    const crossing = new IntBuf(3 * 64);
    const cross = new IntBuf(5 * 16);
    for (let li = 0; li + 1 < lines.length; li++) {
      const end = paraBase[li + 1];
      if (end === paraBase[li]) continue;
      near.clear();
      for (let x = paraMemStart[Math.max(0, li - 1)]; x < paraMemStart[Math.min(lines.length, li + 3)]; x++) {
        const m = mems[x];
        if (m.dB >= end - 64 && m.dA <= end + 64) near.add(m.key);
      }
      for (let p = Math.max(0, end - K + 1); p < end && p + K <= total; p++) {
        crossing.n = 0;
        hot[p] = lookup(index, kgramHashAt(codes, p), p, crossing, excluded);
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

    // 3. Cluster per document; resolve overlaps between sources (best first, others clipped).
    const cands: Cand[] = [];
    for (const [key, list] of byDoc) {
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

    // 4. Passages: ranges, diff, common marking.
    const liveDocs = Math.max(0, index.size - excluded.size);
    const nKeys = index.keyLocs.length;
    const stamp = new Int32Array(nKeys).fill(-1);
    const acc = new Int32Array(nKeys);
    const touched: number[] = [];
    const passages: Passage[] = [];
    const quoteRanges = options.quoteRanges ?? [];
    const ignoreRanges = options.ignoreRanges ?? [];
    const nextParts = new Map<string, { parts: DiffPart[]; equal: number }>();
    const nextEdges = new Map<string, number[]>();
    for (let ci = 0; ci < chosen.length; ci++) {
      const c = chosen[ci];
      const srcDoc = sourceFn(c.key)!;
      const loc = index.keyLocs[c.key]!; // its source was found, so the key is live
      const mm = c.mems;
      let dA = mm[0].dA;
      let dB = spanEnd(mm);
      let sA = Infinity;
      let sB = -1;
      for (const m of mm) {
        sA = Math.min(sA, m.sA);
        sB = Math.max(sB, m.sB);
      }
      // Edges: a few characters before/after the first/last exact match that still align with the
      // source across a small edit (e.g. words inserted 5 characters from the start).
      let lo = dA;
      while (lo > 0 && dA - lo < EDGE && !covered[lo - 1]) lo--;
      let hi = dB;
      while (hi < total && hi - dB < EDGE && !covered[hi]) hi++;
      const before = codesToString(codes, lo, dA);
      const after = codesToString(codes, dB, hi);
      const ekey = `${c.key}|${sA}|${sB}|${before}|${after}`;
      let ext = this.edgeCache.get(ekey) ?? nextEdges.get(ekey);
      if (!ext) {
        const ew = srcDoc.window(sA - EDGE, sB + EDGE);
        ext = ew
          ? [
              ...edgeExtension(before, codesToString(ew.codes, Math.max(ew.base, sA - EDGE) - ew.base, sA - ew.base), true),
              ...edgeExtension(after, codesToString(ew.codes, sB - ew.base, Math.min(ew.base + ew.len, sB + EDGE) - ew.base), false),
            ]
          : [0, 0, 0, 0];
      }
      nextEdges.set(ekey, ext);
      {
        const [dl, sl, dr, sr] = ext;
        dA -= dl;
        sA -= sl;
        dB += dr;
        sB += sr;
        covered.fill(1, dA, dB);
      }
      const start = starts[dA];
      const end = ends[dB - 1];
      if (overlapFraction(start, end, ignoreRanges) >= 0.5) continue;
      const src = srcDoc.window(sA, sB, true);
      if (!src) continue;
      const pkey = `${c.key}:${sA}:${sB}:${mm.map((m) => `${m.dA - dA},${m.dB - dA},${m.sA}`).join(';')}:${codesToString(codes, dA, dB)}:${start}`;
      let pr = this.partsCache.get(pkey) ?? nextParts.get(pkey);
      if (!pr) pr = buildParts(draftText, starts, ends, codes, dA, dB, srcDoc.text, src, sA, sB, mm);
      nextParts.set(pkey, pr);
      const { parts, equal } = pr;
      const similarity = (2 * equal) / (dB - dA + (sB - sA));
      // Document frequency: distinct documents whose chains cover ≥ 80 % of the passage. A source
      // holding the passage has a fingerprint in every window of W k-grams, so its chain may start
      // up to W−1 characters late and end up to W−1 early.
      const need = 0.8 * (dB - dA);
      let df = 0;
      let li = lowerBound(paraBase, lines.length, dA + 1) - 1;
      if (li < 0) li = 0;
      const single = paraBase[li + 1] >= dB ? paras[li] : null;
      const dfKey = `${dA - paraBase[li]},${dB - paraBase[li]}`;
      const cachedDf = single?.df.get(dfKey);
      if (cachedDf !== undefined) {
        df = cachedDf;
        li = lines.length;
      }
      for (; li < lines.length && paraBase[li] < dB; li++) {
        const ch = paras[li].chains;
        const base = paraBase[li];
        for (let t = 0; t < ch.length; t += 3) {
          const cs = ch[t + 1] + base - (W - 1);
          const ce = ch[t + 2] + base + (W - 1);
          if (ce <= dA || cs >= dB) continue;
          const key = ch[t];
          if (stamp[key] !== ci) {
            stamp[key] = ci;
            acc[key] = 0;
            touched.push(key);
          }
          acc[key] += Math.min(dB, ce) - Math.max(dA, cs);
        }
      }
      for (const key of touched) if (acc[key] >= need) df++;
      touched.length = 0;
      if (single && cachedDf === undefined) single.df.set(dfKey, df);
      // Sampled posting lists: the phrase is then at least as frequent as its rarest k-gram.
      let minHot = Infinity;
      for (let p = dA; p + K <= dB; p++) if (hot[p] < minHot) minHot = hot[p];
      if (minHot > MAX_POSTINGS_PER_HASH && minHot !== Infinity) df = Math.max(df, Math.min(liveDocs, minHot));
      const common = df >= commonMinDocs && df > commonFraction * liveDocs;
      passages.push({
        start,
        end,
        sourceId: loc.seg.ids[loc.doc],
        sourceTitle: loc.seg.titles[loc.doc],
        sourceStart: src.starts[sA - src.base] + src.o0,
        sourceEnd: src.ends[sB - 1 - src.base] + src.o0,
        similarity,
        kind: common ? 'common' : 'reuse',
        docFrequency: df,
        longestRun: c.longest,
        chars: dB - dA,
        quoted: overlapFraction(start, end, quoteRanges) >= 0.5,
        parts,
      });
    }
    this.partsCache = nextParts;
    this.edgeCache = nextEdges;

    // 5. Ratios over countable (normalised) characters.
    let flagged = 0;
    let flaggedNoQuotes = 0;
    const perSource = new Map<string, { title: string; chars: number }>();
    const inQuote = (off: number) => quoteRanges.some((r) => off >= r.start && off < r.end);
    for (const p of passages) {
      if (p.kind !== 'reuse') continue;
      flagged += p.chars;
      let q = 0;
      if (quoteRanges.length) {
        const a = lowerBound(starts, total, p.start);
        for (let x = a; x < total && starts[x] < p.end; x++) if (inQuote(starts[x])) q++;
      }
      flaggedNoQuotes += p.chars - q;
      const e = perSource.get(p.sourceId) ?? { title: p.sourceTitle, chars: 0 };
      e.chars += p.chars;
      perSource.set(p.sourceId, e);
    }
    const sources = [...perSource.entries()]
      .map(([id, v]) => ({ id, title: v.title, ratio: total ? v.chars / total : 0 }))
      .sort((a, b) => b.ratio - a.ratio || (a.id < b.id ? -1 : 1));
    return {
      draft: { chars: total },
      ratio: total ? flagged / total : 0,
      ratioExcludingQuotes: total ? flaggedNoQuotes / total : 0,
      maxSourceRatio: sources.length ? sources[0].ratio : 0,
      sources,
      passages,
    };
  }
}

/** How far passages may grow at their edges (characters) beyond the first/last exact match. */
const EDGE = 24;

/**
 * How many draft/source characters to add at a passage edge: `draft` and `source` are the texts just
 * outside the edge (before it when `before`); the extension ends with an equal run of ≥ 3 characters
 * and has at least twice as many equal characters as edited ones, with no single edit over 8.
 */
function edgeExtension(draft: string, source: string, before: boolean): [number, number] {
  if (!draft || !source) return [0, 0];
  const changes = diffChars(source, draft, { maxEditLength: 48 });
  if (!changes) return [0, 0];
  if (before) changes.reverse();
  let dAdd = 0;
  let sAdd = 0;
  let eq = 0;
  let ed = 0;
  let best: [number, number] = [0, 0];
  for (const ch of changes) {
    const n = ch.value.length;
    if (ch.added || ch.removed) {
      if (n > 8) break;
      ed += n;
      if (ch.added) dAdd += n;
      else sAdd += n;
      continue;
    }
    eq += n;
    dAdd += n;
    sAdd += n;
    if (n >= 3 && eq >= 2 * ed) best = [dAdd, sAdd];
  }
  return best;
}

function spanEnd(mems: Mem[]): number {
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

function lowerBound(a: Int32Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function overlapFraction(start: number, end: number, ranges: TextRange[]): number {
  if (!ranges.length || end <= start) return 0;
  let ov = 0;
  for (const r of ranges) ov += Math.max(0, Math.min(end, r.end) - Math.max(start, r.start));
  return ov / (end - start);
}

type Piece = { op: 'equal' | 'insert' | 'delete'; d?: [number, number]; s?: [number, number] };

/** Parts from exact matches; the gaps between them are diffed with jsdiff (small windows). */
function buildParts(
  draftText: string,
  starts: Int32Array,
  ends: Int32Array,
  codes: Uint16Array,
  dA: number,
  dB: number,
  srcText: string,
  src: SourceWin,
  sA: number,
  sB: number,
  mems: Mem[],
): { parts: DiffPart[]; equal: number } {
  // Monotone chain of matches (both sides increasing), trimmed so they do not overlap.
  const pieces: Piece[] = [];
  let d = dA;
  let s = sA;
  let equal = 0;
  const gap = (d1: number, s1: number) => {
    if (d1 <= d && s1 <= s) return;
    const a = codesToString(codes, d, Math.max(d, d1));
    const b = codesToString(src.codes, s - src.base, Math.max(s, s1) - src.base);
    let dd = d;
    let ss = s;
    const changes = a && b ? diffChars(b, a, { maxEditLength: 64 }) : undefined;
    if (changes) {
      for (const ch of changes) {
        const n = ch.value.length;
        if (ch.added) {
          pieces.push({ op: 'insert', d: [dd, dd + n] });
          dd += n;
        } else if (ch.removed) {
          pieces.push({ op: 'delete', s: [ss, ss + n] });
          ss += n;
        } else {
          pieces.push({ op: 'equal', d: [dd, dd + n], s: [ss, ss + n] });
          equal += n;
          dd += n;
          ss += n;
        }
      }
    } else {
      if (b) pieces.push({ op: 'delete', s: [s, s + b.length] });
      if (a) pieces.push({ op: 'insert', d: [d, d + a.length] });
    }
  };
  const sorted = [...mems].sort((x, y) => x.dA - y.dA);
  for (const m of sorted) {
    let ma = m.dA;
    let ms = m.sA;
    const shift = Math.max(0, d - ma, s - ms);
    ma += shift;
    ms += shift;
    if (ma >= m.dB) continue;
    gap(ma, ms);
    const n = m.dB - ma;
    pieces.push({ op: 'equal', d: [ma, m.dB], s: [ms, ms + n] });
    equal += n;
    d = m.dB;
    s = ms + n;
  }
  if (d < dB || s < sB) gap(Math.max(d, dB), Math.max(s, sB));
  // Merge adjacent pieces of the same op.
  const merged: Piece[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (last && last.op === p.op) {
      if (p.d) last.d = [last.d![0], p.d[1]];
      if (p.s) last.s = [last.s![0], p.s[1]];
    } else merged.push({ op: p.op, d: p.d && [...p.d], s: p.s && [...p.s] });
  }
  // Original text of each piece: from its first character up to the next piece on the same side.
  const dNext = new Array<number>(merged.length);
  const sNext = new Array<number>(merged.length);
  let nd = ends[dB - 1];
  let ns = src.ends[sB - 1 - src.base] + src.o0;
  for (let i = merged.length - 1; i >= 0; i--) {
    const p = merged[i];
    dNext[i] = nd;
    sNext[i] = ns;
    if (p.d) nd = starts[p.d[0]];
    if (p.s) ns = src.starts[p.s[0] - src.base] + src.o0;
  }
  const parts: DiffPart[] = merged.map((p, i) =>
    p.op === 'delete' ? { op: p.op, text: srcText.slice(src.starts[p.s![0] - src.base] + src.o0, sNext[i]) } : { op: p.op, text: draftText.slice(starts[p.d![0]], dNext[i]) },
  );
  return { parts, equal };
}

/** A checker keeps per-paragraph lookups and normalised sources between calls (incremental re-check). */
export function createChecker(index: ReuseIndex): Checker {
  return new ReuseChecker(index);
}

/** One-off check of a draft (same code path as the incremental checker, cold caches). */
export function checkText(index: ReuseIndex, draftText: string, options: CheckOptions): CheckResult {
  return new ReuseChecker(index).check(draftText, options);
}
