// The tracked changes of a 修订稿: blocks of the earlier text aligned with the current ones, changed blocks
// diffed character by character. Each block is compared as displayed (generated number + text), so a
// renumbered heading shows as a tracked change too.
import { diffArrays, diffChars } from 'diff';
import { compareTexts, type ParagraphDiff } from '../../core/compare/index';
import { Blocks } from '../../core/model/block';
import type { Block, SpeechDoc } from '../../core/model/types';
import { lastAtOrBefore } from '../../core/model/sorted';
import { exportedBlocks } from './blocks';

export type RevisionPart = { kind: 'same' | 'insert' | 'delete'; text: string };

export type RevisionOp =
  | { kind: 'same'; block: Block; text: string }
  | { kind: 'insert'; block: Block; text: string }
  | { kind: 'delete'; block: Block; text: string }
  | { kind: 'change'; block: Block; parts: RevisionPart[] };

interface Item {
  block: Block;
  text: string;
  key: string;
}

function items(doc: SpeechDoc): Item[] {
  return exportedBlocks(doc).map(({ block, number }) => {
    const text = number + Blocks.text(block);
    return { block, text, key: `${block.type}:${block.level ?? ''}:${text}` };
  });
}

/** Dice coefficient over character bigrams (cheap similarity for pairing changed paragraphs). */
export function bigramSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
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

/** Character diff of one changed block; a diff that would take too long falls back to delete + insert. */
export function diffBlockText(oldText: string, newText: string): RevisionPart[] {
  const changes = diffChars(oldText, newText, { timeout: 200 });
  if (!changes) {
    return [
      { kind: 'delete', text: oldText },
      { kind: 'insert', text: newText },
    ];
  }
  const parts: RevisionPart[] = [];
  for (const c of changes) {
    const kind = c.added ? 'insert' : c.removed ? 'delete' : 'same';
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += c.value;
    else parts.push({ kind, text: c.value });
  }
  return parts;
}

/**
 * Align the earlier document's blocks with the current ones, in the current order: the compare core's
 * paragraph alignment (exact anchors, modifications paired by similarity, moves) when every block is one
 * line, else a block-level LCS. A moved paragraph becomes a deletion at its old place and an insertion at
 * the new one (what Word's accept/reject handles everywhere).
 */
export function alignRevisions(before: SpeechDoc, after: SpeechDoc): RevisionOp[] {
  const A = items(before);
  const B = items(after);
  if (![...A, ...B].some((x) => x.text.includes('\n'))) {
    try {
      return alignWithCompare(A, B);
    } catch {
      // fall back to the block-level alignment below
    }
  }
  return alignByBlocks(A, B);
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

function alignWithCompare(A: Item[], B: Item[]): RevisionOp[] {
  const result = compareTexts(A.map((x) => x.text).join('\n'), B.map((x) => x.text).join('\n'));
  const sa = lineStarts(A);
  const sb = lineStarts(B);
  const out: { op: RevisionOp; a?: number }[] = [];
  const moved: number[] = [];
  const partsOf = (d: ParagraphDiff): RevisionPart[] =>
    d.parts.map((p) => ({ kind: p.op === 'equal' ? 'same' : p.op, text: p.text }) as RevisionPart).filter((p) => p.text !== '');
  for (const d of result.paragraphs) {
    const ai = d.a ? lastAtOrBefore(sa, d.a[0]) : undefined;
    const bi = d.b ? lastAtOrBefore(sb, d.b[0]) : undefined;
    if (d.op === 'equal' && bi !== undefined) out.push({ op: { kind: 'same', block: B[bi].block, text: B[bi].text }, a: ai });
    else if (d.op === 'insert' && bi !== undefined) out.push({ op: { kind: 'insert', block: B[bi].block, text: B[bi].text } });
    else if (d.op === 'delete' && ai !== undefined) out.push({ op: { kind: 'delete', block: A[ai].block, text: A[ai].text }, a: ai });
    else if (d.op === 'modify' && bi !== undefined) out.push({ op: { kind: 'change', block: B[bi].block, parts: partsOf(d) }, a: ai });
    else if (d.op === 'move' && bi !== undefined && ai !== undefined) {
      out.push({ op: { kind: 'insert', block: B[bi].block, text: B[bi].text } });
      moved.push(ai);
    } else throw new Error(`unexpected paragraph entry ${d.op}`);
  }
  // The old place of each moved paragraph: before the first entry that comes after it in the earlier text.
  for (const ai of moved.sort((x, y) => y - x)) {
    const at = out.findIndex((e) => e.a !== undefined && e.a > ai);
    const del = { op: { kind: 'delete' as const, block: A[ai].block, text: A[ai].text }, a: ai };
    if (at < 0) out.push(del);
    else out.splice(at, 0, del);
  }
  return out.map((e) => e.op);
}

function alignByBlocks(A: Item[], B: Item[]): RevisionOp[] {
  const out: RevisionOp[] = [];
  const ai = { i: 0 };
  const bi = { i: 0 };
  let removed: Item[] = [];
  let added: Item[] = [];
  const flush = () => {
    pairGroup(removed, added, out);
    removed = [];
    added = [];
  };
  const diff = diffArrays(
    A.map((x) => x.key),
    B.map((x) => x.key),
  );
  for (const part of diff) {
    const n = part.count ?? part.value.length;
    if (part.removed) {
      removed.push(...A.slice(ai.i, ai.i + n));
      ai.i += n;
    } else if (part.added) {
      added.push(...B.slice(bi.i, bi.i + n));
      bi.i += n;
    } else {
      flush();
      for (let k = 0; k < n; k++) out.push({ kind: 'same', block: B[bi.i + k].block, text: B[bi.i + k].text });
      ai.i += n;
      bi.i += n;
    }
  }
  flush();
  return out;
}

/** Pair removed and added blocks of one gap in order when they are similar; the rest are whole deletes/inserts. */
function pairGroup(removed: Item[], added: Item[], out: RevisionOp[]): void {
  let i = 0;
  let j = 0;
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
      out.push({ kind: 'change', block: a.block, parts: diffBlockText(r.text, a.text) });
      i++;
      j++;
      continue;
    }
    // Not similar: if the removed block matches a later added one, the current added block is new.
    const laterMatch = added.slice(j + 1).some((x) => bigramSimilarity(r.text, x.text) >= PAIR_THRESHOLD);
    if (laterMatch) out.push({ kind: 'insert', block: a.block, text: added[j++].text });
    else out.push({ kind: 'delete', block: r.block, text: removed[i++].text });
  }
}
