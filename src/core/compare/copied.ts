// Copied passages: every run of `minChars`+ characters that is identical in A and B (never across a line
// break). Exact matching through a hash of every minChars-long window of A; matches are extended to their
// full length and taken greedily from the start of B.
import { countChars } from './paragraphs';
import type { Range } from './types';

export interface CopiedPassage {
  a: Range;
  b: Range;
  text: string;
  /** 字数 of the passage. */
  chars: number;
}

export interface CopiedSummary {
  minChars: number;
  passages: CopiedPassage[];
  /** 字数 of B covered by copied passages, and B's total. */
  copiedCharsB: number;
  totalCharsB: number;
  /** 字数 of A covered (overlapping passages counted once), and A's total. */
  copiedCharsA: number;
  totalCharsA: number;
  /** copiedCharsB / totalCharsB, 0..1. */
  ratioB: number;
}

const MAX_CANDIDATES = 24;

export function copiedPassages(a: string, b: string, minChars = 13): CopiedSummary {
  const k = Math.max(2, Math.floor(minChars));
  const index = new Map<string, number[]>();
  // Windows of A not crossing a line break.
  let lineStart = 0;
  for (let i = 0; i <= a.length; i++) {
    if (i === a.length || a.charCodeAt(i) === 0x0a) {
      for (let s = lineStart; s + k <= i; s++) {
        const w = a.slice(s, s + k);
        const l = index.get(w);
        if (!l) index.set(w, [s]);
        else if (l.length < MAX_CANDIDATES) l.push(s);
      }
      lineStart = i + 1;
    }
  }
  const passages: CopiedPassage[] = [];
  let j = 0;
  while (j + k <= b.length) {
    const l = index.get(b.slice(j, j + k));
    if (!l) {
      j++;
      continue;
    }
    let bestI = -1;
    let bestLen = 0;
    for (const i of l) {
      let len = k;
      while (i + len < a.length && j + len < b.length && a.charCodeAt(i + len) === b.charCodeAt(j + len) && b.charCodeAt(j + len) !== 0x0a) len++;
      if (len > bestLen) {
        bestLen = len;
        bestI = i;
      }
    }
    // Do not end inside a surrogate pair.
    if (isHighSurrogate(b.charCodeAt(j + bestLen - 1))) bestLen--;
    const text = b.slice(j, j + bestLen);
    passages.push({ a: [bestI, bestI + bestLen], b: [j, j + bestLen], text, chars: countChars(text) });
    j += bestLen;
  }
  const copiedCharsB = passages.reduce((n, p) => n + p.chars, 0);
  const totalCharsB = countChars(b);
  const totalCharsA = countChars(a);
  // Union of A ranges.
  const ranges = passages.map((p) => p.a).sort((x, y) => x[0] - y[0]);
  let copiedCharsA = 0;
  let curS = -1;
  let curE = -1;
  for (const [s, e] of ranges) {
    if (s > curE) {
      if (curE > curS) copiedCharsA += countChars(a.slice(curS, curE));
      curS = s;
      curE = e;
    } else if (e > curE) curE = e;
  }
  if (curE > curS) copiedCharsA += countChars(a.slice(curS, curE));
  return { minChars: k, passages, copiedCharsB, totalCharsB, copiedCharsA, totalCharsA, ratioB: totalCharsB ? copiedCharsB / totalCharsB : 0 };
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
