// The paragraph and run formatting of the 公文 layout, shared by every export mode: one Writer per file
// (layout, metrics, comment and revision ids).
import {
  AlignmentType,
  Footer,
  HeadingLevel as DocxHeadingLevel,
  LineRuleType,
  PageNumber,
  Paragraph,
  TextRun,
  type IParagraphOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { layoutMetrics, resolveLayout, type GongwenLayout, type GongwenLayoutPatch, type LayoutMetrics } from '../../core/layout/gongwen';
import { blockKind } from '../../core/tracked/exported';
import type { Block } from '../../core/model/types';

/** Style ids/names written to the file; the importer recognises them. */
export const STYLE = {
  title: { id: 'Title', name: 'Title' },
  byline: { id: 'SpeechByline', name: 'Speech Byline' },
  salutation: { id: 'SpeechSalutation', name: 'Speech Salutation' },
} as const;

const HEADING_STYLE = [DocxHeadingLevel.HEADING_1, DocxHeadingLevel.HEADING_2, DocxHeadingLevel.HEADING_3, DocxHeadingLevel.HEADING_4] as const;

export type Kind = 'title' | 'byline' | 'salutation' | 'paragraph' | 'h1' | 'h2' | 'h3' | 'h4';

export function kindOf(b: Block): Kind {
  return blockKind(b) as Kind;
}

export class Writer {
  readonly l: GongwenLayout;
  readonly m: LayoutMetrics;
  private revId = 1;
  readonly comments: { id: number; author: string; initials: string; date: Date; children: Paragraph[] }[] = [];
  readonly author: string;
  readonly date: Date;

  constructor(opts: { layout?: GongwenLayoutPatch; author?: string; date?: Date }) {
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
export function needsSpaceBefore(prevKind: Kind | null, kind: Kind): boolean {
  return (prevKind === 'title' || prevKind === 'byline') && kind !== 'title' && kind !== 'byline';
}
