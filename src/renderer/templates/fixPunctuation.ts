import { Editor, Transforms } from 'slate';
import { docPunctuationEdits } from '../../core/proofread/punctuation';
import type { Block } from '../../core/model/types';
import type { SpeechEditor } from '../editor/types';

/**
 * 统一为全角标点: replace half-width punctuation in Chinese text through Slate transforms on the affected
 * leaves (one character for one, so the selection and other offsets stay valid; one undo step).
 * Returns how many characters were changed.
 */
export function applyPunctuationFix(editor: SpeechEditor): number {
  const edits = docPunctuationEdits({ blocks: editor.children as Block[] });
  if (!edits.length) return 0;
  Editor.withoutNormalizing(editor, () => {
    for (const e of edits) {
      const path = [e.blockIndex, e.child];
      Transforms.insertText(editor, e.to, { at: { anchor: { path, offset: e.offset }, focus: { path, offset: e.offset + 1 } } });
    }
  });
  return edits.length;
}
