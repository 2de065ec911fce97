// Passages: each chosen candidate becomes a passage — its edges grown across small edits, its
// character diff, its document frequency (how many library documents hold it: 套话 or reuse) and
// whether it lies in a quote or an ignored range.
import { W as W_, K as K_ } from '../winnow';
import { codesToString } from '../../normalize';
import type { DiffPart, Passage, TextRange } from '../types';
import type { Cand } from './clustering';
import { spanEnd } from './clustering';
import { lowerBound, overlapFraction, type DraftData } from './draft';
import type { ParaData } from './paragraphs';
import { buildParts, edgeExtension, EDGE } from './parts';
import { MAX_POSTINGS_PER_HASH } from './provider';
import type { SourceFn } from './sourceWindows';

const K = K_;
const W = W_;

/** Results kept between checks (keyed by everything they depend on). */
export interface PassageCaches {
  parts: Map<string, { parts: DiffPart[]; equal: number }>;
  edges: Map<string, number[]>;
}

export interface PassageInput {
  draftText: string;
  draft: DraftData;
  paras: ParaData[];
  chosen: Cand[];
  covered: Uint8Array;
  sourceFn: SourceFn;
  /** Live documents taking part in the check (excluded ones left out). */
  liveDocs: number;
  keyCount: number;
  quoteRanges: TextRange[];
  ignoreRanges: TextRange[];
  commonMinDocs: number;
  commonFraction: number;
}

export function buildPassages(input: PassageInput, prev: PassageCaches): { passages: Passage[]; next: PassageCaches } {
  const { draftText, draft, paras, chosen, covered, sourceFn, liveDocs, quoteRanges, ignoreRanges, commonMinDocs, commonFraction } = input;
  const { codes, starts, ends, hot, paraBase, total } = draft;
  const nLines = paras.length;
  const nKeys = input.keyCount;
  const stamp = new Int32Array(nKeys).fill(-1);
  const acc = new Int32Array(nKeys);
  const touched: number[] = [];
  const passages: Passage[] = [];
  const nextParts = new Map<string, { parts: DiffPart[]; equal: number }>();
  const nextEdges = new Map<string, number[]>();
  for (let ci = 0; ci < chosen.length; ci++) {
    const c = chosen[ci];
    const srcDoc = sourceFn(c.key)!; // its source was found when matching
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
    let ext = prev.edges.get(ekey) ?? nextEdges.get(ekey);
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
    // keyed by the passage's own text (its parts are slices of it), not by where it stands in the draft:
    // an edit earlier in the draft moves the passage but leaves its diff as it was
    const pkey = `${c.key}:${sA}:${sB}:${mm.map((m) => `${m.dA - dA},${m.dB - dA},${m.sA}`).join(';')}:${draftText.slice(start, end)}`;
    let pr = prev.parts.get(pkey) ?? nextParts.get(pkey);
    if (!pr) pr = buildParts(draftText, starts, ends, codes, dA, dB, srcDoc.text, src, sA, sB, mm);
    nextParts.set(pkey, pr);
    const { parts, equal } = pr;
    const similarity = (2 * equal) / (dB - dA + (sB - sA));
    // Document frequency: distinct documents whose chains cover ≥ 80 % of the passage. A source
    // holding the passage has a fingerprint in every window of W k-grams, so its chain may start
    // up to W−1 characters late and end up to W−1 early.
    const need = 0.8 * (dB - dA);
    let df = 0;
    let li = lowerBound(paraBase, nLines, dA + 1) - 1;
    if (li < 0) li = 0;
    const single = paraBase[li + 1] >= dB ? paras[li] : null;
    const dfKey = `${dA - paraBase[li]},${dB - paraBase[li]}`;
    const cachedDf = single?.df.get(dfKey);
    if (cachedDf !== undefined) {
      df = cachedDf;
      li = nLines;
    }
    for (; li < nLines && paraBase[li] < dB; li++) {
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
      sourceId: srcDoc.meta.id,
      sourceTitle: srcDoc.meta.title,
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
  return { passages, next: { parts: nextParts, edges: nextEdges } };
}
