// Checking a draft against the index: candidate retrieval by fingerprints (never all pairs),
// seed-and-extend to exact maximal matches on the normalised texts, clustering of nearby matches
// into one passage, jsdiff on the small gaps between them for the character diff.
import { diffChars } from 'diff';
import { fmix32, K, kgramHashes, type ReuseIndex, type Segment } from './reuseIndex';
import { normalizeCodes, codesToString, type NormalizedCodes } from '../normalize';
import type { CheckOptions, CheckResult, Checker, DiffPart, Passage, TextRange } from './types';

const B = 0x01000193;
/** Seeds on diagonals closer than this, and closer than CHAIN_GAP along the draft, form one chain. */
const DIAG_TOL = 32;
const CHAIN_GAP = 48;
/** Exact matches separated by at most this many characters on each side merge into one passage. */
const MERGE_GAP = 24;
/** At most this many candidate sources are verified for any draft position. */
const MAX_CANDIDATES_PER_POS = 3;
/** Posting lists longer than this are sampled (the phrase is then certainly common). */
const MAX_POSTINGS_PER_HASH = 4096;

interface ParaData {
  codes: Uint16Array;
  len: number;
  starts: Int32Array;
  ends: Int32Array;
  /** Seeds of k-grams inside the paragraph: triples (docKey, localDraftPos, srcPos). */
  seeds: Int32Array;
  nSeeds: number;
  /** Max posting count per local k-gram start (for docFrequency of sampled phrases). */
  hot: Uint32Array;
}

class SeedBuf {
  a = new Int32Array(3 * 1024);
  n = 0; // number of triples
  push(key: number, i: number, s: number): void {
    if (3 * this.n + 3 > this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    const o = 3 * this.n++;
    this.a[o] = key;
    this.a[o + 1] = i;
    this.a[o + 2] = s;
  }
}

/** Look up one k-gram hash; push seeds. Returns the total posting count. */
function lookup(index: ReuseIndex, hash: number, draftPos: number, out: SeedBuf): number {
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
      out.push(seg.keyBase + d, draftPos, pos - seg.docStarts[d]);
    }
  }
  return total;
}

function hashAt(codes: Uint16Array, p: number): number {
  let h = 0;
  for (let q = 0; q < K; q++) h = (Math.imul(h, B) + codes[p + q]) | 0;
  return fmix32(h);
}

function computePara(index: ReuseIndex, text: string): ParaData {
  const r = normalizeCodes(text, true);
  const codes = r.codes.slice(0, r.length);
  const hv = new Uint32Array(Math.max(0, r.length - K + 1));
  const m = kgramHashes(codes, r.length, hv);
  const buf = new SeedBuf();
  const hot = new Uint32Array(m);
  for (let p = 0; p < m; p++) hot[p] = lookup(index, hv[p], p, buf);
  return { codes, len: r.length, starts: r.starts!.slice(0, r.length + 1), ends: r.ends!.slice(0, r.length), seeds: buf.a.slice(0, 3 * buf.n), nSeeds: buf.n, hot };
}

interface Chain {
  key: number;
  dStart: number;
  dEnd: number;
  lastDiag: number;
  covered: number;
  /** Seeds as pairs (draftPos, srcPos). */
  seeds: number[];
}

interface Mem {
  dA: number;
  dB: number;
  sA: number;
  sB: number;
}

interface Cand {
  key: number;
  mems: Mem[];
  matched: number;
  longest: number;
}

