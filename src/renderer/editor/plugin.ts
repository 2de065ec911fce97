import { createEditor, Editor, Element, Node, Transforms, type Descendant, type Path, type Point } from 'slate';
import { withHistory } from 'slate-history';
import { withReact } from 'slate-react';
import type { Block, BlockType, HeadingLevel } from '../../core/model/types';
import { BLOCK_TYPES } from '../../core/model/types';
import { typedNumberPrefix } from '../../core/text/numbers';
import { NumberStore } from './numbers';
import { pasteStructured } from './paste';
import type { SpeechEditor } from './types';

/** Number of top-level blocks per rendered chunk (Slate's chunking optimisation). */
export const CHUNK_SIZE = 16;

const TEXT_OPS = new Set(['insert_text', 'remove_text']);

export function createSpeechEditor(): SpeechEditor {
  const editor = withSpeech(withHistory(withReact(createEditor())) as SpeechEditor);
  return editor;
}

function withSpeech(editor: SpeechEditor): SpeechEditor {
  editor.numbers = new NumberStore();
  editor.composing = false;
  editor.changeListeners = new Set();
  editor.applyListeners = new Set();
  editor.getChunkSize = (node) => (Editor.isEditor(node) ? CHUNK_SIZE : null);

  const { onChange, normalizeNode, insertBreak, insertData, apply } = editor;

  editor.apply = (op) => {
    for (const l of editor.applyListeners) l(op);
    apply(op);
  };

  // Clipboard HTML / multi-line text: recognised blocks (paste.ts); a fragment or Slate's own copy as before.
  editor.insertData = (data: DataTransfer) => {
    if (!pasteStructured(editor, data)) insertData(data);
  };

  editor.onChange = (options) => {
    let content = false;
    let structural = false;
    const touched = new Set<number>();
    for (const op of editor.operations) {
      if (op.type === 'set_selection') continue;
      content = true;
      if (TEXT_OPS.has(op.type)) touched.add((op as { path: number[] }).path[0]);
      else structural = true;
    }
    if (structural) {
      // Blocks inserted, removed, moved, split, merged or re-levelled: renumber everything (O(blocks)).
      editor.numbers.recompute(blocksOf(editor));
      editor.numbers.notify();
    } else if (content) {
      // Typing: numbers are unchanged; only the edited blocks need their entries carried over.
      editor.numbers.retarget(blocksOf(editor), touched);
    }
    onChange(options);
    for (const l of editor.changeListeners) l(structural, content);
  };

  editor.normalizeNode = (entry, options) => {
    const [node, path] = entry;
    // Never restructure while an IME composition is in progress.
    if (!editor.composing) {
      if (path.length === 0 && editor.children.length === 0) {
        Transforms.insertNodes(editor, paragraph(), { at: [0] });
        return;
      }
      if (path.length === 1 && Element.isElement(node)) {
        const b = node as Block;
        if (!(BLOCK_TYPES as readonly string[]).includes(b.type)) {
          Transforms.setNodes(editor, { type: 'paragraph' }, { at: path });
          return;
        }
        if (b.type === 'heading' && ![1, 2, 3, 4].includes(b.level as number)) {
          Transforms.setNodes(editor, { level: 1 }, { at: path });
          return;
        }
        if (b.type !== 'heading' && b.level !== undefined) {
          Transforms.unsetNodes(editor, 'level', { at: path });
          return;
        }
        // Blocks hold text only: lift nested blocks (e.g. from a pasted fragment) to the top level.
        for (let i = 0; i < b.children.length; i++) {
          if (Element.isElement(b.children[i] as unknown as Node)) {
            Transforms.unwrapNodes(editor, { at: path });
            return;
          }
        }
      }
    }
    normalizeNode(entry, options);
  };

  // Pasted plain text: one body paragraph per non-blank line (Slate's default would copy the current block's
  // kind, e.g. make every pasted line a heading).
  editor.insertTextData = (data: DataTransfer) => {
    const text = data.getData('text/plain');
    if (!text) return false;
    const lines = text.split(/\r\n|\r|\n/).filter((l, i, all) => l.trim() !== '' || (all.length === 1 && i === 0));
    Editor.withoutNormalizing(editor, () => {
      lines.forEach((line, i) => {
        if (i > 0) editor.insertBreak();
        editor.insertText(line);
      });
    });
    return true;
  };

  editor.insertBreak = () => {
    const entry = currentBlock(editor);
    if (!entry || !editor.selection) return insertBreak();
    const [block, path] = entry;
    const start = Editor.start(editor, path);
    const atStart = Editor.isStart(editor, editor.selection.anchor, path) && Editor.isStart(editor, editor.selection.focus, path);
    if (atStart && Node.string(block) !== '' && start) {
      // Enter at the start of a non-empty block: insert an empty body paragraph before it.
      Transforms.insertNodes(editor, paragraph(), { at: path, select: false });
      return;
    }
    Editor.withoutNormalizing(editor, () => {
      insertBreak();
      const next = currentBlock(editor);
      if (next && next[0].type !== 'paragraph') Transforms.setNodes(editor, { type: 'paragraph' }, { at: next[1] });
      if (next) Transforms.unsetNodes(editor, ['level', 'guidance', 'role', 'sectionId'], { at: next[1] });
    });
  };

  return editor;
}

/** The editor's top-level nodes, which are always blocks (enforced by normalizeNode). */
export function blocksOf(editor: SpeechEditor): Block[] {
  return editor.children as Block[];
}

