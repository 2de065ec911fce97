import { Blocks } from '../model/block';
import { headingNumbers } from '../model/numbering';
import type { Block, SpeechDoc } from '../model/types';

export interface ExportedBlock {
  block: Block;
  /** Index in doc.blocks. */
  index: number;
  /** Generated heading number ("一、", "（一）" …) or ''. */
  number: string;
}

/** Blocks that are written to a .docx (and counted for pages): guidance is never exported, empty blocks are left out. */
export function exportedBlocks(doc: SpeechDoc): ExportedBlock[] {
  const nums = headingNumbers(doc.blocks);
  const out: ExportedBlock[] = [];
  doc.blocks.forEach((block, index) => {
    if (Blocks.text(block).trim() === '') return;
    out.push({ block, index, number: nums[index] ?? '' });
  });
  return out;
}

/** The paragraph kind a block is written as: its type, with the heading level. */
export function blockKind(b: Block): string {
  if (Blocks.isHeading(b)) return `h${b.level}`;
  return b.type === 'heading' ? 'paragraph' : b.type;
}