interface SourceNorm extends NormalizedCodes {
  text: string;
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

function clusterMems(mems: Mem[], minChars: number): Mem[][] {
  mems.sort((a, b) => a.dA - b.dA || a.sA - b.sA);
  const clusters: Mem[][] = [];
  let cur: Mem[] = [];
  let curD = -1;
  let curS = -1;
  for (const m of mems) {
    if (cur.length) {
      const gd = m.dA - curD;
      const gs = m.sA - curS;
      if (gd <= MERGE_GAP && gs <= MERGE_GAP && gs >= -MERGE_GAP && m.dB > curD) {
        cur.push(m);
        curD = Math.max(curD, m.dB);
        curS = Math.max(curS, m.sB);
        continue;
      }
      if (m.dB <= curD && m.sA >= cur[0].sA - MERGE_GAP && m.sB <= curS + MERGE_GAP) continue; // contained
      clusters.push(cur);
    }
    cur = [m];
    curD = m.dB;
    curS = m.sB;
  }
  if (cur.length) clusters.push(cur);
  return clusters.filter((c) => c.some((m) => m.dB - m.dA >= minChars));
}

function clipMems(mems: Mem[], covered: Uint8Array): Mem[] {
  const out: Mem[] = [];
  for (const m of mems) {
    let a = m.dA;
    while (a < m.dB) {
      while (a < m.dB && covered[a]) a++;
      let b = a;
      while (b < m.dB && !covered[b]) b++;
      if (b > a) out.push({ dA: a, dB: b, sA: m.sA + (a - m.dA), sB: m.sA + (b - m.dA) });
      a = b;
    }
  }
  return out;
}

export class ReuseChecker implements Checker {
  private paraCache = new Map<string, ParaData>();
  private sourceCache = new Map<number, SourceNorm | null>();
  private version = -1;

  constructor(private readonly index: ReuseIndex) {}

  reset(): void {
    this.paraCache.clear();
    this.sourceCache.clear();
    this.version = this.index.version;
  }

  private source(key: number, getSourceText: (id: string) => string | undefined): SourceNorm | null {
    let s = this.sourceCache.get(key);
    if (s !== undefined) return s;
    const loc = this.index.keyLocs[key];
    const text = getSourceText(loc.seg.ids[loc.doc]);
    if (text === undefined) s = null;
    else {
      const r = normalizeCodes(text, true);
      s = { text, codes: r.codes.slice(0, r.length), length: r.length, starts: r.starts!.slice(0, r.length + 1), ends: r.ends!.slice(0, r.length) };
    }
    if (this.sourceCache.size > 2000) this.sourceCache.clear();
    this.sourceCache.set(key, s);
    return s;
  }

