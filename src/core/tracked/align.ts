// Block alignment for tracked changes (修订稿): the blocks of the earlier text aligned with the current ones,
// in the current order, changed blocks diffed character by character. Each block is compared as displayed
// (generated number + text), so a renumbered heading shows as a tracked change too; a block whose kind or
// heading level changed carries its earlier block (`before`) so the writer can track the paragraph format.
import { diffSequence, diffText } from '../diff/index';
import { compareTexts, type ParagraphDiff } from '../compare/index';
import { Blocks } from '../model/block';
import { lastAtOrBefore } from '../model/sorted';
import type { Block, SpeechDoc } from '../model/types';
import { blockKind, exportedBlocks } from './exported';

export type TrackedPart = { kind: 'same' | 'insert' | 'delete'; text: string };

export type TrackedOp =
  | { kind: 'same'; block: Block; text: string; before?: Block }
  | { kind: 'insert'; block: Block; text: string }
  | { kind: 'delete'; block: Block; text: string }
  | { kind: 'change'; block: Block; parts: TrackedPart[]; before?: Block }
  /** A moved paragraph at its old place; `move` pairs it with its moveTo. */
  | { kind: 'moveFrom'; block: Block; text: string; move: number }
  | { kind: 'moveTo'; block: Block; text: string; move: number; before?: Block };

export interface TrackedAlignment {
  ops: TrackedOp[];
  /** paragraphs: the compare core's alignment (with moves); blocks: a block-level LCS (no moves). */
  method: 'paragraphs' | 'blocks';
  /** Coarser steps taken, in Chinese, for the export notes (never silent). */
  fallbacks: string[];
}

interface Item {
  block: Block;
  text: string;
  key: string;
}

function items(doc: SpeechDoc): Item[] {
  return exportedBlocks(doc).map(({ block, number }) => {
    const text = number + Blocks.text(block);
    return { block, text, key: `${blockKind(block)}:${text}` };
  });
}

/** The earlier block when its written kind differs from the current one's (a level or kind change). */
function changedFormat(before: Block, after: Block): { before?: Block } {
  return blockKind(before) === blockKind(after) ? {} : { before };
}

/** Dice coefficient over character bigrams (cheap similarity for pairing changed paragraphs). */
export function bigramSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const counts = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const c = counts.get(g);
    if (c) {
      common++;
      counts.set(g, c - 1);
    }
  }
  return (2 * common) / (a.length - 1 + (b.length - 1));
}

const PAIR_THRESHOLD = 0.3;

/** Character diff of one changed block; `coarse` when the diff ran out of time and became delete + insert. */
export function diffBlockText(oldText: string, newText: string): { parts: TrackedPart[]; coarse: boolean } {
  // Bounded in time (200 ms); the engine's own answer to a rewrite is a whole delete + insert, reported as coarse.
  const d = diffText(oldText, newText, { timeoutMs: 200, maxEditLength: oldText.length + newText.length, fallback: 'none', cleanup: false });
  if (!d.parts) {
    return {
      parts: [
        { kind: 'delete', text: oldText },
        { kind: 'insert', text: newText },
      ],
      coarse: true,
    };
  }
  const parts: TrackedPart[] = [];
  for (const c of d.parts) {
    const kind = c.op === 'insert' ? 'insert' : c.op === 'delete' ? 'delete' : 'same';
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += c.text;
    else parts.push({ kind, text: c.text });
  }
  return { parts, coarse: false };
}

/**
 * Align the earlier document's blocks with the current ones: the compare core's paragraph alignment (exact
 * anchors, modifications paired by similarity, moves) when every block is one line, else a block-level LCS
 * (reported in `fallbacks`). A paragraph moved unchanged becomes a moveFrom/moveTo pair; one moved and
 * edited becomes a deletion at its old place and an insertion at the new one.
 */
export function alignTracked(before: SpeechDoc, after: SpeechDoc): TrackedAlignment {
  const A = items(before);
  const B = items(after);
  const fallbacks: string[] = [];
  if ([...A, ...B].some((x) => x.text.includes('\n'))) {
    fallbacks.push('有段落含手动换行：修订按整段对齐，不标移动');
    return { ops: alignByBlocks(A, B, fallbacks), method: 'blocks', fallbacks };
  }
  return { ops: alignWithCompare(A, B, fallbacks), method: 'paragraphs', fallbacks };
}

function lineStarts(xs: Item[]): number[] {
  const starts: number[] = [];
  let pos = 0;
  for (const x of xs) {
    starts.push(pos);
    pos += x.text.length + 1;
  }
  return starts;
}

