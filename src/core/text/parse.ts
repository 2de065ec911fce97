import type { HeadingLevel } from '../model/types';
import { BUNDLE_MARKER_RE } from './bundle';
import { cleanSeg, type Cleaning } from './clean';
import { frontLineOf, isNameDateLine, isSalutationLine, isTitleLike } from './front';
import { parseWrittenNumber, typedNumberPrefix, type WrittenNumber } from './numbers';
import { concatSegs, segOf, sliceSeg, trimSeg, type Seg } from './seg';

// Line-level recognition of a speech's structure, on the cleaner's output (clean.ts: watermarks, page
// numbers, broken lines, glued headings). Everything keeps the offsets of the input, so outline, lint and
// import agree on where things are.

export type Unit =
  | { kind: 'title'; seg: Seg; line: number }
  | {
      kind: 'byline';
      seg: Seg;
      /** The byline's lines as written (a name and a date may be on two lines). */
      lines: Seg[];
      speaker: string | null;
      date: string | null;
      /** `国务院总理`: the speaker's office, when the byline names it. */
      office: string | null;
      /** Only a name and a date (rendered `孙建国（2009年2月2日）`); else the lines are kept as written. */
      compact: boolean;
      line: number;
    }
  | { kind: 'salutation'; seg: Seg; line: number }
  | { kind: 'noise'; seg: Seg; line: number; why: NoiseReason }
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

/** Why a line is left out of the document: above the title (navigation, a masthead), or the title repeated. */
export type NoiseReason = 'before-title' | 'repeated-title';

export interface ParsedSpeech {
  units: Unit[];
  /** What the defect cleaner changed in a plain text (watermarks, page numbers, repeated lines…); [] for whole paragraphs. */
  cleanings: Cleaning[];
}

const SENTENCE_END_RE = /[。！？!?]/u;
const PUNCT_RE = /[，。、；：！？,.;:!?“”"（）()《》]/u;

function isBodyLike(t: string): boolean {
  return t.length > 50 || /[。！？!?]$/u.test(t);
}

/** What a paragraph's source says it is (Word/HTML heading styles and outline levels, a Title style). */
export interface LineHint {
  level?: HeadingLevel;
  role?: 'title' | 'byline' | 'salutation' | 'paragraph';
}

export interface Line {
  seg: Seg;
  hint?: LineHint;
  /** 0-based line of the raw input. */
  line: number;
  /** The line was split from the one before it by the cleaner (a heading glued to its paragraph). */
  glued: boolean;
}

/** The cleaned non-empty lines of `raw`, with their offsets. */
function linesOf(raw: string): { lines: Line[]; cleanings: Cleaning[] } {
  const { seg, changes } = cleanSeg(raw, { join: 'unfinished' });
  const lineStarts = [0];
  for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) === 10) lineStarts.push(i + 1);
  let li = 0;
  const lineOf = (at: number) => {
    while (li + 1 < lineStarts.length && lineStarts[li + 1] <= at) li++;
    return li;
  };
  const out: Line[] = [];
  const t = seg.text;
  let start = 0;
  let glued = false;
  for (;;) {
    let nl = t.indexOf('\n', start);
    if (nl < 0) nl = t.length;
    const s = trimSeg(sliceSeg(seg, start, nl));
    if (s.text !== '') out.push({ seg: s, line: lineOf(s.origin[0]), glued });
    if (nl >= t.length) break;
    // a line break the cleaner put in place of a space splits a glued heading from its paragraph
    const c = raw.charCodeAt(seg.origin[nl]);
    glued = c !== 10 && c !== 13;
    start = nl + 1;
  }
  return { lines: out, cleanings: changes };
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
  const { lines, cleanings } = linesOf(text);
  return { ...parseLines(lines), cleanings };
}

/**
 * The same recognition on paragraphs that are already whole (a Word document, HTML, a paste): one unit or
 * a heading and its run-in body per paragraph, nothing joined; hints from the source's styles win.
 */
export function parseParagraphs(paras: { text: string; hint?: LineHint }[]): ParsedSpeech {
  const lines: Line[] = [];
  let at = 0;
  paras.forEach((p, k) => {
    const seg = trimSeg(segOf(p.text, 0, p.text.length));
    // offsets are per paragraph; `line` is the paragraph's index
    if (seg.text !== '') lines.push({ seg: { text: seg.text, origin: Int32Array.from(seg.origin as Int32Array, (o) => o + at) }, line: k, glued: false, hint: p.hint });
    at += p.text.length + 1;
  });
  return parseLines(lines);
}

const hintedHeading = (l: Line): HeadingLevel | undefined => l.hint?.level;

function headingFromHint(l: Line, level: HeadingLevel): Unit {
  const num = typedNumberPrefix(l.seg.text);
  const textSeg = num ? trimSeg(sliceSeg(l.seg, num.length)) : l.seg;
  return {
    kind: 'heading',
    level,
    num: num ?? { level, numbering: '', value: 0, style: '', length: 0 },
    seg: l.seg,
    textSeg,
    runIn: false,
    endPunct: null,
    line: l.line,
  };
}