  check(draftText: string, options: CheckOptions): CheckResult {
    if (this.version !== this.index.version) this.reset();
    const minChars = Math.max(K, options.minChars ?? 13);
    const commonMinDocs = options.commonMinDocs ?? 5;
    const commonFraction = options.commonFraction ?? 0.1;
    const index = this.index;

    // 1. Paragraphs (cached) → the whole draft's normalised codes and seeds, in draft order.
    const lines = splitLines(draftText);
    const paras: ParaData[] = [];
    const nextCache = new Map<string, ParaData>();
    let total = 0;
    for (const line of lines) {
      let pd = nextCache.get(line.text) ?? this.paraCache.get(line.text);
      if (!pd) pd = computePara(index, line.text);
      nextCache.set(line.text, pd);
      paras.push(pd);
      total += pd.len;
    }
    this.paraCache = nextCache;
    const codes = new Uint16Array(total);
    const starts = new Int32Array(total + 1);
    const ends = new Int32Array(total);
    const hot = new Uint32Array(total);
    const paraBase: number[] = [];
    let o = 0;
    for (let li = 0; li < lines.length; li++) {
      const pd = paras[li];
      paraBase.push(o);
      codes.set(pd.codes, o);
      const off = lines[li].start;
      for (let q = 0; q < pd.len; q++) {
        starts[o + q] = pd.starts[q] + off;
        ends[o + q] = pd.ends[q] + off;
      }
      hot.set(pd.hot, o);
      o += pd.len;
    }
    starts[total] = draftText.length;

    const excluded = new Set<number>();
    for (const id of options.excludeIds ?? []) {
      const loc = index.locate(id);
      if (loc) excluded.add(loc.seg.keyBase + loc.doc);
    }
    const nKeys = index.keyLocs.length;
    // Seeds in draft order: each paragraph's own, then the k-grams that cross into the next paragraphs.
    const all = new SeedBuf();
    for (let li = 0; li < lines.length; li++) {
      const pd = paras[li];
      const base = paraBase[li];
      const sd = pd.seeds;
      for (let t = 0; t < pd.nSeeds; t++) {
        const key = sd[3 * t];
        if (excluded.size && excluded.has(key)) continue;
        all.push(key, sd[3 * t + 1] + base, sd[3 * t + 2]);
      }
      const end = base + pd.len;
      for (let p = Math.max(base, end - K + 1); p < end && p + K <= total; p++) {
        const before = all.n;
        hot[p] = lookup(index, hashAt(codes, p), p, all);
        if (excluded.size) {
          // drop excluded seeds just pushed
          let w = before;
          for (let r = before; r < all.n; r++) {
            if (excluded.has(all.a[3 * r])) continue;
            all.a[3 * w] = all.a[3 * r];
            all.a[3 * w + 1] = all.a[3 * r + 1];
            all.a[3 * w + 2] = all.a[3 * r + 2];
            w++;
          }
          all.n = w;
        }
      }
    }

    // 2. Group seeds by document (counting sort, stable → draft order kept), chain along diagonals.
    const counts = new Int32Array(nKeys + 1);
    for (let t = 0; t < all.n; t++) counts[all.a[3 * t] + 1]++;
    for (let k = 0; k < nKeys; k++) counts[k + 1] += counts[k];
    const order = new Int32Array(all.n);
    const fill = counts.slice(0, nKeys);
    for (let t = 0; t < all.n; t++) order[fill[all.a[3 * t]]++] = t;
    const chains: Chain[] = [];
    const docScore = new Float64Array(nKeys);
    for (let k = 0; k < nKeys; k++) {
      const lo = counts[k];
      const hi = counts[k + 1];
      if (lo === hi) continue;
      const active: Chain[] = [];
      for (let q = lo; q < hi; q++) {
        const t = order[q];
        const i = all.a[3 * t + 1];
        const s = all.a[3 * t + 2];
        const diag = s - i;
        let ch: Chain | undefined;
        for (let c = active.length - 1; c >= 0; c--) {
          const a = active[c];
          if (i - (a.dEnd - K) > CHAIN_GAP) {
            active.splice(c, 1);
            continue;
          }
          if (Math.abs(diag - a.lastDiag) <= DIAG_TOL) {
            ch = a;
            break;
          }
        }
        if (ch) {
          ch.covered += Math.min(K, i + K - Math.max(ch.dEnd, i));
          if (i + K > ch.dEnd) ch.dEnd = i + K;
          ch.lastDiag = diag;
          ch.seeds.push(i, s);
        } else {
          ch = { key: k, dStart: i, dEnd: i + K, lastDiag: diag, covered: K, seeds: [i, s] };
          active.push(ch);
          chains.push(ch);
        }
      }
    }
    for (const ch of chains) docScore[ch.key] += ch.covered;

    // 3. Choose which candidates to verify: best chains first, at most MAX_CANDIDATES_PER_POS per draft position.
    chains.sort((a, b) => b.covered - a.covered || docScore[b.key] - docScore[a.key] || a.key - b.key || a.dStart - b.dStart);
    const claims = new Uint8Array(total);
    const byDoc = new Map<number, Chain[]>();
    for (const ch of chains) {
      let useful = false;
      for (let p = ch.dStart; p < ch.dEnd; p++)
        if (claims[p] < MAX_CANDIDATES_PER_POS) {
          useful = true;
          break;
        }
      if (!useful) continue;
      for (let p = ch.dStart; p < ch.dEnd; p++) if (claims[p] < 255) claims[p]++;
      let l = byDoc.get(ch.key);
      if (!l) byDoc.set(ch.key, (l = []));
      l.push(ch);
    }

    // 4. Verify: extend seeds to exact maximal matches against the source's normalised text.
    const cands: Cand[] = [];
    for (const [key, list] of byDoc) {
      const src = this.source(key, options.getSourceText);
      if (!src) continue;
      const sc = src.codes;
      const sl = src.length;
      const mems: Mem[] = [];
      const seen = new Map<number, number>(); // diagonal → end of the last match on it
      for (const ch of list) {
        for (let t = 0; t < ch.seeds.length; t += 2) {
          const i = ch.seeds[t];
          const s = ch.seeds[t + 1];
          const diag = s - i;
          const prevEnd = seen.get(diag);
          if (prevEnd !== undefined && i < prevEnd) continue;
          if (s + K > sl) continue;
          let ok = true;
          for (let q = 0; q < K; q++)
            if (codes[i + q] !== sc[s + q]) {
              ok = false;
              break;
            }
          if (!ok) continue;
          let a = i;
          let b = s;
          while (a > 0 && b > 0 && codes[a - 1] === sc[b - 1]) {
            a--;
            b--;
          }
          let e = i + K;
          let f = s + K;
          while (e < total && f < sl && codes[e] === sc[f]) {
            e++;
            f++;
          }
          seen.set(diag, e);
          mems.push({ dA: a, dB: e, sA: b, sB: f });
        }
      }
      for (const cl of clusterMems(mems, minChars)) {
        let matched = 0;
        let longest = 0;
        for (const m of cl) {
          matched += m.dB - m.dA;
          longest = Math.max(longest, m.dB - m.dA);
        }
        cands.push({ key, mems: cl, matched, longest });
      }
    }

    // 5. Resolve overlaps between sources: best candidates first, later ones clipped to what is left.
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
        const dA = Math.min(...g.map((m) => m.dA));
        const dB = Math.max(...g.map((m) => m.dB));
        for (let p = dA; p < dB; p++) covered[p] = 1;
        let matched = 0;
        let longest = 0;
        for (const m of g) {
          matched += m.dB - m.dA;
          longest = Math.max(longest, m.dB - m.dA);
        }
        chosen.push({ key: c.key, mems: g, matched, longest });
      }
    }
    chosen.sort((a, b) => a.mems[0].dA - b.mems[0].dA);

