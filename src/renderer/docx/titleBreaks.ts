// The title's line breaks as the Word export writes them, shown in the editor: a decoration on the first
// character of each line after the first, rendered as a line break before it (titleBreaks.css). The
// writer's own break (Shift+Enter in the title, a "\n" kept in the text) wins over the computed ones.
import type { Range } from 'slate';
import { DEFAULT_GONGWEN_LAYOUT, layoutMetrics } from '../../core/layout/gongwen';
import { titleBreakOffsets, titleCharsPerLine } from '../../core/layout/titleBreak';
import type { Block } from '../../core/model/types';
import './titleBreaks.css';

/** Leaf mark of a decorated line start; renderLeaf gives it the `title-break` class. */
export const TITLE_BREAK_MARK = 'titleBreak';

const L = DEFAULT_GONGWEN_LAYOUT;
const MAX_CHARS = titleCharsPerLine(layoutMetrics(L).textWidthPt, L.titleSizePt);

/** Decoration ranges for a title block (none for other blocks or a title with a manual break). */
export function titleBreakRanges(block: Block, text: string, pointAt: (offset: number) => Range['anchor']): Range[] {
  if (block.type !== 'title' || !text || text.includes('\n')) return [];
  return titleBreakOffsets(text, { maxChars: MAX_CHARS, shape: L.titleShape })
    .filter((at) => at < text.length)
    .map((at) => ({ anchor: pointAt(at), focus: pointAt(at + 1), [TITLE_BREAK_MARK]: true }) as Range);
}
