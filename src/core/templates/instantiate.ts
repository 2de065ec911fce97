import { Blocks } from '../model/block';
import { chineseNumeral } from '../model/numbering';
import type { Block, SpeechDoc } from '../model/types';
import type { Template, TemplatePart } from './schema';

export const OPENING_ID = 'opening';
export const CLOSING_ID = 'closing';

function partGuidance(p: TemplatePart): string {
  return p.transitions.length ? `${p.guidance}\n过渡语示例：${p.transitions.join(' / ')}` : p.guidance;
}

/**
 * A new draft from a template: title placeholder, salutation, the opening, numbered section headings
 * (with sectionId and role) and their sub-points, the closing. Body paragraphs are empty and carry
 * greyed `guidance`, which is never saved as text.
 */
export function instantiateTemplate(t: Template): SpeechDoc {
  const blocks: Block[] = [
    Blocks.make('title', '', { guidance: `标题，如：${t.titlePattern}` }),
    Blocks.make('salutation', t.salutation),
    Blocks.paragraph('', { guidance: partGuidance(t.opening), sectionId: OPENING_ID, role: '开场' }),
  ];
  for (const s of t.sections) {
    blocks.push(Blocks.heading(1, s.heading, { sectionId: s.id, role: s.role }));
    blocks.push(Blocks.paragraph('', { guidance: partGuidance(s) }));
    for (const sp of s.subpoints) {
      blocks.push(Blocks.heading(2, sp.heading));
      blocks.push(Blocks.paragraph('', { guidance: sp.guidance ?? s.guidance }));
    }
  }
  blocks.push(Blocks.paragraph('', { guidance: partGuidance(t.closing), sectionId: CLOSING_ID, role: '结尾' }));
  return { blocks };
}

/** The template section a block belongs to: the nearest level-1 heading above (or the opening/closing). */
export function sectionAt(doc: SpeechDoc, blockIndex: number): { sectionId: string | null; role: string | null; headingIndex: number | null } {
  for (let i = Math.min(blockIndex, doc.blocks.length - 1); i >= 0; i--) {
    const b = doc.blocks[i];
    if (Blocks.isHeading(b) && b.level === 1) return { sectionId: b.sectionId ?? null, role: b.role ?? null, headingIndex: i };
    if (b.type === 'paragraph' && (b.sectionId === OPENING_ID || b.sectionId === CLOSING_ID)) {
      return { sectionId: b.sectionId, role: b.role ?? null, headingIndex: null };
    }
  }
  return { sectionId: OPENING_ID, role: '开场', headingIndex: null };
}

/** An example passage as blocks to insert, remembering where it came from. */
export function exampleBlocks(t: Template, exampleId: string): Block[] | null {
  for (const part of [t.opening, ...t.sections, t.closing]) {
    const ex = part.examples.find((e) => e.id === exampleId);
    if (!ex) continue;
    const locator = [ex.source.speech ? `第${chineseNumeral(ex.source.speech)}篇` : '', ex.source.paragraph ? `第${ex.source.paragraph}段` : '']
      .filter(Boolean)
      .join(' ');
    return ex.text
      .split(/\n+/u)
      .filter((l) => l.trim())
      .map((l) => Blocks.paragraph(l, { origin: { sourceId: `template:${t.id}#${ex.id}`, sourceTitle: ex.source.title, ...(locator ? { locator } : {}) } }));
  }
  return null;
}
