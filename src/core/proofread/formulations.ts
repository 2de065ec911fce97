import { FORMULATION_LINES } from '../../../data/proofread/formulations';
import { Matcher, longestNonOverlapping, type Match } from './matcher';
import type { ProofFinding } from './types';

/** One 规范提法 of the reviewed list (data/proofread/formulations.ts). */
export interface Formulation {
  right: string;
  wrong: string[];
  note: string;
}

const QUOTE_RE = /[“”‘’"「」]/gu;
const NUMERAL_RE = /[一二三四五六七八九十两双百千万〇零0-9]/u;
/** Notes of names whose quotation marks are part of the name (a slogan, a plan, a campaign), not decoration. */
const QUOTED_NAME_NOTES = new Set(['理论名称', '改革', '倡议', '方针', '布局', '规划', '要求', '教育', '目标', '任务', '标准', '经验', '战略', '工程', '制度', '论断', '作风', '工作']);

export function parseFormulations(lines: readonly string[]): Formulation[] {
  return lines.map((l) => {
    const [right, wrong = '', note = ''] = l.split('\t');
    return { right, wrong: wrong.split('|').filter(Boolean), note };
  });
}

const bareOf = (s: string) => s.replace(QUOTE_RE, '');
const QUOTE_CHARS = new Set([...'“”‘’"「」']);

interface Pattern {
  kind: 'variant' | 'bare';
  f: Formulation;
  text: string;
}

interface Compiled {
  list: Formulation[];
  patterns: Pattern[];
  matcher: Matcher;
  /** Every listed formulation without its marks: a window equal to one of them is never a near miss. */
  bares: Set<string>;
  /**
   * Near-miss anchors: first and last three characters of each long formulation (quotes removed). In the one
   * automaton, pattern ids are: listed patterns, then anchors, then enumeration items.
   */
  anchorOwners: { f: Formulation; bare: string; head: boolean }[];
  lists: { f: Formulation; items: string[] }[];
  /** The items of all enumerations, to see at once which enumerations a paragraph may contain. */
  itemTexts: string[];
  /** Whether a match lies inside an occurrence of a listed right form. */
  rightAt(text: string, m: Match): boolean;
}

let compiled: Compiled | null = null;

function compile(): Compiled {
  if (compiled) return compiled;
  const list = parseFormulations(FORMULATION_LINES);
  const patterns: Pattern[] = [];
  const rights = new Set(list.map((f) => f.right));
  for (const f of list) {
    const bare = bareOf(f.right);
    // the bare form (no quotation marks at all) is the missing-quotes check's (below)
    for (const w of f.wrong) if (!rights.has(w) && w !== bare) patterns.push({ kind: 'variant', f, text: w });
    const quoted = f.right.match(/“([^”]+)”/u)?.[1] ?? '';
    if (bare !== f.right && bare.length >= 4 && (NUMERAL_RE.test(quoted) || QUOTED_NAME_NOTES.has(f.note))) patterns.push({ kind: 'bare', f, text: bare });
  }
  const bares = new Set(list.map((f) => bareOf(f.right)));
  const anchorOwners: Compiled['anchorOwners'] = [];
  const anchorTexts: string[] = [];
  for (const f of list) {
    const bare = bareOf(f.right);
    if (bare.length < 8 || /[、，]/u.test(bare)) continue;
    anchorOwners.push({ f, bare, head: true }, { f, bare, head: false });
    anchorTexts.push(bare.slice(0, 3), bare.slice(-3));
  }
  const lists = list.filter((f) => (f.right.match(/[、，]/gu)?.length ?? 0) >= 2).map((f) => ({ f, items: f.right.split(/[、，]/u) }));
  const listItems = new Set(lists.flatMap((l) => l.items));
  const rightList = [...rights];
  const rightMatcher = new Matcher(rightList);
  const rightAt = (text: string, m: Match) => {
    const from = Math.max(0, m.start - 40);
    return rightMatcher.findAll(text.slice(from, m.end + 40)).some((r) => r.start + from <= m.start && r.end + from >= m.end && r.end - r.start > m.end - m.start);
  };
  const itemTexts = [...listItems];
  const matcher = new Matcher([...patterns.map((p) => p.text), ...anchorTexts, ...itemTexts]);
  compiled = { list, patterns, matcher, bares, anchorOwners, lists, itemTexts, rightAt };
  return compiled;
}

export function formulationList(): Formulation[] {
  return compile().list;
}

/** Whether the text at `start` (an occurrence of the bare form) is in fact the formulation with its marks. */
function writtenRight(text: string, start: number, f: Formulation): boolean {
  const lead = f.right.length - f.right.replace(/^[“”‘’"「」]+/u, '').length;
  if (text.startsWith(f.right, start - lead)) return true;
  // quoted as a whole (“十四五规划”), or inside a longer quotation: not a missing mark
  const before = text[start - 1];
  if (before === '“' || before === '"' || before === '「' || before === '《') return true;
  // inside a longer quotation: “和平统一、一国两制”的方针
  let depth = 0;
  for (let i = 0; i < start; i++) depth += text[i] === '“' ? 1 : text[i] === '”' ? -1 : 0;
  return depth > 0;
}

function variants(text: string, c: Compiled, all: Match[]): ProofFinding[] {
  const hits: Match[] = [];
  for (const m of all) {
    if (m.id >= c.patterns.length) continue;
    const p = c.patterns[m.id];
    if (p.kind === 'bare' && writtenRight(text, m.start, p.f)) continue;
    // a variant inside the right form itself (or another listed formulation) is not one
    if (p.kind === 'variant' && c.rightAt(text, m)) continue;
    hits.push(m);
  }
  return longestNonOverlapping(hits).map((m) => {
    const p = c.patterns[m.id];
    // 「」 around the formulation: it may carry its own “”
    const message = p.kind === 'bare' ? `规范提法应带引号：「${p.f.right}」` : `规范提法应为「${p.f.right}」`;
    return { kind: 'formulation', rule: p.kind === 'bare' ? 'missing-quotes' : 'variant', message, start: m.start, end: m.end, text: p.text, fix: p.f.right, confidence: p.kind === 'bare' ? 0.8 : 0.9 };
  });
}

/** Items of a listed enumeration written in another order (理论自信、道路自信、制度自信、文化自信). */
function wordOrder(text: string, c: Compiled, all: Match[]): ProofFinding[] {
  const out: ProofFinding[] = [];
  if (!text.includes('、') && !text.includes('，')) return out;
  const base = c.patterns.length + c.anchorOwners.length;
  const present = new Set(all.filter((m) => m.id >= base).map((m) => c.itemTexts[m.id - base]));
  if (present.size < 3) return out;
  const segs: { s: number; e: number }[] = [];
  const re = /[^、，。；：！？\n]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) segs.push({ s: m.index, e: m.index + m[0].length });
  for (const { f, items } of c.lists) {
    if (!items.every((it) => present.has(it))) continue;
    const n = items.length;
    for (let i = 0; i + n <= segs.length; i++) {
      const win = segs.slice(i, i + n);
      // items of one enumeration: next to each other, separated by one 、 or ， (never across a sentence end)
      if (win.some((w, k) => k > 0 && (w.s - segs[i + k - 1].e !== 1 || !'、，'.includes(text[w.s - 1])))) continue;
      const used = new Set<number>();
      const order: number[] = [];
      for (let k = 0; k < n; k++) {
        const seg = text.slice(win[k].s, win[k].e);
        const j = items.findIndex((it, x) => !used.has(x) && (seg === it || (k === 0 && seg.endsWith(it)) || (k === n - 1 && seg.startsWith(it))));
        if (j < 0) break;
        used.add(j);
        order.push(j);
      }
      if (order.length !== n || order.every((j, k) => j === k)) continue;
      const first = text.slice(win[0].s, win[0].e);
      const last = text.slice(win[n - 1].s, win[n - 1].e);
      const start = win[0].s + first.length - items[order[0]].length;
      const end = win[n - 1].s + items[order[n - 1]].length;
      if (last.length < items[order[n - 1]].length) continue;
      out.push({ kind: 'formulation', rule: 'word-order', message: `规范提法的顺序应为「${f.right}」`, start, end, text: text.slice(start, end), fix: f.right, confidence: 0.85 });
    }
  }
  return out;
}

/** A function word in place of another is another sentence, not a slip: 我们党在十一届三中全会, 我国正处于. */
const FUNCTION_CHARS = new Set([...'的在和与及是了对为把被将从向正仍还已也都就才又更最很']);
const isHan = (ch: string) => ch >= '\u3400' && ch <= '\u9fff';

/** One character changed, or two neighbours swapped, in a long listed formulation (quotation marks ignored). */
function nearMisses(text: string, c: Compiled, all: Match[]): ProofFinding[] {
  let map: number[] | null = null;
  let stripped = text;
  if (/[“”‘’"「」]/u.test(text)) {
    map = [];
    const kept: string[] = [];
    for (let i = 0; i < text.length; i++) {
      if (QUOTE_CHARS.has(text[i])) continue;
      map.push(i);
      kept.push(text[i]);
    }
    stripped = kept.join('');
  }
  const at = (k: number) => (map ? map[k] : k);
  const out: ProofFinding[] = [];
  const seen = new Set<number>();
  const anchors = map ? c.matcher.findAll(stripped) : all;
  for (const m of anchors) {
    const a = m.id - c.patterns.length;
    if (a < 0 || a >= c.anchorOwners.length) continue;
    const { f, bare, head } = c.anchorOwners[a];
    const s = head ? m.start : m.end - bare.length;
    if (s < 0 || s + bare.length > stripped.length || seen.has(s)) continue;
    const win = stripped.slice(s, s + bare.length);
    if (win === bare || c.bares.has(win)) continue;
    const diff: number[] = [];
    for (let k = 0; k < bare.length && diff.length <= 2; k++) if (win[k] !== bare[k]) diff.push(k);
    // Only inside the formulation: a different first or last character is mostly another word around it
    // (巩固中央集中统一领导, 以推进供给侧结构性改革为主线); numbers differ on purpose (十二大, 七中全会).
    const interior = diff.length > 0 && diff[0] > 0 && diff[diff.length - 1] < bare.length - 1;
    const numeral = diff.some((k) => NUMERAL_RE.test(win[k]) || NUMERAL_RE.test(bare[k]));
    const swapped = diff.length === 2 && diff[1] === diff[0] + 1 && win[diff[0]] === bare[diff[1]] && win[diff[1]] === bare[diff[0]];
    const changed = diff.length === 1 && isHan(win[diff[0]]) && !FUNCTION_CHARS.has(win[diff[0]]) && !FUNCTION_CHARS.has(bare[diff[0]]);
    if (!interior || numeral) continue;
    if (!swapped && !changed) continue;
    seen.add(s);
    const start = at(s);
    const end = at(s + bare.length - 1) + 1;
    out.push({ kind: 'formulation', rule: 'near-miss', message: `疑与规范提法「${f.right}」不一致`, start, end, text: text.slice(start, end), fix: f.right, confidence: 0.6 });
  }
  return out;
}

/** 规范提法: listed wrong variants, missing quotation marks, enumerations out of order, near misses. */
export function checkFormulations(text: string): ProofFinding[] {
  const c = compile();
  const all = c.matcher.findAll(text);
  const found = variants(text, c, all);
  for (const w of wordOrder(text, c, all)) if (!found.some((f) => f.start < w.end && w.start < f.end)) found.push(w);
  for (const n of nearMisses(text, c, all)) if (!found.some((f) => f.start < n.end && n.start < f.end)) found.push(n);
  return found.sort((a, b) => a.start - b.start);
}
