import { alignParagraphs, type Pairing } from './align';
import { diffText } from '../diff/index';
import { countChars } from '../model/count';
import { splitParagraphs, type Paragraph } from './paragraphs';
import type { CompareOptions, CompareResult, CompareStats, DiffPart, ParagraphDiff } from './types';

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Compare two texts: paragraphs (non-blank lines) are aligned first — identical ones, then moved ones,
 * then edited ones paired by similarity — and only changed paragraphs are diffed character by character.
 * Paragraph entries come in reading order of B, with deleted paragraphs placed where they stood in A.
 */
export function compareTexts(a: string, b: string, options: CompareOptions = {}): CompareResult {
  const budgetMs = options.budgetMs ?? 600;
  const paragraphTimeout = options.paragraphTimeoutMs ?? 40;
  const start = now();
  const pa = splitParagraphs(a);
  const pb = splitParagraphs(b);
  const al = alignParagraphs(
    pa.map((p) => p.text),
    pb.map((p) => p.text),
    {
      modifyThreshold: options.modifyThreshold ?? 0.45,
      moveThreshold: options.moveThreshold ?? 0.6,
      minMoveLength: 8,
      deadline: Date.now() + Math.max(50, budgetMs / 2),
    },
  );

  const entry = (p: Pairing): ParagraphDiff => {
    const x = pa[p.a];
    const y = pb[p.b];
    if (p.kind === 'equal') return { op: 'equal', a: x.range, b: y.range, parts: [{ op: 'equal', text: y.text }] };
    const left = budgetMs - (now() - start);
    const d = diffText(x.text, y.text, { timeoutMs: Math.min(paragraphTimeout, left) });
    return {
      op: p.kind,
      a: x.range,
      b: y.range,
      parts: d.parts,
      similarity: Math.round(p.sim * 1000) / 1000,
      ...(d.coarse ? { coarse: d.coarse } : {}),
    };
  };
  const del = (p: Paragraph): ParagraphDiff => ({ op: 'delete', a: p.range, b: null, parts: [{ op: 'delete', text: p.text }] });
  const ins = (p: Paragraph): ParagraphDiff => ({ op: 'insert', a: null, b: p.range, parts: [{ op: 'insert', text: p.text }] });

  // Interleave: before each chain pair, the deletions before it in A, then the insertions and moves before it in B.
  const bOnly: Array<{ b: number; make: () => ParagraphDiff }> = [
    ...al.inserted.map((j) => ({ b: j, make: () => ins(pb[j]) })),
    ...al.moves.map((m) => ({ b: m.b, make: () => entry(m) })),
  ].sort((x, y) => x.b - y.b);
  const out: ParagraphDiff[] = [];
  let di = 0;
  let bi = 0;
  for (const p of [...al.chain, { kind: 'equal' as const, a: pa.length, b: pb.length }]) {
    while (di < al.deleted.length && al.deleted[di] < p.a) out.push(del(pa[al.deleted[di++]]));
    while (bi < bOnly.length && bOnly[bi].b < p.b) out.push(bOnly[bi++].make());
    if (p.a < pa.length) out.push(entry(p));
  }

  return { stats: statsOf(out, pa.length, pb.length), paragraphs: out };
}

export function statsOf(paragraphs: ParagraphDiff[], paragraphsA: number, paragraphsB: number): CompareStats {
  const s: CompareStats = {
    inserted: 0,
    deleted: 0,
    unchanged: 0,
    moved: 0,
    movedParagraphs: 0,
    insertedParagraphs: 0,
    deletedParagraphs: 0,
    modifiedParagraphs: 0,
    equalParagraphs: 0,
    paragraphsA,
    paragraphsB,
  };
  for (const p of paragraphs) {
    if (p.op === 'equal') s.equalParagraphs++;
    else if (p.op === 'insert') s.insertedParagraphs++;
    else if (p.op === 'delete') s.deletedParagraphs++;
    else if (p.op === 'modify') s.modifiedParagraphs++;
    else s.movedParagraphs++;
    for (const part of p.parts) {
      const n = countChars(part.text);
      if (part.op === 'insert') s.inserted += n;
      else if (part.op === 'delete') s.deleted += n;
      else s.unchanged += n;
      if (p.op === 'move' && part.op !== 'delete') s.moved += n;
    }
  }
  return s;
}

/** Text of one side of a paragraph entry, from its parts (A: equal+delete, B: equal+insert). */
export function sideText(parts: DiffPart[], side: 'a' | 'b'): string {
  let s = '';
  for (const p of parts) if (p.op === 'equal' || p.op === (side === 'a' ? 'delete' : 'insert')) s += p.text;
  return s;
}
