import { z } from 'zod';
import { method } from './define';
import { DraftIdSchema, FilePayloadSchema, SpeechDocSchema } from './common';
import type { ProofFinding } from '../core/proofread/types';

/** A word of the workspace's 校对 dictionary (加入词库): a few characters of text, no line breaks. */
export const ProofWordSchema = z
  .string()
  .trim()
  .min(1, '词语不能为空 (empty word)')
  .max(50, '词语过长（最多50字）(word too long)')
  .regex(/^[^\r\n]+$/u, '词语不能含换行 (no line breaks)');

export interface ProofreadResult {
  /** The text the offsets refer to (a draft or document: its paragraphs joined by line breaks). */
  text: string;
  findings: ProofFinding[];
}

export const proofreadContract = {
  /**
   * 校对 of a draft, a document, a text or a file (exactly one), with the workspace dictionary; passages of a draft
   * marked 标为引用 are left alone.
   */
  'proofread.check': method<ProofreadResult>()(
    z.object({ draftId: DraftIdSchema.optional(), doc: SpeechDocSchema.optional(), text: z.string().max(20_000_000).optional(), file: FilePayloadSchema.optional() }),
  ),
  /** The workspace's 校对 dictionary: words never flagged. */
  'proofread.words': method<{ words: string[] }>()(z.object({})),
  'proofread.addWord': method<{ words: string[] }>()(z.object({ word: ProofWordSchema })),
  'proofread.removeWord': method<{ words: string[] }>()(z.object({ word: ProofWordSchema })),
};
