// SpeechDoc → .docx in the 公文 layout of GB/T 9704-2012 (see src/core/layout/gongwen.ts for the figures).
// Three modes: clean (清稿), review (审阅稿: a comment on every flagged reused passage) and revisions
// (修订稿: tracked insertions/deletions against an earlier text).
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  DocumentGridType,
  Footer,
  HeadingLevel as DocxHeadingLevel,
  InsertedTextRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IParagraphOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import JSZip from 'jszip';
import { Blocks } from '../../core/model/block';
import type { Block, SpeechDoc } from '../../core/model/types';
import { layoutMetrics, resolveLayout, type GongwenLayout, type GongwenLayoutPatch, type LayoutMetrics } from '../../core/layout/gongwen';
import { alignRevisions, type RevisionOp } from './revisions';
import { exportedBlocks } from './blocks';

export { exportedBlocks };

export type ExportMode = 'clean' | 'review' | 'revisions';

/** A flagged passage to comment on: offsets into the block's text (without its generated number). */
export interface ReviewPassage {
  blockIndex: number;
  start: number;
  end: number;
  sourceTitle: string;
  /** 0–1. */
  similarity: number;
  /** Where in the source, e.g. "第一篇 第5段". */
  locator?: string;
  /** Extra comment text (e.g. "标为引用"). */
  note?: string;
}

export interface ExportOptions {
  mode?: ExportMode;
  layout?: GongwenLayoutPatch;
  /** review: the passages to comment on. */
  passages?: ReviewPassage[];
  /** revisions: the earlier text the tracked changes are made against. */
  against?: SpeechDoc;
  /** Author and date of comments and tracked changes. */
  author?: string;
  date?: Date;
  /** Document title property (defaults to the title block). */
  title?: string;
}

/** Style ids/names written to the file; the importer recognises them. */
export const STYLE = {
  title: { id: 'Title', name: 'Title' },
  byline: { id: 'SpeechByline', name: 'Speech Byline' },
  salutation: { id: 'SpeechSalutation', name: 'Speech Salutation' },
} as const;

const HEADING_STYLE = [DocxHeadingLevel.HEADING_1, DocxHeadingLevel.HEADING_2, DocxHeadingLevel.HEADING_3, DocxHeadingLevel.HEADING_4] as const;

type Kind = 'title' | 'byline' | 'salutation' | 'paragraph' | 'h1' | 'h2' | 'h3' | 'h4';

function kindOf(b: Block): Kind {
  if (Blocks.isHeading(b)) return `h${b.level}` as Kind;
  return b.type === 'heading' ? 'paragraph' : (b.type as Kind);
}

class Writer {
  readonly l: GongwenLayout;
  readonly m: LayoutMetrics;
  private revId = 1;
  readonly comments: { id: number; author: string; initials: string; date: Date; children: Paragraph[] }[] = [];
  readonly author: string;
  readonly date: Date;

  constructor(opts: ExportOptions) {
    this.l = resolveLayout(opts.layout);
    this.m = layoutMetrics(this.l);
    this.author = opts.author?.trim() || 'SpeechDraft';
    this.date = opts.date ?? new Date();
  }

  get revisionCount(): number {
    return this.revId - 1;
  }

  nextRevision(): { id: number; author: string; date: string } {
    return { id: this.revId++, author: this.author, date: this.date.toISOString().replace(/\.\d{3}Z$/, 'Z') };
  }

  /** Run formatting of a block kind: separate East Asian and Latin fonts on every run. */
  runOptions(kind: Kind): IRunOptions {
    const f = this.l.fonts;
    const east =
      kind === 'title' ? f.title : kind === 'byline' ? f.byline : kind === 'h1' ? f.heading1 : kind === 'h2' ? f.heading2 : kind === 'h3' ? f.heading3 : kind === 'h4' ? f.heading4 : f.body;
    const sizePt = kind === 'title' ? this.l.titleSizePt : this.l.bodySizePt;
    const condenseTw = Math.round(this.m.condensePt * 20);
    return {
      font: { eastAsia: east, ascii: f.latin, hAnsi: f.latin, cs: f.latin, hint: 'eastAsia' },
      size: Math.round(sizePt * 2),
      sizeComplexScript: Math.round(sizePt * 2),
      bold: kind === 'h3' ? true : undefined,
      // Body-size text is condensed so a line holds exactly charsPerLine characters in every reader;
      // the title (larger than a grid cell) must not snap to the character grid, or Word spreads it out.
      ...(kind === 'title' ? { snapToGrid: false } : condenseTw ? { characterSpacing: -condenseTw } : {}),
    };
  }

