// The character diff of a passage: exact matches are equal parts; only the small gaps between them,
// and the few characters at a passage's edges, go through the diff (core/diff).
import { diffText } from '../../diff/index';
import { codesToString } from '../../normalize';
import type { DiffPart, SourceText } from '../types';
import type { Mem } from './seeds';
import type { SourceWin } from './sourceWindows';

// The diffs here have no time bound (timeoutMs: Infinity): the edit bound (48 or 64) already keeps each one
// to O(length × 64) work, and a wall-clock bound would make a passage's parts and similarity depend on the
// machine's load (the same check gave other figures on a busy machine).

/** How far passages may grow at their edges (characters) beyond the first/last exact match. */
export const EDGE = 24;

/**
 * How many draft/source characters to add at a passage edge: `draft` and `source` are the texts just
 * outside the edge (before it when `before`); the extension ends with an equal run of ≥ 3 characters
 * and has at least twice as many equal characters as edited ones, with no single edit over 8.
 */
export function edgeExtension(draft: string, source: string, before: boolean): [number, number] {
  if (!draft || !source) return [0, 0];
  // The extension ends with an equal part of ≥ 3 characters, a substring of both texts: without a shared
  // 3-character run there is none, and the diff (the costly part of a cold check: most edges meet unrelated
  // text, the worst case of the diff) is not run at all.
  if (!shareTrigram(draft, source)) return [0, 0];
  const { parts: changes } = diffText(source, draft, { maxEditLength: 48, timeoutMs: Infinity, fallback: 'none', cleanup: false });
  if (!changes) return [0, 0]; // more than 48 edits: no extension at this edge
  if (before) changes.reverse();
  let dAdd = 0;
  let sAdd = 0;
  let eq = 0;
  let ed = 0;
  let best: [number, number] = [0, 0];
  for (const ch of changes) {
    const n = ch.text.length;
    if (ch.op !== 'equal') {
      if (n > 8) break;
      ed += n;
      if (ch.op === 'insert') dAdd += n;
      else sAdd += n;
      continue;
    }
    eq += n;
    dAdd += n;
    sAdd += n;
    if (n >= 3 && eq >= 2 * ed) best = [dAdd, sAdd];
  }
  return best;
}

/** Whether `a` and `b` have a common substring of 3 UTF-16 units (edge texts are at most EDGE long). */
function shareTrigram(a: string, b: string): boolean {
  for (let i = 0; i + 3 <= a.length; i++) {
    const c0 = a.charCodeAt(i);
    const c1 = a.charCodeAt(i + 1);
    const c2 = a.charCodeAt(i + 2);
    for (let j = 0; j + 3 <= b.length; j++) if (b.charCodeAt(j) === c0 && b.charCodeAt(j + 1) === c1 && b.charCodeAt(j + 2) === c2) return true;
  }
  return false;
}

type Piece = { op: 'equal' | 'insert' | 'delete'; d?: [number, number]; s?: [number, number] };

/** Parts from exact matches; the gaps between them are diffed (core/diff, small windows). */
export function buildParts(
  draftText: string,
  starts: Int32Array,
  ends: Int32Array,
  codes: Uint16Array,
  dA: number,
  dB: number,
  srcText: SourceText,
  src: SourceWin,
  sA: number,
  sB: number,
  mems: Mem[],
): { parts: DiffPart[]; equal: number } {
  // Monotone chain of matches (both sides increasing), trimmed so they do not overlap.
  const pieces: Piece[] = [];
  let d = dA;
  let s = sA;
  let equal = 0;
  const gap = (d1: number, s1: number) => {
    if (d1 <= d && s1 <= s) return;
    const a = codesToString(codes, d, Math.max(d, d1));
    const b = codesToString(src.codes, s - src.base, Math.max(s, s1) - src.base);
    let dd = d;
    let ss = s;
    // A gap of more than 64 edits is shown as one deletion + insertion (`changes` null).
    const changes = a && b ? diffText(b, a, { maxEditLength: 64, timeoutMs: Infinity, fallback: 'none', cleanup: false }).parts : null;
    if (changes) {
      for (const ch of changes) {
        const n = ch.text.length;
        if (ch.op === 'insert') {
          pieces.push({ op: 'insert', d: [dd, dd + n] });
          dd += n;
        } else if (ch.op === 'delete') {
          pieces.push({ op: 'delete', s: [ss, ss + n] });
          ss += n;
        } else {
          pieces.push({ op: 'equal', d: [dd, dd + n], s: [ss, ss + n] });
          equal += n;
          dd += n;
          ss += n;
        }
      }
    } else {
      if (b) pieces.push({ op: 'delete', s: [s, s + b.length] });
      if (a) pieces.push({ op: 'insert', d: [d, d + a.length] });
    }
  };
  const sorted = [...mems].sort((x, y) => x.dA - y.dA);
  for (const m of sorted) {
    let ma = m.dA;
    let ms = m.sA;
    const shift = Math.max(0, d - ma, s - ms);
    ma += shift;
    ms += shift;
    if (ma >= m.dB) continue;
    gap(ma, ms);
    const n = m.dB - ma;
    pieces.push({ op: 'equal', d: [ma, m.dB], s: [ms, ms + n] });
    equal += n;
    d = m.dB;
    s = ms + n;
  }
  if (d < dB || s < sB) gap(Math.max(d, dB), Math.max(s, sB));
  // Merge adjacent pieces of the same op.
  const merged: Piece[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (last && last.op === p.op) {
      if (p.d) last.d = [last.d![0], p.d[1]];
      if (p.s) last.s = [last.s![0], p.s[1]];
    } else merged.push({ op: p.op, d: p.d && [...p.d], s: p.s && [...p.s] });
  }
  // Original text of each piece: from its first character up to the next piece on the same side.
  const dNext = new Array<number>(merged.length);
  const sNext = new Array<number>(merged.length);
  let nd = ends[dB - 1];
  let ns = src.ends[sB - 1 - src.base] + src.o0;
  for (let i = merged.length - 1; i >= 0; i--) {
    const p = merged[i];
    dNext[i] = nd;
    sNext[i] = ns;
    if (p.d) nd = starts[p.d[0]];
    if (p.s) ns = src.starts[p.s[0] - src.base] + src.o0;
  }
  const parts: DiffPart[] = merged.map((p, i) =>
    p.op === 'delete' ? { op: p.op, text: srcText.slice(src.starts[p.s![0] - src.base] + src.o0, sNext[i]) ?? '' /* inside the window just sliced: held */ } : { op: p.op, text: draftText.slice(starts[p.d![0]], dNext[i]) },
  );
  return { parts, equal };
}
