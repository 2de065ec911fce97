// Decorations follow the text as it is edited. A source sets its ranges (block index + offsets into the
// block's text) from a result computed on the document as it was; until it sets them again (the 校对 and 查重
// run after typing pauses), every edit moves the ranges with the text: typed characters push the marks after
// them along, a new paragraph (Enter) moves the marks below it down by one, a paragraph moved with Alt+↑/↓
// takes its marks along, deleted text takes its marks away. One Slate operation at a time, read against the
// document before the operation is applied (where its paths and offsets point).
import { Node, Path, Text, type Descendant, type Operation } from 'slate';
import type { DecorationRange } from './decorations';

/** The document before the operation (the editor: its children). */
export interface BlocksBefore {
  children: Descendant[];
}

/** Offset in block `b`'s text where its child `c` starts. */
function childOffset(doc: BlocksBefore, b: number, c: number): number {
  const block = doc.children[b];
  if (!block || Text.isText(block)) return 0;
  let n = 0;
  for (let i = 0; i < c && i < block.children.length; i++) n += Node.string(block.children[i]).length;
  return n;
}

const blockLength = (doc: BlocksBefore, b: number) => (doc.children[b] ? Node.string(doc.children[b]).length : 0);

/**
 * `ranges` after `op`, or `ranges` itself when the operation moves none of them. Text typed where a range
 * starts goes before it (the range moves on), text typed where it ends stays outside it.
 */
export function mapRanges(ranges: readonly DecorationRange[], op: Operation, before: BlocksBefore): readonly DecorationRange[] {
  switch (op.type) {
    case 'insert_text':
      return op.path.length === 2 ? inserted(ranges, op.path[0], childOffset(before, op.path[0], op.path[1]) + op.offset, op.text.length) : ranges;
    case 'remove_text':
      return op.path.length === 2 ? removed(ranges, op.path[0], childOffset(before, op.path[0], op.path[1]) + op.offset, op.text.length) : ranges;
    case 'insert_node':
      if (op.path.length === 1) return reindexed(ranges, op);
      return op.path.length === 2 ? inserted(ranges, op.path[0], childOffset(before, op.path[0], op.path[1]), Node.string(op.node).length) : ranges;
    case 'remove_node':
      if (op.path.length === 1) return reindexed(ranges, op);
      return op.path.length === 2 ? removed(ranges, op.path[0], childOffset(before, op.path[0], op.path[1]), Node.string(op.node).length) : ranges;
    case 'split_node':
      return op.path.length === 1 ? split(ranges, op.path[0], childOffset(before, op.path[0], op.position)) : ranges;
    case 'merge_node':
      return op.path.length === 1 ? merged(ranges, op.path[0], blockLength(before, op.path[0] - 1)) : ranges;
    case 'move_node':
      if (op.path.length === 1 && op.newPath.length === 1) return reindexed(ranges, op);
      // text moved between blocks (not an edit this editor makes): the marks of both blocks are dropped
      return ranges.some((r) => r.blockIndex === op.path[0] || r.blockIndex === op.newPath[0]) ? ranges.filter((r) => r.blockIndex !== op.path[0] && r.blockIndex !== op.newPath[0]) : ranges;
    default:
      return ranges; // set_node (a block's kind or level), set_selection
  }
}

/** `n` characters inserted at `p` of block `b`. */
function inserted(ranges: readonly DecorationRange[], b: number, p: number, n: number): readonly DecorationRange[] {
  if (!n || !ranges.some((r) => r.blockIndex === b && r.end > p)) return ranges;
  return ranges.map((r) => {
    if (r.blockIndex !== b || r.end <= p) return r;
    const start = r.start >= p ? r.start + n : r.start;
    return { ...r, start, end: Math.max(start, r.end + n) };
  });
}

/** `n` characters removed from `p` of block `b`: what lay inside goes, what came after moves back. */
function removed(ranges: readonly DecorationRange[], b: number, p: number, n: number): readonly DecorationRange[] {
  if (!n || !ranges.some((r) => r.blockIndex === b && r.end > p)) return ranges;
  const at = (x: number) => (x <= p ? x : x >= p + n ? x - n : p);
  const out: DecorationRange[] = [];
  for (const r of ranges) {
    if (r.blockIndex !== b || r.end <= p) out.push(r);
    else {
      const start = at(r.start);
      const end = at(r.end);
      if (end > start) out.push({ ...r, start, end });
    }
  }
  return out;
}

/** Block `b` split at offset `s` (Enter): what lies after `s` is in block b + 1, and the blocks below move down. */
function split(ranges: readonly DecorationRange[], b: number, s: number): readonly DecorationRange[] {
  if (!ranges.some((r) => r.blockIndex > b || (r.blockIndex === b && r.end > s))) return ranges;
  const out: DecorationRange[] = [];
  for (const r of ranges) {
    if (r.blockIndex > b) out.push({ ...r, blockIndex: r.blockIndex + 1 });
    else if (r.blockIndex < b || r.end <= s) out.push(r);
    else if (r.start >= s) out.push({ ...r, blockIndex: b + 1, start: r.start - s, end: r.end - s });
    else out.push({ ...r, end: s }, { ...r, blockIndex: b + 1, start: 0, end: r.end - s });
  }
  return out;
}

/** Block `b` joined to the end of block b − 1 (of `length` characters); the blocks below move up. */
function merged(ranges: readonly DecorationRange[], b: number, length: number): readonly DecorationRange[] {
  if (!ranges.some((r) => r.blockIndex >= b)) return ranges;
  return ranges.map((r) => (r.blockIndex > b ? { ...r, blockIndex: r.blockIndex - 1 } : r.blockIndex === b ? { ...r, blockIndex: b - 1, start: r.start + length, end: r.end + length } : r));
}

/** Blocks inserted, removed or moved: each range stays with its block (a removed block's ranges go). */
function reindexed(ranges: readonly DecorationRange[], op: Operation): readonly DecorationRange[] {
  let changed = false;
  const out: DecorationRange[] = [];
  for (const r of ranges) {
    const p = Path.transform([r.blockIndex], op);
    if (!p) changed = true;
    else if (p[0] !== r.blockIndex) {
      changed = true;
      out.push({ ...r, blockIndex: p[0] });
    } else out.push(r);
  }
  return changed ? out : ranges;
}
