// A piece of text together with the offset, in the original input, of each of its characters.
// Cleaning (removing page numbers, watermarks) and splitting keep the map exact, so every finding and
// heading can point back into the text the user gave us.

export interface Seg {
  text: string;
  /** origin[i] = offset in the input of text[i] (UTF-16 code units). */
  origin: number[];
}

export function segOf(input: string, start: number, end: number): Seg {
  const origin: number[] = [];
  for (let i = start; i < end; i++) origin.push(i);
  return { text: input.slice(start, end), origin };
}

export function sliceSeg(s: Seg, a: number, b: number = s.text.length): Seg {
  return { text: s.text.slice(a, b), origin: s.origin.slice(a, b) };
}

export function concatSeg(a: Seg, b: Seg): Seg {
  return { text: a.text + b.text, origin: a.origin.concat(b.origin) };
}

export function trimSeg(s: Seg): Seg {
  const m = /^\s*/u.exec(s.text);
  const lead = m ? m[0].length : 0;
  const t = /\s*$/u.exec(s.text);
  const trail = t ? t[0].length : 0;
  return sliceSeg(s, lead, Math.max(lead, s.text.length - trail));
}

/** Input offsets [start, end) covered by seg[a, b). */
export function spanOf(s: Seg, a = 0, b = s.text.length): { start: number; end: number } {
  if (b <= a || s.origin.length === 0) {
    const at = s.origin[Math.min(a, s.origin.length - 1)] ?? 0;
    return { start: at, end: at };
  }
  return { start: s.origin[a], end: s.origin[b - 1] + 1 };
}

/** Remove the characters of `s` matched by the global regex `re` (each whole match). */
export function removeMatches(s: Seg, re: RegExp): Seg {
  let text = '';
  const origin: number[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    text += s.text.slice(last, m.index);
    origin.push(...s.origin.slice(last, m.index));
    last = m.index + m[0].length;
  }
  text += s.text.slice(last);
  origin.push(...s.origin.slice(last));
  return { text, origin };
}

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
const CJK_PUNCT = '，。、；：！？“”‘’（）《》,.;:!?()"\'';

/** Page numbers a web scrape left inside the text: `机 2 关`, `措施,10 充分`, `。17 三是`. */
export const PAGE_NUMBER_RE = new RegExp(
  `(?<=[${CJK}])\\s+\\d{1,3}\\s+(?=[${CJK}“"])|(?<=[${CJK_PUNCT.replace(/[\\\]]/g, '\\$&')}])\\d{1,3}\\s+(?=[${CJK}“"])`,
  'gu',
);

/** Watermarks and site boilerplate: `(本文权属…查看)`, `12全文查看` at a line end. */
export const WATERMARK_RE = /[（(]本文[^（()）]{0,80}[)）]|[（(][^（()）]{0,60}(?:www\.|请登陆|请登录)[^（()）]{0,60}[)）]|\d{0,3}全文查看\s*$/gu;

/** Spaces between two CJK characters (line-wrap or scrape artefacts): `孙 建 国`, `冰雪 灾害`. */
export const CJK_SPACE_RE = new RegExp(`(?<=[${CJK}])[ \\t\\u3000]+(?=[${CJK}])`, 'gu');

/** Remove page numbers and watermarks (keeps spaces, which may separate a glued heading from its body). */
export function cleanDefects(s: Seg): Seg {
  return removeMatches(removeMatches(s, WATERMARK_RE), PAGE_NUMBER_RE);
}

/** The same cleaning on a plain string (used to compare quoted examples with the seed). */
export function cleanDefectsText(text: string): string {
  return cleanDefects(segOf(text, 0, text.length)).text;
}

/** Cleaned text as it goes into a document: also without the stray spaces between CJK characters. */
export function docText(s: Seg): string {
  return s.text.replace(CJK_SPACE_RE, '').trim();
}
