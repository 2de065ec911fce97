// The tracked changes of a 修订稿, written from the core's block alignment (core/tracked): insertions and
// deletions through the docx package, then what it cannot express is written into document.xml directly —
// paragraph format changes (w:pPrChange, a heading whose level changed), moved paragraphs
// (w:moveFrom/w:moveTo with their ranges) and the paragraph marks of deletions at the end of the text.
import { DeletedTextRun, InsertedTextRun, type Paragraph, type ParagraphChild } from 'docx';
import { alignTracked, type TrackedOp } from '../../core/tracked/align';
import type { SpeechDoc } from '../../core/model/types';
import { titleLines } from '../../core/layout/gongwen';
import { kindOf, needsSpaceBefore, type Kind, type Writer } from './writer';
import { stampRuns, type BodyItem } from './stampedBody';

type Rev = { id: number; author: string; date: string };

/** A change to one body paragraph's XML (by its index in the body). */
export type ParagraphPatch =
  /** Track the paragraph format: `former` indexes the paragraphs written after the body in the old format. */
  | { at: number; kind: 'pPrChange'; former: number; rev: Rev }
  | { at: number; kind: 'move'; dir: 'from' | 'to'; name: string; range: Rev }
  /** Delete the paragraph mark (the paragraph before deletions at the end of the text). */
  | { at: number; kind: 'markDeleted'; rev: Rev }
  /** The last paragraph keeps its mark and takes the format of paragraph `from`, its own format tracked. */
  | { at: number; kind: 'lastMark'; from: number; rev: Rev };

export interface TrackedBody {
  /** The body: unchanged paragraphs plain (stamped, stampedBody.ts), changed ones built by the docx package. */
  paragraphs: BodyItem[];
  /** Paragraphs in a block's earlier format, written after the body and taken out again by `patchTrackedXml`. */
  formers: Paragraph[];
  patches: ParagraphPatch[];
  /** Coarser steps the alignment took (export notes). */
  fallbacks: string[];
}

export function trackedBody(w: Writer, before: SpeechDoc, after: SpeechDoc): TrackedBody {
  const alignment = alignTracked(before, after);
  return { ...trackedParagraphs(w, alignment.ops), fallbacks: alignment.fallbacks };
}

const isDeletion = (op: TrackedOp): boolean => op.kind === 'delete' || op.kind === 'moveFrom';

function trackedParagraphs(w: Writer, ops: TrackedOp[]): Omit<TrackedBody, 'fallbacks'> {
  const out: BodyItem[] = [];
  const formers: Paragraph[] = [];
  const patches: ParagraphPatch[] = [];
  const ins = (o: object) => new InsertedTextRun({ ...o, ...w.nextRevision() } as never);
  const del = (o: object) => new DeletedTextRun({ ...o, ...w.nextRevision() } as never);
  let prev: Kind | null = null;
  for (const op of ops) {
    const at = out.length;
    const kind = kindOf(op.block);
    const space = needsSpaceBefore(prev, kind);
    const former = 'before' in op && op.before ? op.before : undefined;
    if (former) {
      patches.push({ at, kind: 'pPrChange', former: formers.length, rev: w.nextRevision() });
      formers.push(w.paragraph(kindOf(former), space, []));
    }
    if (op.kind === 'same') {
      // An unchanged long title in its balanced lines, as in the 清稿.
      out.push({ kind, spaceBefore: space, keepLines: false, runs: stampRuns(kind === 'title' ? titleLines(w.l, op.text).join('\n') : op.text, kind) });
    } else if (op.kind === 'insert' || op.kind === 'moveTo') {
      out.push({ paragraph: w.paragraph(kind, space, w.textRuns(op.text, kind, ins), { run: { insertion: w.nextRevision() } }) });
    } else if (op.kind === 'delete' || op.kind === 'moveFrom') {
      out.push({ paragraph: w.paragraph(kind, space, w.textRuns(op.text, kind, del), { run: { deletion: w.nextRevision() } }) });
    } else {
      const children: ParagraphChild[] = [];
      for (const part of op.parts) children.push(...w.textRuns(part.text, kind, part.kind === 'same' ? undefined : part.kind === 'insert' ? ins : del));
      out.push({ paragraph: w.paragraph(kind, space, children) });
    }
    if (op.kind === 'moveFrom' || op.kind === 'moveTo') {
      patches.push({ at, kind: 'move', dir: op.kind === 'moveFrom' ? 'from' : 'to', name: `move${op.move}`, range: w.nextRevision() });
    }
    // A deleted paragraph does not start the body; keep the previous kind for spacing.
    if (!isDeletion(op)) prev = kind;
  }
  // Deletions at the end: the document's last paragraph mark cannot go, so (as Word does it) the mark of the
  // last kept paragraph is deleted instead and the last mark takes that paragraph's format.
  const lastKept = ops.findLastIndex((op) => !isDeletion(op));
  if (lastKept >= 0 && lastKept < ops.length - 1) {
    patches.push({ at: lastKept, kind: 'markDeleted', rev: w.nextRevision() });
    patches.push({ at: ops.length - 1, kind: 'lastMark', from: lastKept, rev: w.nextRevision() });
  }
  return { paragraphs: out, formers, patches };
}

