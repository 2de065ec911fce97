// The one way text is diffed in SpeechDraft: jsdiff's character diff, bounded in time and edit length, with
// coarser fallbacks that are reported in the result (`coarse`), never swallowed: words of this text only
// (Intl.Segmenter), then a whole replace. Every caller (compare, reuse passages, tracked changes) goes
// through diffText or diffSequence; ESLint allows the `diff` package in this folder only.
import { diffArrays, diffChars } from 'diff';
import { cleanup } from './cleanup';
import type { CompleteTextDiff, DiffPart, TextDiff, TextDiffOptions } from './types';

let segmenter: Intl.Segmenter | null | undefined;
function words(text: string): string[] | null {
  if (segmenter === undefined) {
    try {
      segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
    } catch {
      segmenter = null;
    }
  }
  if (!segmenter) return null;
  const out: string[] = [];
  for (const s of segmenter.segment(text)) out.push(s.segment);
  return out;
}

export function replaceParts(a: string, b: string): DiffPart[] {
  const parts: DiffPart[] = [];
  if (a) parts.push({ op: 'delete', text: a });
  if (b) parts.push({ op: 'insert', text: b });
  return parts;
}

/**
 * Diff a (old, or the source) against b (new, or the draft): `equal` + `delete` parts concatenate to a,
 * `equal` + `insert` parts to b. `timeoutMs` bounds each jsdiff call; `maxEditLength` (default ~70% of the
 * combined length: beyond it the text was rewritten) makes jsdiff give up early. When it gives up, the
 * `fallback` decides: a word diff, then a whole replace (`coarse` says which), or none (`parts: null`).
 */
export function diffText(a: string, b: string, opts: TextDiffOptions & { fallback: 'none' }): TextDiff;
export function diffText(a: string, b: string, opts?: TextDiffOptions & { fallback?: 'words' | 'replace' }): CompleteTextDiff;
export function diffText(a: string, b: string, opts: TextDiffOptions = {}): TextDiff {
  const fallback = opts.fallback ?? 'words';
  if (a === b) return { parts: a ? [{ op: 'equal', text: a }] : [] };
  if (!a || !b) return { parts: replaceParts(a, b) };
  const timeoutMs = opts.timeoutMs ?? 40;
  const tidy = opts.cleanup === false ? (p: DiffPart[]) => p : cleanup;
  if (timeoutMs > 0) {
    const maxEditLength = opts.maxEditLength ?? Math.max(16, Math.ceil((a.length + b.length) * 0.7));
    const changes = diffChars(a, b, { timeout: timeoutMs, maxEditLength });
    if (changes) return { parts: tidy(changes.map(toPart)) };
  }
  if (fallback === 'none') return { parts: null, coarse: 'gave-up' };
  const wa = fallback === 'words' && timeoutMs > 0 ? words(a) : null;
  const wb = wa ? words(b) : null;
  if (wa && wb) {
    const wc = diffArrays(wa, wb, { timeout: timeoutMs, maxEditLength: Math.max(8, Math.ceil((wa.length + wb.length) * 0.8)) });
    if (wc) return { parts: tidy(wc.map((c) => toPart({ ...c, value: c.value.join('') }))), coarse: 'words' };
  }
  return { parts: replaceParts(a, b), coarse: 'replace' };
}

/**
 * Align two sequences by equality of their items (paragraph hashes, block keys): the pairs [i, j] of
 * matched items in increasing order, or null when jsdiff ran out of time (default bound 1 s; the caller
 * decides what then).
 */
export function diffSequence<T>(a: T[], b: T[], opts: { timeoutMs?: number; equals?: (x: T, y: T) => boolean } = {}): Array<[number, number]> | null {
  const changes = diffArrays(a, b, { timeout: opts.timeoutMs ?? 1000, ...(opts.equals ? { comparator: opts.equals } : {}) });
  if (!changes) return null;
  const out: Array<[number, number]> = [];
  let x = 0;
  let y = 0;
  for (const c of changes) {
    const n = c.count ?? c.value.length;
    if (c.added) y += n;
    else if (c.removed) x += n;
    else for (let k = 0; k < n; k++) out.push([x++, y++]);
  }
  return out;
}

function toPart(c: { value: string; added: boolean; removed: boolean }): DiffPart {
  return { op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value };
}

