import { Blocks } from '../model/block';
import type { SpeechDoc } from '../model/types';

/**
 * Half-width punctuation inside Chinese text (`同志们:`, `肯定成绩,进一步`, `(一)`, `"三服务"`), as texts
 * scraped from the web have it. Only punctuation next to Chinese is touched: `2.9`, `13%`, `10:30`, `1,000`,
 * URLs and English phrases stay as they are. Every fix replaces one character by one, so offsets stay valid.
 */

export interface PunctuationChange {
  /** Offset of the replaced character in the text. */
  index: number;
  from: string;
  to: string;
}

const SIMPLE: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？' };

/** Han characters and Chinese (full-width) punctuation, including curly quotes, …… and ——. */
const CJK_RE = /[\p{Script=Han}\u3000-\u303f\uff01-\uff5e\u201c\u201d\u2018\u2019\u2026\u2014]/u;
const LATIN_RE = /[A-Za-z]/;
const DIGIT_RE = /[0-9]/;

const isCjk = (c: string | undefined) => c !== undefined && CJK_RE.test(c);
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\u00a0';

/** Index of the nearest character before/after index i on the same line, skipping spaces (scraped text has stray ones); -1 if none. */
function neighbourAt(text: string, i: number, step: 1 | -1): number {
  for (let k = i + step; k >= 0 && k < text.length; k += step) {
    const c = text[k];
    if (c === '\n' || c === '\r') return -1;
    if (!isSpace(c)) return k;
  }
  return -1;
}

function neighbour(text: string, i: number, step: 1 | -1): string | undefined {
  const k = neighbourAt(text, i, step);
  return k < 0 ? undefined : text[k];
}

/**
 * Whether a mapped single mark at i is Chinese punctuation written half-width: next to Chinese on either side.
 * `converted` holds the brackets and quotes being made full-width, which count as Chinese (`"乙";`).
 */
function simpleIsChinese(text: string, i: number, converted: Set<number>): boolean {
  const pk = neighbourAt(text, i, -1);
  const nk = neighbourAt(text, i, 1);
  const prev = pk < 0 ? undefined : text[pk];
  const next = nk < 0 ? undefined : text[nk];
  const c = text[i];
  // 10:30, 1,000, 3:2 — between digits it is part of a number or a time.
  if ((c === ':' || c === ',') && prev !== undefined && next !== undefined && DIGIT_RE.test(prev) && DIGIT_RE.test(next)) return false;
  if (isCjk(prev) || converted.has(pk)) return true;
  // After a Latin word only when Chinese follows at once (`推广APP,方便`), not an English phrase's own `world! 你好`.
  if (prev !== undefined && LATIN_RE.test(prev)) return isCjk(text[i + 1]) || converted.has(i + 1);
  if (isCjk(next) || converted.has(nk)) return true;
  // `增长13.7%,30个…`: a list of percentages inside Chinese text.
  return (prev === '%' || prev === '‰') && next !== undefined && DIGIT_RE.test(next);
}

/** Pairs of `(`…`)` on one line whose content or surroundings are Chinese. */
function parenPairs(text: string): [number, number][] {
  const out: [number, number][] = [];
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') stack.length = 0;
    else if (c === '(') stack.push(i);
    else if (c === ')' && stack.length) {
      const open = stack.pop()!;
      const inner = text.slice(open + 1, i);
      // `(一)`, `(2009年2月2日)`: Chinese inside. `(1)` only before Chinese, at a line start or after Chinese; never `f(x)`.
      const before = neighbour(text, open, -1);
      const chinese = CJK_RE.test(inner) || (inner !== '' && !LATIN_RE.test(inner) && (before === undefined || isCjk(before)) && isCjk(neighbour(text, i, 1)));
      if (chinese) out.push([open, i]);
    }
  }
  return out;
}

/** Straight double quotes paired in order on each line; a pair is Chinese when its content or a neighbour is. */
function quotePairs(text: string): [number, number][] {
  const out: [number, number][] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') open = -1;
    else if (c === '"') {
      if (open < 0) open = i;
      else {
        const inner = text.slice(open + 1, i);
        if (CJK_RE.test(inner) || isCjk(neighbour(text, open, -1)) || isCjk(neighbour(text, i, 1))) out.push([open, i]);
        open = -1;
      }
    }
  }
  return out;
}

/** The half-width marks of a text that should be full-width, in text order. */
const ANY_HALF_RE = /[,;:!?()"]/;

export function halfWidthPunctuation(text: string): PunctuationChange[] {
  const out: PunctuationChange[] = [];
  if (!ANY_HALF_RE.test(text)) return out;
  for (const [a, b] of parenPairs(text)) out.push({ index: a, from: '(', to: '（' }, { index: b, from: ')', to: '）' });
  for (const [a, b] of quotePairs(text)) out.push({ index: a, from: '"', to: '“' }, { index: b, from: '"', to: '”' });
  const converted = new Set(out.map((c) => c.index));
  for (let i = 0; i < text.length; i++) {
    const to = SIMPLE[text[i]];
    if (to && simpleIsChinese(text, i, converted)) out.push({ index: i, from: text[i], to });
  }
  return out.sort((x, y) => x.index - y.index);
}

/** Replace half-width punctuation in Chinese text by full-width; one character for one, so offsets stay valid. */
export function fixHalfWidthPunctuation(text: string): { text: string; changes: PunctuationChange[] } {
  const changes = halfWidthPunctuation(text);
  if (!changes.length) return { text, changes };
  const chars = text.split('');
  for (const c of changes) chars[c.index] = c.to;
  return { text: chars.join(''), changes };
}

/** One change located in a document: block, leaf (child) and offset inside that leaf. */
export interface DocPunctuationEdit extends PunctuationChange {
  blockIndex: number;
  child: number;
  /** Offset inside the leaf. */
  offset: number;
  /** Offset inside the block's whole text. */
  blockOffset: number;
}

/** The changes of every block, judged on the block's whole text (quotes can span leaves with marks). */
export function docPunctuationEdits(doc: SpeechDoc): DocPunctuationEdit[] {
  const out: DocPunctuationEdit[] = [];
  doc.blocks.forEach((b, blockIndex) => {
    const changes = halfWidthPunctuation(Blocks.text(b));
    if (!changes.length) return;
    let child = 0;
    let base = 0;
    for (const c of changes) {
      while (child < b.children.length - 1 && c.index >= base + b.children[child].text.length) {
        base += b.children[child].text.length;
        child++;
      }
      out.push({ ...c, blockIndex, child, offset: c.index - base, blockOffset: c.index });
    }
  });
  return out;
}

/** The document with half-width punctuation in Chinese text made full-width (a new value; marks and other fields kept). */
export function fixDocPunctuation(doc: SpeechDoc): SpeechDoc {
  const edits = docPunctuationEdits(doc);
  if (!edits.length) return doc;
  const blocks = doc.blocks.map((b, i) => {
    const mine = edits.filter((e) => e.blockIndex === i);
    if (!mine.length) return b;
    const children = b.children.map((leaf, k) => {
      const own = mine.filter((e) => e.child === k);
      if (!own.length) return leaf;
      const chars = leaf.text.split('');
      for (const e of own) chars[e.offset] = e.to;
      return { ...leaf, text: chars.join('') };
    });
    return { ...b, children };
  });
  return { ...doc, blocks };
}
