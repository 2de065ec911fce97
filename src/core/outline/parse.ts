import type { HeadingLevel } from '../model/types';
import { parseWrittenNumber, type WrittenNumber } from './numbering';
import { cleanDefects, concatSeg, segOf, sliceSeg, trimSeg, type Seg } from './seg';

// Line-level recognition of a speech's structure, robust to web-scrape defects. Everything keeps the
// offsets of the input (see seg.ts), so outline, lint and import agree on where things are.

export type Unit =
  | { kind: 'title'; seg: Seg; line: number }
  | { kind: 'byline'; seg: Seg; speaker: string | null; date: string | null; line: number }
  | { kind: 'salutation'; seg: Seg; line: number }
  | { kind: 'noise'; seg: Seg; line: number }
  | {
      kind: 'heading';
      level: HeadingLevel;
      num: WrittenNumber;
      /** Number + heading text as written. */
      seg: Seg;
      /** Heading text without the number (and without a run-in sentence end). */
      textSeg: Seg;
      /** Heading and body share one line (`（一）服务企业。企业是…`), or were glued together by a defect. */
      runIn: boolean;
      /** A standalone heading line that ends in punctuation (GB/T 9704 finding). */
      endPunct: string | null;
      line: number;
    }
  /** `num`: the paragraph starts with a heading number but is a list item (long, or ends in ；). */
  | { kind: 'paragraph'; seg: Seg; line: number; num?: WrittenNumber };

export interface ParsedSpeech {
  units: Unit[];
}

