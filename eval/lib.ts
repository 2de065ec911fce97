// Quality evaluation of the reuse engine (PAN text-alignment measures at the character level).
//
// Ground truth never comes from the engine:
//  - exact reuse: every draft character covered by some 13-character window of the normalised draft
//    that occurs verbatim in a library document (a set of all 13-grams of the library — exact
//    strings, no hashing), so truth = the union of shared runs of ≥ 13 characters;
//  - planted passages: the draft range where a library passage was pasted (and edited).
// Measures follow Potthast et al. (PAN): macro precision/recall over detections/cases, granularity
// (detections per detected case), plagdet = F1 / log2(1 + granularity).
import { ReuseIndex, checkText, type CheckResult } from '../src/core/reuse';
import { normalizeForMatch } from '../src/core/normalize';
import { mulberry32, sentencesOf } from '../bench/corpus';

export interface Row {
  title: string;
  content: string;
  year?: number | string;
}

export interface Measures {
  cases: number;
  detections: number;
  precision: number;
  recall: number;
  granularity: number;
  plagdet: number;
  /** Character-level (micro) figures. */
  microPrecision: number;
  microRecall: number;
}

type Range = [number, number]; // normalised draft positions [a, b)

/** Per-category accumulator of PAN measures. */
export class PanAccumulator {
  private recSum = 0;
  private nCases = 0;
  private precSum = 0;
  private nDet = 0;
  private granSum = 0;
  private nDetected = 0;
  private tp = 0;
  private detChars = 0;
  private truthChars = 0;

  /** One draft: truth cases and detections (both as normalised ranges of the same draft). */
  add(cases: Range[], detections: Range[], draftLen: number): void {
    const inTruth = new Uint8Array(draftLen);
    const inDet = new Uint8Array(draftLen);
    for (const [a, b] of cases) for (let p = a; p < b; p++) inTruth[p] = 1;
    for (const [a, b] of detections) for (let p = a; p < b; p++) inDet[p] = 1;
    for (const [a, b] of cases) {
      let hit = 0;
      for (let p = a; p < b; p++) hit += inDet[p];
      this.recSum += hit / (b - a);
      this.nCases++;
      const over = detections.filter(([c, d]) => c < b && d > a).length;
      if (over > 0) {
        this.granSum += over;
        this.nDetected++;
      }
    }
    for (const [a, b] of detections) {
      let hit = 0;
      for (let p = a; p < b; p++) hit += inTruth[p];
      this.precSum += hit / (b - a);
      this.nDet++;
    }
    for (let p = 0; p < draftLen; p++) {
      this.truthChars += inTruth[p];
      this.detChars += inDet[p];
      this.tp += inTruth[p] & inDet[p];
    }
  }

  result(): Measures {
    const precision = this.nDet ? this.precSum / this.nDet : 1;
    const recall = this.nCases ? this.recSum / this.nCases : 1;
    const granularity = this.nDetected ? this.granSum / this.nDetected : 1;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return {
      cases: this.nCases,
      detections: this.nDet,
      precision,
      recall,
      granularity,
      plagdet: f1 / Math.log2(1 + granularity),
      microPrecision: this.detChars ? this.tp / this.detChars : 1,
      microRecall: this.truthChars ? this.tp / this.truthChars : 1,
    };
  }
}

/** All 13-grams (exact strings) of the normalised library texts. */
export function gramSet(norms: string[], n = 13): Set<string> {
  const set = new Set<string>();
  for (const s of norms) for (let i = 0; i + n <= s.length; i++) set.add(s.slice(i, i + n));
  return set;
}

/** Maximal runs of draft positions covered by a shared 13-gram. */
export function exactTruth(draftNorm: string, grams: Set<string>, n = 13): Range[] {
  const cov = new Uint8Array(draftNorm.length);
  for (let i = 0; i + n <= draftNorm.length; i++) if (grams.has(draftNorm.slice(i, i + n))) cov.fill(1, i, i + n);
  return runs(cov);
}

function runs(cov: Uint8Array): Range[] {
  const out: Range[] = [];
  let a = -1;
  for (let p = 0; p <= cov.length; p++) {
    if (p < cov.length && cov[p]) {
      if (a < 0) a = p;
    } else if (a >= 0) {
      out.push([a, p]);
      a = -1;
    }
  }
  return out;
}

/** Original [start, end) → normalised positions whose character starts inside. */
function toNorm(map: Int32Array, normLen: number, start: number, end: number): Range {
  let a = 0;
  let hi = normLen;
  while (a < hi) {
    const mid = (a + hi) >>> 1;
    if (map[mid] < start) a = mid + 1;
    else hi = mid;
  }
  let b = a;
  while (b < normLen && map[b] < end) b++;
  return [a, b];
}

export function detections(result: CheckResult, map: Int32Array, normLen: number, mode: 'passage' | 'identical'): Range[] {
  const out: Range[] = [];
  for (const p of result.passages) {
    if (mode === 'passage') {
      out.push(toNorm(map, normLen, p.start, p.end));
      continue;
    }
    // identical: only the equal parts of ≥ 13 countable characters (what the engine claims is shared
    // verbatim), located by walking the draft-side parts from the passage start
    let off = p.start;
    for (const part of p.parts) {
      if (part.op === 'delete') continue;
      const r = toNorm(map, normLen, off, off + part.text.length);
      if (part.op === 'equal' && r[1] - r[0] >= 13) out.push(r);
      off += part.text.length;
    }
  }
  return out.filter(([a, b]) => b > a);
}

