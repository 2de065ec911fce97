import { BUNDLE_MARKER_RE as BUNDLE_MARKER } from './bundle';
import { isFrontShaped, isSalutationLine, isTitleLike } from './front';
import { parseWrittenNumber, startsWithNumber } from './numbers';
import { identityMap, mapFromOrigins, type OffsetMap } from './offsetMap';
import type { Seg } from './seg';
import { Working, type Edit } from './working';

// The one defect cleaner: everything that imports or recognises text (library import, outline, lint,
// .txt/.docx/.html import, paste) cleans it here, with one exact map back to the raw text.

/** What a cleaning step did; shown in the import report. */
export type CleaningKind =
  | 'line-endings'
  | 'zero-width'
  | 'watermark-line'
  | 'watermark'
  | 'page-number'
  | 'page-number-line'
  | 'duplicate-line'
  | 'heading-split'
  | 'stray-space'
  | 'line-join';

export const CLEANING_LABELS: Record<CleaningKind, string> = {
  'line-endings': '统一换行符',
  'zero-width': '删除零宽字符',
  'watermark-line': '删除网站水印行',
  watermark: '删除文中水印',
  'page-number': '删除文中页码',
  'page-number-line': '删除页码行',
  'duplicate-line': '删除重复的标题行',
  'heading-split': '拆开粘连的标题和正文',
  'stray-space': '删除汉字间多余空格',
  'line-join': '接上断开的句子',
};

export interface Cleaning {
  kind: CleaningKind;
  /** The text removed or replaced (for line joins: the line break). */
  original: string;
  replacement: string;
  /** Offset of `original` in the raw text given to cleanText. */
  at: number;
  /** 1-based line of `at` in the raw text. */
  line: number;
  /** For aggregated entries (line endings): how many occurrences. */
  count?: number;
}

export interface CleanResult {
  text: string;
  changes: Cleaning[];
  /** Cleaned offsets → raw offsets (see toOriginalOffset / toOriginalRange). */
  offsetMap: OffsetMap;
}

export interface CleanOptions {
  /** Steps to skip. */
  skip?: CleaningKind[];
  /**
   * Which lines are joined: `broken` (default) only lines broken mid-sentence by a paged layout (a body-like
   * line going on); `unfinished` every line that does not finish its sentence, unless it is a heading, a
   * title, a salutation, a marker or front matter (recognition of a speech's structure).
   */
  join?: 'broken' | 'unfinished';
}

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const CJK_RE = new RegExp(`[${CJK}]`);
/** Punctuation that ends a sentence or a clause that may end a line (incl. half-width forms seen in scraped text). */
const LINE_FINAL = /[。！？；：…!?;:][”’」』）)》\]]*\s*$/;
/** Characters a line can never start with: it continues the previous line. */
const CONTINUATION_START = /^[，。、；：！？）」』”’,.;:!?)]/;
/** Measure words / units: a number followed by one of these is a real quantity, not a page number. */
const UNIT_CHARS = new Set(
  Array.from('年月日时分秒号个项件次人名家元角万亿千百十岁位条款章节页倍米吨斤亩户所座台辆套批种类级天周届期季度轮张本篇段份股只头笔场例处支座辆架艘'),
);

// ---------------------------------------------------------------- steps

function lineEndings(w: Working): void {
  const edits: Edit[] = [];
  const re = /\r\n?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(w.text))) {
    edits.push(m[0] === '\r\n' ? { start: m.index, end: m.index + 1, replacement: '', kind: 'line-endings' } : { start: m.index, end: m.index + 1, replacement: '\n', kind: 'line-endings' });
  }
  if (edits.length === 0) return;
  const first = edits[0].start;
  w.apply(edits, true);
  w.changes.push({ kind: 'line-endings', original: '\\r\\n', replacement: '\\n', at: first, line: w.lineOf(first), count: edits.length });
}

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad\u180e]+/g;

/** A line holding nothing but zero-width characters (it split a sentence in two): removed with its line break. */
const ZERO_WIDTH_LINE = /\n[\u200b-\u200d\u2060\ufeff\u00ad\u180e]+(?=\n)/g;

