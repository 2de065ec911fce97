import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Version, VersionMeta } from '../../contract/versions';
import type { SpeechDoc } from '../../core/model/types';
import { parseJsonFile } from '../workspace/jsonFile';

/** On-disk format of one version: `versions/<draftId>/<versionId>.json`, written once, atomically. */
export const VERSION_FORMAT = 'speechdraft-version';
export const VERSION_SCHEMA_VERSION = 1;

// The document is checked structurally (blocks with text leaves) rather than through the full block schema:
// a version is written by us once and read often (the list reads every file).
const LeafSchema = z.looseObject({ text: z.string() });
const DocSchema = z.object({ blocks: z.array(z.looseObject({ type: z.string(), children: z.array(LeafSchema) })) });

export const VersionFileSchema = z.object({
  format: z.literal(VERSION_FORMAT),
  schemaVersion: z.literal(VERSION_SCHEMA_VERSION),
  id: z.string(),
  draftId: z.string(),
  label: z.string(),
  reason: z.enum(['manual', 'before-export', 'before-restore']),
  createdAt: z.string(),
  draftRevision: z.number().int().nonnegative().optional(),
  draftName: z.string(),
  charCount: z.number().int().nonnegative(),
  contentHash: z.string(),
  doc: DocSchema,
});

export function contentHash(doc: SpeechDoc): string {
  return createHash('sha256').update(JSON.stringify(doc.blocks)).digest('hex').slice(0, 32);
}

export function serializeVersion(v: Version): string {
  const { doc, ...meta } = v;
  // Compact JSON: versions are never edited by hand, and 100 versions of a 30,000-character speech add up.
  return JSON.stringify({ format: VERSION_FORMAT, schemaVersion: VERSION_SCHEMA_VERSION, ...meta, doc }) + '\n';
}

export function parseVersionFile(text: string): Version {
  const { format: _f, schemaVersion: _s, ...rest } = parseJsonFile(text, VersionFileSchema);
  return rest as Version;
}

export function metaOf(v: Version): VersionMeta {
  const { doc: _doc, ...meta } = v;
  return meta;
}
