import { parseChineseNumeral } from '../model/numbering';
import { ORDINAL_LABEL_RE as ORD_RE, SHI_LABEL_RE as SHI_RE, type LabelKind } from './numbers';
import type { Seg } from './seg';

/** Families of in-paragraph enumeration markers. */
export type EnumerationKind = LabelKind;

export interface EnumerationItem {
  /** The marker as written: `二是`, `第三`, `首先`, `其次`, `最后`. */
  marker: string;
  value: number;
  /** Offsets in the input: from the marker to the next item (or the end of its paragraph). */
  start: number;
  end: number;
}

export interface Enumeration {
  kind: EnumerationKind;
  /** `inline`: inside one paragraph; `paragraphs`: markers leading consecutive paragraphs. */
  scope: 'inline' | 'paragraphs';
  items: EnumerationItem[];
  start: number;
  end: number;
}

interface Token {
  kind: EnumerationKind;
  marker: string;
  value: number;
  /** Index of the paragraph in the section. */
  para: number;
  lead: boolean;
  start: number;
  /** Offset within the paragraph's text. */
  pos: number;
  last?: boolean;
}

function tokensOf(p: Seg, para: number): Token[] {
  const out: Token[] = [];
  const leadAt = (pos: number) => p.text.slice(0, pos).trim() === '';
  SHI_RE.lastIndex = 0;
  for (let m = SHI_RE.exec(p.text); m; m = SHI_RE.exec(p.text)) {
    const v = parseChineseNumeral(m[1]);
    if (v === null || v === 0) continue;
    out.push({ kind: m[2] === '是' ? '一是' : '一要', marker: m[0], value: v, para, lead: leadAt(m.index), start: p.origin[m.index], pos: m.index });
  }
  ORD_RE.lastIndex = 0;
  for (let m = ORD_RE.exec(p.text); m; m = ORD_RE.exec(p.text)) {
    let v: number | null;
    let last = false;
    if (m[1]) v = parseChineseNumeral(m[1]);
    else v = m[2] === '首先' ? 1 : m[2] === '其次' ? 2 : m[2] === '再次' ? 3 : ((last = true), -1);
    if (v === null || v === 0) continue;
    out.push({ kind: '第一', marker: m[0], value: v, para, lead: leadAt(m.index), start: p.origin[m.index], pos: m.index, last });
  }
  return out.sort((a, b) => a.pos - b.pos);
}

/**
 * Enumerations in the paragraphs of one section (between two headings). A run starts at a first marker
 * (一是 / 第一 / 首先); markers leading paragraphs continue across paragraphs, the others stay in theirs.
 * Markers with no run to continue (a lone `第二次…`) are not enumerations and are ignored.
 */
export function findEnumerations(paragraphs: Seg[]): Enumeration[] {
  const tokens = paragraphs.flatMap((p, i) => tokensOf(p, i));
  const paraEnd = (i: number) => {
    const p = paragraphs[i];
    return p.origin.length ? p.origin[p.origin.length - 1] + 1 : 0;
  };
  interface Run {
    kind: EnumerationKind;
    para: number;
    inline: boolean;
    toks: Token[];
  }
  const open = new Map<EnumerationKind, Run>();
  const runs: Run[] = [];
  for (const tok of tokens) {
    const cur = open.get(tok.kind);
    if (tok.value === 1) {
      const run: Run = { kind: tok.kind, para: tok.para, inline: !tok.lead, toks: [tok] };
      open.set(tok.kind, run);
      runs.push(run);
      continue;
    }
    if (!cur) continue;
    const samePara = tok.para === cur.para;
    const firstParaOnly = cur.toks.every((t) => t.para === tok.para);
    const continues = cur.inline ? samePara : tok.lead || (samePara && firstParaOnly);
    if (!continues) {
      if (cur.inline && !samePara) open.delete(tok.kind);
      continue;
    }
    // A run that began leading a paragraph but continues inside it is an inline run after all.
    if (!cur.inline && samePara && !tok.lead) cur.inline = true;
    if (tok.last) tok.value = cur.toks[cur.toks.length - 1].value + 1;
    cur.toks.push(tok);
    cur.para = tok.para;
    if (tok.last) open.delete(tok.kind);
  }
  return runs.map((run) => {
    const items = run.toks.map((t, j) => {
      const next = run.toks[j + 1];
      const end = next && next.para === t.para ? next.start : paraEnd(t.para);
      return { marker: t.marker, value: t.value, start: t.start, end };
    });
    return { kind: run.kind, scope: run.inline ? 'inline' : 'paragraphs', items, start: items[0].start, end: items[items.length - 1].end };
  });
}
