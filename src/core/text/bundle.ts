import { parseChineseNumeral } from '../model/numbering';

/** One document of a file that bundles several speeches. */
export interface BundlePart {
  title: string;
  /** The part's text: `input.slice(start, end)` (the 第N篇 marker line is not part of it). */
  text: string;
  start: number;
  end: number;
  /** 1-based number from the marker (第二篇 → 2); absent for text before the first marker or without markers. */
  number?: number;
  /** The marker line as written, e.g. "第二篇：在机关干部大会上的讲话". */
  marker?: string;
  /** The marker's name as written, e.g. `第二篇`, `第12篇`. */
  label?: string;
  /** Offset where the part's marker line starts (absent for a part without marker: it starts at `start`). */
  markerStart?: number;
}

/** `第二篇：` `第12篇:` at the start of a line: a file bundling several speeches (one marker, any numeral). */
export const BUNDLE_MARKER_RE = /^[ \t\u3000]*(第([一二三四五六七八九十百零〇两]+|\d+)篇)[ \t\u3000]*[:：][ \t\u3000]*/u;
const MARKER = /^[ \t\u3000]*(第([一二三四五六七八九十百零〇两]+|\d+)篇)[ \t\u3000]*[:：][ \t\u3000]*(.*?)[ \t\u3000]*$/gmu;

/** 第二篇 → 2, 第12篇 → 12 (MARKER only captures Chinese numerals or Arabic digits). */
function parseNumeral(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : (parseChineseNumeral(s) ?? 0);
}

/** First non-empty line if it looks like a title (short, not a sentence), else the first characters. */
export function guessTitle(text: string, fallback = '未命名文档'): string {
  for (const raw of text.split('\n')) {
    const l = raw.trim();
    if (!l) continue;
    if (l.length <= 50 && !/[。！？；]$/.test(l)) return l;
    return l.length > 24 ? l.slice(0, 24) + '…' : l;
  }
  return fallback;
}

function trimRange(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return [start, end];
}

/**
 * Split a file bundling several speeches under 第一篇：…/第二篇：… markers (full- or half-width colon) into
 * separate documents titled by their markers. Text before the first marker, if any, is its own part.
 * A text without markers is one part, titled by its first line.
 */
export function splitBundle(text: string, fallbackTitle = '未命名文档'): BundlePart[] {
  const markers: { lineStart: number; lineEnd: number; number: number; title: string; marker: string; label: string }[] = [];
  MARKER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MARKER.exec(text))) {
    markers.push({ lineStart: m.index, lineEnd: m.index + m[0].length, number: parseNumeral(m[2]), title: m[3], marker: m[0].trim(), label: m[1] });
    if (m[0].length === 0) MARKER.lastIndex++;
  }
  if (markers.length === 0) {
    const [s, e] = trimRange(text, 0, text.length);
    return [{ title: guessTitle(text, fallbackTitle), text: text.slice(s, e), start: s, end: e }];
  }
  const parts: BundlePart[] = [];
  const [ps, pe] = trimRange(text, 0, markers[0].lineStart);
  if (pe > ps) parts.push({ title: guessTitle(text.slice(ps, pe), fallbackTitle), text: text.slice(ps, pe), start: ps, end: pe });
  markers.forEach((mk, i) => {
    const bodyEnd = i + 1 < markers.length ? markers[i + 1].lineStart : text.length;
    const [s, e] = trimRange(text, mk.lineEnd, bodyEnd);
    const body = text.slice(s, e);
    const title = mk.title || guessTitle(body, `${fallbackTitle} 第${mk.number}篇`);
    parts.push({ title, text: body, start: s, end: e, number: mk.number, marker: mk.marker, label: mk.label, markerStart: mk.lineStart });
  });
  return parts;
}
