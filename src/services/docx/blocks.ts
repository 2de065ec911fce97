import { Blocks } from '../../core/model/block';
import { headingNumbers } from '../../core/model/numbering';
import type { Block, SpeechDoc } from '../../core/model/types';

/** Blocks that are written to a .docx: guidance is never exported, empty blocks are left out. */
export function exportedBlocks(doc: SpeechDoc): { block: Block; index: number; number: string }[] {
  const nums = headingNumbers(doc.blocks);
  const out: { block: Block; index: number; number: string }[] = [];
  doc.blocks.forEach((block, index) => {
    if (Blocks.text(block).trim() === '') return;
    out.push({ block, index, number: nums[index] ?? '' });
  });
  return out;
}
