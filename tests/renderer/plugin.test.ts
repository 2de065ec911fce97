import { describe, expect, it } from 'vitest';
import { Editor, Transforms } from 'slate';
import type { Block } from '../../src/core/model/types';
import { blocksToValue, createSpeechEditor, moveBlock, moveSection, pointInBlock, sectionRange, setBlockKind } from '../../src/renderer/editor/plugin';

const h = (level: 1 | 2 | 3 | 4, text: string): Block => ({ type: 'heading', level, children: [{ text }] });
const p = (text: string): Block => ({ type: 'paragraph', children: [{ text }] });

function editorWith(blocks: Block[]) {
  const editor = createSpeechEditor();
  editor.children = blocksToValue(blocks);
  editor.numbers.recompute(editor.children as Block[]);
  return editor;
}
const rows = (e: ReturnType<typeof createSpeechEditor>) => (e.children as Block[]).map((b) => `${b.type === 'heading' ? 'h' + b.level : b.type[0]}:${b.children.map((c) => c.text).join('')}`);
const caretIn = (e: ReturnType<typeof createSpeechEditor>, i: number) => Transforms.select(e, Editor.end(e, [i]));

describe('editor commands', () => {
  const doc = [p('开场'), h(1, '甲'), p('甲文'), h(2, '甲一'), p('甲一文'), h(1, '乙'), p('乙文'), h(1, '丙')];

  it('finds a heading section up to the next heading of the same or higher rank', () => {
    expect(sectionRange(doc, 1)).toEqual([1, 5]);
    expect(sectionRange(doc, 3)).toEqual([3, 5]);
    expect(sectionRange(doc, 5)).toEqual([5, 7]);
    expect(sectionRange(doc, 7)).toEqual([7, 8]);
  });

  it('moves a section above its previous sibling and renumbers', () => {
    const e = editorWith(doc);
    caretIn(e, 6); // inside 乙's section (its body paragraph)
    expect(moveSection(e, -1)).toBe(true);
    expect(rows(e)).toEqual(['p:开场', 'h1:乙', 'p:乙文', 'h1:甲', 'p:甲文', 'h2:甲一', 'p:甲一文', 'h1:丙']);
    e.onChange();
    expect(e.numbers.byIndex).toEqual([null, '一、', null, '二、', null, '（一）', null, '三、']);
  });

  it('moves a section below its next sibling', () => {
    const e = editorWith(doc);
    caretIn(e, 1);
    expect(moveSection(e, 1)).toBe(true);
    expect(rows(e)).toEqual(['p:开场', 'h1:乙', 'p:乙文', 'h1:甲', 'p:甲文', 'h2:甲一', 'p:甲一文', 'h1:丙']);
  });

  it('does not move a first sub-section out of its parent', () => {
    const e = editorWith(doc);
    caretIn(e, 3);
    expect(moveSection(e, -1)).toBe(false);
    expect(rows(e)).toEqual(rows(editorWith(doc)));
  });

  it('moves single blocks and sets block kinds', () => {
    const e = editorWith(doc);
    caretIn(e, 2);
    moveBlock(e, 1);
    expect(rows(e).slice(1, 4)).toEqual(['h1:甲', 'h2:甲一', 'p:甲文']);
    setBlockKind(e, 'heading', 3);
    expect((e.children[3] as Block).level).toBe(3);
    setBlockKind(e, 'paragraph');
    expect(e.children[3]).toEqual(p('甲文'));
  });

  it('Enter after a heading starts a body paragraph without the heading properties', () => {
    const e = editorWith([{ type: 'heading', level: 1, guidance: '写总体要求', sectionId: 's1', children: [{ text: '总体要求' }] }]);
    caretIn(e, 0);
    e.insertBreak();
    expect(e.children).toEqual([
      { type: 'heading', level: 1, guidance: '写总体要求', sectionId: 's1', children: [{ text: '总体要求' }] },
      { type: 'paragraph', children: [{ text: '' }] },
    ]);
  });

  it('Enter at the start of a heading inserts an empty paragraph before it', () => {
    const e = editorWith([h(1, '总体要求')]);
    Transforms.select(e, Editor.start(e, [0]));
    e.insertBreak();
    expect(rows(e)).toEqual(['p:', 'h1:总体要求']);
  });

  it('pastes plain text as one body paragraph per non-blank line, even into a heading', () => {
    const e = editorWith([h(1, '总体要求'), p('尾')]);
    caretIn(e, 0);
    const data = { getData: (t: string) => (t === 'text/plain' ? '一是抓落实。\r\n\r\n二是抓作风。\n三是抓队伍。' : '') } as unknown as DataTransfer;
    expect(e.insertTextData(data)).toBe(true);
    expect(rows(e)).toEqual(['h1:总体要求一是抓落实。', 'p:二是抓作风。', 'p:三是抓队伍。', 'p:尾']);
  });

  it('maps a block offset to a point across its text leaves (ends of leaves stay in the earlier leaf; clamped)', () => {
    const b: Block = { type: 'paragraph', children: [{ text: '抓好' }, { text: '项目' }, { text: '建设' }] };
    expect(pointInBlock(b, 5, 0)).toEqual({ path: [5, 0], offset: 0 });
    expect(pointInBlock(b, 5, 2)).toEqual({ path: [5, 0], offset: 2 });
    expect(pointInBlock(b, 5, 3)).toEqual({ path: [5, 1], offset: 1 });
    expect(pointInBlock(b, 5, 6)).toEqual({ path: [5, 2], offset: 2 });
    expect(pointInBlock(b, 5, 99)).toEqual({ path: [5, 2], offset: 2 });
    expect(pointInBlock(b, 5, -1)).toEqual({ path: [5, 0], offset: 0 });
  });

  it('keeps heading numbers on blocks edited by typing, and renumbers on structural changes', () => {
    const e = editorWith([h(1, '甲'), h(1, '乙'), p('文')]);
    e.onChange();
    caretIn(e, 1);
    e.insertText('丙');
    e.onChange();
    expect(e.numbers.get(e.children[1] as Block)).toBe('二、');
    setBlockKind(e, 'heading', 2);
    e.onChange();
    expect(e.numbers.get(e.children[1] as Block)).toBe('（一）');
    expect(e.numbers.byIndex).toEqual(['一、', '（一）', null]);
  });
});
