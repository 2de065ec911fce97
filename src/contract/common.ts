import { z } from 'zod';
import { BLOCK_TYPES, type SpeechDoc } from '../core/model/types';
import { jsonShapeProblem, LIMITS } from './limits';

/** Ids of drafts, versions and library documents are tokens, never paths: 1–64 of letters, digits, - and _. */
export const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Draft ids are opaque, file-name-safe tokens; paths are never accepted from the renderer. */
export const DraftIdSchema = z
  .string()
  .regex(ID_RE, '只能使用编号，不能使用路径 (an id, not a path)');

export const TextLeafSchema = z.looseObject({ text: z.string() });

export const BlockSchema = z.looseObject({
  type: z.enum(BLOCK_TYPES as [string, ...string[]]),
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  children: z.array(TextLeafSchema).min(1),
  guidance: z.string().optional(),
  role: z.string().optional(),
  sectionId: z.string().optional(),
  origin: z.object({ sourceId: z.string(), sourceTitle: z.string(), locator: z.string().optional() }).optional(),
});

const BLOCK_KEYS = new Set(['type', 'level', 'children', 'guidance', 'role', 'sectionId', 'origin']);

/** The limits of LIMITS (size, paragraphs, nesting of extra data) over a structurally valid document. */
function checkDocLimits(doc: { blocks: Array<Record<string, unknown> & { children: Array<Record<string, unknown> & { text: string }> }> }, ctx: z.RefinementCtx): void {
  let chars = 0;
  for (let i = 0; i < doc.blocks.length; i++) {
    const b = doc.blocks[i];
    if (b.children.length > LIMITS.maxLeavesPerBlock) {
      ctx.addIssue({ code: 'custom', path: ['blocks', i, 'children'], message: `一段中的片段超过 ${LIMITS.maxLeavesPerBlock} 个 (too many text leaves)` });
      return;
    }
    for (const [k, v] of Object.entries(b)) {
      if (BLOCK_KEYS.has(k) || v === null || typeof v !== 'object') continue;
      const p = jsonShapeProblem(v, LIMITS.maxExtraDepth, LIMITS.maxExtraNodes);
      if (p) return void ctx.addIssue({ code: 'custom', path: ['blocks', i, k], message: `附加数据${p}` });
    }
    for (let j = 0; j < b.children.length; j++) {
      const leaf = b.children[j];
      chars += leaf.text.length;
      for (const [k, v] of Object.entries(leaf)) {
        if (k === 'text' || v === null || typeof v !== 'object') continue;
        const p = jsonShapeProblem(v, LIMITS.maxExtraDepth, LIMITS.maxExtraNodes);
        if (p) return void ctx.addIssue({ code: 'custom', path: ['blocks', i, 'children', j, k], message: `附加数据${p}` });
      }
    }
  }
  if (chars > LIMITS.maxDocChars) {
    ctx.addIssue({ code: 'custom', path: ['blocks'], message: `文稿超过 ${LIMITS.maxDocChars / 10000} 万字的上限（${chars} 字）(document over ${LIMITS.maxDocChars} characters)` });
  }
}

/**
 * Validated structurally and against LIMITS (the same on save as on load); typed as the core model so
 * handlers and clients share one type.
 */
export const SpeechDocSchema = z
  .object({ blocks: z.array(BlockSchema).max(LIMITS.maxBlocks, `段落超过 ${LIMITS.maxBlocks / 10000} 万段的上限 (more than ${LIMITS.maxBlocks} paragraphs)`) })
  .superRefine((doc, ctx) => checkDocLimits(doc as Parameters<typeof checkDocLimits>[0], ctx)) as unknown as z.ZodType<SpeechDoc, SpeechDoc>;

/** File contents crossing the boundary (import/export), base64-encoded. */
export const FilePayloadSchema = z.object({
  name: z.string().min(1).max(255),
  dataBase64: z.string().max(200 * 1024 * 1024),
});
export type FilePayload = z.infer<typeof FilePayloadSchema>;