const PARAGRAPH_RE = /<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g;
const PPR_RE = /<w:pPr>([\s\S]*?)<\/w:pPr>/;
const RPR_RE = /<w:rPr>[\s\S]*?<\/w:rPr>/;

const revAttrs = (r: Rev) => `w:id="${r.id}" w:author="${xmlAttr(r.author)}" w:date="${r.date}"`;

/** The paragraph properties without the mark's run properties or a tracked change (a pPrChange's content). */
function basePPr(p: string): string {
  const m = PPR_RE.exec(p);
  if (!m) throw new Error('tracked changes: paragraph without properties');
  return m[1].replace(RPR_RE, '').replace(/<w:pPrChange[\s\S]*?<\/w:pPrChange>/, '');
}

function setPPr(p: string, inner: string): string {
  return p.replace(PPR_RE, () => `<w:pPr>${inner}</w:pPr>`);
}

function withPPrChange(p: string, formerBase: string, rev: Rev): string {
  const m = PPR_RE.exec(p)!;
  return setPPr(p, `${m[1]}<w:pPrChange ${revAttrs(rev)}><w:pPr>${formerBase}</w:pPr></w:pPrChange>`);
}

function withMarkDeleted(p: string, rev: Rev): string {
  const inner = PPR_RE.exec(p)![1];
  const mark = `<w:del ${revAttrs(rev)}/>`;
  const rPr = RPR_RE.exec(inner);
  // CT_ParaRPr: w:ins comes before w:del.
  if (rPr) return setPPr(p, inner.replace(RPR_RE, (r) => r.replace(/^<w:rPr>(<w:ins [^>]*\/>)?/, (s) => s + mark)));
  return setPPr(p, inner.replace(/(<w:pPrChange|$)/, (s) => `<w:rPr>${mark}</w:rPr>${s}`));
}

/** Run wrappers and the paragraph mark of a moved paragraph: w:del → w:moveFrom, w:ins → w:moveTo; the range around it. */
function asMove(p: string, dir: 'from' | 'to', name: string, range: Rev): string {
  const tag = dir === 'from' ? 'moveFrom' : 'moveTo';
  const plain = dir === 'from' ? 'del' : 'ins';
  const renamed = p.replace(new RegExp(`<w:${plain} `, 'g'), `<w:${tag} `).replace(new RegExp(`</w:${plain}>`, 'g'), `</w:${tag}>`);
  const start = `<w:${tag}RangeStart ${revAttrs(range)} w:name="${name}"/>`;
  const end = `<w:${tag}RangeEnd w:id="${range.id}"/>`;
  return renamed.replace('</w:pPr>', `</w:pPr>${start}`).replace(/<\/w:p>$/, `${end}</w:p>`);
}

/** Apply the patches to document.xml, whose body holds the tracked paragraphs followed by the formers. */
export function patchTrackedXml(xml: string, body: Pick<TrackedBody, 'patches' | 'formers'>): string {
  if (!body.patches.length && !body.formers.length) return xml;
  const open = xml.indexOf('<w:body>');
  const close = xml.indexOf('<w:sectPr', open);
  if (open < 0 || close < 0) throw new Error('tracked changes: document.xml without a body');
  const head = xml.slice(0, open + '<w:body>'.length);
  const ps = xml.slice(head.length, close).match(PARAGRAPH_RE) ?? [];
  const formers = ps.splice(ps.length - body.formers.length, body.formers.length).map(basePPr);
  const original = [...ps];
  const order = { markDeleted: 0, move: 1, lastMark: 2, pPrChange: 3 } as const;
  for (const patch of [...body.patches].sort((a, b) => order[a.kind] - order[b.kind])) {
    const p = ps[patch.at];
    if (p === undefined) throw new Error(`tracked changes: no paragraph ${patch.at}`);
    if (patch.kind === 'markDeleted') ps[patch.at] = withMarkDeleted(p, patch.rev);
    else if (patch.kind === 'move') ps[patch.at] = asMove(p, patch.dir, patch.name, patch.range);
    else if (patch.kind === 'lastMark') ps[patch.at] = setPPr(p, `${basePPr(original[patch.from])}<w:pPrChange ${revAttrs(patch.rev)}><w:pPr>${basePPr(original[patch.at])}</w:pPr></w:pPrChange>`);
    else ps[patch.at] = withPPrChange(p, formers[patch.former], patch.rev);
  }
  return head + ps.join('') + xml.slice(close);
}

export function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
