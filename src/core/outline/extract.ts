import type { HeadingLevel, SectionRole } from '../model/types';
import { blockText } from '../text/clean';
import { findEnumerations, type Enumeration } from '../text/enumerations';
import { parseSpeech, type Unit } from '../text/parse';
import { spanOf, type Seg } from '../text/seg';
import { classifyRole } from './roles';

const docText = (s: Seg) => blockText(s.text);

export interface OutlineHeading {
  level: HeadingLevel;
  /** The number as written (`一、`, `(一)`, `1．` …). */
  numbering: string;
  /** Its numeric value (一 → 1). */
  value: number;
  /** Written form with the number replaced (`X、`, `(X)`, `N.`), for style checks. */
  style: string;
  /** Heading text without the number, defects removed. */
  text: string;
  /** Role of a level-1 section (null for deeper levels). */
  role: SectionRole | null;
  roleConfidence: number | null;
  /** Offsets in the input: from the number to the end of the heading text. */
  start: number;
  end: number;
  /** Heading and body on one line (run-in `（一）…。正文`), or glued by a defect. */
  runIn: boolean;
  /** Punctuation ending a standalone heading (GB/T 9704 says none), else null. */
  endPunct: string | null;
  /** 0-based line of the input. */
  line: number;
}

export interface Outline {
  title: string | null;
  speaker: string | null;
  date: string | null;
  salutation: string | null;
  /** Offsets of the title, byline and salutation lines (null when absent). */
  ranges: {
    title: { start: number; end: number } | null;
    byline: { start: number; end: number } | null;
    salutation: { start: number; end: number } | null;
  };
  headings: OutlineHeading[];
  enumerations: Enumeration[];
  /** Paragraph count (after rejoining broken lines and splitting glued headings). */
  paragraphs: number;
}

/** Outline of one speech: title, speaker/date, salutation, headings with roles, enumerations. */
export function extractOutline(text: string): Outline {
  const { units } = parseSpeech(text);
  return outlineOfUnits(units);
}

export function outlineOfUnits(units: Unit[]): Outline {
  const title = units.find((u) => u.kind === 'title');
  const bylines = units.filter((u): u is Extract<Unit, { kind: 'byline' }> => u.kind === 'byline');
  const byline = bylines[0];
  const sal = units.find((u) => u.kind === 'salutation');
  const headings: OutlineHeading[] = [];
  const enumerations: Enumeration[] = [];
  let sectionParas: Seg[] = [];
  const flush = () => {
    enumerations.push(...findEnumerations(sectionParas));
    sectionParas = [];
  };
  units.forEach((u, idx) => {
    if (u.kind === 'paragraph') sectionParas.push(u.seg);
    if (u.kind !== 'heading') return;
    flush();
    let role: SectionRole | null = null;
    let roleConfidence: number | null = null;
    const text = docText(u.textSeg);
    if (u.level === 1) {
      let body = '';
      for (let k = idx + 1; k < units.length && body.length < 300; k++) {
        const n = units[k];
        if (n.kind === 'heading' && n.level === 1) break;
        if (n.kind === 'paragraph' || n.kind === 'heading') body += docText(n.kind === 'heading' ? n.textSeg : n.seg) + '\n';
      }
      const g = classifyRole(text, body);
      role = g.role;
      roleConfidence = g.confidence;
    }
    const span = spanOf(u.seg);
    headings.push({
      level: u.level,
      numbering: u.num.numbering,
      value: u.num.value,
      style: u.num.style,
      text,
      role,
      roleConfidence,
      start: span.start,
      end: span.end,
      runIn: u.runIn,
      endPunct: u.endPunct,
      line: u.line,
    });
  });
  flush();
  enumerations.sort((a, b) => a.start - b.start);
  return {
    title: title ? docText(title.seg) : null,
    speaker: bylines.find((b) => b.speaker)?.speaker ?? null,
    date: bylines.find((b) => b.date)?.date ?? null,
    salutation: sal ? docText(sal.seg) : null,
    ranges: {
      title: title ? spanOf(title.seg) : null,
      byline: byline ? spanOf(byline.seg) : null,
      salutation: sal ? spanOf(sal.seg) : null,
    },
    headings,
    enumerations,
    paragraphs: units.filter((u) => u.kind === 'paragraph').length,
  };
}
