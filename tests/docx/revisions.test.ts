import { describe, expect, it } from 'vitest';
import { alignTracked, type TrackedOp as RevisionOp } from '../../src/core/tracked/align';
const alignRevisions = (a: SpeechDoc, b: SpeechDoc) => alignTracked(a, b).ops;
import { exportedBlocks } from '../../src/services/docx/blocks';
import { Blocks } from '../../src/core/model/block';
import type { SpeechDoc } from '../../src/core/model/types';
import { textToDoc } from '../../src/core/text/index';
import { hasShared, readMiniSeed } from '../helpers/shared';
import { firstPiece } from './helpers';

/** What Word shows after 接受所有修订 / 拒绝所有修订. */
function accepted(ops: RevisionOp[]): string[] {
  return ops.flatMap((o) => (o.kind === 'delete' || o.kind === 'moveFrom' ? [] : o.kind === 'change' ? [o.parts.filter((p) => p.kind !== 'delete').map((p) => p.text).join('')] : [o.text]));
}
function rejected(ops: RevisionOp[]): string[] {
  return ops.flatMap((o) => (o.kind === 'insert' || o.kind === 'moveTo' ? [] : o.kind === 'change' ? [o.parts.filter((p) => p.kind !== 'insert').map((p) => p.text).join('')] : [o.text]));
}
const shown = (d: SpeechDoc) => exportedBlocks(d).map(({ block, number }) => number + Blocks.text(block));

describe('tracked changes alignment', () => {
  it.for([
    // the small committed bundle's first two speeches (enough paragraphs), or the seed's 第一篇
    { name: 'synthetic 第一、二篇', doc: () => ((t) => textToDoc(t.slice(0, t.indexOf('第三篇'))))(readMiniSeed()), edit: ['三个问题', '三个问题、真抓实干'], skip: false },
    { name: 'seed 第一篇', doc: () => firstPiece().doc, edit: ['同心同德', '同心同德、真抓实干'], skip: !hasShared },
  ])('accepting all gives the current text, rejecting all the earlier one ($name, edits, a move, a deletion)', ({ doc, edit: [from, to], skip }, ctx) => {
    if (skip) return ctx.skip();
    const before = doc();
    const after = structuredClone(before);
    const paras = after.blocks.map((b, i) => (b.type === 'paragraph' ? i : -1)).filter((i) => i >= 0);
    expect(Blocks.text(after.blocks[paras[2]])).toContain(from);
    after.blocks[paras[2]].children = [{ text: Blocks.text(after.blocks[paras[2]]).replace(from, to) }];
    after.blocks[paras[5]].children = [{ text: Blocks.text(after.blocks[paras[5]]).slice(10) }];
    const [moved] = after.blocks.splice(paras[8], 1);
    after.blocks.splice(paras[1], 0, moved);
    after.blocks.splice(paras[12], 1);
    after.blocks.push(Blocks.paragraph('新加的结尾段落。'));
    const ops = alignRevisions(before, after);
    expect(accepted(ops)).toEqual(shown(after));
    expect(rejected(ops)).toEqual(shown(before));
    // Most paragraphs are untouched.
    expect(ops.filter((o) => o.kind === 'same').length).toBeGreaterThan(before.blocks.length - 8);
    const change = ops.find((o) => o.kind === 'change' && o.parts.some((p) => p.kind === 'insert' && p.text.includes('真抓实干')));
    expect(change).toBeDefined();
    // The moved paragraph: moved away from its old place, moved to the new one (one move, paired).
    const movedText = Blocks.text(moved);
    const at = (kind: 'moveTo' | 'moveFrom') => ops.findIndex((o) => o.kind === kind && o.text === movedText);
    expect(at('moveTo')).toBeGreaterThanOrEqual(0);
    expect(at('moveFrom')).toBeGreaterThan(at('moveTo'));
    const pair = ops.filter((o) => o.kind === 'moveTo' || o.kind === 'moveFrom').map((o) => ('move' in o ? o.move : 0));
    expect(new Set(pair).size).toBe(1);
  });

  it('works the same when a block holds a line break (block-level fallback)', () => {
    const before: SpeechDoc = { blocks: [Blocks.make('title', '关于加强\n作风建设的讲话'), Blocks.paragraph('第一段。'), Blocks.paragraph('第二段要删。')] };
    const after: SpeechDoc = { blocks: [Blocks.make('title', '关于加强\n作风建设的讲话'), Blocks.paragraph('第一段，改了。'), Blocks.heading(1, '新标题')] };
    const ops = alignRevisions(before, after);
    expect(accepted(ops)).toEqual(shown(after));
    expect(rejected(ops)).toEqual(shown(before));
  });

  it('identical texts give no changes', () => {
    const d: SpeechDoc = { blocks: [Blocks.make('title', '讲话'), Blocks.paragraph('正文一。'), Blocks.heading(1, '要求')] };
    expect(alignRevisions(d, structuredClone(d)).every((o) => o.kind === 'same')).toBe(true);
  });
});
