// Editor moves the panels ask for: go to a place in the text, insert blocks at the caret.
import { Transforms } from 'slate';
import { ReactEditor } from 'slate-react';
import type { Block } from '../../core/model/types';
import { blocksOf, blocksToValue, currentBlock, pointInBlock } from '../editor/plugin';
import type { SpeechEditor } from '../editor/types';

/** Scroll to a block and select `length` characters from `offset` (caret at offset if no length). */
export function jumpTo(editor: SpeechEditor, blockIndex: number, offset = 0, length = 0, opts: { focus?: boolean } = {}): void {
  const block = blocksOf(editor)[blockIndex];
  if (!block) return;
  const point = (off: number) => pointInBlock(block, blockIndex, off);
  try {
    const dom = ReactEditor.toDOMNode(editor, block);
    dom.scrollIntoView({ block: 'center' });
  } catch {
    // Not rendered (yet): selecting still moves Slate's selection.
  }
  if (opts.focus !== false) ReactEditor.focus(editor);
  Transforms.select(editor, { anchor: point(offset), focus: point(offset + length) });
}

/** Insert blocks after the block holding the caret (or at the end). */
export function insertBlocks(editor: SpeechEditor, blocks: Block[]): void {
  if (!blocks.length) return;
  const cur = currentBlock(editor);
  const at = cur ? cur[1][0] + 1 : editor.children.length;
  Transforms.insertNodes(editor, blocksToValue(blocks), { at: [at] });
}
