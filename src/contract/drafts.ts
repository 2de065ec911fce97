import { z } from 'zod';
import { method } from './define';
import { DraftIdSchema, FilePayloadSchema, SpeechDocSchema } from './common';
import { jsonShapeProblem } from './limits';
import type { SpeechDoc } from '../core/model/types';

export interface DraftMeta {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  /** Increases with every save; used to refuse saves based on a stale copy. */
  revision: number;
  templateId?: string;
  charCount: number;
  /** True while the name follows the title (a new draft the writer has not renamed): every save renames it. */
  nameFollowsTitle?: boolean;
  /** A copy of another draft or an import of a draft's own export: the drafts of one family are not sources against each other. */
  origin?: DraftOrigin;
  /** 场合 / 对象 / date (YYYY[-MM[-DD]]) of the speech. */
  occasion?: string;
  audience?: string;
  date?: string;
}

export interface DraftOrigin {
  kind: 'copy' | 'import';
  /** The draft it was copied from / exported from. */
  draftId: string;
  /** The family: the first draft of the line (a draft without origin is its own family). */
  familyId: string;
}

/** The family a draft belongs to. */
export function familyOf(d: { id: string; origin?: DraftOrigin }): string {
  return d.origin?.familyId ?? d.id;
}

/** Name of a new draft until its title is typed. */
export const UNTITLED_NAME = '未命名文稿';

export interface Draft extends DraftMeta {
  doc: SpeechDoc;
}

export type DraftListEntry =
  | ({ status: 'ok' } & DraftMeta)
  | { status: 'damaged'; id: string; fileName: string; reason: string };

/** A draft in the 回收站 (trash), restorable by `trashId`. */
export interface TrashEntry {
  /** The file's name in the trash without `.json`: `<id>.<deletion time>`. */
  trashId: string;
  /** The id the draft had before deletion (restored under it unless a draft with that id exists). */
  id: string;
  /** ISO time of deletion. */
  deletedAt: string;
  status: 'ok' | 'damaged';
  name?: string;
  charCount?: number;
  reason?: string;
}

/** A trash entry id: a file-name token, never a path. */
export const TrashIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, '只能使用回收站条目编号，不能使用路径 (a trash entry id, not a path)')
  .refine((s) => !s.includes('..'), '只能使用回收站条目编号，不能使用路径 (a trash entry id, not a path)');

export interface Settings {
  charsPerMinute: number;
  /** Minimum run of identical characters that flags reuse (知网-style 13). */
  reuseMinChars: number;
  /** 高风险: a source given at the same 场合 or to the same 对象 within this many months of the draft. */
  reuseRiskMonths?: number;
  [key: string]: unknown;
}

/** Settings of a new workspace; the services and the renderer (before settings load) both start from these. */
export const DEFAULT_SETTINGS: Settings = { charsPerMinute: 220, reuseMinChars: 13, reuseRiskMonths: 24 };

/** One settings value of a capability's own (e.g. the Word layout): plain JSON, small and shallow. */
const SettingValueSchema = z.unknown().superRefine((v, ctx) => {
  const p = jsonShapeProblem(v, 8, 2_000);
  if (p) return void ctx.addIssue({ code: 'custom', message: `设置值${p}` });
  const size = JSON.stringify(v ?? null)?.length ?? 0;
  if (size > 64 * 1024) ctx.addIssue({ code: 'custom', message: `设置值过大（${Math.ceil(size / 1024)} KB，上限 64 KB）(setting value too large)` });
});

/** `settings.set`: the known fields with their ranges; other fields need a plain key and a small JSON value. */
export const SettingsPatchSchema = z
  .object({
    charsPerMinute: z.number().finite().min(60).max(600).optional(),
    reuseMinChars: z.number().int().min(5).max(100).optional(),
  })
  .catchall(SettingValueSchema)
  .superRefine((patch, ctx) => {
    const keys = Object.keys(patch);
    if (keys.length > 50) ctx.addIssue({ code: 'custom', message: `一次最多修改 50 项设置 (at most 50 keys)` });
    for (const k of keys) if (!/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(k)) ctx.addIssue({ code: 'custom', path: [k], message: `无效的设置名 (invalid setting name)` });
  });

export const draftsContract = {
  'workspace.info': method<{ dir: string; draftsDir: string; trashDir: string }>()(z.object({})),
  'drafts.list': method<DraftListEntry[]>()(z.object({})),
  'drafts.get': method<Draft>()(z.object({ id: DraftIdSchema })),
  'drafts.create': method<Draft>()(
    z.object({ name: z.string().max(200).optional(), doc: SpeechDocSchema.optional(), templateId: z.string().max(100).optional() }),
  ),
  'drafts.save': method<DraftMeta>()(
    z.object({ id: DraftIdSchema, doc: SpeechDocSchema, baseRevision: z.number().int().nonnegative().optional() }),
  ),
  /** 场合 / 对象 / date of a draft ('' clears a field). */
  'drafts.setMeta': method<DraftMeta>()(
    z.object({
      id: DraftIdSchema,
      occasion: z.string().max(200).optional(),
      audience: z.string().max(200).optional(),
      date: z
        .string()
        .trim()
        .regex(/^$|^(19|20|21)\d{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, '日期应写作 2024、2024-03 或 2024-03-15 (date as YYYY[-MM[-DD]])')
        .optional(),
    }),
  ),
  'drafts.rename': method<DraftMeta>()(z.object({ id: DraftIdSchema, name: z.string().trim().min(1).max(200) })),
  'drafts.duplicate': method<Draft>()(z.object({ id: DraftIdSchema })),
  'drafts.delete': method<{ trashedAs: string; trashId: string }>()(z.object({ id: DraftIdSchema })),
  /** The 回收站: deleted drafts, newest first. */
  'drafts.listTrash': method<TrashEntry[]>()(z.object({})),
  /** Move a deleted draft back (under a new id if its old id is taken again). */
  'drafts.restore': method<DraftMeta>()(z.object({ trashId: TrashIdSchema })),
  'settings.get': method<Settings>()(z.object({})),
  'settings.set': method<Settings>()(z.object({ patch: SettingsPatchSchema })),
};

/** A .docx's tracked changes on import: accepted (the final text Word shows) or rejected (the original). */
export const RevisionChoiceSchema = z.enum(['accept', 'reject']);
export type RevisionChoice = z.infer<typeof RevisionChoiceSchema>;
export interface RevisionCounts {
  insertions: number;
  deletions: number;
  /** Tracked paragraph format changes (e.g. a heading's level). */
  formatChanges: number;
}

export const draftImportContract = {
  /** Import a user's file (.txt, .docx, .html) as a new draft. */
  /** `revisions`: a .docx's tracked changes accepted (default: the final text Word shows) or rejected (the original). */
  'drafts.importFile': method<Draft & { notes: string[] }>()(FilePayloadSchema.extend({ revisions: RevisionChoiceSchema.optional() })),
  /** The tracked changes in a file (a .docx's insertions, deletions and format changes; all 0 for other files): asked before 导入. */
  'drafts.fileRevisions': method<RevisionCounts>()(FilePayloadSchema),
};
