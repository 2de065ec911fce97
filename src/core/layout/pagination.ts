// The pages of the 清稿 or 念稿版 as text fragments, from the grid estimate (pages.ts): what the 页面视图 and
// the print/PDF rendering show, so that they break where the page count says. A paragraph running over a
// page is split after the lines that fit (by width: CJK 1, Latin ½).
import { Blocks } from '../model/block';
import type { BlockType, SpeechDoc } from '../model/types';
import { exportedBlocks } from '../tracked/exported';
import { titleLines, type GongwenLayout } from './gongwen';
import { estimatePages, type PageOptions } from './pages';
import { textWidth } from './titleBreak';

export interface PageFragment {
  blockIndex: number;
  type: BlockType;
  level?: number;
  /** Text shown (heading number included; a title's lines joined by "\n"). */
  text: string;
  /** The block goes on from the page before (no first-line indent). */
  continued: boolean;
  /** Blank lines before it. */
  spaceBefore: number;
}

export interface RenderedPage {
  page: number;
  fragments: PageFragment[];
}

/** Split `text` after the characters that fill `lines` lines of `perLine` (the first indented by `indent`). */
export function splitAtLines(text: string, perLine: number, indent: number, lines: number): [string, string] {
  const chars = [...text];
  let line = 0;
  let w = indent;
  let i = 0;
  for (; i < chars.length; i++) {
    const cw = textWidth(chars[i]);
    if (w + cw > perLine) {
      line++;
      w = 0;
      if (line >= lines) break;
    }
    w += cw;
  }
  return [chars.slice(0, i).join(''), chars.slice(i).join('')];
}

export function paginate(doc: SpeechDoc, layout: GongwenLayout, opts: PageOptions = {}): RenderedPage[] {
  const est = estimatePages(doc, layout, opts);
  const perLine = opts.charsPerLine ?? layout.charsPerLine;
  const info = new Map(exportedBlocks(doc).map((e) => [e.index, e]));
  const pages: RenderedPage[] = Array.from({ length: est.pages }, (_, i) => ({ page: i + 1, fragments: [] }));
  for (const b of est.blocks) {
    const e = info.get(b.blockIndex);
    if (!e) continue;
    const { block, number } = e;
    const base = { blockIndex: b.blockIndex, type: block.type, ...(block.level ? { level: block.level } : {}) };
    if (block.type === 'title') {
      pages[b.page - 1].fragments.push({ ...base, text: titleLines(layout, Blocks.text(block)).join('\n'), continued: false, spaceBefore: b.spaceBefore });
      continue;
    }
    const indent = block.type === 'paragraph' || block.type === 'heading' ? 2 : 0;
    // Lines of this block at which a new page starts.
    const cuts = est.pageStarts.filter((p) => p.blockIndex === b.blockIndex && p.line > 0).map((p) => p.line);
    let rest = number + Blocks.text(block);
    let done = 0;
    let page = b.page;
    let first = true;
    for (const cut of cuts) {
      const [head, tail] = splitAtLines(rest, perLine, first ? indent : 0, cut - done);
      pages[page - 1]?.fragments.push({ ...base, text: head, continued: !first, spaceBefore: first ? b.spaceBefore : 0 });
      rest = tail;
      done = cut;
      page++;
      first = false;
    }
    pages[Math.min(page, pages.length) - 1].fragments.push({ ...base, text: rest, continued: !first, spaceBefore: first ? b.spaceBefore : 0 });
  }
  return pages;
}
