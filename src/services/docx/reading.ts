// 念稿版 paragraphs: the time marks in the left margin (a frame anchored to the paragraph where the minute is
// reached) and every paragraph kept on one page (keepLines; Word and LibreOffice split it only when it is
// longer than a page).
import { FrameAnchorType, FrameWrap, LineRuleType, Paragraph, TextRun } from 'docx';
import type { GongwenLayout } from '../../core/layout/gongwen';
import { estimatePages } from '../../core/layout/pages';
import { timeMarks } from '../../core/layout/reading';
import type { SpeechDoc } from '../../core/model/types';
import type { Writer } from './writer';

export interface ReadingExtras {
  /** Minutes reached per block index. */
  marks: Map<number, number[]>;
  /** Blocks kept on one page: those that fit one (keepLines on a longer one would only start it on a new page). */
  keep: Set<number>;
}

export function readingExtras(doc: SpeechDoc, layout: GongwenLayout, charsPerMinute: number): ReadingExtras {
  const est = estimatePages(doc, layout, { keepLines: true });
  return {
    marks: new Map(timeMarks(doc, charsPerMinute).map((m) => [m.blockIndex, m.minutes])),
    keep: new Set(est.blocks.filter((b) => b.lines - b.spaceBefore <= layout.linesPerPage).map((b) => b.blockIndex)),
  };
}

/** The text of a time mark: 「▶5分钟」, 「▶5、10分钟」 where one paragraph reaches two. */
export function timeMarkText(minutes: number[]): string {
  return `▶${minutes.join('、')}分钟`;
}

/** A small 「5分钟」 (`text`, from timeMarkText) in the left margin, level with the top of the paragraph that follows it. */
export function timeMarkParagraph(w: Writer, text: string): Paragraph {
  const width = Math.round(w.m.margin.left * 0.8);
  const f = w.l.fonts;
  return new Paragraph({
    frame: {
      type: 'absolute',
      position: { x: -width - Math.round(w.m.margin.left * 0.1), y: 0 },
      width,
      anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.TEXT },
      wrap: FrameWrap.AROUND,
    },
    spacing: { before: 0, after: 0, line: 280, lineRule: LineRuleType.EXACT },
    children: [
      new TextRun({
        text,
        font: { eastAsia: f.heading1, ascii: f.latin, hAnsi: f.latin, hint: 'eastAsia' },
        size: 21,
        color: '9A3412',
        snapToGrid: false,
      }),
    ],
  });
}