  paragraphOptions(kind: Kind, spaceBefore: boolean): Omit<IParagraphOptions, 'children'> {
    const spacing = { line: this.m.linePitchTwip, lineRule: LineRuleType.EXACT, before: spaceBefore ? this.m.linePitchTwip : 0, after: 0 };
    const indent = { firstLine: this.m.firstLineIndentTwip, firstLineChars: 200 };
    switch (kind) {
      case 'title':
        return { style: STYLE.title.id, alignment: AlignmentType.CENTER, spacing, keepLines: true, keepNext: true };
      case 'byline':
        return { style: STYLE.byline.id, alignment: AlignmentType.CENTER, spacing, keepNext: true };
      case 'salutation':
        return { style: STYLE.salutation.id, alignment: AlignmentType.LEFT, spacing };
      case 'paragraph':
        return { alignment: AlignmentType.BOTH, spacing, indent };
      default: {
        const level = Number(kind.slice(1)) as 1 | 2 | 3 | 4;
        return { heading: HEADING_STYLE[level - 1], outlineLevel: level - 1, alignment: AlignmentType.BOTH, spacing, indent, keepNext: true };
      }
    }
  }

  /** Text → runs of one kind; line breaks inside a block (e.g. a title set on two lines) become w:br. */
  textRuns(text: string, kind: Kind, make: (o: IRunOptions) => ParagraphChild = (o) => new TextRun(o)): ParagraphChild[] {
    const base = this.runOptions(kind);
    const lines = text.split('\n');
    return lines.map((line, i) => make({ ...base, text: line, ...(i > 0 ? { break: 1 } : {}) }));
  }

  paragraph(kind: Kind, spaceBefore: boolean, children: ParagraphChild[], extra: Partial<IParagraphOptions> = {}): Paragraph {
    return new Paragraph({ ...this.paragraphOptions(kind, spaceBefore), ...extra, children });
  }

  addComment(text: string): number {
    const id = this.comments.length;
    const f = this.l.fonts;
    this.comments.push({
      id,
      author: this.author,
      initials: this.author.slice(0, 2),
      date: this.date,
      children: [new Paragraph({ children: [new TextRun({ text, font: { eastAsia: f.body, ascii: f.latin, hAnsi: f.latin, hint: 'eastAsia' }, size: 21 })] })],
    });
    return id;
  }

  footer(odd: boolean): Footer {
    const f = this.l.fonts;
    const run: IRunOptions = {
      // 半角宋体阿拉伯数字: the page number font for digits too.
      font: { eastAsia: f.pageNumber, ascii: f.pageNumber, hAnsi: f.pageNumber, cs: f.pageNumber, hint: 'eastAsia' },
      size: Math.round(this.l.pageNumberSizePt * 2),
      snapToGrid: false,
    };
    const indent = odd ? { right: this.m.pageNumberIndentTwip } : { left: this.m.pageNumberIndentTwip };
    return new Footer({
      children: [
        new Paragraph({
          alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent,
          spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
          children: [new TextRun({ ...run, text: '— ' }), new TextRun({ ...run, children: [PageNumber.CURRENT] }), new TextRun({ ...run, text: ' —' })],
        }),
      ],
    });
  }
}

/** Whether the block starts the body after the title/byline head (a blank line before it). */
function needsSpaceBefore(prevKind: Kind | null, kind: Kind): boolean {
  return (prevKind === 'title' || prevKind === 'byline') && kind !== 'title' && kind !== 'byline';
}