    // 6. Passages: ranges, diff, common marking, ratios.
    const liveDocs = Math.max(0, index.size - excluded.size);
    const stamp = new Int32Array(nKeys).fill(-1);
    const passages: Passage[] = [];
    const quoteRanges = options.quoteRanges ?? [];
    const ignoreRanges = options.ignoreRanges ?? [];
    for (let ci = 0; ci < chosen.length; ci++) {
      const c = chosen[ci];
      const src = this.source(c.key, options.getSourceText)!;
      const loc = index.keyLocs[c.key];
      const mems = c.mems;
      const dA = mems[0].dA;
      const dB = Math.max(...mems.map((m) => m.dB));
      const sA = Math.min(...mems.map((m) => m.sA));
      const sB = Math.max(...mems.map((m) => m.sB));
      const start = starts[dA];
      const end = ends[dB - 1];
      if (overlapFraction(start, end, ignoreRanges) >= 0.5) continue;
      const { parts, equal } = buildParts(draftText, starts, ends, codes, dA, dB, src, sA, sB, mems);
      const similarity = (2 * equal) / (dB - dA + (sB - sA));
      // Document frequency: distinct documents whose chains cover ≥ 80 % of the passage.
      const need = 0.8 * (dB - dA);
      let df = 0;
      for (const ch of chains) {
        if (ch.dEnd <= dA || ch.dStart >= dB) continue;
        const inter = Math.min(dB, ch.dEnd) - Math.max(dA, ch.dStart);
        if (inter >= need && stamp[ch.key] !== ci) {
          stamp[ch.key] = ci;
          df++;
        }
      }
      // Sampled posting lists: the phrase is at least as frequent as its rarest k-gram says.
      if (dB - dA >= K) {
        let minHot = Infinity;
        for (let p = dA; p + K <= dB; p++) minHot = Math.min(minHot, hot[p]);
        if (minHot > MAX_POSTINGS_PER_HASH) df = Math.max(df, Math.min(liveDocs, minHot));
      }
      const common = df >= commonMinDocs && df > commonFraction * liveDocs;
      passages.push({
        start,
        end,
        sourceId: loc.seg.ids[loc.doc],
        sourceTitle: loc.seg.titles[loc.doc],
        sourceStart: src.starts![sA],
        sourceEnd: src.ends![sB - 1],
        similarity,
        kind: common ? 'common' : 'reuse',
        docFrequency: df,
        longestRun: c.longest,
        chars: dB - dA,
        quoted: overlapFraction(start, end, quoteRanges) >= 0.5,
        parts,
      });
    }

    // Ratios over countable (normalised) characters.
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
  src: SourceNorm,
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
    const b = codesToString(src.codes, s, Math.max(s, s1));
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
  let ns = src.ends![sB - 1];
  for (let i = merged.length - 1; i >= 0; i--) {
    const p = merged[i];
    dNext[i] = nd;
    sNext[i] = ns;
    if (p.d) nd = starts[p.d[0]];
    if (p.s) ns = src.starts![p.s[0]];
  }
  const parts: DiffPart[] = merged.map((p, i) =>
    p.op === 'delete' ? { op: p.op, text: src.text.slice(src.starts![p.s![0]], sNext[i]) } : { op: p.op, text: draftText.slice(starts[p.d![0]], dNext[i]) },
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

export type { Segment };