function parseLines(lines: Line[]): ParsedSpeech {
  const units: Unit[] = [];
  const unmarked = (t: string) => t.replace(BUNDLE_MARKER_RE, '');

  // Front matter: the short lines before the first heading, salutation or body-like line.
  let i = 0;
  const front: Line[] = [];
  while (i < lines.length) {
    const t = unmarked(lines[i].seg.text);
    const h = lines[i].hint;
    if (h?.level || h?.role === 'paragraph' || h?.role === 'salutation') break;
    if (h?.role !== 'title' && h?.role !== 'byline' && (parseWrittenNumber(t) || isSalutationLine(t) || (isBodyLike(t) && !isNameDateLine(t)))) break;
    front.push(lines[i]);
    i++;
    if (front.length >= 12) break;
  }
  let titleIdx = front.findIndex((l) => l.hint?.role === 'title');
  for (let k = front.length - 1; k >= 0 && titleIdx < 0; k--) {
    if (isTitleLike(unmarked(front[k].seg.text))) {
      titleIdx = k;
      break;
    }
  }
  if (titleIdx < 0 && front.length > 0) titleIdx = 0;
  front.forEach((l, k) => {
    const t = l.seg.text;
    if (k < titleIdx) {
      units.push({ kind: 'noise', seg: l.seg, line: l.line, why: 'before-title' });
      return;
    }
    if (k === titleIdx) {
      const m = BUNDLE_MARKER_RE.exec(t);
      units.push({ kind: 'title', seg: m ? trimSeg(sliceSeg(l.seg, m[0].length)) : l.seg, line: l.line });
      return;
    }
    // A repeated title line (scrapes often have one) is noise.
    if (units.some((u) => u.kind === 'title' && u.seg.text === t)) {
      units.push({ kind: 'noise', seg: l.seg, line: l.line, why: 'repeated-title' });
      return;
    }
    const last = units[units.length - 1];
    const prev =
      last?.kind === 'byline'
        ? { kind: 'byline' as const, speaker: last.speaker, date: last.date, office: last.office !== null }
        : { kind: last?.kind === 'title' ? ('title' as const) : ('other' as const) };
    const g = frontLineOf(t, prev) ?? (l.hint?.role === 'byline' ? { kind: 'byline' as const, speaker: null, date: null } : null);
    if (g?.kind === 'byline-more' && last?.kind === 'byline') {
      const lines = [...last.lines, l.seg];
      units[units.length - 1] = { ...last, lines, seg: concatSegs(lines), speaker: last.speaker ?? g.speaker, date: last.date ?? g.date };
      return;
    }
    if (g?.kind === 'byline') {
      const compact = !g.office && (g.speaker !== null || g.date !== null) && !/^\s*[—－–-]/u.test(t);
      units.push({ kind: 'byline', seg: l.seg, lines: [l.seg], speaker: g.speaker, date: g.date, office: g.office ?? null, compact, line: l.line });
      return;
    }
    units.push({ kind: 'paragraph', seg: l.seg, line: l.line });
  });

  // Body.
  let sawSalutation = false;
  let sawBody = false;
  for (; i < lines.length; i++) {
    const { seg, line } = lines[i];
    const t = seg.text;
    const level = hintedHeading(lines[i]);
    if (level) {
      units.push(headingFromHint(lines[i], level));
      sawBody = true;
      continue;
    }
    if (lines[i].hint?.role === 'paragraph') {
      units.push({ kind: 'paragraph', seg, line });
      sawBody = true;
      continue;
    }
    if (lines[i].hint?.role === 'salutation' || (!sawSalutation && !sawBody && isSalutationLine(t))) {
      units.push({ kind: 'salutation', seg, line });
      sawSalutation = true;
      continue;
    }
    sawBody = true;
    const next = lines[i + 1];
    const num = parseWrittenNumber(t);
    if (num) {
      const rest = sliceSeg(seg, num.length);
      const split = rest.text.length > 0 ? splitHeading(rest, num) : null;
      if (split) {
        const headEnd = num.length + split.textSeg.text.length;
        // the cleaner split this heading from its paragraph (they were glued by a space)
        const gluedToNext = !split.runIn && next !== undefined && next.glued;
        units.push({
          kind: 'heading',
          level: num.level,
          num,
          seg: sliceSeg(seg, 0, headEnd),
          textSeg: split.textSeg,
          runIn: split.runIn || gluedToNext,
          endPunct: gluedToNext ? null : split.endPunct,
          line,
        });
        if (split.body && split.body.text !== '') units.push({ kind: 'paragraph', seg: split.body, line });
        continue;
      }
      units.push({ kind: 'paragraph', seg, line, num });
      continue;
    }
    units.push({ kind: 'paragraph', seg, line });
  }
  return { units, cleanings: [] };
}
