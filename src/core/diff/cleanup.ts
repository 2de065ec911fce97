// Tidying a diff into the parts a reader expects: adjacent parts of one op merged, deletions before insertions
// within a change, short equalities between larger changes folded in, single edits slid to their neighbours.
import type { DiffPart } from './types';

/** Merge adjacent parts of the same op; within a run of changes, deletions come before insertions. */
export function normalize(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ op: 'delete', text: del });
    if (ins) out.push({ op: 'insert', text: ins });
    del = ins = '';
  };
  for (const p of parts) {
    if (!p.text) continue;
    if (p.op === 'delete') del += p.text;
    else if (p.op === 'insert') ins += p.text;
    else {
      flush();
      const last = out[out.length - 1];
      if (last && last.op === 'equal') last.text += p.text;
      else out.push({ op: 'equal', text: p.text });
    }
  }
  flush();
  return out;
}

/**
 * Semantic cleanup in the manner of diff-match-patch: a short equality squeezed between changes larger than
 * itself on both sides (e.g. a lone 的 matched inside a rewritten clause) is folded into the change.
 */
export function cleanup(parts: DiffPart[]): DiffPart[] {
  let cur = shiftEdits(normalize(parts));
  for (let round = 0; round < 8; round++) {
    let changed = false;
    const next: DiffPart[] = [];
    for (let k = 0; k < cur.length; k++) {
      const p = cur[k];
      if (p.op === 'equal' && k > 0 && k < cur.length - 1) {
        const before = changeSize(cur, k, -1);
        const after = changeSize(cur, k, +1);
        const len = [...p.text].length;
        if (len <= 3 && len <= before && len <= after) {
          next.push({ op: 'delete', text: p.text }, { op: 'insert', text: p.text });
          changed = true;
          continue;
        }
      }
      next.push(p);
    }
    cur = shiftEdits(normalize(next));
    if (!changed) break;
  }
  return cur;
}

/** max(deleted, inserted) code points of the change run next to position k in direction dir. */
function changeSize(parts: DiffPart[], k: number, dir: 1 | -1): number {
  let del = 0;
  let ins = 0;
  for (let x = k + dir; x >= 0 && x < parts.length && parts[x].op !== 'equal'; x += dir) {
    const n = [...parts[x].text].length;
    if (parts[x].op === 'delete') del += n;
    else ins += n;
  }
  return Math.max(del, ins);
}

/**
 * Slide a single edit between two equalities to merge with its neighbours, as diff-match-patch's cleanupMerge:
 * 转变[+工]作[+作]风 → 转变[+工作]作风.
 */
export function shiftEdits(parts: DiffPart[]): DiffPart[] {
  let cur = parts;
  for (let round = 0; round < 8; round++) {
    let changed = false;
    const p = cur.map((x) => ({ ...x }));
    for (let i = 1; i < p.length - 1; i++) {
      const prev = p[i - 1];
      const edit = p[i];
      const next = p[i + 1];
      if (prev.op !== 'equal' || next.op !== 'equal' || edit.op === 'equal' || !prev.text || !next.text) continue;
      if (edit.text.endsWith(prev.text)) {
        edit.text = prev.text + edit.text.slice(0, edit.text.length - prev.text.length);
        next.text = prev.text + next.text;
        prev.text = '';
        changed = true;
      } else if (edit.text.startsWith(next.text)) {
        prev.text += next.text;
        edit.text = edit.text.slice(next.text.length) + next.text;
        next.text = '';
        changed = true;
      }
    }
    cur = normalize(p);
    if (!changed) break;
  }
  return cur;
}
