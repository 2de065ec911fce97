/**
 * Where the passages a writer marked (忽略 / 引用) are in a text: found by their text, every occurrence,
 * so edits elsewhere don't lose them. Used by the check service and by the renderer's highlights.
 */
export function markedRanges<S extends { text: string; state: string }>(text: string, states: readonly S[], kind: S['state']): { start: number; end: number; state: S }[] {
  const out: { start: number; end: number; state: S }[] = [];
  for (const s of states) {
    if (s.state !== kind || !s.text) continue;
    let from = 0;
    for (;;) {
      const i = text.indexOf(s.text, from);
      if (i < 0) break;
      out.push({ start: i, end: i + s.text.length, state: s });
      from = i + s.text.length;
    }
  }
  return out;
}
