// SpeechDoc → .docx in the 公文 layout of GB/T 9704-2012 (see src/core/layout/gongwen.ts for the figures).
// Four modes: clean (清稿), review (审阅稿: a comment on every flagged reused passage), revisions
// (修订稿: tracked changes against an earlier text) and reading (念稿版: large print, time marks; reading.ts).
import { CommentRangeEnd, CommentRangeStart, CommentReference, Document, DocumentGridType, LineRuleType, Packer, Paragraph, TextRun, AlignmentType, type ParagraphChild } from 'docx';
import JSZip from 'jszip';
import { Blocks } from '../../core/model/block';
import type { SpeechDoc } from '../../core/model/types';
import { mmToTwip, titleLines, type GongwenLayoutPatch } from '../../core/layout/gongwen';
import { exportedBlocks } from './blocks';
import { amendPart, fontTableXml, withNormalStyle, withTrackRevisions } from './parts';
import { readingExtras, timeMarkParagraph, timeMarkText, type ReadingExtras } from './reading';
import { readingLayout } from '../../core/layout/reading';
import { patchTrackedXml, trackedBody, type TrackedBody } from './revisions';
import { kindOf, needsSpaceBefore, STYLE, Writer, type Kind } from './writer';
import { writeZip } from './zipPackage';
import { itemParagraph, stampRuns, stamps, type BodyItem, type Stamps } from './stampedBody';

export { STYLE };
export { exportedBlocks };

export type ExportMode = 'clean' | 'review' | 'revisions' | 'reading';

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
  /** reading (念稿版): the reading speed for the time marks, characters a minute (default 220). */
  charsPerMinute?: number;
  /**
   * Write every paragraph through the docx package's objects instead of from stamps (stampedBody.ts): the
   * reference the stamped body is checked against; slow and memory-hungry for a big document.
   */
  objectBody?: boolean;
}

function cleanParagraphs(w: Writer, doc: SpeechDoc, passages: ReviewPassage[] | undefined, reading?: ReadingExtras): BodyItem[] {
  const byBlock = new Map<number, ReviewPassage[]>();
  for (const p of passages ?? []) {
    const list = byBlock.get(p.blockIndex) ?? [];
    list.push(p);
    byBlock.set(p.blockIndex, list);
  }
  const out: BodyItem[] = [];
  let prev: Kind | null = null;
  for (const { block, index, number } of exportedBlocks(doc)) {
    const kind = kindOf(block);
    const text = Blocks.text(block);
    const spaceBefore = needsSpaceBefore(prev, kind);
    const keepLines = reading?.keep.has(index) ?? false;
    const marks = reading?.marks.get(index);
    if (marks) out.push({ like: 'time mark', text: timeMarkText(marks), make: (t) => timeMarkParagraph(w, t) });
    const ps = byBlock.get(index);
    if (ps?.length) {
      const children: ParagraphChild[] = [];
      if (number) children.push(...w.textRuns(number, kind));
      children.push(...commentedRuns(w, text, kind, ps));
      out.push({ paragraph: w.paragraph(kind, spaceBefore, children, keepLines ? { keepLines: true } : {}) });
    } else {
      // A long title in balanced lines at word boundaries (w:br between them).
      const runs = [...(number ? stampRuns(number, kind) : []), ...stampRuns(kind === 'title' ? titleLines(w.l, text).join('\n') : text, kind)];
      out.push({ kind, spaceBefore, keepLines, runs });
    }
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

export interface DocxBuild {
  bytes: Uint8Array;
  /** Comments written (审阅稿). */
  comments: number;
  /** Tracked insertions and deletions written (修订稿), paragraph marks included. */
  revisions: number;
  /** Coarser steps taken (e.g. the tracked changes aligned by whole blocks), in Chinese. */
  notes: string[];
}

/** Build the .docx bytes. */
export async function exportDocx(doc: SpeechDoc, opts: ExportOptions = {}): Promise<Uint8Array> {
  return (await buildDocx(doc, opts)).bytes;
}

export async function buildDocx(doc: SpeechDoc, opts: ExportOptions = {}): Promise<DocxBuild> {
  const mode = opts.mode ?? 'clean';
  const w = new Writer(mode === 'reading' ? { ...opts, layout: readingLayout(opts.layout) } : opts);
  const notes: string[] = [];
  let body: Paragraph[];
  let tracked: TrackedBody | undefined;
  let items: BodyItem[];
  if (mode === 'revisions') {
    tracked = trackedBody(w, opts.against ?? { blocks: [] }, doc);
    items = [...tracked.paragraphs, ...tracked.formers.map((paragraph) => ({ paragraph }))];
    notes.push(...tracked.fallbacks);
  } else {
    const reading = mode === 'reading' ? readingExtras(doc, w.l, opts.charsPerMinute ?? 220) : undefined;
    if (reading) notes.push(`念稿版：二号字，每 5 分钟（每分钟 ${opts.charsPerMinute ?? 220} 字）在页边标出时间`);
    items = cleanParagraphs(w, doc, mode === 'review' ? opts.passages : undefined, reading);
  }
  let stamped: Stamps | undefined;
  if (opts.objectBody || items.length === 0) body = items.map((item) => itemParagraph(w, item));
  else {
    stamped = stamps(w, items);
    body = stamped.probe;
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
            margin: { ...m.margin, header: mmToTwip(15), footer: m.footerTwip, gutter: 0 },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: m.linePitchTwip, charSpace: m.charSpace },
        },
        footers: { default: w.footer(true), even: w.footer(false) },
        children: body,
      },
    ],
  });
  const zip = await JSZip.loadAsync(await Packer.toBuffer(document));
  // What the docx package cannot write, amended part by part (each step reads and writes one part).
  await amendPart(zip, 'word/styles.xml', (xml) => withNormalStyle(xml, w));
  await amendPart(zip, 'word/fontTable.xml', () => fontTableXml(w.l));
  const replaced = new Map<string, Uint8Array>();
  if (stamped) {
    const xml = stamped.write(await zip.file('word/document.xml')!.async('string'));
    // The tracked changes the docx package cannot write, patched into the stamped body as into its own.
    replaced.set('word/document.xml', tracked ? Buffer.from(patchTrackedXml(xml.toString('utf8'), tracked), 'utf8') : xml);
  } else if (tracked) await amendPart(zip, 'word/document.xml', (xml) => patchTrackedXml(xml, tracked));
  if (mode !== 'clean') await amendPart(zip, 'word/settings.xml', withTrackRevisions);
  const bytes = await writeZip(zip, replaced);
  return { bytes, comments: w.comments.length, revisions: w.revisionCount, notes };
}
