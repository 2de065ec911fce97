// Reading a .docx's text and structure straight from its XML parts (document, styles, numbering,
// footnotes, endnotes, comments), so that nothing is dropped without the import report saying so:
// automatic numbers are written into the text, tables become one paragraph per row, notes follow their
// paragraph as 「注：」 paragraphs, comments are listed, tracked changes are accepted or rejected by choice.
import type JSZip from 'jszip';
import { WordNumbering } from './wordNumbering';
import { attr, child, children, readPart, type XmlElement } from './wordXml';
import { wordParts } from './zipGuard';

/** One paragraph as read from the document. */
export interface DocxParagraph {
  text: string;
  styleId?: string;
  styleName?: string;
  alignment?: string;
  /** 0-based outline level from the paragraph or its style (w:outlineLvl; 9 = body text). */
  outlineLevel?: number;
  /** The label of Word's automatic numbering, already at the start of `text` (`一、`, `一是`). */
  numberLabel?: string;
  /** Where it came from when not a body paragraph. */
  source?: 'table' | 'footnote' | 'endnote' | 'textbox';
  /** Its paragraph mark is gone in the chosen text (a tracked join): the paragraph runs on into the next one. */
  joinsNext?: boolean;
}

export type RevisionChoice = 'accept' | 'reject';

export interface WordComment {
  author: string;
  text: string;
  /** The commented text. */
  anchor: string;
}

/** Everything converted on the way in, for the import report. */
export interface WordReadStats {
  numbered: number;
  bullets: number;
  tables: number;
  tableRows: number;
  footnotes: number;
  endnotes: number;
  comments: WordComment[];
  insertions: number;
  deletions: number;
  /** Tracked paragraph format changes (w:pPrChange: e.g. a heading whose level was changed). */
  formatChanges: number;
  images: number;
  textboxes: number;
}

interface Style {
  name?: string;
  basedOn?: string;
  outlineLevel?: number;
  numId?: string;
  ilvl?: number;
}

function readStyles(root: XmlElement | null): { styles: Map<string, Style>; defaultId?: string } {
  const styles = new Map<string, Style>();
  let defaultId: string | undefined;
  for (const s of children(root, 'style')) {
    if (attr(s, 'type') !== 'paragraph') continue;
    const id = attr(s, 'styleId') ?? '';
    const pPr = child(s, 'pPr');
    const numPr = child(pPr, 'numPr');
    const ol = attr(child(pPr, 'outlineLvl'), 'val');
    const ilvl = attr(child(numPr, 'ilvl'), 'val');
    styles.set(id, {
      name: attr(child(s, 'name'), 'val') ?? undefined,
      basedOn: attr(child(s, 'basedOn'), 'val') ?? undefined,
      outlineLevel: ol !== null ? Number(ol) : undefined,
      numId: attr(child(numPr, 'numId'), 'val') ?? undefined,
      ilvl: ilvl !== null ? Number(ilvl) : undefined,
    });
    if (attr(s, 'default') === '1' || attr(s, 'default') === 'true') defaultId = id;
  }
  return { styles, defaultId };
}

/** A style's property, following w:basedOn. */
function inherited<K extends keyof Style>(styles: Map<string, Style>, id: string | undefined, key: K): Style[K] | undefined {
  for (let k = 0, cur = id; cur && k < 12; k++) {
    const s = styles.get(cur);
    if (!s) return undefined;
    if (s[key] !== undefined) return s[key];
    cur = s.basedOn;
  }
  return undefined;
}

async function readNotes(zip: JSZip, part: string | undefined, tag: string, name: string, text: (el: XmlElement) => string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const root = part ? await readPart(zip, part, name) : null;
  for (const n of children(root, tag)) {
    const type = attr(n, 'type');
    if (type === 'separator' || type === 'continuationSeparator' || type === 'continuationNotice') continue;
    out.set(attr(n, 'id') ?? '', children(n, 'p').map(text).join('').trim());
  }
  return out;
}

