import { z } from 'zod';
import { method } from './define';
import { DraftIdSchema, FilePayloadSchema, ID_RE } from './common';
import type { Cleaning } from '../core/text/clean';
import type { CheckResult } from '../core/reuse/types';
import { LibraryKindSchema, type LibraryKind } from './search';

/** A date as the writer gives it: 2024, 2024-03 or 2024-03-15 ('' clears it). */
export const MetaDateSchema = z
  .string()
  .trim()
  .regex(/^$|^(19|20|21)\d{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, '日期应写作 2024、2024-03 或 2024-03-15 (date as YYYY[-MM[-DD]])');

/** Metadata edits of a library document (and, for drafts, 场合 / 对象 / date); '' clears a field. */
export const LibraryMetaPatchSchema = z.object({
  title: z.string().trim().max(200).optional(),
  speaker: z.string().max(100).optional(),
  date: MetaDateSchema.optional(),
  kind: LibraryKindSchema.optional(),
  occasion: z.string().max(200).optional(),
  audience: z.string().max(200).optional(),
});
export type LibraryMetaPatch = z.infer<typeof LibraryMetaPatchSchema>;

/** Library document ids: tokens like the draft ids (never paths). */
export const LibraryIdSchema = z.string().regex(ID_RE, '无效的文档编号 (invalid id)');
/** Source ids of a check: library ids, `draft:<id>`, `template:<id>…`. */
export const SourceIdSchema = z.string().min(1).max(200).regex(/^[A-Za-z0-9:_.#-]+$/, '无效的来源编号 (invalid source id)');

export interface LibraryDocMeta {
  id: string;
  title: string;
  /** How the document is named to the writer: title + speaker + date (core/library/label.ts). */
  label: string;
  speaker?: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY. */
  date?: string;
  kind: LibraryKind;
  /** 场合: the meeting or occasion series, e.g. 全市机关干部大会. */
  occasion?: string;
  /** 对象: the audience. */
  audience?: string;
  /** Name of the file it was imported from (kept in library/originals/). */
  originFile: string;
  /** 第N篇 of a bundled file / line of a .jsonl file. */
  part?: number;
  line?: number;
  /** 字数 of the cleaned text (countChars). */
  chars: number;
  importedAt: string;
  encoding?: string;
  /** How many cleanings were made on import. */
  cleanings: number;
  /** Near-duplicate group this document belongs to (absent when it has no duplicates). */
  groupId?: string;
  /** Set when another document of the group stands for it as the one source. */
  duplicateOf?: string;
}

export interface LibraryDoc extends LibraryDocMeta {
  text: string;
  cleaningReport: Cleaning[];
}

export interface DuplicateGroup {
  id: string;
  /** The document that counts as the group's source (the longest). */
  representative: string;
  members: { id: string; title: string; chars: number }[];
  /** 0..1: smallest containment linking the group (1 = one is a copy of part of the other). */
  similarity: number;
}

/** A document file in the library that could not be read or parsed: left alone and skipped (never a source). */
export interface LibraryDamagedFile {
  /** File name in library/docs/. */
  file: string;
  reason: string;
}

export interface ImportProblem {
  file: string;
  /** Line of a .jsonl file. */
  line?: number;
  message: string;
}

export interface ImportedDocSummary {
  id: string;
  title: string;
  originFile: string;
  chars: number;
  cleanings: Cleaning[];
  /** The same text was already in the library: nothing new stored. */
  alreadyPresent?: boolean;
}

export interface ImportStatus {
  jobId: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  totalFiles: number;
  doneFiles: number;
  totalBytes: number;
  doneBytes: number;
  currentFile?: string;
  imported: ImportedDocSummary[];
  problems: ImportProblem[];
  /** Near-duplicate groups that contain a document of this import. */
  duplicates: DuplicateGroup[];
  message?: string;
}

export type PassageStateKind = 'ignored' | 'quoted';

/** A writer's decision on a flagged passage, kept per draft by the passage's text (survives edits elsewhere). */
export interface PassageState {
  text: string;
  sourceId: string;
  state: PassageStateKind;
  at: string;
}

export interface ReuseCheckResult extends CheckResult {
  /** The text that was checked (offsets refer to it); only when no text was given (the saved draft's text). */
  checkedText?: string;
  states: PassageState[];
  elapsedMs: number;
  /** Number of sources the check ran against. */
  sourceCount: number;
  /** Of those: library documents (a team server's included), other drafts of the workspace, template example passages. */
  sourceKinds: { library: number; drafts: number; templates: number };
  /** 高风险 passages (same 场合 or 对象 within the period): counted apart from the others. */
  highRisk: { passages: number; chars: number; ratio: number };
  /** The 场合 / 对象 / date the risk was judged for (the draft's, or recognised from its title). */
  occasion?: { occasion?: string; audience?: string; date?: string };
  /** Drafts of the checked draft's family (copies, re-imports of its exports) left out as sources. */
  familyExcluded?: number;
}

export interface ReuseSource {
  id: string;
  title: string;
  kind: 'library' | 'draft' | 'template';
  text: string;
}

const RangeSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });

export const libraryContract = {
  /** The documents, their near-duplicate groups, and the damaged document files that were skipped. */
  'library.list': method<{ docs: LibraryDocMeta[]; groups: DuplicateGroup[]; damaged: LibraryDamagedFile[] }>()(z.object({})),
  'library.get': method<LibraryDoc>()(z.object({ id: LibraryIdSchema })),
  /** Edit a document's metadata or rename it (title). */
  'library.update': method<LibraryDocMeta>()(z.object({ id: LibraryIdSchema, patch: LibraryMetaPatchSchema })),
  /** Start importing files (.txt, .docx, .html, .jsonl) in the background; poll library.importStatus. */
  'library.import': method<{ jobId: string }>()(z.object({ files: z.array(FilePayloadSchema).min(1).max(5000) })),
  'library.importStatus': method<ImportStatus>()(z.object({ jobId: z.string().min(1).max(64) })),
  'library.cancelImport': method<ImportStatus>()(z.object({ jobId: z.string().min(1).max(64) })),
  'library.remove': method<{ removed: string[] }>()(z.object({ ids: z.array(LibraryIdSchema).min(1).max(10000) })),
  'library.dedup': method<{ groups: DuplicateGroup[] }>()(z.object({})),
};

export const reuseContract = {
  /** Check a draft (saved, or the editor's current text) against the library, other drafts and template examples. */
  'reuse.check': method<ReuseCheckResult>()(
    z.object({
      draftId: DraftIdSchema.optional(),
      /** The text to check (e.g. the editor's unsaved content); default: the saved draft as plain text. */
      text: z.string().max(2_000_000).optional(),
      minChars: z.number().int().min(5).max(200).optional(),
      quoteRanges: z.array(RangeSchema).max(10000).optional(),
      ignoreRanges: z.array(RangeSchema).max(10000).optional(),
      /** Show passages from the draft's own family (copies, re-imports of its exports) too; default: they are no sources. */
      includeFamily: z.boolean().optional(),
      /** Checking a text that belongs to a family (e.g. a .docx exported from a draft) without a draft id: that family is no source. */
      familyId: DraftIdSchema.optional(),
    }),
  ),
  /** 忽略 / 标为引用 a passage (state 'none' clears it). Stored per draft outside the draft text. */
  'reuse.setPassageState': method<{ states: PassageState[] }>()(
    z.object({
      draftId: DraftIdSchema,
      text: z.string().min(1).max(100_000),
      sourceId: SourceIdSchema,
      state: z.enum(['ignored', 'quoted', 'none']),
    }),
  ),
  'reuse.states': method<{ states: PassageState[] }>()(z.object({ draftId: DraftIdSchema })),
  /** The text of a source (library document, draft, template example), for 打开来源. */
  'reuse.source': method<ReuseSource>()(z.object({ sourceId: SourceIdSchema })),
};
