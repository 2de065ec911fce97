// 查找: the matches of a query in a document's blocks (never across a block boundary), with 区分大小写,
// 全字匹配 (for Latin letters and digits; Chinese has no word boundaries, so it never restricts a Chinese
// query) and a scope (仅选区). Offsets are UTF-16 offsets into each block's text, what Slate points use.

export interface FindOptions {
  /** 区分大小写 (default: no; full-width Latin letters fold too). */
  caseSensitive?: boolean;
  /** 全字匹配: a match that begins or ends with a Latin letter or digit may not continue one. */
  wholeWord?: boolean;
  /** Only matches entirely inside this span (仅选区). */
  scope?: { start: TextPosition; end: TextPosition };
  /** Stop after this many matches (the count then reads 「N+」). */
  limit?: number;
}

export interface TextPosition {
  blockIndex: number;
  offset: number;
}

export interface TextMatch {
  blockIndex: number;
  start: number;
  end: number;
}

/** Matches are capped at this many by default (a one-character query in a 50,000-character speech). */
export const DEFAULT_MATCH_LIMIT = 10_000;

/** Non-overlapping matches of `query` in each text of `texts`, in document order. */
export function findMatches(texts: readonly string[], query: string, opts: FindOptions = {}): TextMatch[] {
  const out: TextMatch[] = [];
  if (!query) return out;
  const limit = opts.limit ?? DEFAULT_MATCH_LIMIT;
  const q = opts.caseSensitive ? query : foldCase(query);
  const { scope } = opts;
  const first = scope ? Math.max(0, scope.start.blockIndex) : 0;
  const last = scope ? Math.min(texts.length - 1, scope.end.blockIndex) : texts.length - 1;
  for (let b = first; b <= last; b++) {
    const raw = texts[b];
    if (raw.length < q.length) continue;
    const text = opts.caseSensitive ? raw : foldCase(raw);
    const from = scope && b === scope.start.blockIndex ? scope.start.offset : 0;
    const to = scope && b === scope.end.blockIndex ? scope.end.offset : text.length;
    let i = text.indexOf(q, from);
    while (i >= 0 && i + q.length <= to) {
      if (!opts.wholeWord || isWholeWord(raw, i, i + q.length)) {
        out.push({ blockIndex: b, start: i, end: i + q.length });
        if (out.length >= limit) return out;
        i = text.indexOf(q, i + q.length);
      } else i = text.indexOf(q, i + 1);
    }
  }
  return out;
}

/** Index of the first match at or after `at` (wrapping to 0), -1 without matches. */
export function matchAtOrAfter(matches: readonly TextMatch[], at: TextPosition): number {
  if (matches.length === 0) return -1;
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = matches[mid];
    if (m.blockIndex < at.blockIndex || (m.blockIndex === at.blockIndex && m.start < at.offset)) lo = mid + 1;
    else hi = mid;
  }
  return lo < matches.length ? lo : 0;
}

/**
 * Case folding that keeps every UTF-16 offset where it was (a character whose lower case is longer, such as
 * İ, is kept as it is), so offsets into the folded text are offsets into the original.
 */
export function foldCase(s: string): string {
  const lower = s.toLowerCase();
  if (lower.length === s.length) return lower;
  let out = '';
  for (const ch of s) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** A letter or digit of a script that separates words (Latin, digits …; not Chinese). */
function isWordChar(ch: string | undefined): boolean {
  return !!ch && WORD_CHAR.test(ch) && !CJK_CHAR.test(ch);
}

function isWholeWord(text: string, start: number, end: number): boolean {
  if (isWordChar(text[start]) && isWordChar(text[start - 1])) return false;
  if (isWordChar(text[end - 1]) && isWordChar(text[end])) return false;
  return true;
}
