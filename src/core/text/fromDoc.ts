import { Blocks } from '../model/block';
import { docToText } from '../model/text';
import type { SpeechDoc } from '../model/types';
import { frontLineOf } from './front';
import { parseWrittenNumber } from './numbers';
import type { Unit } from './parse';
import { segOf } from './seg';

/**
 * The units of a document that already has its structure (a draft, a .docx or .html import): its blocks as
 * they are, over its plain text with generated heading numbers, so the outline of a document is the outline
 * of its blocks (never a re-reading of its text that could disagree with them).
 */
export function parseDoc(doc: SpeechDoc): { text: string; units: Unit[] } {
  const pt = docToText(doc, { numbers: true });
  const units: Unit[] = [];
  let prevFront: 'title' | 'byline' | 'other' = 'other';
  pt.spans.forEach((span, i) => {
    const b = doc.blocks[i];
    if (Blocks.text(b).trim() === '') return;
    const seg = segOf(pt.text, span.start, span.end);
    const line = i;
    switch (b.type) {
      case 'title':
        units.push({ kind: 'title', seg, line });
        prevFront = 'title';
        return;
      case 'byline': {
        const g = frontLineOf(seg.text, { kind: prevFront });
        units.push({ kind: 'byline', seg, lines: [seg], speaker: g?.speaker ?? null, date: g?.date ?? null, office: null, compact: false, line });
        prevFront = 'byline';
        return;
      }
      case 'salutation':
        units.push({ kind: 'salutation', seg, line });
        break;
      case 'heading': {
        const level = b.level ?? 1;
        const num = parseWrittenNumber(span.prefix) ?? { level, numbering: span.prefix, value: 0, style: '', length: span.prefix.length };
        const whole = segOf(pt.text, span.start - span.prefix.length, span.end);
        units.push({ kind: 'heading', level, num: { ...num, level }, seg: whole, textSeg: seg, runIn: false, endPunct: null, line });
        break;
      }
      default:
        units.push({ kind: 'paragraph', seg, line });
    }
    prevFront = 'other';
  });
  return { text: pt.text, units };
}
