import type { Template } from '../../core/templates/schema';
import { loadTemplateDir, type TemplateLoadResult, type TemplateStore } from './store';
import { resolveBuiltinTemplatesDir } from './locate';

export interface ExampleSource {
  /** `template:<templateId>#<exampleId>`, the same id inserted examples carry in `origin.sourceId`. */
  id: string;
  title: string;
  text: string;
}

/** The example passages of the given templates as reuse sources. */
export function exampleSourcesOf(templates: Template[]): ExampleSource[] {
  const out: ExampleSource[] = [];
  for (const t of templates) {
    for (const part of [t.opening, ...t.sections, t.closing]) {
      for (const ex of part.examples) {
        out.push({ id: `template:${t.id}#${ex.id}`, title: `范文：${t.name} · ${ex.source.title}${ex.source.paragraph ? ` 第${ex.source.paragraph}段` : ''}`, text: ex.text });
      }
    }
  }
  return out;
}

/**
 * The built-in templates' example passages as library sources, so the reuse checker recognises an
 * inserted example as coming from its source. Reads the built-in templates folder (see locate.ts).
 */
export function templateExampleSources(templatesDir?: string): ExampleSource[] {
  const { templates } = loadTemplateDir(resolveBuiltinTemplatesDir(templatesDir), 'builtin');
  return exampleSourcesOf(templates.map((t) => t.template));
}

/**
 * The example passages of every template of `store` (built-in and user) as a reuse source, wired in by
 * createContext: an inserted example is then recognised as coming from it. The template folders are
 * re-read only when a template file changed (loadCached), the sources rebuilt (a new array) only then.
 */
export function templateExampleProvider(store: TemplateStore): () => Promise<ExampleSource[]> {
  let examples: { from: TemplateLoadResult; sources: ExampleSource[] } | null = null;
  return async () => {
    const loaded = await store.loadCached();
    if (examples?.from !== loaded) examples = { from: loaded, sources: exampleSourcesOf(loaded.templates.map((t) => t.template)) };
    return examples.sources;
  };
}
