// Marks (校对, 查重, 查找 …) stay on the text they were set on while the writer edits, until their source sets
// them again: the registry moves them with every operation of a real speech editor.
import { describe, expect, it } from 'vitest';
import { Editor, Node, Transforms } from 'slate';
import { HistoryEditor } from 'slate-history';
import type { Block } from '../../src/core/model/types';
import { blocksToValue, createSpeechEditor, moveBlock } from '../../src/renderer/editor/plugin';
import { DecorationRegistry, type DecorationRange } from '../../src/renderer/workbench/decorations';

const p = (text: string): Block => ({ type: 'paragraph', children: [{ text }] });

function setup(texts: string[], marks: { block: number; text: string; source?: string }[]) {
  const editor = createSpeechEditor();
  editor.children = blocksToValue(texts.map(p));
  let composing = false;
  const registry = new DecorationRegistry(() => composing);
  editor.applyListeners.add((op) => registry.mapThrough(op, editor));
  const bySource = new Map<string, DecorationRange[]>();
  for (const m of marks) {
    const start = texts[m.block].indexOf(m.text);
    if (start < 0) throw new Error(`no ${m.text} in block ${m.block}`);
    const source = m.source ?? 'proofread';
    bySource.set(source, [...(bySource.get(source) ?? []), { blockIndex: m.block, start, end: start + m.text.length, className: 'mark' }]);
  }
  for (const [source, ranges] of bySource) registry.set(source, ranges);
  /** The text under every range shown, block by block. */
  const marked = () => {
    const out: string[] = [];
    for (let b = 0; b < editor.children.length; b++) {
      const text = Node.string(editor.children[b]);
      for (const r of registry.forBlock(b)) out.push(`${b}:${text.slice(r.start, r.end)}`);
    }
    return out.sort();
  };
  return { editor, registry, marked, setComposing: (v: boolean) => (composing = v) };
}

const at = (editor: Editor, block: number, offset: number) => Transforms.select(editor, { path: [block, 0], offset });

describe('decorations follow the edits', () => {
  it('keeps a mark on its text when the writer types before it, inside the paragraph, or at its ends', () => {
    const { editor, marked } = setup(['今天召开全县工作会议。我们要推萎改革，不能松驰。'], [{ block: 0, text: '推萎' }, { block: 0, text: '松驰' }]);
    at(editor, 0, 2);
    editor.insertText('隆重');
    expect(marked()).toEqual(['0:推萎', '0:松驰']);
    // typed right where a mark starts: before it; where it ends: outside it
    const text = Node.string(editor.children[0]);
    at(editor, 0, text.indexOf('推萎'));
    editor.insertText('要');
    at(editor, 0, Node.string(editor.children[0]).indexOf('推萎') + 2);
    editor.insertText('了');
    expect(marked()).toEqual(['0:推萎', '0:松驰']);
    // a deletion before the marks moves them back
    Transforms.delete(editor, { at: { path: [0, 0], offset: 0 }, distance: 2, unit: 'character' });
    expect(marked()).toEqual(['0:推萎', '0:松驰']);
  });

  it('moves the marks below a new paragraph down, splits with Enter, joins with Backspace', () => {
    const { editor, marked } = setup(['第一段有错字推萎。', '第二段也有松驰。', '第三段提到推萎改革。'], [{ block: 1, text: '松驰' }, { block: 2, text: '推萎' }, { block: 0, text: '推萎' }]);
    at(editor, 0, 3); // Enter in the middle of the first paragraph, before its mark
    editor.insertBreak();
    expect(editor.children.length).toBe(4);
    expect(marked()).toEqual(['1:推萎', '2:松驰', '3:推萎']);
    // Backspace at the start of the split-off paragraph joins it back
    at(editor, 1, 0);
    editor.deleteBackward('character');
    expect(editor.children.length).toBe(3);
    expect(marked()).toEqual(['0:推萎', '1:松驰', '2:推萎']);
    // Enter in the middle of a mark: both halves stay marked
    const t = Node.string(editor.children[1]);
    at(editor, 1, t.indexOf('松驰') + 1);
    editor.insertBreak();
    expect(marked()).toEqual(['0:推萎', '1:松', '2:驰', '3:推萎']);
  });

  it('takes a paragraph’s marks along when it moves (Alt+↑/↓) and drops them with it when it is deleted; undo brings them back', () => {
    const { editor, marked } = setup(['甲段落推萎。', '乙段落松驰。', '丙段落。'], [{ block: 0, text: '推萎' }, { block: 1, text: '松驰' }]);
    at(editor, 1, 1);
    moveBlock(editor, -1);
    expect((editor.children as Block[]).map((b) => b.children[0].text)).toEqual(['乙段落松驰。', '甲段落推萎。', '丙段落。']);
    expect(marked()).toEqual(['0:松驰', '1:推萎']);
    Transforms.removeNodes(editor, { at: [0] });
    expect(marked()).toEqual(['0:推萎']);
    HistoryEditor.undo(editor);
    const texts = (editor.children as Block[]).map((b) => b.children[0].text);
    // undo re-inserts the paragraph (its mark was dropped with it: its source sets it again on its next run)
    expect(marked()).toEqual([`${texts.indexOf('甲段落推萎。')}:推萎`]);
    expect(texts).toContain('乙段落松驰。');
  });

  it('drops a mark whose text was deleted, and leaves the others', () => {
    const { editor, marked, registry } = setup(['请删去推萎二字，保留松驰。'], [{ block: 0, text: '推萎' }, { block: 0, text: '松驰', source: 'reuse' }]);
    const t = Node.string(editor.children[0]);
    Transforms.delete(editor, { at: { anchor: { path: [0, 0], offset: t.indexOf('推萎') }, focus: { path: [0, 0], offset: t.indexOf('推萎') + 2 } } });
    expect(marked()).toEqual(['0:松驰']);
    expect(registry.of('proofread')).toEqual([]);
    expect(registry.of('reuse')).toHaveLength(1);
  });

  it('moves nothing on screen during an IME composition, and shows the moved marks when it ends', () => {
    const { editor, registry, marked, setComposing } = setup(['输入法测试推萎。', '第二段'], [{ block: 1, text: '第二' }]);
    const v0 = registry.getVersion();
    setComposing(true);
    at(editor, 0, 0);
    editor.insertBreak();
    expect(registry.getVersion()).toBe(v0);
    setComposing(false);
    registry.composingEnded();
    expect(registry.getVersion()).toBe(v0 + 1);
    expect(marked()).toEqual(['2:第二']);
  });

  it('tells no one about typing (the edited block is drawn again anyway), but does about a new paragraph', () => {
    const { editor, registry, marked } = setup(['有标记推萎的段落。', '没有标记的段落。'], [{ block: 0, text: '推萎' }]);
    const v0 = registry.getVersion();
    at(editor, 1, 2);
    editor.insertText('新');
    at(editor, 0, 0);
    editor.insertText('前');
    expect(registry.getVersion()).toBe(v0);
    expect(marked()).toEqual(['0:推萎']);
    at(editor, 0, 0);
    editor.insertBreak();
    expect(registry.getVersion()).toBeGreaterThan(v0);
    expect(marked()).toEqual(['1:推萎']);
  });
});
