import { describe, expect, it } from 'vitest';
import { Transforms } from 'slate';
import { HistoryEditor } from 'slate-history';
import { findMatches } from '../../src/core/find/index';
import type { Block } from '../../src/core/model/types';
import { blocksToValue, createSpeechEditor } from '../../src/renderer/editor/plugin';
import { blockTexts, replaceMatches, scopeOf } from '../../src/renderer/find/replace';

function editorWith(blocks: Block[]) {
  const editor = createSpeechEditor();
  editor.children = blocksToValue(blocks);
  return editor;
}
const p = (...leaves: string[]): Block => ({ type: 'paragraph', children: leaves.map((text) => ({ text })) });

describe('replaceMatches', () => {
  it('replaces every match, across leaves too, and one undo restores them all', () => {
    const editor = editorWith([p('全市干部，全市群众'), p('全', '市一盘棋', '，要全市'), p('无关')]);
    // an earlier, separate edit that must survive the undo
    Transforms.insertText(editor, '。', { at: { path: [2, 0], offset: 2 } });
    HistoryEditor.withNewBatch(editor, () => undefined);
    const matches = findMatches(blockTexts(editor), '全市');
    expect(matches).toHaveLength(4);
    expect(replaceMatches(editor, matches, '本市')).toBe(4);
    expect(blockTexts(editor)).toEqual(['本市干部，本市群众', '本市一盘棋，要本市', '无关。']);
    HistoryEditor.undo(editor);
    expect(blockTexts(editor)).toEqual(['全市干部，全市群众', '全市一盘棋，要全市', '无关。']);
    HistoryEditor.undo(editor);
    expect(blockTexts(editor)).toEqual(['全市干部，全市群众', '全市一盘棋，要全市', '无关']);
  });

  it('replaces by nothing (deletes) and by a longer text that contains the query', () => {
    const editor = editorWith([p('甲乙甲乙甲')]);
    replaceMatches(editor, findMatches(blockTexts(editor), '乙'), '');
    expect(blockTexts(editor)).toEqual(['甲甲甲']);
    replaceMatches(editor, findMatches(blockTexts(editor), '甲'), '甲甲');
    expect(blockTexts(editor)).toEqual(['甲甲甲甲甲甲']);
  });

  it('a selection becomes a find scope in block offsets', () => {
    const editor = editorWith([p('一二', '三四'), p('五六')]);
    expect(scopeOf(editor, { anchor: { path: [1, 0], offset: 1 }, focus: { path: [0, 1], offset: 1 } })).toEqual({
      start: { blockIndex: 0, offset: 3 },
      end: { blockIndex: 1, offset: 1 },
    });
    expect(scopeOf(editor, { anchor: { path: [0, 0], offset: 1 }, focus: { path: [0, 0], offset: 1 } })).toBeNull();
  });
});