/** The Slate point at a character offset inside top-level block `blockIndex` (across its text leaves; clamped). */
export function pointInBlock(block: Block, blockIndex: number, offset: number): Point {
  let rest = Math.max(0, offset);
  for (let i = 0; i < block.children.length; i++) {
    const len = block.children[i].text.length;
    if (rest <= len || i === block.children.length - 1) return { path: [blockIndex, i], offset: Math.min(rest, len) };
    rest -= len;
  }
  return { path: [blockIndex, 0], offset: 0 };
}

export function paragraph(text = ''): Block {
  return { type: 'paragraph', children: [{ text }] };
}

export function currentBlock(editor: SpeechEditor): [Block, Path] | null {
  const sel = editor.selection;
  if (!sel) return null;
  const i = sel.anchor.path[0];
  const b = blocksOf(editor)[i];
  return b ? [b, [i]] : null;
}

/** Indices of the top-level blocks touched by the selection. */
export function selectedBlockIndices(editor: SpeechEditor): number[] {
  const sel = editor.selection;
  if (!sel) return [];
  const a = sel.anchor.path[0];
  const f = sel.focus.path[0];
  const out: number[] = [];
  for (let i = Math.min(a, f); i <= Math.max(a, f); i++) out.push(i);
  return out;
}

/** Set the kind (and heading level) of the selected blocks; a heading loses a typed number (`一、`): numbers are generated. */
export function setBlockKind(editor: SpeechEditor, type: BlockType, level?: HeadingLevel): void {
  const idx = selectedBlockIndices(editor);
  if (idx.length === 0) return;
  Editor.withoutNormalizing(editor, () => {
    for (const i of idx) {
      if (type === 'heading') {
        Transforms.setNodes(editor, { type, level: level ?? 1 }, { at: [i] });
        const block = blocksOf(editor)[i];
        const text = Node.string(block);
        const typed = typedNumberPrefix(text);
        if (typed) {
          const end = text.length - text.trimStart().length + typed.length;
          Transforms.delete(editor, { at: { anchor: pointInBlock(block, i, 0), focus: pointInBlock(block, i, end) } });
        }
      } else {
        Transforms.setNodes(editor, { type }, { at: [i] });
        Transforms.unsetNodes(editor, 'level', { at: [i] });
      }
    }
  });
}

/** Move the current block one place up or down. */
export function moveBlock(editor: SpeechEditor, dir: -1 | 1): boolean {
  const entry = currentBlock(editor);
  if (!entry) return false;
  const i = entry[1][0];
  const j = i + dir;
  if (j < 0 || j >= editor.children.length) return false;
  Transforms.moveNodes(editor, { at: [i], to: [j] });
  return true;
}

/** The range [start, end) of the section a heading at `i` opens (up to the next heading of the same or a higher rank). */
export function sectionRange(blocks: readonly Block[], i: number): [number, number] {
  const b = blocks[i];
  if (b.type !== 'heading') return [i, i + 1];
  const level = b.level ?? 1;
  let end = i + 1;
  while (end < blocks.length) {
    const n = blocks[end];
    if (n.type === 'heading' && (n.level ?? 1) <= level) break;
    if (n.type === 'title' || n.type === 'byline' || n.type === 'salutation') break;
    end++;
  }
  return [i, end];
}

/** The start of the previous sibling section of the heading at `i`, or null. */
function previousSibling(blocks: readonly Block[], i: number): number | null {
  const level = blocks[i].level ?? 1;
  for (let k = i - 1; k >= 0; k--) {
    const n = blocks[k];
    if (n.type === 'heading') {
      const l = n.level ?? 1;
      if (l === level) return k;
      if (l < level) return null;
    }
    if (n.type === 'title' || n.type === 'byline' || n.type === 'salutation') return null;
  }
  return null;
}

/** Move the section of the heading containing the caret above the previous / below the next sibling section. */
export function moveSection(editor: SpeechEditor, dir: -1 | 1): boolean {
  const entry = currentBlock(editor);
  if (!entry) return false;
  const blocks = blocksOf(editor);
  // The heading whose section contains the caret.
  let h = entry[1][0];
  while (h >= 0 && blocks[h].type !== 'heading') h--;
  if (h < 0) return moveBlock(editor, dir);
  if (dir === -1) {
    const p = previousSibling(blocks, h);
    if (p === null) return false;
    moveRangeBefore(editor, sectionRange(blocks, h), p);
    return true;
  }
  const [, end] = sectionRange(blocks, h);
  const next = blocks[end];
  if (!next || next.type !== 'heading' || (next.level ?? 1) !== (blocks[h].level ?? 1)) return false;
  moveRangeBefore(editor, sectionRange(blocks, end), h);
  return true;
}

function moveRangeBefore(editor: SpeechEditor, [start, end]: [number, number], to: number): void {
  Editor.withoutNormalizing(editor, () => {
    for (let k = 0; k < end - start; k++) Transforms.moveNodes(editor, { at: [start + k], to: [to + k] });
  });
}

export function blocksToValue(blocks: readonly Block[]): Descendant[] {
  const v = blocks.length ? blocks : [paragraph()];
  return v.map((b) => ({ ...b, children: b.children.length ? b.children : [{ text: '' }] })) as Descendant[];
}

/** Replace the whole content (loading a draft): clears selection and undo history, recomputes numbers. */
export function resetEditor(editor: SpeechEditor, value: Block[]): void {
  editor.children = value;
  editor.selection = null;
  editor.history = { undos: [], redos: [] };
  editor.numbers.recompute(value);
}
