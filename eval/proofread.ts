// 校对 on the 政府工作报告 corpus (part of `npm run eval`): (1) findings on these carefully edited texts, each
// compared with a list of findings judged by hand (eval/proofreadJudged.ts); every finding not on it counts as
// not a real error; target ≤ 1 per 20,000 characters. (2) Errors planted into clean paragraphs at known offsets,
// per category: recall ≥ 0.9 with exact offsets. Truth is the judged list and the planting, never the engine.
import { confusionList, formulationList, proofreadText, type ProofFinding, type ProofKind } from '../src/core/proofread/index';
import { mulberry32 } from '../bench/corpus';
import { JUDGED_REAL, judgedKey } from './proofreadJudged';

export interface ProofRow {
  content: string;
  year?: number | string;
}

export interface ProofEvalResult {
  chars: number;
  findings: { row: ProofRow; f: ProofFinding; real: boolean }[];
  falsePerTwentyK: number;
  planted: Record<ProofKind, { planted: number; found: number; recall: number }>;
}

interface Plant {
  kind: ProofKind;
  text: string;
  start: number;
  end: number;
}

/** Plant one error of `kind` into a clean paragraph; null when this paragraph offers no place for it. */
function plant(kind: ProofKind, p: string, rnd: () => number): Plant | null {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const commas = [...p.matchAll(/，/gu)].map((m) => m.index!);
  const insertAt = (at: number, s: string, from: number, to: number): Plant => ({ kind, text: p.slice(0, at) + s + p.slice(at), start: at + from, end: at + to });
  switch (kind) {
    case 'typo': {
      const here = TYPO_ENTRIES.filter((c) => p.includes(c.right));
      if (!here.length) return null;
      const c = pick(here);
      const at = p.indexOf(c.right);
      return { kind, text: p.slice(0, at) + c.wrong + p.slice(at + c.right.length), start: at, end: at + c.wrong.length };
    }
    case 'formulation': {
      const here = FORMS.filter((f) => p.includes(f.right));
      if (!here.length) return null;
      const f = pick(here);
      const w = pick(f.wrong);
      const at = p.indexOf(f.right);
      return { kind, text: p.slice(0, at) + w + p.slice(at + f.right.length), start: at, end: at + w.length };
    }
    case 'number': {
      if (!commas.length) return null;
      const at = pick(commas) + 1;
      const [s, from, to] = pick([
        ['有10几个单位参加，', 1, 4],
        ['增幅为3～5%，', 3, 7],
        ['投入1,0000万元，', 2, 8],
        ['二零一九年以来，', 0, 5],
        ['用了三、四个月，', 2, 5],
      ] as const);
      return insertAt(at, s, from, to);
    }
    case 'punctuation': {
      if (!commas.length) return null;
      const at = pick(commas);
      const r = rnd();
      if (r < 0.4) return { kind, text: p.slice(0, at) + '，，' + p.slice(at + 1), start: at, end: at + 2 };
      if (r < 0.7) return { kind, text: p.slice(0, at) + ',' + p.slice(at + 1), start: at, end: at + 1 };
      return { kind, text: p.slice(0, at) + '，。' + p.slice(at + 1), start: at, end: at + 2 };
    }
    case 'repeat': {
      const words = [...p.matchAll(/我们|发展|建设|推进|加强|坚持|改革|工作/gu)].map((m) => m.index!);
      if (!words.length) return null;
      const at = pick(words);
      const w = p.slice(at, at + 2);
      return { kind, text: p.slice(0, at) + w + p.slice(at), start: at, end: at + 4 };
    }
  }
}

const TYPO_ENTRIES = confusionList();
const FORMS = formulationList().filter((f) => f.wrong.length);
const KINDS: ProofKind[] = ['typo', 'formulation', 'number', 'punctuation', 'repeat'];

export function runProofreadEval(rows: ProofRow[], opts: { planted?: number; seed?: number } = {}): ProofEvalResult {
  const per = opts.planted ?? 200;
  const rnd = mulberry32(opts.seed ?? 11);
  let chars = 0;
  const findings: ProofEvalResult['findings'] = [];
  const clean: string[] = [];
  for (const row of rows) {
    chars += row.content.length;
    const found = proofreadText(row.content);
    for (const f of found) findings.push({ row, f, real: JUDGED_REAL.has(judgedKey(row, f)) });
    // clean paragraphs for planting: long enough, and no finding in them
    let at = 0;
    for (const para of row.content.split('\n')) {
      const s = at;
      at += para.length + 1;
      if (para.length >= 40 && !found.some((f) => f.start < s + para.length && f.end > s)) clean.push(para);
    }
  }
  const planted = {} as ProofEvalResult['planted'];
  for (const kind of KINDS) {
    let n = 0;
    let hit = 0;
    for (let tries = 0; n < per && tries < per * 50; tries++) {
      const p = clean[Math.floor(rnd() * clean.length)];
      const pl = plant(kind, p, rnd);
      if (!pl) continue;
      n++;
      if (proofreadText(pl.text).some((f) => f.kind === pl.kind && f.start === pl.start && f.end === pl.end)) hit++;
    }
    planted[kind] = { planted: n, found: hit, recall: n ? hit / n : 0 };
  }
  const falses = findings.filter((x) => !x.real).length;
  return { chars, findings, falsePerTwentyK: (falses * 20_000) / chars, planted };
}