function cleanParagraphs(w: Writer, doc: SpeechDoc, passages: ReviewPassage[] | undefined): Paragraph[] {
  const byBlock = new Map<number, ReviewPassage[]>();
  for (const p of passages ?? []) {
    const list = byBlock.get(p.blockIndex) ?? [];
    list.push(p);
    byBlock.set(p.blockIndex, list);
  }
  const out: Paragraph[] = [];
  let prev: Kind | null = null;
  for (const { block, index, number } of exportedBlocks(doc)) {
    const kind = kindOf(block);
    const text = Blocks.text(block);
    const children: ParagraphChild[] = [];
    if (number) children.push(...w.textRuns(number, kind));
    const ps = byBlock.get(index);
    if (ps?.length) children.push(...commentedRuns(w, text, kind, ps));
    else children.push(...w.textRuns(text, kind));
    out.push(w.paragraph(kind, needsSpaceBefore(prev, kind), children));
    prev = kind;
  }
  return out;
}

function pct(x: number): string {
  return `${Math.round(Math.max(0, Math.min(1, x)) * 100)}%`;
}

export function commentText(p: ReviewPassage): string {
  const where = p.locator ? `（${p.locator}）` : '';
  return `疑似重复：与《${p.sourceTitle}》${where}相似度 ${pct(p.similarity)}${p.note ? `。${p.note}` : ''}`;
}

/** Split a block's text at the passages (sorted, overlaps clipped) and wrap each in a comment range. */
function commentedRuns(w: Writer, text: string, kind: Kind, passages: ReviewPassage[]): ParagraphChild[] {
  const sorted = [...passages]
    .map((p) => ({ ...p, start: Math.max(0, Math.min(text.length, p.start)), end: Math.max(0, Math.min(text.length, p.end)) }))
    .filter((p) => p.end > p.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ParagraphChild[] = [];
  let pos = 0;
  for (const p of sorted) {
    const start = Math.max(p.start, pos);
    if (p.end <= start) continue;
    if (start > pos) out.push(...w.textRuns(text.slice(pos, start), kind));
    const id = w.addComment(commentText(p));
    out.push(new CommentRangeStart(id), ...w.textRuns(text.slice(start, p.end), kind), new CommentRangeEnd(id));
    out.push(new TextRun({ children: [new CommentReference(id)] }));
    pos = p.end;
  }
  if (pos < text.length) out.push(...w.textRuns(text.slice(pos), kind));
  return out;
}

function revisionParagraphs(w: Writer, ops: RevisionOp[]): Paragraph[] {
  const out: Paragraph[] = [];
  let prev: Kind | null = null;
  for (const op of ops) {
    const kind = kindOf(op.block);
    const space = needsSpaceBefore(prev, kind);
    if (op.kind === 'same') {
      out.push(w.paragraph(kind, space, w.textRuns(op.text, kind)));
    } else if (op.kind === 'insert') {
      const rev = w.nextRevision();
      const runs = w.textRuns(op.text, kind, (o) => new InsertedTextRun({ ...o, ...w.nextRevision() } as never));
      out.push(w.paragraph(kind, space, runs, { run: { insertion: rev } }));
    } else if (op.kind === 'delete') {
      const rev = w.nextRevision();
      const runs = w.textRuns(op.text, kind, (o) => new DeletedTextRun({ ...o, ...w.nextRevision() } as never));
      out.push(w.paragraph(kind, space, runs, { run: { deletion: rev } }));
    } else if (op.kind === 'change') {
      const children: ParagraphChild[] = [];
      for (const part of op.parts) {
        if (part.kind === 'same') children.push(...w.textRuns(part.text, kind));
        else if (part.kind === 'insert') children.push(...w.textRuns(part.text, kind, (o) => new InsertedTextRun({ ...o, ...w.nextRevision() } as never)));
        else children.push(...w.textRuns(part.text, kind, (o) => new DeletedTextRun({ ...o, ...w.nextRevision() } as never)));
      }
      out.push(w.paragraph(kind, space, children));
    }
    // A deleted paragraph does not start the body; keep the previous kind for spacing.
    if (op.kind !== 'delete') prev = kind;
  }
  return out;
}

export interface DocxBuild {
  bytes: Uint8Array;
  /** Comments written (审阅稿). */
  comments: number;
  /** Tracked insertions and deletions written (修订稿), paragraph marks included. */
  revisions: number;
}

/** Build the .docx bytes. */
export async function exportDocx(doc: SpeechDoc, opts: ExportOptions = {}): Promise<Uint8Array> {
  return (await buildDocx(doc, opts)).bytes;
}

export async function buildDocx(doc: SpeechDoc, opts: ExportOptions = {}): Promise<DocxBuild> {
  const w = new Writer(opts);
  const mode = opts.mode ?? 'clean';
  let body: Paragraph[];
  if (mode === 'revisions') {
    body = revisionParagraphs(w, alignRevisions(opts.against ?? { blocks: [] }, doc));
  } else {
    body = cleanParagraphs(w, doc, mode === 'review' ? opts.passages : undefined);
  }
  if (body.length === 0) body = [new Paragraph({ children: [] })];
  const { l, m } = w;
  const f = l.fonts;
  const bodyRun = w.runOptions('paragraph');
  const headingStyle = (kind: Kind) => ({ run: { ...w.runOptions(kind), characterSpacing: undefined }, paragraph: {} });
  const document = new Document({
    creator: 'SpeechDraft',
    title: opts.title ?? Blocks.text(doc.blocks.find((b) => b.type === 'title') ?? Blocks.make('title', '')),
    evenAndOddHeaderAndFooters: true,
    ...(w.comments.length ? { comments: { children: w.comments } } : {}),
    styles: {
      default: {
        document: {
          run: { font: bodyRun.font, size: bodyRun.size, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: m.linePitchTwip, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
        title: headingStyle('title'),
        heading1: { ...headingStyle('h1'), paragraph: { outlineLevel: 0, keepNext: true } },
        heading2: { ...headingStyle('h2'), paragraph: { outlineLevel: 1, keepNext: true } },
        heading3: { ...headingStyle('h3'), paragraph: { outlineLevel: 2, keepNext: true } },
        heading4: { ...headingStyle('h4'), paragraph: { outlineLevel: 3, keepNext: true } },
      },
      paragraphStyles: [
        { id: STYLE.byline.id, name: STYLE.byline.name, basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: { eastAsia: f.byline, ascii: f.latin, hAnsi: f.latin } }, paragraph: { alignment: AlignmentType.CENTER } },
        { id: STYLE.salutation.id, name: STYLE.salutation.name, basedOn: 'Normal', next: 'Normal', quickFormat: true },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: m.pageWidthTwip, height: m.pageHeightTwip },
            margin: { ...m.margin, header: mmToTwipLocal(15), footer: m.footerTwip, gutter: 0 },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: m.linePitchTwip, charSpace: m.charSpace },
        },
        footers: { default: w.footer(true), even: w.footer(false) },
        children: body,
      },
    ],
  });
  const buf = await Packer.toBuffer(document);
  return { bytes: await finishStyles(buf, w), comments: w.comments.length, revisions: w.revisionCount };
}

