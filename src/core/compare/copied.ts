// Copied passages: every run of `minChars`+ characters that is identical in A and B (never across a line
// break). Exact matching through a hash of every minChars-long window of A; matches are extended to their
// full length and taken greedily from the start of B.
import { ReuseIndex, checkText } from '../reuse/index';
import { countChars } from '../model/count';
import type { Range } from './types';

export interface CopiedPassage {
  a: Range;
  b: Range;
  text: string;
  /** 字数 of the passage. */
  chars: number;
  /** 0..1; 1 for an exact passage (the reuse engine also reports near-identical passages with their similarity). */
  similarity?: number;
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
  /** Which method found the passages: the reuse engine with A as its one source, or exact matching. */
  engine?: 'reuse' | 'exact';
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
  return summarize(a, b, k, passages, 'exact');
}

function summarize(a: string, b: string, k: number, passages: CopiedPassage[], engine: 'reuse' | 'exact'): CopiedSummary {
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
  return { minChars: k, passages, copiedCharsB, totalCharsB, copiedCharsA, totalCharsA, ratioB: totalCharsB ? copiedCharsB / totalCharsB : 0, engine };
}

/**
 * The copied-passages summary of a pair as the app shows it: the reuse engine (src/core/reuse) with A as its
 * one source, so the figures agree with the editor's reuse flags (normalised matching: punctuation and
 * traditional/simplified differences do not break a passage). Falls back to exact matching if the engine fails.
 */
export function copiedSummary(a: string, b: string, minChars = 13): CopiedSummary {
  const k = Math.max(2, Math.floor(minChars));
  try {
    const index = new ReuseIndex();
    index.add([{ id: 'a', title: 'A', text: a }]);
    const r = checkText(index, b, { minChars: k, getSourceText: (id) => (id === 'a' ? a : undefined) });
    const passages: CopiedPassage[] = r.passages
      .map((p) => {
        const text = b.slice(p.start, p.end);
        return { a: [p.sourceStart, p.sourceEnd] as Range, b: [p.start, p.end] as Range, text, chars: countChars(text), similarity: p.similarity };
      })
      .sort((x, y) => x.b[0] - y.b[0]);
    return summarize(a, b, k, passages, 'reuse');
  } catch {
    return copiedPassages(a, b, k);
  }
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