function zeroWidth(w: Working): void {
  const lineEdits: Edit[] = [];
  let m: RegExpExecArray | null;
  ZERO_WIDTH_LINE.lastIndex = 0;
  while ((m = ZERO_WIDTH_LINE.exec(w.text))) lineEdits.push({ start: m.index, end: m.index + m[0].length, replacement: '', kind: 'zero-width' });
  w.apply(lineEdits);
  const edits: Edit[] = [];
  ZERO_WIDTH.lastIndex = 0;
  while ((m = ZERO_WIDTH.exec(w.text))) edits.push({ start: m.index, end: m.index + m[0].length, replacement: '', kind: 'zero-width' });
  w.apply(edits);
}

const SITE_WORDS = '(www\\.|https?://|\\.com\\b|\\.cn\\b|\\.net\\b|\\.org\\b|版权所有|版权归|权属|更多文章|更多范文|更多精彩|请登陆|请登录|请访问|欢迎访问|文秘之音|范文网|范文大全|好范文|写写帮|xiexiebang|本文来源|本文来自|转载请注明|下载地址)';
/** A whole line that is a site's watermark, not content (short, names a site or says where to read more). */
const WATERMARK_LINE = new RegExp(
  `^[ \\t\\u3000]*(?:[^\\n]{0,40}${SITE_WORDS}[^\\n]{0,60}|(?:全文查看|查看全文|展开全文|点击查看全文|下载全文|免费下载|返回目录|上一篇|下一篇|相关文章|推荐阅读|相关推荐)[^\\n]{0,30})[ \\t\\u3000]*$`,
  'i',
);
/** Bracketed watermark inside a line: （本文权属文秘之音所有，更多文章请登陆www.xiexiebang.com查看）. */
const WATERMARK_BRACKET = new RegExp(`[（(【\\[][^（()）【】\\[\\]\\n]{0,80}?${SITE_WORDS}[^（()）【】\\[\\]\\n]{0,80}?[）)】\\]]`, 'gi');
/** Trailing "read the full text" links, with the page count before them: …纽带12全文查看. */
const WATERMARK_TAIL = /\d{0,4}(?:全文查看|查看全文|展开全文|全文阅读|阅读全文|免费下载|下载全文)[ \t\u3000]*$/gm;
/** A site signature after the end of a sentence at the end of a line: …的作用。好范文版权所有. */
const WATERMARK_SIGNATURE = new RegExp(
  `(?<=[。！？!?”])[ \\t\\u3000]*[\\u4e00-\\u9fffA-Za-z0-9.]{0,10}(?:版权所有|文章来源|来源于网络|范文网|范文大全|文秘之音|写写帮)[\\u4e00-\\u9fffA-Za-z0-9.]{0,10}[ \\t\\u3000]*$`,
  'gm',
);

function watermarks(w: Working): void {
  // whole lines first (with their line break)
  const lineEdits: Edit[] = [];
  for (const l of w.lines()) {
    if (l.text.trim() === '' || l.text.length > 100) continue;
    if (BUNDLE_MARKER.test(l.text)) continue;
    if (WATERMARK_LINE.test(l.text)) {
      const end = l.end < w.text.length ? l.end + 1 : l.end;
      const start = l.end < w.text.length || l.start === 0 ? l.start : l.start - 1;
      lineEdits.push({ start, end, replacement: '', kind: 'watermark-line' });
    }
  }
  w.apply(lineEdits);
  const edits: Edit[] = [];
  for (const re of [WATERMARK_BRACKET, WATERMARK_TAIL, WATERMARK_SIGNATURE]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(w.text))) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      edits.push({ start: m.index, end: m.index + m[0].length, replacement: '', kind: 'watermark' });
    }
  }
  w.apply(dedupeOverlaps(edits));
}

function dedupeOverlaps(edits: Edit[]): Edit[] {
  edits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Edit[] = [];
  for (const e of edits) if (!out.length || e.start >= out[out.length - 1].end) out.push(e);
  return out;
}

