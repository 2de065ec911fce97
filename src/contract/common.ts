import { z } from 'zod';
import { BLOCK_TYPES, type SpeechDoc } from '../core/model/types';

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

/** Validated structurally; typed as the core model so handlers and clients share one type. */
export const SpeechDocSchema = z.object({ blocks: z.array(BlockSchema) }) as unknown as z.ZodType<SpeechDoc, SpeechDoc>;

/** File contents crossing the boundary (import/export), base64-encoded. */
export const FilePayloadSchema = z.object({
  name: z.string().min(1).max(255),
  dataBase64: z.string().max(200 * 1024 * 1024),
});
export type FilePayload = z.infer<typeof FilePayloadSchema>;