function alignWithCompare(A: Item[], B: Item[], fallbacks: string[]): TrackedOp[] {
  const result = compareTexts(A.map((x) => x.text).join('\n'), B.map((x) => x.text).join('\n'));
  const sa = lineStarts(A);
  const sb = lineStarts(B);
  const out: { op: TrackedOp; a?: number }[] = [];
  const moved: { a: number; move?: number }[] = [];
  let moves = 0;
  let coarse = 0;
  const partsOf = (d: ParagraphDiff): TrackedPart[] =>
    d.parts.map((p) => ({ kind: p.op === 'equal' ? 'same' : p.op, text: p.text }) as TrackedPart).filter((p) => p.text !== '');
  for (const d of result.paragraphs) {
    const ai = d.a ? lastAtOrBefore(sa, d.a[0]) : undefined;
    const bi = d.b ? lastAtOrBefore(sb, d.b[0]) : undefined;
    if (d.coarse) coarse++;
    if (d.op === 'equal' && bi !== undefined && ai !== undefined) {
      out.push({ op: { kind: 'same', block: B[bi].block, text: B[bi].text, ...changedFormat(A[ai].block, B[bi].block) }, a: ai });
    } else if (d.op === 'insert' && bi !== undefined) out.push({ op: { kind: 'insert', block: B[bi].block, text: B[bi].text } });
    else if (d.op === 'delete' && ai !== undefined) out.push({ op: { kind: 'delete', block: A[ai].block, text: A[ai].text }, a: ai });
    else if (d.op === 'modify' && bi !== undefined && ai !== undefined) {
      out.push({ op: { kind: 'change', block: B[bi].block, parts: partsOf(d), ...changedFormat(A[ai].block, B[bi].block) }, a: ai });
    } else if (d.op === 'move' && bi !== undefined && ai !== undefined) {
      if (A[ai].text === B[bi].text) {
        const move = ++moves;
        out.push({ op: { kind: 'moveTo', block: B[bi].block, text: B[bi].text, move, ...changedFormat(A[ai].block, B[bi].block) } });
        moved.push({ a: ai, move });
      } else {
        out.push({ op: { kind: 'insert', block: B[bi].block, text: B[bi].text } });
        moved.push({ a: ai });
      }
    } else throw new Error(`tracked changes: unexpected paragraph entry ${d.op}`);
  }
  if (coarse) fallbacks.push(`${coarse} 段改动过大或比对超时，按整段删除再插入标出`);
  // The old place of each moved paragraph: before the first entry that comes after it in the earlier text.
  for (const m of moved.sort((x, y) => y.a - x.a)) {
    const { block, text } = A[m.a];
    const op: TrackedOp = m.move ? { kind: 'moveFrom', block, text, move: m.move } : { kind: 'delete', block, text };
    const at = out.findIndex((e) => e.a !== undefined && e.a > m.a);
    if (at < 0) out.push({ op, a: m.a });
    else out.splice(at, 0, { op, a: m.a });
  }
  return out.map((e) => e.op);
}

function alignByBlocks(A: Item[], B: Item[], fallbacks: string[]): TrackedOp[] {
  const out: TrackedOp[] = [];
  let ai = 0;
  let bi = 0;
  let removed: Item[] = [];
  let added: Item[] = [];
  let coarse = 0;
  const flush = () => {
    coarse += pairGroup(removed, added, out);
    removed = [];
    added = [];
  };
  const keysA = A.map((x) => x.key);
  const keysB = B.map((x) => x.key);
  // Blocks equal by kind and displayed text; out of time, the whole document is one changed stretch (reported).
  const matched = diffSequence(keysA, keysB, { timeoutMs: 2000 });
  if (!matched) fallbacks.push('段落对齐超时，整篇按改动段落逐段比对');
  for (const [x, y] of matched ?? []) {
    removed.push(...A.slice(ai, x));
    added.push(...B.slice(bi, y));
    flush();
    out.push({ kind: 'same', block: B[y].block, text: B[y].text });
    ai = x + 1;
    bi = y + 1;
  }
  removed.push(...A.slice(ai));
  added.push(...B.slice(bi));
  flush();
  if (coarse) fallbacks.push(`${coarse} 段比对超时，按整段删除再插入标出`);
  return out;
}

/** Pair removed and added blocks of one gap in order when they are similar; the rest are whole deletes/inserts. */
function pairGroup(removed: Item[], added: Item[], out: TrackedOp[]): number {
  let i = 0;
  let j = 0;
  let coarse = 0;
  while (i < removed.length || j < added.length) {
    if (i >= removed.length) {
      out.push({ kind: 'insert', block: added[j].block, text: added[j++].text });
      continue;
    }
    if (j >= added.length) {
      out.push({ kind: 'delete', block: removed[i].block, text: removed[i++].text });
      continue;
    }
    const r = removed[i];
    const a = added[j];
    if (bigramSimilarity(r.text, a.text) >= PAIR_THRESHOLD) {
      const d = diffBlockText(r.text, a.text);
      if (d.coarse) coarse++;
      out.push({ kind: 'change', block: a.block, parts: d.parts, ...changedFormat(r.block, a.block) });
      i++;
      j++;
      continue;
    }
    // Not similar: if the removed block matches a later added one, the current added block is new.
    const laterMatch = added.slice(j + 1).some((x) => bigramSimilarity(r.text, x.text) >= PAIR_THRESHOLD);
    if (laterMatch) out.push({ kind: 'insert', block: a.block, text: added[j++].text });
    else out.push({ kind: 'delete', block: r.block, text: removed[i++].text });
  }
  return coarse;
}
