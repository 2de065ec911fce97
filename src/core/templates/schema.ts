import { z } from 'zod';
import type { SectionRole } from '../model/types';
import { CLOSING_ID, OPENING_ID } from './instantiate';

// Templates are data (templates/*.json in the repository, user templates in the workspace's templates/):
// validated against this schema when loaded; adding one needs no code change.

export const TEMPLATE_FORMAT = 'speechdraft-template';
export const TEMPLATE_SCHEMA_VERSION = 1;

export const SECTION_ROLES: readonly SectionRole[] = ['开场', '成绩', '意义', '问题', '任务', '要求', '感受', '表态', '希望', '结尾', '其他'];

/** Ids of templates, sections and examples: lowercase letters, digits, - and _. */
export const TEMPLATE_ID_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/u;

const IdSchema = z.string().regex(TEMPLATE_ID_RE, '只能用小写字母、数字、- 和 _ (lowercase id)');

export const ExampleSchema = z.object({
  id: IdSchema,
  /** Quoted verbatim from the source (page numbers and watermarks of the scrape removed). */
  text: z.string().min(1),
  source: z.object({
    /** 1–5: which speech of the seed file; absent for examples from elsewhere. */
    speech: z.number().int().min(1).max(99).optional(),
    /** The N-th non-empty line of that speech, counting after its `第N篇：` marker line. */
    paragraph: z.number().int().min(1).optional(),
    title: z.string().min(1),
  }),
  note: z.string().optional(),
});

export const SubpointSchema = z.object({
  heading: z.string().min(1),
  guidance: z.string().optional(),
});

const PartFields = {
  guidance: z.string().min(1),
  transitions: z.array(z.string().min(1)).default([]),
  examples: z.array(ExampleSchema).default([]),
};

export const SectionSchema = z.object({
  id: IdSchema,
  role: z.enum(SECTION_ROLES as [SectionRole, ...SectionRole[]]),
  /** Suggested heading text (numbers are generated). */
  heading: z.string().min(1),
  subpoints: z.array(SubpointSchema).default([]),
  optional: z.boolean().optional(),
  ...PartFields,
});

export const PartSchema = z.object(PartFields);

export const TemplateSchema = z.object({
  format: z.literal(TEMPLATE_FORMAT),
  schemaVersion: z.literal(TEMPLATE_SCHEMA_VERSION),
  id: IdSchema,
  name: z.string().min(1).max(100),
  description: z.string().default(''),
  /** E.g. `在××会议上的讲话`. */
  titlePattern: z.string().min(1),
  salutation: z.string().default('同志们：'),
  opening: PartSchema,
  sections: z.array(SectionSchema).min(1),
  closing: PartSchema,
  /** Where the shape was drawn from. */
  source: z.object({ speech: z.number().int().optional(), title: z.string() }).optional(),
});

export type Template = z.output<typeof TemplateSchema>;
export type TemplateInput = z.input<typeof TemplateSchema>;
export type TemplateSection = z.output<typeof SectionSchema>;
export type TemplateExample = z.output<typeof ExampleSchema>;
export type TemplatePart = z.output<typeof PartSchema>;

export type ParseTemplateResult = { ok: true; template: Template } | { ok: false; error: string };

/** Parse and validate one template file's text; the error names the file and the field. */
export function parseTemplate(text: string, fileName: string): ParseTemplateResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    return { ok: false, error: `模板文件 ${fileName} 不是有效的 JSON：${(err as Error).message}` };
  }
  const r = TemplateSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    const where = i.path.length ? i.path.join('.') : '(根)';
    return { ok: false, error: `模板文件 ${fileName} 的字段 ${where} 无效：${i.message}` };
  }
  const t = r.data;
  const ids = new Set<string>();
  for (const s of t.sections) {
    if (ids.has(s.id) || s.id === OPENING_ID || s.id === CLOSING_ID) return { ok: false, error: `模板文件 ${fileName} 的字段 sections.id 重复：${s.id}` };
    ids.add(s.id);
  }
  return { ok: true, template: t };
}