export interface EvalOptions {
  /** Draft years for the consecutive-report cases (library: all earlier reports). */
  years: number[];
  /** Planted passages per category. */
  planted: number;
  seed?: number;
  log?: (s: string) => void;
}

export interface EvalReport {
  verbatimReal: Measures;
  verbatimRealIdentical: Measures;
  verbatimPlanted: Measures;
  edited: Record<string, Measures>;
  editedAll: Measures;
  checkMs: number[];
}

const CJK_NOISE = '新增加强推进落实完善提升';

function sentences(text: string): string[] {
  return sentencesOf(text, { atNewlines: false, dropSpaces: true, minLength: 8, maxLength: Infinity });
}

export function runEval(gov: Row[], cpc: Row[], opt: EvalOptions): EvalReport {
  const log = opt.log ?? (() => {});
  const rnd = mulberry32(opt.seed ?? 2024);
  const reports = gov.filter((r) => r.year !== undefined && r.year !== null && String(r.year) !== '').map((r) => ({ ...r, y: Number(r.year) }));
  const checkMs: number[] = [];

  // 1. Real reuse between consecutive years: draft = report of year Y, library = all earlier reports.
  const real = new PanAccumulator();
  const realIdent = new PanAccumulator();
  for (const y of opt.years) {
    const draft = reports.find((r) => r.y === y);
    const lib = reports.filter((r) => r.y < y);
    if (!draft || lib.length === 0) continue;
    const index = new ReuseIndex();
    index.add(lib.map((r) => ({ id: String(r.y), title: r.title, text: r.content })));
    const texts = new Map(lib.map((r) => [String(r.y), r.content]));
    const t0 = performance.now();
    const res = checkText(index, draft.content, { getSourceText: (id) => texts.get(id) });
    checkMs.push(performance.now() - t0);
    const dn = normalizeForMatch(draft.content);
    const truth = exactTruth(dn.norm, gramSet(lib.map((r) => normalizeForMatch(r.content).norm)));
    const detP = detections(res, dn.map, dn.norm.length, 'passage');
    if (process.env.EVAL_DEBUG === 'real') {
      const cov = new Uint8Array(dn.norm.length);
      for (const [a, b] of detP) cov.fill(1, a, b);
      for (const [a, b] of truth) {
        let miss = 0;
        for (let p = a; p < b; p++) miss += 1 - cov[p];
        if (miss >= 3) log(`  missed ${miss}/${b - a}: ${dn.norm.slice(Math.max(0, a - 5), a)}[${[...dn.norm.slice(a, b)].map((c, i) => (cov[a + i] ? c : c + '\u0332')).join('')}]${dn.norm.slice(b, b + 5)}`);
      }
    }
    real.add(truth, detP, dn.norm.length);
    realIdent.add(truth, detections(res, dn.map, dn.norm.length, 'identical'), dn.norm.length);
    log(`  ${y}: ${lib.length} earlier reports, ${truth.length} shared runs ≥ 13, ${res.passages.length} passages`);
  }

  // 2. Planted passages. Library: all reports; hosts: CPC congress report sentences sharing no 13-gram with it.
  const index = new ReuseIndex();
  const libDocs = reports.map((r) => ({ id: String(r.y), title: r.title, text: r.content }));
  index.add(libDocs);
  const texts = new Map(libDocs.map((d) => [d.id, d.text]));
  const grams = gramSet(libDocs.map((d) => normalizeForMatch(d.text).norm));
  const hostSents = cpc.flatMap((r) => sentences(r.content)).filter((s) => !exactTruth(normalizeForMatch(s).norm, grams).length);
  const libSents = libDocs.map((d) => sentences(d.text));
  const host = (n: number) => {
    let s = '';
    while (s.length < n) s += hostSents[Math.floor(rnd() * hostSents.length)];
    return s;
  };
  const pickRun = (minLen: number, maxLen: number): string[] => {
    const ss = libSents[Math.floor(rnd() * libSents.length)];
    const a = Math.floor(rnd() * Math.max(1, ss.length - 6));
    const out: string[] = [];
    let len = 0;
    for (let i = a; i < ss.length && len < maxLen; i++) {
      out.push(ss[i]);
      len += ss[i].length;
      if (len >= minLen && rnd() < 0.4) break;
    }
    return out;
  };
  const randChar = () => CJK_NOISE[Math.floor(rnd() * CJK_NOISE.length)];
  const edits: Record<string, (sents: string[]) => string[]> = {
    punctuation: (ss) =>
      ss.map((s) =>
        [...s]
          .map((c) => (/[，。；、]/.test(c) ? (rnd() < 0.5 ? '' : '；') : rnd() < 0.04 ? c + '，' : c))
          .join(''),
      ),
    replaced: (ss) =>
      ss.map((s) => {
        const a = [...s];
        for (let i = 10 + Math.floor(rnd() * 15); i < a.length; i += 20 + Math.floor(rnd() * 20)) if (!/[，。；、]/.test(a[i])) a[i] = randChar();
        return a.join('');
      }),
    inserted: (ss) =>
      ss.map((s) => {
        const a = [...s];
        for (let k = 0; k < 1 + Math.floor(a.length / 60); k++) {
          const at = 5 + Math.floor(rnd() * Math.max(1, a.length - 10));
          a.splice(at, 0, randChar() + randChar() + (rnd() < 0.5 ? randChar() : ''));
        }
        return a.join('');
      }),
    reordered: (ss) => {
      const out = [...ss];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };

  const plantedVerbatim = new PanAccumulator();
  const editedAcc: Record<string, PanAccumulator> = {};
  const editedAll = new PanAccumulator();
  for (const cat of ['verbatim', ...Object.keys(edits)]) {
    const acc = cat === 'verbatim' ? plantedVerbatim : (editedAcc[cat] = new PanAccumulator());
    // several passages per draft, each case = one planted piece (for reordering: one per sentence)
    for (let d = 0; d < Math.ceil(opt.planted / 4); d++) {
      let draft = host(150 + Math.floor(rnd() * 200));
      const pieces: [number, number][] = [];
      for (let q = 0; q < 4; q++) {
        let parts: string[];
        if (cat === 'verbatim') {
          // 13–300 countable characters, cut at a countable-character boundary
          const run = pickRun(13, 300).join('');
          const rn = normalizeForMatch(run);
          if (rn.norm.length < 13) continue;
          const len = 13 + Math.floor(rnd() * Math.min(288, rn.norm.length - 12));
          parts = [run.slice(0, rn.ends[len - 1])];
        } else {
          const run = pickRun(cat === 'reordered' ? 120 : 60, 400);
          parts = edits[cat](run);
          // one case per contiguous piece; only reordering breaks a passage into per-sentence cases
          if (cat !== 'reordered') parts = [parts.join('')];
        }
        for (const part of parts) {
          pieces.push([draft.length, draft.length + part.length]);
          draft += part;
        }
        draft += '\n' + host(100 + Math.floor(rnd() * 200));
      }
      const t0 = performance.now();
      const res = checkText(index, draft, { getSourceText: (id) => texts.get(id) });
      checkMs.push(performance.now() - t0);
      const dn = normalizeForMatch(draft);
      // truth: planted pieces plus any exact shared 13-gram run elsewhere in the draft
      const cov = new Uint8Array(dn.norm.length);
      const cases: Range[] = [];
      for (const [a, b] of pieces) {
        const r = toNorm(dn.map, dn.norm.length, a, b);
        if (r[1] > r[0]) {
          cases.push(r);
          cov.fill(1, r[0], r[1]);
        }
      }
      for (const [a, b] of exactTruth(dn.norm, grams)) {
        let inside = true;
        for (let p = a; p < b; p++) if (!cov[p]) inside = false;
        if (!inside) cases.push([a, b]);
      }
      const det = detections(res, dn.map, dn.norm.length, 'passage');
      if (process.env.EVAL_DEBUG === cat)
        for (const [a, b] of cases) {
          const over = res.passages.filter((p) => {
            const r = toNorm(dn.map, dn.norm.length, p.start, p.end);
            return r[0] < b && r[1] > a;
          });
          if (over.length > 1)
            log(`${cat}: case ${dn.norm.slice(a, b)}\n` + over.map((p) => `   [${p.sourceId} ${p.sourceStart}-${p.sourceEnd} ${p.kind}] ${draft.slice(p.start, p.end)}`).join('\n'));
        }
      if (process.env.EVAL_DEBUG === `${cat}-miss`) {
        const cov = new Uint8Array(dn.norm.length);
        for (const [a, b] of det) cov.fill(1, a, b);
        for (const [a, b] of cases) {
          let miss = 0;
          for (let p = a; p < b; p++) miss += 1 - cov[p];
          if (miss) log(`${cat} missed ${miss}/${b - a}: ${[...dn.norm.slice(a, b)].map((c, i) => (cov[a + i] ? c : c + '\u0332')).join('')}`);
        }
      }
      acc.add(cases, det, dn.norm.length);
      if (cat !== 'verbatim') editedAll.add(cases, det, dn.norm.length);
    }
  }
  const edited: Record<string, Measures> = {};
  for (const [k, v] of Object.entries(editedAcc)) edited[k] = v.result();
  return {
    verbatimReal: real.result(),
    verbatimRealIdentical: realIdent.result(),
    verbatimPlanted: plantedVerbatim.result(),
    edited,
    editedAll: editedAll.result(),
    checkMs,
  };
}

export function fmtMeasures(m: Measures): string {
  const f = (x: number) => x.toFixed(3);
  return `P ${f(m.precision)}  R ${f(m.recall)}  gran ${f(m.granularity)}  plagdet ${f(m.plagdet)}  (micro P ${f(m.microPrecision)} R ${f(m.microRecall)}; ${m.cases} cases, ${m.detections} detections)`;
}
