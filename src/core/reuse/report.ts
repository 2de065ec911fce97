// The report of `speechdraft check`: one JSON shape for a library folder, the team server and a workspace
// (the workspace adds its own fields: 高风险, family, 场合), built here from an engine result by the
// folder and the team server, each saying how its ids and source ranges read in its own files.
import type { CheckResult, Passage } from './types';

/** A passage as the engine gives it (source ranges in the caller's own files), with its 高风险 state. */
export interface ReportPassage extends Pick<Passage, 'start' | 'end' | 'sourceId' | 'sourceTitle' | 'sourceStart' | 'sourceEnd' | 'kind'> {
  /** Rounded to 3 decimals. */
  similarity: number;
  quoted?: boolean;
  /** A library folder or a checked file has no 场合 / 对象: 'high' only from a workspace. */
  risk: 'normal' | 'high';
  riskReason?: string;
}

export interface CheckReport {
  draft: { chars: number };
  ratio: number;
  ratioExcludingQuotes: number;
  maxSourceRatio: number;
  sources: { id: string; title: string; ratio: number }[];
  passages: ReportPassage[];
}

export interface ReportPlaces {
  /** A source's id as the caller's files name it (default: the engine's id). */
  idOf?(id: string): string;
  /** A passage's source range in the source's own text (default: the engine's range). */
  rangeOf?(p: Passage): { start: number; end: number };
}

export const roundSimilarity = (s: number): number => Math.round(s * 1000) / 1000;

export function checkReport(result: CheckResult, places: ReportPlaces = {}): CheckReport {
  const idOf = places.idOf ?? ((id: string) => id);
  return {
    draft: { chars: result.draft.chars },
    ratio: result.ratio,
    ratioExcludingQuotes: result.ratioExcludingQuotes,
    maxSourceRatio: result.maxSourceRatio,
    sources: result.sources.map((s) => ({ id: idOf(s.id), title: s.title, ratio: s.ratio })),
    passages: result.passages.map((p) => {
      const r = places.rangeOf?.(p) ?? { start: p.sourceStart, end: p.sourceEnd };
      return {
        start: p.start,
        end: p.end,
        sourceId: idOf(p.sourceId),
        sourceTitle: p.sourceTitle,
        sourceStart: r.start,
        sourceEnd: r.end,
        similarity: roundSimilarity(p.similarity),
        kind: p.kind,
        risk: 'normal',
      };
    }),
  };
}

/** What a workspace check ran against, by kind: 素材库 5 篇、文稿 2 篇、范文 63 段 (the kinds it has none of left out, but the library). */
export function describeSources(kinds: { library: number; drafts: number; templates: number }): string {
  return [`素材库 ${kinds.library} 篇`, ...(kinds.drafts ? [`文稿 ${kinds.drafts} 篇`] : []), ...(kinds.templates ? [`范文 ${kinds.templates} 段`] : [])].join('、');
}
