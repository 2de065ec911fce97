import { z } from 'zod';
import { SpeechDocSchema } from '../../contract/common';
import type { Draft } from '../../contract/drafts';
import { parseJsonFile } from './jsonFile';

/** On-disk format of one draft: human-readable JSON with a schema version. */
export const DRAFT_FORMAT = 'speechdraft-draft';
export const DRAFT_SCHEMA_VERSION = 1;

export const DraftFileSchema = z.object({
  format: z.literal(DRAFT_FORMAT),
  schemaVersion: z.literal(DRAFT_SCHEMA_VERSION),
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().int().nonnegative(),
  templateId: z.string().optional(),
  /** The name follows the title until the writer renames the draft (absent in older files: see metaOf). */
  nameFollowsTitle: z.boolean().optional(),
  /** Where the draft came from (a copy of a draft, an import of a draft's own export): its family. */
  origin: z.object({ kind: z.enum(['copy', 'import']), draftId: z.string(), familyId: z.string() }).optional(),
  /** 场合 / 对象 / date of the speech (the 场合 risk of reuse). */
  occasion: z.string().optional(),
  audience: z.string().optional(),
  date: z.string().optional(),
  doc: SpeechDocSchema,
});

export type DraftFile = z.infer<typeof DraftFileSchema>;

export function serializeDraft(d: Omit<Draft, 'charCount'>): string {
  const file: DraftFile = {
    format: DRAFT_FORMAT,
    schemaVersion: DRAFT_SCHEMA_VERSION,
    id: d.id,
    name: d.name,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    revision: d.revision,
    ...(d.templateId ? { templateId: d.templateId } : {}),
    ...(d.nameFollowsTitle !== undefined ? { nameFollowsTitle: d.nameFollowsTitle } : {}),
    ...(d.origin ? { origin: d.origin } : {}),
    ...(d.occasion ? { occasion: d.occasion } : {}),
    ...(d.audience ? { audience: d.audience } : {}),
    ...(d.date ? { date: d.date } : {}),
    doc: d.doc as DraftFile['doc'],
  };
  return JSON.stringify(file, null, 2) + '\n';
}

/** Parse and validate; throws with a readable reason (Chinese first) if the file is damaged. */
export function parseDraftFile(text: string): DraftFile {
  return parseJsonFile(text, DraftFileSchema);
}
