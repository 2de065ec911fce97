// 高风险 reuse: a passage whose source was given at the same 场合 (occasion) or to the same 对象 (audience)
// within a period before (or after) the draft's date — repeating oneself to the same audience.
import { displayDate } from '../library/label';
import type { Passage } from './types';

export interface OccasionInfo {
  occasion?: string;
  audience?: string;
  /** YYYY[-MM[-DD]]. */
  date?: string;
}

export const DEFAULT_RISK_MONTHS = 24;

/** Month number of a date (a year alone counts as its middle, June), or undefined. */
function monthOf(date: string | undefined): number | undefined {
  const m = date ? /^(\d{4})(?:-(\d{1,2}))?/.exec(date.trim()) : null;
  if (!m) return undefined;
  return Number(m[1]) * 12 + (m[2] ? Number(m[2]) - 1 : 5);
}

const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

export interface RiskVerdict {
  risk: 'high';
  /** e.g. 「与2024年同一会议讲话重复」. */
  reason: string;
}

/**
 * The verdict for one source: high when it shares the draft's 场合 or 对象 and its date lies within
 * `months` of the draft's date (`today` when the draft has none). A source without a date is not
 * placed in time and is not high risk.
 */
export function riskOf(draft: OccasionInfo, source: OccasionInfo | undefined, months: number, today: string): RiskVerdict | undefined {
  if (!source) return undefined;
  const occasion = same(draft.occasion, source.occasion);
  const audience = same(draft.audience, source.audience);
  if (!occasion && !audience) return undefined;
  const d = monthOf(draft.date ?? today);
  const s = monthOf(source.date);
  if (d === undefined || s === undefined || Math.abs(d - s) > months) return undefined;
  const when = source.date ? `${displayDate(source.date.slice(0, 4))}` : '';
  return { risk: 'high', reason: occasion ? `与${when}同一会议讲话重复` : `与${when}对同一对象的讲话重复` };
}

/** Passages with their verdicts (`risk: 'high'` and the reason) where the source is high risk. */
export function withRisk<P extends Pick<Passage, 'sourceId' | 'kind'>>(
  passages: P[],
  draft: OccasionInfo,
  sourceInfo: (id: string) => OccasionInfo | undefined,
  months: number,
  today: string,
): (P & { risk?: 'high'; riskReason?: string })[] {
  const cache = new Map<string, RiskVerdict | undefined>();
  return passages.map((p) => {
    if (p.kind === 'common') return p;
    if (!cache.has(p.sourceId)) cache.set(p.sourceId, riskOf(draft, sourceInfo(p.sourceId), months, today));
    const v = cache.get(p.sourceId);
    return v ? { ...p, risk: v.risk, riskReason: v.reason } : p;
  });
}