/** A page number left inside running text by copying from a paged document: 机 2 关干部, 措施,10 充分. */
const PAGE_NUMBER = new RegExp(`(?<=[${CJK}，。、；：！？”,.;:!?])( ?)(\\d{1,3}) (?=[${CJK}“])`, 'g');
const PAGE_NUMBER_LINE = /^[ \t\u3000]*(?:[-－—–]\s*\d{1,3}\s*[-－—–]|\d{1,3}|第\s*\d{1,3}\s*页(?:\s*[，,/／]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*[/／]\s*\d{1,3})[ \t\u3000]*$/;

function pageNumbers(w: Working): void {
  const lineEdits: Edit[] = [];
  const lines = w.lines();
  lines.forEach((l, i) => {
    // a number alone on a line between two non-empty lines of text
    if (!PAGE_NUMBER_LINE.test(l.text) || i === 0 || i === lines.length - 1) return;
    const prev = lines[i - 1].text.trimEnd();
    const next = lines[i + 1].text.trimStart();
    if (prev === '' && next === '') return;
    // a bare number between a Latin letter or bracket and its continuation is part of the text (M\n2, PM\n10\n）, [\n1\n])
    if (/^\d+$/.test(l.text.trim()) && (/[A-Za-z[\]（(【]$/.test(prev) || /^[）)\]】%‰.．]/.test(next) || (prev !== '' && !CJK_RE.test(prev.slice(-1)) && !/[。，、；：！？”]$/.test(prev)))) return;
    lineEdits.push({ start: l.start, end: l.end + 1, replacement: '', kind: 'page-number-line' });
  });
  w.apply(lineEdits);

  const cands: { start: number; end: number; n: number; spaced: boolean; next: string }[] = [];
  PAGE_NUMBER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PAGE_NUMBER.exec(w.text))) {
    const end = m.index + m[0].length;
    cands.push({ start: m.index, end, n: Number(m[2]), spaced: m[1] === ' ', next: w.text[end] });
  }
  const accepted = cands.filter((c, i) => {
    // part of an ascending sequence of page numbers (2, 3, 4, 5, 7 …): a page number
    const seqBefore = cands.slice(Math.max(0, i - 3), i).some((p) => p.n < c.n && c.n <= p.n + 3);
    const seqAfter = cands.slice(i + 1, i + 4).some((q) => q.n > c.n && q.n <= c.n + 3);
    if (seqBefore || seqAfter) return true;
    // alone: only the unmistakable form, spaces on both sides between two characters of one word
    return c.spaced && CJK_RE.test(c.next) && !UNIT_CHARS.has(c.next) && CJK_RE.test(w.text[c.start - 1] ?? '');
  });
  w.apply(accepted.map((c) => ({ start: c.start, end: c.end, replacement: '', kind: 'page-number' as const })));
}

/** The same short line twice in a row (a title repeated by the scrape): keep one. */
function duplicateLines(w: Working): void {
  const edits: Edit[] = [];
  const lines = w.lines();
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1].text.trim();
    const b = lines[i].text.trim();
    if (a && a === b && b.length <= 60 && !LINE_FINAL.test(b)) {
      edits.push({ start: lines[i - 1].end, end: lines[i].end, replacement: '', kind: 'duplicate-line' });
    }
  }
  w.apply(edits);
}

/**
 * Where a numbered heading is glued to its first paragraph by a space (`二、共克时艰…活动 新的一年，…`): the
 * space's range in `line`, or null. Only Chinese-numbered headings (一、 （一）) of 2–40 characters count.
 */
export function gluedHeadingGap(line: string): { start: number; end: number } | null {
  const lead = line.length - line.replace(/^[ \t\u3000]+/u, '').length;
  const num = parseWrittenNumber(line.slice(lead));
  if (!num || num.level > 2) return null;
  const from = lead + num.length;
  const m = /[。！？!?\s]/u.exec(line.slice(from, from + 42));
  if (!m || !/[ \u3000]/u.test(m[0]) || m.index < 2) return null;
  const start = from + m.index;
  let end = start;
  while (end < line.length && (line[end] === ' ' || line[end] === '\u3000')) end++;
  const rest = line.slice(end);
  if (end >= line.length || rest.length < 20 || !/[。，,！？!?]/u.test(rest)) return null;
  return { start, end };
}

function headingSplit(w: Working): void {
  const edits: Edit[] = [];
  for (const l of w.lines()) {
    const g = gluedHeadingGap(l.text);
    // replace the spaces by the line break
    if (g) edits.push({ start: l.start + g.start, end: l.start + g.end, replacement: '\n', kind: 'heading-split' });
  }
  w.apply(edits);
}

/** A stray space between two Chinese characters inside running text: 严重冰雪 灾害, 开展 “百家. */
export const STRAY_SPACE = new RegExp(`(?<=[${CJK}”’）》])[ \\t\\u00a0\\u3000]{1,2}(?=[${CJK}“‘（《])`, 'gu');

/** A block's text from cleaned text: without stray spaces between Chinese characters (`孙 建 国`, `李\u3000强`). */
export function blockText(text: string): string {
  return text.replace(STRAY_SPACE, '').trim();
}