/** Read the body of a checked .docx package. */
export async function readWordParagraphs(zip: JSZip, name: string, revisions: RevisionChoice = 'accept'): Promise<{ paragraphs: DocxParagraph[]; stats: WordReadStats }> {
  // Parts by the package's relationships (as the zip guard checked them), not by their usual names.
  const parts = await wordParts(zip);
  const part = (p: string | undefined) => (p ? readPart(zip, p, name) : Promise.resolve(null));
  const doc = await readPart(zip, parts.main, name);
  const { styles, defaultId } = readStyles(await part(parts.styles));
  const numbering = new WordNumbering(await part(parts.numbering));
  const stats: WordReadStats = { numbered: 0, bullets: 0, tables: 0, tableRows: 0, footnotes: 0, endnotes: 0, comments: [], insertions: 0, deletions: 0, formatChanges: 0, images: 0, textboxes: 0 };
  const accept = revisions === 'accept';

  // Text of an inline subtree; notes, comment anchors and text boxes are collected on the way.
  interface Acc {
    text: string;
    notes: { kind: 'footnote' | 'endnote'; id: string }[];
    boxes: DocxParagraph[];
  }
  const openAnchors = new Map<string, string>();
  const anchors = new Map<string, string>();
  const referenced: { id: string; para: () => string }[] = [];
  const append = (acc: Acc, s: string) => {
    acc.text += s;
    for (const [id, a] of openAnchors) openAnchors.set(id, a + s);
  };
  const inline = (el: XmlElement, acc: Acc, deleted: boolean): void => {
    for (const c of children(el)) {
      switch (c.localName) {
        case 'r':
          run(c, acc, deleted);
          break;
        case 'ins':
        case 'moveTo':
          stats.insertions++;
          if (accept) inline(c, acc, deleted);
          break;
        case 'del':
        case 'moveFrom':
          stats.deletions++;
          if (!accept) inline(c, acc, true);
          break;
        case 'commentRangeStart':
          openAnchors.set(attr(c, 'id') ?? '', '');
          break;
        case 'commentRangeEnd': {
          const id = attr(c, 'id') ?? '';
          anchors.set(id, openAnchors.get(id) ?? '');
          openAnchors.delete(id);
          break;
        }
        case 'sdt':
          inline(child(c, 'sdtContent') ?? c, acc, deleted);
          break;
        case 'pPr':
        case 'rPr':
        case 'bookmarkStart':
        case 'bookmarkEnd':
        case 'proofErr':
          break;
        default:
          // hyperlink, smartTag, fldSimple, customXml, sdtContent, oMath …: their text is the paragraph's
          inline(c, acc, deleted);
      }
    }
  };
  const run = (r: XmlElement, acc: Acc, deleted: boolean): void => {
    for (const c of children(r)) {
      switch (c.localName) {
        case 't':
          append(acc, (c as unknown as { textContent: string }).textContent ?? '');
          break;
        case 'delText':
          if (deleted) append(acc, (c as unknown as { textContent: string }).textContent ?? '');
          break;
        case 'tab':
          append(acc, '\t');
          break;
        case 'br':
        case 'cr':
          if (attr(c, 'type') !== 'page' && attr(c, 'type') !== 'column') append(acc, '\n');
          break;
        case 'noBreakHyphen':
          append(acc, '-');
          break;
        case 'sym': {
          const code = parseInt(attr(c, 'char') ?? '', 16);
          if (code && !(code >= 0xf000 && code <= 0xf0ff)) append(acc, String.fromCharCode(code));
          break;
        }
        case 'footnoteReference':
          acc.notes.push({ kind: 'footnote', id: attr(c, 'id') ?? '' });
          break;
        case 'endnoteReference':
          acc.notes.push({ kind: 'endnote', id: attr(c, 'id') ?? '' });
          break;
        case 'commentReference': {
          const id = attr(c, 'id') ?? '';
          referenced.push({ id, para: () => acc.text });
          break;
        }
        case 'drawing':
        case 'pict':
        case 'object':
        case 'AlternateContent': {
          const boxes = descendants(c, 'txbxContent');
          if (boxes.length === 0) stats.images++;
          // a drawing inside mc:AlternateContent is there twice (Choice and Fallback): read the first
          for (const box of c.localName === 'AlternateContent' ? boxes.slice(0, 1) : boxes) {
            stats.textboxes++;
            block(box, acc.boxes, 'textbox');
          }
          break;
        }
        default:
          break;
      }
    }
  };

  const paragraph = (p: XmlElement, out: DocxParagraph[], source?: DocxParagraph['source']): void => {
    // A tracked format change keeps the former properties (style, outline level, numbering): the original's.
    const ownPPr = child(p, 'pPr');
    const former = child(child(ownPPr, 'pPrChange'), 'pPr');
    if (former) stats.formatChanges++;
    const pPr = !accept && former ? former : ownPPr;
    // A tracked paragraph mark: deleted (accepted: joined to the next) or inserted (rejected: joined again).
    const markRPr = child(ownPPr, 'rPr');
    const markDeleted = child(markRPr, 'del') !== null;
    const markInserted = child(markRPr, 'ins') !== null;
    const last = children(p).filter((c) => c.localName !== 'pPr').at(-1)?.localName;
    // counted unless it goes with a change of the same kind at the paragraph's end (one revision in Word's list)
    if (markDeleted && last !== 'del' && last !== 'moveFrom') stats.deletions++;
    if (markInserted && last !== 'ins' && last !== 'moveTo') stats.insertions++;
    const styleId = attr(child(pPr, 'pStyle'), 'val') ?? defaultId;
    const styleName = styleId ? styles.get(styleId)?.name : undefined;
    const ownLevel = attr(child(pPr, 'outlineLvl'), 'val');
    const outlineLevel = ownLevel !== null ? Number(ownLevel) : inherited(styles, styleId, 'outlineLevel');
    const numPr = child(pPr, 'numPr');
    const numId = attr(child(numPr, 'numId'), 'val') ?? inherited(styles, styleId, 'numId');
    const ilvlAttr = attr(child(numPr, 'ilvl'), 'val');
    const ilvl = ilvlAttr !== null ? Number(ilvlAttr) : (inherited(styles, styleId, 'ilvl') ?? 0);
    const acc: Acc = { text: '', notes: [], boxes: [] };
    inline(p, acc, false);
    let text = acc.text;
    let numberLabel: string | undefined;
    if (numId && text.trim() !== '') {
      const n = numbering.next(numId, ilvl);
      if (n && n.format !== 'bullet' && n.label !== '') {
        numberLabel = n.label;
        text = n.label + text;
        stats.numbered++;
      }
    }
    const alignment = attr(child(pPr, 'jc'), 'val') ?? undefined;
    const joinsNext = (accept ? markDeleted : markInserted) || undefined;
    out.push({ text, styleId, styleName, alignment, outlineLevel, numberLabel, source, ...(joinsNext ? { joinsNext } : {}) });
    for (const note of acc.notes) {
      const body = (note.kind === 'footnote' ? footnotes : endnotes).get(note.id);
      if (body === undefined) continue;
      if (note.kind === 'footnote') stats.footnotes++;
      else stats.endnotes++;
      out.push({ text: `注：${body}`, source: note.kind });
    }
    out.push(...acc.boxes);
  };

  const table = (tbl: XmlElement, out: DocxParagraph[]): void => {
    stats.tables++;
    for (const tr of children(tbl, 'tr')) {
      const cells: string[] = [];
      const after: DocxParagraph[] = [];
      for (const tc of children(tr, 'tc', 'sdt')) {
        const inner: DocxParagraph[] = [];
        block(tc.localName === 'sdt' ? (child(child(tc, 'sdtContent'), 'tc') ?? tc) : tc, inner);
        const own = inner.filter((p) => !p.source || p.source === 'table');
        cells.push(own.map((p) => p.text.trim()).filter((t) => t !== '').join(' '));
        after.push(...inner.filter((p) => p.source && p.source !== 'table'));
      }
      const row = cells.filter((c) => c !== '').join('；');
      if (row !== '') {
        stats.tableRows++;
        out.push({ text: row, source: 'table' });
      }
      out.push(...after);
    }
  };

  const block = (el: XmlElement, out: DocxParagraph[], source?: DocxParagraph['source']): void => {
    for (const c of children(el)) {
      switch (c.localName) {
        case 'p':
          paragraph(c, out, source);
          break;
        case 'tbl':
          table(c, out);
          break;
        case 'sdt':
          block(child(c, 'sdtContent') ?? c, out, source);
          break;
        case 'customXml':
        case 'sdtContent':
          block(c, out, source);
          break;
        case 'ins':
        case 'moveTo':
          stats.insertions++;
          if (accept) block(c, out, source);
          break;
        case 'del':
        case 'moveFrom':
          stats.deletions++;
          if (!accept) block(c, out, source);
          break;
        default:
          break;
      }
    }
  };

  const blockOf = (el: XmlElement) => {
    const out: DocxParagraph[] = [];
    block(el, out);
    return out;
  };
  const noteText = (p: XmlElement) => {
    const acc: Acc = { text: '', notes: [], boxes: [] };
    inline(p, acc, false);
    return acc.text;
  };
  const footnotes = await readNotes(zip, parts.footnotes, 'footnote', name, noteText);
  const endnotes = await readNotes(zip, parts.endnotes, 'endnote', name, noteText);
  // Revisions inside notes are not the document's: count only the body's.
  stats.insertions = 0;
  stats.deletions = 0;
  stats.formatChanges = 0;
  const paragraphs = joinParagraphs(blockOf(child(doc, 'body') ?? doc!));
  stats.bullets = numbering.bullets;

  const commentsRoot = await part(parts.comments);
  for (const c of children(commentsRoot, 'comment')) {
    const id = attr(c, 'id') ?? '';
    const ref = referenced.find((r) => r.id === id);
    const anchor = anchors.get(id) || (ref ? ref.para() : '');
    stats.comments.push({ author: attr(c, 'author') ?? '', text: children(c, 'p').map(noteText).join('\n').trim(), anchor: anchor.trim() });
  }
  return { paragraphs, stats };
}

