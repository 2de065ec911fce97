import { checkConfusions } from './confusions';
import { documentFindings, factsOf, type ParaFacts } from './document';
import { checkFormulations } from './formulations';
import { checkMarks } from './marks';
import { checkNumbers } from './numbers';
import { checkRepeats } from './repeats';
import { PROOF_KINDS, type ParaFinding, type ProofFinding, type ProofOptions, type Range } from './types';

export * from './types';
export { confusionList, parseConfusions, type Confusion } from './confusions';
export { formulationList, parseFormulations, type Formulation } from './formulations';

/** Every check of one paragraph, before quotations, titles and the user's words are taken out. */
export function checkParagraph(text: string): ProofFinding[] {
  if (!text.trim()) return [];
  const out = [...checkConfusions(text), ...checkFormulations(text), ...checkNumbers(text), ...checkMarks(text), ...checkRepeats(text)];
  return out.sort((a, b) => a.start - b.start || PROOF_KINDS.indexOf(a.kind) - PROOF_KINDS.indexOf(b.kind));
}

/** Contents of 《…》 titles: left alone (a title is quoted as it was published). */
function titleRanges(text: string): Range[] {
  const out: Range[] = [];
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '《') stack.push(i);
    else if (text[i] === '》' && stack.length) {
      const s = stack.pop()!;
      if (!stack.length) out.push({ start: s + 1, end: i });
    }
  }
  return out;
}

/** Occurrences of the user's words (加入词库) in a paragraph. */
function wordRanges(text: string, words: readonly string[]): Range[] {
  const out: Range[] = [];
  for (const w of words) {
    if (!w) continue;
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) out.push({ start: i, end: i + w.length });
  }
  return out;
}

const inside = (f: { start: number; end: number }, r: Range) => f.start >= r.start && f.end <= r.end;
const overlaps = (f: { start: number; end: number }, r: Range) => f.start < r.end && r.start < f.end;

interface Cached {
  findings: ProofFinding[];
  titles: Range[];
  facts: ParaFacts;
  /** Check generation that last used it (entries unused for a while are dropped). */
  used: number;
}

/**
 * 校对 of a document given as paragraphs, re-checking only the paragraphs whose text changed since the last call
 * (results are cached by paragraph text). The checks across paragraphs are cheap and run every time.
 */
export class Proofreader {
  private cache = new Map<string, Cached>();
  private generation = 0;

  /** `quotes[i]`: quotation ranges (标为引用) inside paragraph i. */
  check(paras: readonly string[], opts: { userWords?: readonly string[]; quotes?: readonly (readonly Range[] | undefined)[] } = {}): ParaFinding[] {
    const gen = ++this.generation;
    const words = opts.userWords ?? [];
    const entries = paras.map((p) => {
      let c = this.cache.get(p);
      if (!c) {
        c = { findings: checkParagraph(p), titles: titleRanges(p), facts: factsOf(p), used: gen };
        this.cache.set(p, c);
      }
      c.used = gen;
      return c;
    });
    if (this.cache.size > paras.length * 2 + 64) for (const [k, v] of this.cache) if (v.used !== gen) this.cache.delete(k);
    const out: ParaFinding[] = [];
    const local = entries.flatMap((c, para) => c.findings.map((f) => ({ ...f, para })));
    const cross = documentFindings(paras, entries.map((c) => c.facts));
    for (const f of [...local, ...cross]) {
      const c = entries[f.para];
      const quotes = opts.quotes?.[f.para] ?? [];
      if (quotes.some((q) => overlaps(f, q))) continue;
      if (f.rule !== 'unmatched' && c.titles.some((t) => overlaps(f, t))) continue;
      // “\n一带一路\n”: the quotation marks are there, on the lines around (text pasted from a page layout)
      if (f.rule === 'missing-quotes' && f.start === 0 && f.para > 0 && paras[f.para - 1].trimEnd().endsWith('“')) continue;
      if (words.length && (words.includes(f.text) || wordRanges(paras[f.para], words).some((r) => inside(f, r) || (f.kind === 'typo' && overlaps(f, r))))) continue;
      out.push(f);
    }
    return out.sort((a, b) => a.para - b.para || a.start - b.start);
  }
}

/** Paragraphs of a plain text (split at line breaks; a trailing \r is not part of the paragraph) and their offsets. */
export function paragraphsOf(text: string): { paras: string[]; starts: number[] } {
  const paras: string[] = [];
  const starts: number[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    starts.push(at);
    paras.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    at += line.length + 1;
  }
  return { paras, starts };
}

/** 校对 of a plain text; offsets into the text. */
export function proofreadText(text: string, opts: ProofOptions = {}, reader: Proofreader = new Proofreader()): ProofFinding[] {
  const { paras, starts } = paragraphsOf(text);
  const quotes = paras.map((p, i) =>
    (opts.quotes ?? []).filter((q) => q.start < starts[i] + p.length && q.end > starts[i]).map((q) => ({ start: Math.max(0, q.start - starts[i]), end: Math.min(p.length, q.end - starts[i]) })),
  );
  return reader.check(paras, { userWords: opts.userWords, quotes }).map(({ para, ...f }) => ({ ...f, start: f.start + starts[para], end: f.end + starts[para] }));
}

/** Apply a finding's fix to a text (for the CLI, tests and the planted-error evaluation). */
export function applyFix(text: string, f: ProofFinding): string {
  return f.fix === null ? text : text.slice(0, f.start) + f.fix + text.slice(f.end);
}