function straySpaces(w: Working): void {
  const edits: Edit[] = [];
  for (const l of w.lines()) {
    if (l.text.length < 30 || !/[。，,]/.test(l.text)) continue;
    STRAY_SPACE.lastIndex = 0;
    let m: RegExpExecArray | null;
    const indent = l.text.length - l.text.trimStart().length;
    while ((m = STRAY_SPACE.exec(l.text))) {
      // leading indentation is not inside text
      if (m.index <= indent) continue;
      edits.push({ start: l.start + m.index, end: l.start + m.index + m[0].length, replacement: '', kind: 'stray-space' });
    }
  }
  w.apply(edits);
}

function isStructural(line: string): boolean {
  return startsWithNumber(line) || isSalutationLine(line, { colon: false }) || BUNDLE_MARKER.test(line);
}

/** A sentence end followed by a note mark (「……。1」: a footnote reference as a .txt conversion writes it). */
const NOTE_MARK_END = /[。！？…][”’」』）)]*\d{1,2}\s*$/u;
/** Lines broken in the middle of a sentence (copied from a paged layout) are joined again. */
function lineJoins(w: Working, mode: 'broken' | 'unfinished'): void {
  const edits: Edit[] = [];
  const standalone = (s: string) => isStructural(s) || isTitleLike(s.trim()) || isFrontShaped(s);
  const lines = w.lines();
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i].text;
    const b = lines[i + 1].text;
    if (a.trim() === '' || b.trim() === '') continue;
    if (BUNDLE_MARKER.test(b) || BUNDLE_MARKER.test(a)) continue;
    let join = false;
    if (CONTINUATION_START.test(b)) {
      join = true;
    } else if (mode === 'unfinished') {
      join = !LINE_FINAL.test(a) && !/[”"』」）)]\s*$/u.test(a) && !NOTE_MARK_END.test(a) && !standalone(a) && !standalone(b);
    } else if (!LINE_FINAL.test(a) && !isStructural(a) && !isStructural(b) && !/^[ \t\u3000]/.test(b)) {
      const aBody = a.trim().length >= 15 && /[，,、。；;“]/.test(a);
      const aOpen = /[，,、]\s*$/.test(a);
      const bBody = LINE_FINAL.test(b) || b.trim().length >= 20 || /[，,。]/.test(b);
      join = (aBody || aOpen) && bBody && CJK_RE.test(a.trimEnd().slice(-1) + b.trimStart().charAt(0));
    }
    if (join) edits.push({ start: lines[i].end, end: lines[i].end + 1, replacement: '', kind: 'line-join' });
  }
  w.apply(edits);
}

// ---------------------------------------------------------------- entry point

const STEPS: [CleaningKind, (w: Working, opts: CleanOptions) => void][] = [
  ['line-endings', lineEndings],
  ['zero-width', zeroWidth],
  ['watermark', watermarks],
  ['page-number', pageNumbers],
  ['duplicate-line', duplicateLines],
  ['heading-split', headingSplit],
  ['stray-space', straySpaces],
  ['line-join', (w, opts) => lineJoins(w, opts.join ?? 'broken')],
];

/**
 * Clean a scraped or copied speech text: watermark lines and inline watermarks, page numbers inside the
 * text, zero-width characters, stray spaces between Chinese characters, headings glued to paragraphs,
 * repeated title lines, and lines broken in the middle of a sentence. Every change is listed (with its
 * place in the raw text) and `offsetMap` maps offsets in the cleaned text back to the raw text.
 * Real numbers (2008年, 13%, 1.3亿) are kept: a page number is a bare number set off by a space inside a
 * word or in an ascending page sequence.
 */
export function cleanText(raw: string, opts: CleanOptions = {}): CleanResult {
  if (raw.length === 0) return { text: '', changes: [], offsetMap: identityMap(0) };
  const { seg, changes } = cleanSeg(raw, opts);
  return { text: seg.text, changes, offsetMap: mapFromOrigins(seg.origin, seg.text.length, raw.length) };
}

/** The same cleaning, as a segment: the cleaned text with the raw offset of each of its characters. */
export function cleanSeg(raw: string, opts: CleanOptions = {}): { seg: Seg; changes: Cleaning[] } {
  const w = new Working(raw);
  const skip = new Set(opts.skip ?? []);
  for (const [kind, step] of STEPS) {
    if (skip.has(kind)) continue;
    step(w, opts);
  }
  w.changes.sort((a, b) => a.at - b.at);
  return { seg: { text: w.text, origin: w.origin.subarray(0, w.text.length) }, changes: w.changes };
}
