// Figures: the ratios of a check, over countable (normalised) characters of the draft.
import type { CheckResult, Passage, TextRange } from '../types';
import { lowerBound } from './draft';

export function figures(passages: Passage[], starts: Int32Array, total: number, quoteRanges: TextRange[]): CheckResult {
  let flagged = 0;
  let flaggedNoQuotes = 0;
  const perSource = new Map<string, { title: string; chars: number }>();
  const inQuote = (off: number) => quoteRanges.some((r) => off >= r.start && off < r.end);
  for (const p of passages) {
    if (p.kind !== 'reuse') continue;
    flagged += p.chars;
    let q = 0;
    if (quoteRanges.length) {
      const a = lowerBound(starts, total, p.start);
      for (let x = a; x < total && starts[x] < p.end; x++) if (inQuote(starts[x])) q++;
    }
    flaggedNoQuotes += p.chars - q;
    const e = perSource.get(p.sourceId) ?? { title: p.sourceTitle, chars: 0 };
    e.chars += p.chars;
    perSource.set(p.sourceId, e);
  }
  const sources = [...perSource.entries()]
    .map(([id, v]) => ({ id, title: v.title, ratio: total ? v.chars / total : 0 }))
    .sort((a, b) => b.ratio - a.ratio || (a.id < b.id ? -1 : 1));
  return {
    draft: { chars: total },
    ratio: total ? flagged / total : 0,
    ratioExcludingQuotes: total ? flaggedNoQuotes / total : 0,
    maxSourceRatio: sources.length ? sources[0].ratio : 0,
    sources,
    passages,
  };
}
