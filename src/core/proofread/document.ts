import { CLOSERS, PAIRS, unbalanced } from './marks';
import { NEVER_DOUBLE } from './repeats';
import { yearAs, yearForms, type YearForm } from './numbers';
import type { ParaFinding } from './types';

/** What the checks across paragraphs need of one paragraph (cached with it). */
export interface ParaFacts {
  years: YearForm[];
  open: { index: number; ch: string }[];
  /** Closing marks without their opener. */
  stray: { index: number; ch: string }[];
}

export function factsOf(text: string): ParaFacts {
  const u = unbalanced(text);
  // A year in a cited title (《…2011年第1集》) or a date line under the title (（2017年10月18日）) keeps its own
  // form: only the years of the running text must agree.
  const titles = [...text.matchAll(/《[^》]*》/gu)].map((m) => [m.index!, m.index! + m[0].length]);
  const dateLine = /^\s*[（(]?[^，。；]{0,12}[0-9一二三四五六七八九〇○零]{4}年[^，。；]{0,10}日[）)]?\s*$/u.test(text);
  const years = dateLine ? [] : yearForms(text).filter((y) => !titles.some(([s, e]) => y.start >= s && y.end <= e));
  return { years, open: u.open, stray: u.stray };
}

const HEADING_RE = /^\s*(第[一二三四五六七八九十百]+[章节部分篇条]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9]+[.．、])/u;

/**
 * Checks that need more than one paragraph: one way of writing years in a document (二〇〇九年 and 2009年), a
 * number or a word split by a line break, a list of items ending in ； whose last item lacks its 。, and
 * quotation marks left open (a quotation over several paragraphs opens each paragraph with “, GB/T 15834 4.1.3.4).
 */
export function documentFindings(paras: readonly string[], facts: readonly ParaFacts[]): ParaFinding[] {
  const out: ParaFinding[] = [];
  // Years: the minority form is flagged (a tie: the Chinese-numeral ones, GB/T 15835 prefers digits).
  const all = facts.flatMap((f, para) => f.years.map((y) => ({ ...y, para })));
  const cn = all.filter((y) => y.form === 'cn').length;
  const digits = all.length - cn;
  if (cn && digits) {
    const minority: YearForm['form'] = cn <= digits ? 'cn' : 'digits';
    const major = minority === 'cn' ? 'digits' : 'cn';
    for (const y of all.filter((x) => x.form === minority)) {
      const fix = yearAs(y.year, major);
      out.push({ para: y.para, kind: 'number', rule: 'mixed-years', message: `同一文稿中年份写法不一致（另有${minority === 'cn' ? digits : cn}处写作“${major === 'digits' ? '2009年' : '二〇〇九年'}”式）：“${y.text}”可改为“${fix}”`, start: y.start, end: y.end, text: y.text, fix, confidence: 0.6 });
    }
  }
  out.push(...unmatchedMarks(paras, facts));
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    const next = paras[i + 1];
    // A number split by a line break: 2\n024年, 3.\n5%
    if (next !== undefined && /[0-9][.．]?$/u.test(p) && /^[0-9]/u.test(next)) {
      const m = /[0-9.．]+$/u.exec(p)!;
      out.push({ para: i, kind: 'number', rule: 'split-number', message: '数字被换行拆开，应写在同一行', start: m.index, end: p.length, text: m[0], fix: null, confidence: 0.8 });
    }
    // A word typed twice across a line break: …我们要\n要坚持…
    if (next !== undefined && /\p{Script=Han}$/u.test(p)) {
      for (let n = Math.min(4, p.length, next.length); n >= 1; n--) {
        const w = next.slice(0, n);
        if (!/^\p{Script=Han}+$/u.test(w) || !p.endsWith(w)) continue;
        if (n === 1 && !NEVER_DOUBLE.has(w)) continue;
        out.push({ para: i + 1, kind: 'repeat', rule: 'repeat-across-break', message: `换行前后“${w}”重复`, start: 0, end: n, text: w, fix: '', confidence: 0.8 });
        break;
      }
    }
    // The last item of a list ending in ； takes 。
    if (/；$/u.test(p.trimEnd()) && i > 0 && /；$/u.test(paras[i - 1].trimEnd())) {
      const rest = paras.slice(i + 1).find((x) => x.trim());
      if (rest === undefined || HEADING_RE.test(rest)) {
        const at = p.trimEnd().length - 1;
        out.push({ para: i, kind: 'punctuation', rule: 'list-end', message: '分项列举的最后一项应以句号结束', start: at, end: at + 1, text: '；', fix: '。', confidence: 0.7 });
      }
    }
  }
  return out;
}

/** How many line breaks a quotation or title may be cut by (text pasted from a page layout: 《\n书名\n》). */
const MAX_CUT = 3;

/**
 * Openers without closers and closers without openers, across paragraphs: an opener left open is carried over at
 * most MAX_CUT line breaks; a “ left open before a paragraph that begins with “ is a quotation over paragraphs.
 */
function unmatchedMarks(paras: readonly string[], facts: readonly ParaFacts[]): ParaFinding[] {
  const out: ParaFinding[] = [];
  let carry: { para: number; index: number; ch: string }[] = [];
  const flagOpen = (o: { para: number; index: number; ch: string }) =>
    out.push({ para: o.para, kind: 'punctuation', rule: 'unmatched', message: `“${o.ch}”缺少配对的“${PAIRS[o.ch]}”`, start: o.index, end: o.index + 1, text: o.ch, fix: null, confidence: 0.75 });
  for (let i = 0; i < paras.length; i++) {
    for (const s of facts[i].stray) {
      const k = carry.map((c) => c.ch).lastIndexOf(CLOSERS[s.ch]);
      if (k >= 0) {
        carry.splice(k, 1);
        continue;
      }
      out.push({ para: i, kind: 'punctuation', rule: 'unmatched', message: `缺少与“${s.ch}”配对的“${CLOSERS[s.ch]}”`, start: s.index, end: s.index + 1, text: s.ch, fix: null, confidence: 0.75 });
    }
    carry.push(...facts[i].open.map((o) => ({ ...o, para: i })));
    const next = paras[i + 1];
    const keep: typeof carry = [];
    for (const c of carry) {
      if (c.ch === '“' && c.para === i && next !== undefined && next.trimStart().startsWith('“')) continue;
      if (next === undefined || i + 1 - c.para > MAX_CUT) flagOpen(c);
      else keep.push(c);
    }
    carry = keep;
  }
  return out;
}
