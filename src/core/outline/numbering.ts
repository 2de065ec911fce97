import type { HeadingLevel } from '../model/types';
import { parseChineseNumeral } from '../model/numbering';

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

const CN = '[一二三四五六七八九十百零〇两]{1,4}';
const L1 = new RegExp(`^(${CN})\\s*([、，,．.])\\s*`, 'u');
const L2 = new RegExp(`^([（(])\\s*(${CN})\\s*([)）])\\s*`, 'u');
const L4 = /^([（(])\s*(\d{1,2})\s*([)）])\s*/u;
const L3 = /^(\d{1,2})\s*([.．、])(?!\d)\s*/u;
const PAREN_DIGIT = /^([\u2474-\u2487])\s*/u; // ⑴ … ⒇
// Circled ① … ⑳ are left out: at a line start they are mostly footnotes.

/** The heading number at the start of `line` (already left-trimmed), or null. */
export function parseWrittenNumber(line: string): WrittenNumber | null {
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
  return null;
}

/** A typed heading number at the start of a heading block's text (numbers are generated, not typed). */
export function typedNumberPrefix(text: string): WrittenNumber | null {
  return parseWrittenNumber(text.trimStart());
}
