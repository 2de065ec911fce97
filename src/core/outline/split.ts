export interface Piece {
  /** The marker line's name, e.g. `第二篇`, or null for a file without markers. */
  label: string | null;
  start: number;
  end: number;
}

/**
 * A file bundling several speeches (`第一篇：…`, `第二篇：…` lines) → their ranges. A file without such
 * markers is one piece. (The library's cleaning in src/core/clean does a fuller job for imports.)
 */
export function splitPieces(text: string): Piece[] {
  const starts: { at: number; label: string }[] = [];
  const re = /^[ \t\u3000]*(第[一二三四五六七八九十百]+篇)\s*[:：]/gmu;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push({ at: m.index, label: m[1] });
  if (starts.length < 2) return [{ label: null, start: 0, end: text.length }];
  const out: Piece[] = [];
  if (text.slice(0, starts[0].at).trim() !== '') out.push({ label: null, start: 0, end: starts[0].at });
  starts.forEach((s, i) => out.push({ label: s.label, start: s.at, end: i + 1 < starts.length ? starts[i + 1].at : text.length }));
  return out;
}
