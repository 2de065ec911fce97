import type { HeadingLevel } from '../model/types';
import { parseChineseNumeral } from '../model/numbering';

// The one grammar of numbers written at the start of a line or a heading: 公文 heading numbers
// (一、 一． （一） (一) 1. 1． 1、 （1） ⑴ ①) and the enumeration labels that are content, not headings
// (一是 一要 第一， 首先，). Outline, lint, cleaning, Word/HTML import and paste all read numbers here.

/** A heading number as written at the start of a line. */
export interface WrittenNumber {
  level: HeadingLevel;
  /** The number exactly as written, e.g. `一、`, `(一)`, `（1）`, `1．`, `⑴`. */
  numbering: string;
  value: number;
  /** The written form with the number replaced by X (Chinese) or N (Arabic): `X、`, `(X)`, `N.`; for mixed-style checks. */
  style: string;
  /** Length of the numbering plus any spaces after it. */
  length: number;
}

export const CN_NUMERAL = '[一二三四五六七八九十百零〇两]{1,4}';
const L1 = new RegExp(`^(${CN_NUMERAL})\\s*([、，,．.])\\s*`, 'u');
const L2 = new RegExp(`^([（(])\\s*(${CN_NUMERAL})\\s*([)）])\\s*`, 'u');
const L4 = /^([（(])\s*(\d{1,2})\s*([)）])\s*/u;
const L3 = /^(\d{1,2})\s*([.．、])(?!\d)\s*/u;
const PAREN_DIGIT = /^([\u2474-\u2487])\s*/u; // ⑴ … ⒇
const CIRCLED = /^([\u2460-\u2473])\s*/u; // ① … ⑳

export interface ParseOptions {
  /**
   * Count circled ① … ⑳ as level-4 numbers. At the start of a line of plain text they are mostly footnote
   * marks, so text recognition leaves them out; in a heading's own text (Word heading style, Ctrl+1) they
   * are a typed number.
   */
  circled?: boolean;
}

/** The heading number at the start of `line` (already left-trimmed), or null. */
export function parseWrittenNumber(line: string, opts: ParseOptions = {}): WrittenNumber | null {
  let m = L1.exec(line);
  if (m) {
    const v = parseChineseNumeral(m[1]);
    // `一,` would catch ordinary sentences like `一,二…`; only the 、 and dot forms count.
    if (v !== null && v > 0 && m[2] !== '，' && m[2] !== ',') {
      return { level: 1, numbering: m[0].trimEnd(), value: v, style: 'X' + m[2], length: m[0].length };
    }
  }
  m = L2.exec(line);
  if (m) {
    const v = parseChineseNumeral(m[2]);
    if (v !== null && v > 0) return { level: 2, numbering: m[0].trimEnd(), value: v, style: m[1] + 'X' + m[3], length: m[0].length };
  }
  m = L4.exec(line);
  if (m) {
    const v = Number(m[2]);
    if (v > 0) return { level: 4, numbering: m[0].trimEnd(), value: v, style: m[1] + 'N' + m[3], length: m[0].length };
  }
  m = L3.exec(line);
  if (m) {
    const v = Number(m[1]);
    if (v > 0) return { level: 3, numbering: m[0].trimEnd(), value: v, style: 'N' + m[2], length: m[0].length };
  }
  m = PAREN_DIGIT.exec(line);
  if (m) return { level: 4, numbering: m[1], value: m[1].charCodeAt(0) - 0x2473, style: '⑴', length: m[0].length };
  if (opts.circled) {
    m = CIRCLED.exec(line);
    if (m) return { level: 4, numbering: m[1], value: m[1].charCodeAt(0) - 0x245f, style: '①', length: m[0].length };
  }
  return null;
}

/** A typed heading number at the start of a heading's text (numbers are generated, not typed). */
export function typedNumberPrefix(text: string): WrittenNumber | null {
  return parseWrittenNumber(text.trimStart(), { circled: true });
}

/** A heading's text without its typed number (`一、总体要求` → `总体要求`); other text unchanged. */
export function stripWrittenNumber(text: string): string {
  const t = text.trimStart();
  const n = typedNumberPrefix(t);
  return n ? t.slice(n.length) : text;
}

/** Families of enumeration labels inside body text: `一是` / `一要` / `第一，`(also 首先 其次 再次 最后). */
export type LabelKind = '一是' | '一要' | '第一';

/** Where a label may start: a clause boundary (一是/一要) or a sentence boundary (第一/首先). */
const BEFORE_CLAUSE = '(?<=^|[。；;：:！？!?，,、“"（(\\s\\d])';
const BEFORE_SENTENCE = '(?<=^|[。；;：:！？!?“"\\s\\d])';
/** `一是` `二要`: a label of an enumeration inside a paragraph. */
export const SHI_LABEL_RE = new RegExp(`${BEFORE_CLAUSE}([一二三四五六七八九十]{1,2})(是|要)`, 'gu');
/** `第一，` `第三是` `首先，` `最后要`. */
export const ORDINAL_LABEL_RE = new RegExp(
  `${BEFORE_SENTENCE}(?:第([一二三四五六七八九十]{1,2})(?=[，,、：:]|是|要|句话|就是|条|点|个方面|方面|步)|(首先|其次|再次|最后)(?=[，,：:]|要|是))`,
  'gu',
);
/** A line starting with a label (`第一，` `首先，`) or a chapter marker (`第三章`): structure, never a continuation. */
const LABEL_START = /^[ \t\u3000]*(?:第[一二三四五六七八九十百零〇两\d]+[篇章节部分条]|第[一二三四五六七八九十]+[，,、]|首先[，,]|其次[，,]|再次[，,]|最后[，,])/u;

/** The line starts with a heading number or an enumeration label: it begins a new unit of text. */
export function startsWithNumber(line: string): boolean {
  const t = line.replace(/^[ \t\u3000]+/u, '');
  return parseWrittenNumber(t) !== null || LABEL_START.test(t);
}
