import { Editor, Transforms, type Point } from 'slate';
import { HistoryEditor } from 'slate-history';
import type { Block } from '../../core/model/types';
import type { ParaFinding } from '../../core/proofread/types';
import type { SpeechEditor } from '../editor/types';

/** The Slate point at `offset` of a block's text (leaves in order; an offset at a leaf's end stays in that leaf). */
export function pointInText(block: Block, blockIndex: number, offset: number): Point {
  let base = 0;
  for (let k = 0; k < block.children.length; k++) {
    const len = block.children[k].text.length;
    if (offset <= base + len || k === block.children.length - 1) return { path: [blockIndex, k], offset: Math.min(offset - base, len) };
    base += len;
  }
  return { path: [blockIndex, 0], offset: 0 };
}

const blockText = (b: Block) => b.children.map((c) => c.text).join('');

/**
 * Apply a finding's fix as one undo step. Refused (false) when the paragraph is no longer the text it was found
 * in (the writer typed since: the next check will show it again where it is now).
 */
export function applyProofFix(editor: SpeechEditor, f: ParaFinding, paraText: string): boolean {
  if (f.fix === null) return false;
  const block = editor.children[f.para] as Block | undefined;
  if (!block || blockText(block) !== paraText) return false;
  const at = { anchor: pointInText(block, f.para, f.start), focus: pointInText(block, f.para, f.end) };
  HistoryEditor.withNewBatch(editor, () => {
    Editor.withoutNormalizing(editor, () => {
      if (f.fix) Transforms.insertText(editor, f.fix, { at });
      else Transforms.delete(editor, { at });
    });
  });
  return true;
}
