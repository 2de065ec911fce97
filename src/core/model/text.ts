import type { SpeechDoc } from './types';
import { Blocks } from './block';
import { headingNumbers } from './numbering';

export interface BlockSpan {
  blockIndex: number;
  /** Offset of the block's first character in the plain text (after any generated number). */
  start: number;
  end: number;
  /** Generated heading number placed before the block's text (empty if none or numbers are off). */
  prefix: string;
}

export interface PlainText {
  text: string;
  spans: BlockSpan[];
}

/**
 * The document as plain text, one block a line. With `numbers`, headings carry their generated numbers.
 * `spans` map plain-text offsets back to blocks: use `locate` for the reverse lookup.
 */
export function docToText(doc: SpeechDoc, opts: { numbers?: boolean } = {}): PlainText {
  const nums = opts.numbers ? headingNumbers(doc.blocks) : [];
  const spans: BlockSpan[] = [];
  const parts: string[] = [];
  let pos = 0;
  doc.blocks.forEach((b, i) => {
    if (i > 0) {
      parts.push('\n');
      pos += 1;
    }
    const prefix = (opts.numbers && nums[i]) || '';
    const t = Blocks.text(b);
    parts.push(prefix, t);
    spans.push({ blockIndex: i, start: pos + prefix.length, end: pos + prefix.length + t.length, prefix });
    pos += prefix.length + t.length;
  });
  return { text: parts.join(''), spans };
}

/** Block index and offset inside that block's text for a plain-text offset (binary search over spans). */
export function locate(pt: PlainText, offset: number): { blockIndex: number; offset: number } | null {
  const { spans } = pt;
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (offset < s.start - s.prefix.length) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else return { blockIndex: s.blockIndex, offset: Math.max(0, Math.min(offset - s.start, s.end - s.start)) };
  }
  return null;
}

/** A plain-text range split into per-block ranges (offsets inside each block's text), in document order. */
export function blockRanges(pt: PlainText, start: number, end: number): { blockIndex: number; start: number; end: number }[] {
  const out: { blockIndex: number; start: number; end: number }[] = [];
  for (const s of pt.spans) {
    if (s.end < start) continue;
    if (s.start >= end) break;
    const a = Math.max(start, s.start);
    const b = Math.min(end, s.end);
    if (b > a) out.push({ blockIndex: s.blockIndex, start: a - s.start, end: b - s.start });
  }
  return out;
}