/**
 * Paragraphs whose mark is gone in the chosen text run on into the next body paragraph, which keeps its own
 * properties (in Word the surviving mark carries the format); their notes and text boxes follow the result.
 */
function joinParagraphs(ps: DocxParagraph[]): DocxParagraph[] {
  const out: DocxParagraph[] = [];
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    const j = p.joinsNext && !p.source ? ps.findIndex((q, k) => k > i && !q.source) : -1;
    if (j < 0 || ps.slice(i + 1, j).some((q) => q.source === 'table')) {
      const { joinsNext: _j, ...rest } = p;
      out.push(rest);
      continue;
    }
    const own = p.numberLabel && p.text.startsWith(p.numberLabel) ? p.text.slice(p.numberLabel.length) : p.text;
    const next = ps[j];
    const label = next.numberLabel && next.text.startsWith(next.numberLabel) ? next.numberLabel : '';
    ps[j] = { ...next, text: label + own + next.text.slice(label.length) };
    // the notes and boxes of the joined paragraph go after the result
    ps.splice(j + 1, 0, ...ps.slice(i + 1, j));
    ps.splice(i + 1, j - i - 1);
  }
  return out;
}

function descendants(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of children(e)) {
      if (c.localName === name) out.push(c);
      else walk(c);
    }
  };
  walk(el);
  return out;
}