/**
 * The Normal style carries the body size (Word and LibreOffice derive the grid's character pitch from it)
 * and does not snap to the character grid: exact line spacing and condensed characters then give
 * 22 × 28 in Word, WPS and LibreOffice alike, while the grid keeps Word's page setup at 22 lines × 28 chars.
 * The docx package cannot express this on the Normal style, so its styles part is amended here.
 */
async function finishStyles(buf: Uint8Array, w: Writer): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(buf);
  const part = zip.file('word/styles.xml');
  if (!part) throw new Error('docx package wrote no styles part');
  const xml = await part.async('string');
  const size = Math.round(w.l.bodySizePt * 2);
  const f = w.l.fonts;
  const normal =
    '<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:qFormat/>' +
    `<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="${w.m.linePitchTwip}" w:lineRule="exact"/></w:pPr>` +
    `<w:rPr><w:rFonts w:ascii="${xmlAttr(f.latin)}" w:hAnsi="${xmlAttr(f.latin)}" w:eastAsia="${xmlAttr(f.body)}" w:cs="${xmlAttr(f.latin)}" w:hint="eastAsia"/>` +
    `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`;
  const re = /<w:style w:type="paragraph" w:styleId="Normal"[^>]*>[\s\S]*?<\/w:style>/;
  if (!re.test(xml)) throw new Error('docx package wrote no Normal style');
  zip.file('word/styles.xml', xml.replace(re, normal));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function mmToTwipLocal(mm: number): number {
  return Math.round((mm * 1440) / 25.4);
}
