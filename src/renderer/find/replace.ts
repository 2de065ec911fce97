// Editor side of 查找/替换: the block texts searched, a selection as a find scope, and replacing matches
// as one undo step.
import { Editor, Range, Transforms, type Point } from 'slate';
import { HistoryEditor } from 'slate-history';
import { Blocks } from '../../core/model/block';
import type { TextMatch, TextPosition } from '../../core/find/index';
import type { Block } from '../../core/model/types';
import { blocksOf, pointInBlock } from '../editor/plugin';
import type { SpeechEditor } from '../editor/types';

/** The text of every block, as the matches' offsets refer to it. */
export function blockTexts(editor: SpeechEditor): string[] {
  return blocksOf(editor).map(Blocks.text);
}

/** Character offset of a Slate point inside its top-level block. */
export function offsetInBlock(editor: SpeechEditor, point: Point): TextPosition {
  const blockIndex = point.path[0];
  const block = blocksOf(editor)[blockIndex];
  let offset = point.offset;
  for (let i = 0; block && i < point.path[1] && i < block.children.length; i++) offset += block.children[i].text.length;
  return { blockIndex, offset };
}

/** A selection as a find scope (null when nothing is selected). */
export function scopeOf(editor: SpeechEditor, range: Range | null | undefined): { start: TextPosition; end: TextPosition } | null {
  if (!range || Range.isCollapsed(range)) return null;
  const [s, e] = Range.edges(range);
  return { start: offsetInBlock(editor, s), end: offsetInBlock(editor, e) };
}

/** The Slate range of a match. */
export function rangeOfMatch(editor: SpeechEditor, m: TextMatch): Range {
  const block = blocksOf(editor)[m.blockIndex] as Block;
  return { anchor: pointInBlock(block, m.blockIndex, m.start), focus: pointInBlock(block, m.blockIndex, m.end) };
}

/**
 * Replace `matches` (document order, not overlapping) by `replacement`, as ONE undo step: Ctrl+Z restores
 * them all. Later matches are replaced first, so the offsets of earlier ones stay valid.
 */
export function replaceMatches(editor: SpeechEditor, matches: readonly TextMatch[], replacement: string): number {
  if (matches.length === 0) return 0;
  HistoryEditor.withNewBatch(editor, () => {
    Editor.withoutNormalizing(editor, () => {
      for (let k = matches.length - 1; k >= 0; k--) Transforms.insertText(editor, replacement, { at: rangeOfMatch(editor, matches[k]) });
    });
  });
  return matches.length;
}
