// 页数 as the 22 × 28 grid gives it: every exported block's lines from its character count (two characters
// of first-line indent on body paragraphs and headings, Latin letters and digits half a character), the
// title in its computed lines (二号, fewer characters a line), the blank line before the body, then lines
// filled into pages of `linesPerPage`, a heading kept with the line after it (as keepNext does in Word and
// LibreOffice). Pure; the status bar, `speechdraft stats`, the 页面视图 and the 念稿版 share it.
import { Blocks } from '../model/block';
import type { SpeechDoc } from '../model/types';
import { exportedBlocks } from '../tracked/exported';
import { layoutMetrics, resolveLayout, titleLines, type GongwenLayout, type GongwenLayoutPatch } from './gongwen';
import { textWidth } from './titleBreak';

export interface BlockLines {
  blockIndex: number;
  /** Grid lines the block takes (its blank line before included). */
  lines: number;
  /** Blank lines before it (the line between the title/byline head and the body). */
  spaceBefore: number;
  /** Page (1-based) and line on it (0-based) where the block's text starts. */
  page: number;
  line: number;
}

export interface PageEstimate {
  pages: number;
  /** Grid lines of text in all. */
  lines: number;
  blocks: BlockLines[];
  /** Blocks that start a new page (the first block of each page after the first), for a page view. */
  pageStarts: { page: number; blockIndex: number; line: number }[];
}

export interface PageOptions {
  /** Characters a line holds (default: the layout's charsPerLine). */
  charsPerLine?: number;
  linesPerPage?: number;
  /** Title characters a line (default from the layout's title size). */
  titleCharsPerLine?: number;
  /** Keep each paragraph on one page when it fits (念稿版's keepLines). */
  keepLines?: boolean;
}

/** Lines a text of the given width takes at `perLine` characters, each "\n" starting a new line. */
export function linesOf(text: string, perLine: number, indent = 0): number {
  let n = 0;
  text.split('\n').forEach((seg, i) => {
    n += Math.max(1, Math.ceil((textWidth(seg) + (i === 0 ? indent : 0)) / perLine));
  });
  return n;
}

export function estimatePages(doc: SpeechDoc, layout?: GongwenLayout | GongwenLayoutPatch, opts: PageOptions = {}): PageEstimate {
  const l = resolveLayout(layout as GongwenLayoutPatch | undefined);
  const perLine = opts.charsPerLine ?? l.charsPerLine;
  const perPage = opts.linesPerPage ?? l.linesPerPage;
  const titlePerLine = opts.titleCharsPerLine ?? Math.floor(layoutMetrics(l).textWidthPt / l.titleSizePt);
  const blocks: BlockLines[] = [];
  const pageStarts: PageEstimate['pageStarts'] = [];
  let page = 1;
  let line = 0;
  let total = 0;
  let prevType: string | null = null;
  const list = exportedBlocks(doc);
  const heights = list.map(({ block, number }) => {
    const text = number + Blocks.text(block);
    if (block.type === 'title') return titleCount(l, Blocks.text(block), titlePerLine);
    const indent = block.type === 'paragraph' || block.type === 'heading' ? 2 : 0;
    return linesOf(text, perLine, indent);
  });
  // Lines that must fit on the page where block k starts: itself when kept together (念稿版's keepLines, or a
  // heading), then what a heading is kept with (the next block's first line, or all of it when that is kept).
  const keepNeed = (k: number, depth = 0): number => {
    const h = heights[k];
    const heading = list[k].block.type === 'heading';
    const whole = (opts.keepLines || heading) && h <= perPage;
    if (!whole) return 1;
    if (!heading || k + 1 >= list.length || depth > 3) return h;
    return h + (opts.keepLines ? keepNeed(k + 1, depth + 1) : 1);
  };
  list.forEach(({ block, index }, k) => {
    const spaceBefore = (prevType === 'title' || prevType === 'byline') && block.type !== 'title' && block.type !== 'byline' ? 1 : 0;
    const h = heights[k];
    // A blank line at the top of a page is not shown there (Word and LibreOffice drop spacing at a page top).
    let before = line === 0 ? 0 : spaceBefore;
    if (line + before >= perPage) {
      page++;
      line = 0;
      before = 0;
    }
    const need = keepNeed(k);
    if (line > 0 && line + before + Math.min(need, perPage) > perPage) {
      page++;
      line = 0;
      before = 0;
    }
    if (line === 0 && page > 1 && pageStarts[pageStarts.length - 1]?.page !== page) pageStarts.push({ page, blockIndex: index, line: 0 });
    line += before;
    blocks.push({ blockIndex: index, lines: h + before, spaceBefore: before, page, line });
    total += h + before;
    line += h;
    while (line > perPage) {
      page++;
      line -= perPage;
      pageStarts.push({ page, blockIndex: index, line: h - line });
    }
    if (line === perPage && k + 1 < list.length) {
      page++;
      line = 0;
    }
    prevType = block.type;
  });
  return { pages: list.length ? page : 1, lines: total, blocks, pageStarts };
}

/** The title's lines: its computed (or manual) breaks at the title's characters per line. */
function titleCount(l: GongwenLayout, title: string, perLine: number): number {
  return titleLines(l, title).reduce((n, seg) => n + Math.max(1, Math.ceil(textWidth(seg) / perLine)), 0);
}
