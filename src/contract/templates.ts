import { z } from 'zod';
import { method } from './define';
import { DraftIdSchema, FilePayloadSchema, SpeechDocSchema } from './common';
import type { Draft } from './drafts';
import type { SectionRole, SpeechDoc } from '../core/model/types';
import type { Template } from '../core/templates/schema';
import type { Outline } from '../core/outline/extract';
import type { Finding } from '../core/outline/lint';

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  origin: 'builtin' | 'user';
  titlePattern: string;
  sections: { id: string; role: SectionRole; heading: string; subpoints: string[]; exampleCount: number }[];
  exampleCount: number;
}

export interface TemplateLoadProblem {
  file: string;
  origin: 'builtin' | 'user';
  /** Chinese, names the file and the field. */
  message: string;
}

export interface OutlinePiece {
  /** `第二篇` for a file bundling several speeches, else null. */
  label: string | null;
  /** Offsets of the piece in `text`; the outline's offsets are absolute (into `text`). */
  start: number;
  end: number;
  outline: Outline;
}

export interface OutlineResult {
  /** The text all offsets refer to (a draft: its text with generated heading numbers). */
  text: string;
  pieces: OutlinePiece[];
}

const TemplateIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/u, '模板编号无效 (template id)');

/** Source of a text to outline or lint: a draft, a document value, plain text or a file. */
const TextSourceSchema = z.object({
  draftId: DraftIdSchema.optional(),
  doc: SpeechDocSchema.optional(),
  text: z.string().max(20_000_000).optional(),
  file: FilePayloadSchema.optional(),
});

export const templatesContract = {
  'templates.list': method<{ templates: TemplateSummary[]; errors: TemplateLoadProblem[] }>()(z.object({})),
  'templates.get': method<Template & { origin: 'builtin' | 'user' }>()(z.object({ id: TemplateIdSchema })),
  /** The outline a template produces (the document a new draft would start with, and numbered heading lines). */
  'templates.preview': method<{ summary: TemplateSummary; doc: SpeechDoc; outline: string[] }>()(z.object({ id: TemplateIdSchema })),
  'drafts.createFromTemplate': method<Draft>()(z.object({ templateId: TemplateIdSchema, name: z.string().max(200).optional() })),
  /** 另存为模板: the outline of a draft (or a document) as a user template in the workspace. */
  'templates.saveFromDraft': method<TemplateSummary>()(
    z.object({ draftId: DraftIdSchema.optional(), doc: SpeechDocSchema.optional(), name: z.string().trim().min(1).max(100), description: z.string().max(500).optional() }),
  ),
  'outline.extract': method<OutlineResult>()(TextSourceSchema),
  /** Structure findings. Drafts and documents: by blockIndex/offset; text and files: by start/end. */
  'lint.draft': method<{ findings: Finding[]; text?: string }>()(TextSourceSchema.extend({ templateId: TemplateIdSchema.optional() })),
};