/** `第一篇：…` collection markers (a file bundling several speeches). */
export const PIECE_MARKER_RE = /^\s*第[一二三四五六七八九十百]+篇\s*[:：]\s*/u;
const TITLE_RE = /(讲话|致辞|致词|发言|报告|讲稿|演讲|开幕词|闭幕词|贺词|动员令)\s*([（(][^）)]*[)）])?$/u;
const BYLINE_RE =
  /^\s*([\u3400-\u9fff·•\s*＊]{2,16}?)?\s*[（(]\s*((?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日)\s*[)）]\s*$/u;
const NAME_ONLY_RE = /^\s*([\u3400-\u9fff](?:\s?[\u3400-\u9fff]){1,3})\s*$/u;
const DATE_ONLY_RE =
  /^\s*[（(]?\s*((?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日)\s*[)）]?\s*$/u;
const SALUTATION_RE =
  /^\s*((?:尊敬的[^。！？\n]{0,40}|各位[^。！？\n]{0,30}|同志们|朋友们|女士们[、，,]\s*先生们|老师们[、，,]\s*同学们|同学们)\s*[:：])\s*$/u;
/** Characters that end a sentence or a paragraph (a line ending otherwise was broken mid-sentence). */
const PARA_END_RE = /[。！？!?：:；;…”"』」）)]$/u;
const SENTENCE_END_RE = /[。！？!?]/u;
const PUNCT_RE = /[，。、；：！？,.;:!?“”"（）()《》]/u;

function isTitleLike(t: string): boolean {
  return t.length <= 60 && TITLE_RE.test(t);
}

function isBodyLike(t: string): boolean {
  return t.length > 50 || /[。！？!?]$/u.test(t);
}

/** Split `text` into cleaned non-empty lines with their offsets. */
function linesOf(text: string): { seg: Seg; line: number }[] {
  const out: { seg: Seg; line: number }[] = [];
  let start = 0;
  let line = 0;
  for (;;) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    let end = nl;
    if (end > start && text[end - 1] === '\r') end--;
    const seg = trimSeg(cleanDefects(segOf(text, start, end)));
    if (seg.text !== '') out.push({ seg, line });
    if (nl >= text.length) break;
    start = nl + 1;
    line++;
  }
  return out;
}

interface HeadingSplit {
  textSeg: Seg;
  body: Seg | null;
  runIn: boolean;
  endPunct: string | null;
}

/**
 * Split the rest of a numbered line (after its number) into heading text and body, or null when the
 * line is an enumerating sentence rather than a heading (e.g. a long `1.` list item).
 */
export function splitHeading(rest: Seg, num: WrittenNumber): HeadingSplit | null {
  const t = rest.text;
  const chinese = num.level <= 2;
  const maxHeading = chinese ? 100 : 40;
  const maxStandalone = chinese ? 60 : 40;
  const firstEnd = t.search(SENTENCE_END_RE);
  const firstSentence = firstEnd < 0 ? t : t.slice(0, firstEnd);

  // Defect: heading glued to its paragraph with only a space between (`…"三服务"活动 新的一年，…`).
  const gap = /\s+/u.exec(firstSentence);
  if (gap && gap.index >= 2 && gap.index <= 40) {
    const after = t.slice(gap.index + gap[0].length);
    if (after.length >= 20 || SENTENCE_END_RE.test(after)) {
      return { textSeg: sliceSeg(rest, 0, gap.index), body: trimSeg(sliceSeg(rest, gap.index)), runIn: true, endPunct: null };
    }
  }
  // Defect: glued with nothing between; the body restates the heading's first words
  // (`讲协调,讲团结,讲配合机关工作是系统工程`).
  if (firstSentence.length > 12) {
    const head4 = firstSentence.slice(0, 4);
    for (let p = 6; p <= Math.min(40, firstSentence.length - 4); p++) {
      if (firstSentence.startsWith(head4, p) && !PUNCT_RE.test(firstSentence[p - 1]) && !/\s/u.test(firstSentence[p - 1])) {
        return { textSeg: sliceSeg(rest, 0, p), body: sliceSeg(rest, p), runIn: true, endPunct: null };
      }
    }
  }
  if (firstEnd < 0) {
    // A line ending in ；，、 is an item of a list (`二、从增加供给…；`), not a heading.
    if (/[；;，,、]\s*$/u.test(t)) return null;
    if (t.length <= maxStandalone) {
      const last = t[t.length - 1];
      return { textSeg: rest, body: null, runIn: false, endPunct: last && PUNCT_RE.test(last) && !/[”"）)》]/u.test(last) ? last : null };
    }
    return null;
  }
  const after = t.slice(firstEnd + 1);
  if (after.trim() === '' || /^[”"’]+$/u.test(after.trim())) {
    if (t.length <= maxStandalone + 1) return { textSeg: rest, body: null, runIn: false, endPunct: t[firstEnd] };
    return null;
  }
  if (firstEnd <= maxHeading) {
    return { textSeg: sliceSeg(rest, 0, firstEnd), body: trimSeg(sliceSeg(rest, firstEnd + 1)), runIn: true, endPunct: null };
  }
  return null;
}

/** Recognise title, byline, salutation, numbered headings and paragraphs in one speech. */
export function parseSpeech(text: string): ParsedSpeech {
  const lines = linesOf(text);
  const units: Unit[] = [];

  // Front matter: the short lines before the first heading, salutation or body-like line.
  let i = 0;
  const front: { seg: Seg; line: number }[] = [];
  while (i < lines.length) {
    const l = lines[i];
    const t = l.seg.text.replace(PIECE_MARKER_RE, '');
    if (parseWrittenNumber(t) || SALUTATION_RE.test(t) || (isBodyLike(t) && !BYLINE_RE.test(t))) break;
    front.push(l);
    i++;
    if (front.length >= 12) break;
  }
  let titleIdx = -1;
  for (let k = front.length - 1; k >= 0; k--) {
    if (isTitleLike(front[k].seg.text.replace(PIECE_MARKER_RE, ''))) {
      titleIdx = k;
      break;
    }
  }
  if (titleIdx < 0 && front.length > 0) titleIdx = 0;
  front.forEach((l, k) => {
    const t = l.seg.text;
    if (k < titleIdx) {
      units.push({ kind: 'noise', seg: l.seg, line: l.line });
      return;
    }
    if (k === titleIdx) {
      const m = PIECE_MARKER_RE.exec(t);
      units.push({ kind: 'title', seg: m ? trimSeg(sliceSeg(l.seg, m[0].length)) : l.seg, line: l.line });
      return;
    }
    // A repeated title line (scrapes often have one) is noise.
    if (units.some((u) => u.kind === 'title' && u.seg.text === t)) {
      units.push({ kind: 'noise', seg: l.seg, line: l.line });
      return;
    }
    const b = BYLINE_RE.exec(t);
    const last = units[units.length - 1];
    if (b && !b[1] && last && last.kind === 'byline' && !last.date) {
      units[units.length - 1] = { ...last, seg: concatSeg(last.seg, l.seg), date: b[2].replace(/\s+/gu, '') };
      return;
    }
    if (b) {
      units.push({ kind: 'byline', seg: l.seg, speaker: b[1] ? b[1].replace(/\s+/gu, '') || null : null, date: b[2].replace(/\s+/gu, ''), line: l.line });
      return;
    }
    const prev = units[units.length - 1];
    const n = NAME_ONLY_RE.exec(t);
    if (n && prev && prev.kind === 'title') {
      units.push({ kind: 'byline', seg: l.seg, speaker: n[1].replace(/\s+/gu, ''), date: null, line: l.line });
      return;
    }
    const d = DATE_ONLY_RE.exec(t);
    if (d && prev && (prev.kind === 'title' || prev.kind === 'byline')) {
      if (prev.kind === 'byline' && !prev.date) {
        units[units.length - 1] = { ...prev, seg: concatSeg(prev.seg, l.seg), date: d[1].replace(/\s+/gu, '') };
      } else {
        units.push({ kind: 'byline', seg: l.seg, speaker: null, date: d[1].replace(/\s+/gu, ''), line: l.line });
      }
      return;
    }
    units.push({ kind: 'paragraph', seg: l.seg, line: l.line });
  });

  // Body.
  let sawSalutation = false;
  for (; i < lines.length; i++) {
    const { seg, line } = lines[i];
    const t = seg.text;
    if (!sawSalutation && SALUTATION_RE.test(t) && !units.some((u) => u.kind === 'heading' || u.kind === 'paragraph')) {
      units.push({ kind: 'salutation', seg, line });
      sawSalutation = true;
      continue;
    }
    const num = parseWrittenNumber(t);
    let listNum: WrittenNumber | undefined;
    if (num) {
      const rest = sliceSeg(seg, num.length);
      const split = rest.text.length > 0 ? splitHeading(rest, num) : null;
      if (split) {
        const headEnd = num.length + split.textSeg.text.length;
        units.push({
          kind: 'heading',
          level: num.level,
          num,
          seg: sliceSeg(seg, 0, headEnd),
          textSeg: split.textSeg,
          runIn: split.runIn,
          endPunct: split.endPunct,
          line,
        });
        if (split.body && split.body.text !== '') units.push({ kind: 'paragraph', seg: split.body, line });
        continue;
      }
      listNum = num;
    }
    // A line broken mid-sentence continues the paragraph before it (but never a `第N篇：` marker or a
    // title-like line of a bundled file, and never onto them).
    const prev = units[units.length - 1];
    const standalone = (s: string) => PIECE_MARKER_RE.test(s) || isTitleLike(s);
    if (!listNum && !standalone(t) && prev && prev.kind === 'paragraph' && !standalone(prev.seg.text) && !PARA_END_RE.test(prev.seg.text)) {
      units[units.length - 1] = { ...prev, seg: concatSeg(prev.seg, seg) };
      continue;
    }
    units.push(listNum ? { kind: 'paragraph', seg, line, num: listNum } : { kind: 'paragraph', seg, line });
  }
  return { units };
}
