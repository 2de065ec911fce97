import { z } from 'zod';
import { method } from './define';
import { DraftIdSchema, FilePayloadSchema, ID_RE, SpeechDocSchema } from './common';
import type { DraftMeta } from './drafts';
import type { SpeechDoc } from '../core/model/types';
import type { CompareResult, CopiedSummary } from '../core/compare/index';

export const VersionIdSchema = z.string().regex(ID_RE, '无效的版本编号 (invalid version id)');
export const VersionLabelSchema = z.string().trim().min(1, '请填写版本名称').max(60, '版本名称不超过 60 字');

/** Why a version was made: by the writer, or automatically before an export / a restore. */
export type VersionReason = 'manual' | 'before-export' | 'before-restore';
export const VERSION_REASON_LABELS: Record<VersionReason, string> = {
  manual: '手动保存',
  'before-export': '导出前自动保存',
  'before-restore': '恢复前自动保存',
};

export interface VersionMeta {
  id: string;
  draftId: string;
  label: string;
  reason: VersionReason;
  createdAt: string;
  /** The draft's revision the version was taken from (absent when the content came from the editor unsaved). */
  draftRevision?: number;
  draftName: string;
  /** 字数 */
  charCount: number;
  /** Hash of the content: equal hashes mean equal documents. */
  contentHash: string;
}

export interface Version extends VersionMeta {
  doc: SpeechDoc;
}

export type VersionListEntry = ({ status: 'ok' } & VersionMeta) | { status: 'damaged'; id: string; fileName: string; error: string };

/** One side of a comparison. Drafts and versions are compared as their text with generated heading numbers. */
export const CompareSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('draft'), draftId: DraftIdSchema }),
  z.object({ kind: z.literal('version'), draftId: DraftIdSchema, versionId: VersionIdSchema }),
  z.object({ kind: z.literal('library'), docId: z.string().regex(ID_RE, '无效的文档编号') }),
  z.object({ kind: z.literal('file'), file: FilePayloadSchema }),
  z.object({ kind: z.literal('text'), text: z.string().max(5_000_000), title: z.string().max(200).optional() }),
]);
export type CompareSource = z.infer<typeof CompareSourceSchema>;

export interface CompareSide {
  title: string;
  /** The text all offsets of this side refer to. */
  text: string;
  kind: CompareSource['kind'];
}

export interface CompareOutput {
  left: CompareSide;
  right: CompareSide;
  /** `a` offsets refer to left.text, `b` offsets to right.text. */
  result: CompareResult;
  /** Passages of 13+ (settings.reuseMinChars) identical characters in both. */
  copied: CopiedSummary;
  elapsedMs: number;
}

export const versionsContract = {
  'versions.list': method<VersionListEntry[]>()(z.object({ draftId: DraftIdSchema })),
  /** 保存版本. `doc` (the editor's current content) is saved to the draft first when given. */
  'versions.save': method<VersionMeta>()(
    z.object({ draftId: DraftIdSchema, label: VersionLabelSchema, doc: SpeechDocSchema.optional(), baseRevision: z.number().int().nonnegative().optional() }),
  ),
  /** Open a version read-only (also what an export of a version uses). */
  'versions.get': method<Version>()(z.object({ draftId: DraftIdSchema, versionId: VersionIdSchema })),
  /** Make the version the draft's current text; the current text is versioned first (恢复前自动保存). */
  'versions.restore': method<{ draft: DraftMeta; backup: VersionMeta; restored: VersionMeta }>()(
    z.object({ draftId: DraftIdSchema, versionId: VersionIdSchema, baseRevision: z.number().int().nonnegative().optional() }),
  ),
  /** Compare any two texts: versions, the current draft, a library document, an uploaded file. */
  'compare.run': method<CompareOutput>()(
    z.object({ left: CompareSourceSchema, right: CompareSourceSchema, minChars: z.number().int().min(5).max(100).optional() }),
  ),
};
