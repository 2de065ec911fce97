import type { Range } from './types';

export interface Paragraph {
  /** Index among the text's paragraphs. */
  index: number;
  /** Range of the trimmed line in the text. */
  range: Range;
  text: string;
}

const isSpace = (c: number): boolean =>
  c === 0x20 || c === 0x09 || c === 0x0d || c === 0x3000 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b);

/** Non-blank lines of a text with their trimmed ranges (a paragraph is one line; blank lines separate nothing). */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let lineStart = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    if (i === n || text.charCodeAt(i) === 0x0a) {
      let s = lineStart;
      let e = i;
      while (s < e && isSpace(text.charCodeAt(s))) s++;
      while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
      if (e > s) out.push({ index: out.length, range: [s, e], text: text.slice(s, e) });
      lineStart = i + 1;
    }
  }
  return out;
}
