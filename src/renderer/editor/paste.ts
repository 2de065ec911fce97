// Paste (and drop) of clipboard content: `text/html` (Word/WPS, web pages) and `text/plain` go through the
// text core's recognition — the same as importing that text — so headings become heading blocks (typed
// numbers removed: numbers are generated), title, byline and salutation are recognised. One undo step
// undoes the whole paste. A fragment (one line or paragraph) is left to Slate: plain text in the running text.
import { Editor, Node, Range, Transforms } from 'slate';
import { HistoryEditor } from 'slate-history';
import type { Block } from '../../core/model/types';
import { clipboardBlocks, fitPastedFront, pasteReplacesDraft } from '../../core/text/paste';
import type { SpeechEditor } from './types';

const SLATE_FRAGMENT = 'application/x-slate-fragment';

/** Insert recognised blocks for `data`; false when it is a fragment or the editor's own copy (Slate handles those). */
export function pasteStructured(editor: SpeechEditor, data: DataTransfer | null): boolean {
  if (!data || Array.from(data.types ?? []).includes(SLATE_FRAGMENT)) return false;
  const blocks = clipboardBlocks({ html: data.getData('text/html'), text: data.getData('text/plain') });
  if (!blocks) return false;
  insertBlocks(editor, blocks);
  return true;
}

/**
 * A paste event: recognised blocks, or else the plain text into the running text (its formatting is not
 * kept: blocks hold text only). The editor's own copy (a Slate fragment) is left to Slate.
 */
export function handlePaste(editor: SpeechEditor, data: DataTransfer | null): boolean {
  if (!data || Array.from(data.types ?? []).includes(SLATE_FRAGMENT)) return false;
  if (pasteStructured(editor, data)) return true;
  if (!data.getData('text/plain')) return false;
  HistoryEditor.withNewBatch(editor, () => {
    editor.insertTextData(data);
  });
  return true;
}

/**
 * Insert whole blocks at the caret, as one undo step: an empty current block is replaced, a caret inside a
 * block splits it, the selection (if any) is deleted first; a whole speech pasted into a draft without title
 * or body text replaces it; into any other draft its title, byline and salutation go in as body paragraphs
 * unless the draft lacks them and the caret is in its front matter. The caret ends after the last inserted block.
 */
export function insertBlocks(editor: SpeechEditor, blocks: Block[]): void {
  if (blocks.length === 0) return;
  HistoryEditor.withNewBatch(editor, () => {
    Editor.withoutNormalizing(editor, () => {
      // A speech pasted (title first) into a draft without title or body text (a new draft: empty title,
      // salutation) replaces it: no second title or salutation.
      const all = editor.children as Block[];
      if (pasteReplacesDraft(all, blocks)) {
        for (let k = all.length - 1; k >= 0; k--) Transforms.removeNodes(editor, { at: [k] });
        Transforms.insertNodes(editor, withText(blocks), { at: [0] });
        Transforms.select(editor, Editor.end(editor, [blocks.length - 1]));
        return;
      }
      if (!editor.selection) Transforms.select(editor, Editor.end(editor, []));
      if (editor.selection && Range.isExpanded(editor.selection)) Transforms.delete(editor);
      const sel = editor.selection;
      const i = sel ? sel.anchor.path[0] : editor.children.length - 1;
      const current = editor.children[i] as Block | undefined;
      let at = i + 1;
      if (!current || Node.string(current) === '') {
        if (current) Transforms.removeNodes(editor, { at: [i] });
        at = Math.min(i, editor.children.length);
      } else if (sel && Editor.isStart(editor, sel.anchor, [i])) {
        at = i;
      } else if (sel && !Editor.isEnd(editor, sel.anchor, [i])) {
        Transforms.splitNodes(editor, { at: sel.anchor, always: true });
        // the part after the caret is body text again
        Transforms.setNodes(editor, { type: 'paragraph' }, { at: [i + 1] });
        Transforms.unsetNodes(editor, ['level', 'guidance', 'role', 'sectionId'], { at: [i + 1] });
      }
      // Into a draft that has its own front matter (or above body text), the pasted title, byline and
      // salutation become body paragraphs (the one rule: fitPastedFront).
      const now = editor.children as Block[];
      const fitted = fitPastedFront(blocks, now, now.slice(0, at));
      Transforms.insertNodes(editor, withText(fitted), { at: [at] });
      Transforms.select(editor, Editor.end(editor, [at + fitted.length - 1]));
    });
  });
}

const withText = (blocks: Block[]): Block[] => blocks.map((b) => ({ ...b, children: b.children.length ? b.children : [{ text: '' }] }));
