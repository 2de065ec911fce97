import { blockRanges, docToText, type PlainText } from '../../core/model/text';
import type { SpeechDoc } from '../../core/model/types';
import type { ReviewPassage } from './export';

/** A flagged passage as the reuse checker reports it: offsets into the checked plain text. */
export interface CheckedPassage {
  start: number;
  end: number;
  sourceId?: string;
  sourceTitle: string;
  similarity: number;
  kind?: 'reuse' | 'common';
  quoted?: boolean;
  /** 高风险 (same 场合 or 对象): named in the comment, e.g. 「与2024年同一会议讲话重复」. */
  riskReason?: string;
}

export interface PassageDecision {
  text: string;
  sourceId: string;
  state: 'ignored' | 'quoted';
}

/** The text the review mode has checked: the document one block a line, without heading numbers. */
export function reviewText(doc: SpeechDoc): PlainText {
  return docToText(doc, { numbers: false });
}

/**
 * Checker passages (plain-text offsets) → comments per block. Stock phrases (`common`) and passages the
 * writer chose to ignore are left out; a passage crossing blocks gets a comment in each.
 */
export function reviewPassagesFromCheck(pt: PlainText, passages: CheckedPassage[], decisions: PassageDecision[] = []): ReviewPassage[] {
  const out: ReviewPassage[] = [];
  for (const p of passages) {
    if (p.kind === 'common') continue;
    const text = pt.text.slice(p.start, p.end);
    const decision = decisions.find((d) => d.text === text && (!p.sourceId || d.sourceId === p.sourceId));
    if (decision?.state === 'ignored') continue;
    const quoted = p.quoted || decision?.state === 'quoted';
    for (const r of blockRanges(pt, p.start, p.end)) {
      const note = [p.riskReason ? `高风险：${p.riskReason}` : '', quoted ? '已标为引用' : ''].filter(Boolean).join('；');
      out.push({ ...r, sourceTitle: p.sourceTitle, similarity: p.similarity, ...(note ? { note } : {}) });
    }
  }
  return out;
}
