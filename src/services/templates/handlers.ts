import { randomBytes } from 'node:crypto';
import { ApiError } from '../../contract/define';
import type { HandlersOf } from '../../contract/define';
import type { OutlineResult, TemplateSummary, templatesContract } from '../../contract/templates';
import { Blocks } from '../../core/model/block';
import { headingNumbers } from '../../core/model/numbering';
import type { SpeechDoc } from '../../core/model/types';
import { extractOutline, outlineOfUnits, type Outline } from '../../core/outline/extract';
import { parseDoc } from '../../core/text/fromDoc';
import { lintDoc, lintText, type Finding } from '../../core/outline/lint';
import { splitBundle } from '../../core/text/bundle';

/** The speeches of a file (`第一篇：…` markers): each from its marker line, as the library splits it. */
const splitPieces = (text: string) => splitBundle(text).map((p) => ({ label: p.label ?? null, start: p.markerStart ?? p.start, end: p.end }));
import { instantiateTemplate } from '../../core/templates/instantiate';
import { outlineToTemplate } from '../../core/templates/fromOutline';
import type { Template } from '../../core/templates/schema';
import type { ServiceContext } from '../context';
import { readDocument } from '../import/readDocument';
import type { TemplateOrigin } from './store';

export function summaryOf(t: Template, origin: TemplateOrigin): TemplateSummary {
  const sections = t.sections.map((s) => ({ id: s.id, role: s.role, heading: s.heading, subpoints: s.subpoints.map((p) => p.heading), exampleCount: s.examples.length }));
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    origin,
    titlePattern: t.titlePattern,
    sections,
    exampleCount: t.opening.examples.length + t.closing.examples.length + sections.reduce((n, s) => n + s.exampleCount, 0),
  };
}

/** Numbered outline lines of a document (`一、…`, `  （一）…`). */
export function outlineLines(doc: SpeechDoc): string[] {
  const nums = headingNumbers(doc.blocks);
  const out: string[] = [];
  doc.blocks.forEach((b, i) => {
    if (Blocks.isHeading(b)) out.push(`${'  '.repeat(b.level - 1)}${nums[i]}${Blocks.text(b)}`);
  });
  return out;
}

function shiftOutline(o: Outline, by: number): Outline {
  if (by === 0) return o;
  const r = (x: { start: number; end: number } | null) => (x ? { start: x.start + by, end: x.end + by } : null);
  return {
    ...o,
    ranges: { title: r(o.ranges.title), byline: r(o.ranges.byline), salutation: r(o.ranges.salutation) },
    headings: o.headings.map((h) => ({ ...h, start: h.start + by, end: h.end + by })),
    enumerations: o.enumerations.map((e) => ({
      ...e,
      start: e.start + by,
      end: e.end + by,
      items: e.items.map((it) => ({ ...it, start: it.start + by, end: it.end + by })),
    })),
  };
}

/** Outline of a text; a file bundling several speeches (`第一篇：…`) gives one piece per speech. */
export function outlineOfText(text: string): OutlineResult {
  return {
    text,
    pieces: splitPieces(text).map((p) => ({ label: p.label, start: p.start, end: p.end, outline: shiftOutline(extractOutline(text.slice(p.start, p.end)), p.start) })),
  };
}

/** Lint of a text, piece by piece, offsets into the whole text. */
export function lintOfText(text: string): Finding[] {
  return splitPieces(text).flatMap((p) =>
    lintText(text.slice(p.start, p.end)).map((f) => ({ ...f, ...(f.start !== undefined ? { start: f.start + p.start, end: (f.end ?? f.start) + p.start } : {}) })),
  );
}

type Source = { draftId?: string; doc?: SpeechDoc; text?: string; file?: { name: string; dataBase64: string } };

export function templateHandlers(ctx: ServiceContext): HandlersOf<typeof templatesContract> {
  // (the template example passages are reuse sources: createContext wires them in, templates/sources.ts)
  const store = ctx.templates;

  async function resolveSource(src: Source): Promise<{ doc?: SpeechDoc; text?: string; templateId?: string }> {
    const given = [src.draftId, src.doc, src.text, src.file].filter((x) => x !== undefined).length;
    if (given !== 1) throw new ApiError('invalid-input', '请给出且只给出一个：文稿编号、文档、文本或文件 (exactly one of draftId, doc, text, file)');
    if (src.draftId) {
      const d = await ctx.drafts.get(src.draftId);
      return { doc: d.doc, templateId: d.templateId };
    }
    if (src.doc) return { doc: src.doc };
    if (src.text !== undefined) return { text: src.text };
    const f = src.file!;
    const read = await readDocument(f.name, Buffer.from(f.dataBase64, 'base64'));
    // A .docx/.html file's structure (styles, outline levels, numbering) is in its blocks: the ones `open` makes.
    return read.structured ? { doc: read.doc } : { text: read.text };
  }

  return {
    'templates.list': async () => {
      const { templates, errors } = store.load();
      return { templates: templates.map((t) => summaryOf(t.template, t.origin)), errors: errors.map((e) => ({ file: e.file, origin: e.origin, message: e.message })) };
    },
    'templates.get': async ({ id }) => {
      const t = store.get(id);
      return { ...t.template, origin: t.origin };
    },
    'templates.preview': async ({ id }) => {
      const t = store.get(id);
      const doc = instantiateTemplate(t.template);
      return { summary: summaryOf(t.template, t.origin), doc, outline: outlineLines(doc) };
    },
    'drafts.createFromTemplate': async ({ templateId, name }) => {
      const t = store.get(templateId);
      // Without a name given, the draft takes its title as its name once one is typed.
      return ctx.drafts.create({ name: name?.trim() || `新文稿（${t.template.name}）`, doc: instantiateTemplate(t.template), templateId, nameFollowsTitle: !name?.trim() });
    },
    'templates.saveFromDraft': async ({ draftId, doc, name, description }) => {
      if (!!draftId === !!doc) throw new ApiError('invalid-input', '请给出文稿编号或文档之一 (draftId or doc)');
      const source = draftId ? (await ctx.drafts.get(draftId)).doc : doc!;
      const id = `user-${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
      const t = outlineToTemplate(source, { id, name, description });
      const saved = await store.saveUser(t);
      return summaryOf(saved.template, 'user');
    },
    'outline.extract': async (src) => {
      const r = await resolveSource(src);
      if (r.doc) {
        // A document's outline is the outline of its blocks (styles, levels and all), not a re-reading of its text.
        const { text, units } = parseDoc(r.doc);
        return { text, pieces: [{ label: null, start: 0, end: text.length, outline: outlineOfUnits(units) }] };
      }
      return outlineOfText(r.text ?? '');
    },
    'lint.draft': async ({ templateId, ...src }) => {
      const r = await resolveSource(src);
      if (r.doc) {
        const tid = templateId ?? r.templateId;
        let template: Template | null = null;
        if (tid) {
          try {
            template = store.get(tid).template;
          } catch {
            template = null; // the template was deleted or renamed: lint without it
          }
        }
        return { findings: lintDoc(r.doc, { template }) };
      }
      return { findings: lintOfText(r.text ?? ''), text: r.text ?? '' };
    },
  };
}
