// Every source a check is run against, and what is known of each: the library's documents (LibraryStore),
// the workspace's drafts (DraftCatalogue, fed by the draft store's events) and extra sources wired in by
// createContext (the template example passages). Sources are told apart by their ids: `draft:<id>`,
// `template:<templateId>#<exampleId>`, else a library document id.
import { ApiError } from '../../contract/define';
import type { ReuseSource } from '../../contract/library';
import { occasionOfTitle } from '../../core/library/recognize';
import type { OccasionInfo } from '../../core/reuse/risk';
import type { ReuseDocInput } from '../../core/reuse/types';
import type { DraftCatalogue } from './draftCatalogue';
import type { IndexedSource } from './indexKeeper';
import { textHash, type LibraryStore } from './store';

export const DRAFT_PREFIX = 'draft:';
export const TEMPLATE_PREFIX = 'template:';

/** Extra sources (e.g. template example passages), wired in by createContext. Returning the same array means unchanged. */
export type ExtraSourceProvider = () => Promise<ReuseDocInput[]> | ReuseDocInput[];

export class SourceCatalogue {
  private extraTexts = new Map<string, { title: string; text: string }>();
  /** What each provider returned last (the same array again: nothing to redo). */
  private extraLists: (ReuseDocInput[] | null)[];
  /** Content hashes of draft and template sources, computed again only when the text changed. */
  private hashes = new Map<string, { text: string; hash: string }>();
  private list: { stamp: string; sources: IndexedSource[] } | null = null;
  /** How many of the sources last listed by indexed() are drafts and template passages (a check names what it ran against; the rest are library documents). */
  counts = { drafts: 0, templates: 0 };

  constructor(
    readonly library: LibraryStore,
    readonly drafts: DraftCatalogue,
    private readonly providers: readonly ExtraSourceProvider[] = [],
  ) {
    this.extraLists = providers.map(() => null);
  }

  /**
   * Every source, brought up to date with the library folder, the drafts folder and the providers. The
   * same array is returned as long as nothing changed (IndexKeeper.sync then has nothing to compare).
   */
  async indexed(): Promise<IndexedSource[]> {
    // the library folder, the drafts folder and the providers are looked at together
    const [, , extras] = await Promise.all([
      this.library.load(),
      this.drafts.all(),
      Promise.all(
        this.providers.map(async (p) => {
          try {
            return await p();
          } catch {
            return null; // a provider failing must not stop checks: its sources stay as they were last given
          }
        }),
      ),
    ]);
    let extraChanged = false;
    extras.forEach((got, i) => {
      if (got && got !== this.extraLists[i]) {
        this.extraLists[i] = got;
        extraChanged = true;
      }
    });
    const stamp = `${this.library.revision}|${this.drafts.version}`;
    if (this.list && this.list.stamp === stamp && !extraChanged) return this.list.sources;
    const sources: IndexedSource[] = [];
    const lib = this.library;
    for (const id of lib.ids()) {
      const meta = lib.metaOf(id)!;
      sources.push({ id, hash: meta.textHash, doc: () => ({ id, title: meta.title, text: lib.textOf(id) ?? '' }) });
    }
    for (const d of this.drafts.ids().map((id) => this.drafts.get(id)!)) {
      const id = DRAFT_PREFIX + d.id;
      sources.push({ id, hash: this.hashOf(id, d.text), doc: () => ({ id, title: d.meta.name, text: d.text }) });
    }
    const extra = new Map<string, { title: string; text: string }>();
    for (const s of this.extraLists.flatMap((l) => l ?? [])) {
      const id = s.id.startsWith(TEMPLATE_PREFIX) ? s.id : TEMPLATE_PREFIX + s.id;
      extra.set(id, { title: s.title, text: s.text });
      sources.push({ id, hash: this.hashOf(id, s.text), doc: () => ({ id, title: s.title, text: s.text }) });
    }
    this.extraTexts = extra;
    const drafts = this.drafts.ids().length;
    this.counts = { drafts, templates: sources.length - lib.ids().length - drafts };
    const seen = new Set(sources.map((s) => s.id));
    for (const id of [...this.hashes.keys()]) if (!seen.has(id)) this.hashes.delete(id);
    this.list = { stamp, sources };
    return sources;
  }

  private hashOf(id: string, text: string): string {
    const h = this.hashes.get(id);
    if (h && h.text === text) return h.hash;
    const hash = textHash(text);
    this.hashes.set(id, { text, hash });
    return hash;
  }

  /** The text of a source as known now (what the checker aligns against). */
  text(id: string): string | undefined {
    if (id.startsWith(DRAFT_PREFIX)) return this.drafts.get(id.slice(DRAFT_PREFIX.length))?.text;
    if (id.startsWith(TEMPLATE_PREFIX)) return this.extraTexts.get(id)?.text;
    return this.library.textOf(id);
  }

  /** 打开来源: a source's title, kind and text. */
  source(id: string): ReuseSource {
    if (id.startsWith(DRAFT_PREFIX)) {
      const d = this.drafts.get(id.slice(DRAFT_PREFIX.length));
      if (d) return { id, title: d.meta.name, kind: 'draft', text: d.text };
    } else if (id.startsWith(TEMPLATE_PREFIX)) {
      const t = this.extraTexts.get(id);
      if (t) return { id, title: t.title, kind: 'template', text: t.text };
    } else {
      const m = this.library.metaOf(id);
      const text = this.library.textOf(id);
      if (m && text !== undefined) return { id, title: m.label, kind: 'library', text };
    }
    throw new ApiError('not-found', `找不到来源：${id}`);
  }

  /** How a source is named to the writer (library: title + speaker + date). */
  labelOf(id: string, fallback: string): string {
    if (id.startsWith(DRAFT_PREFIX) || id.startsWith(TEMPLATE_PREFIX)) return fallback;
    return this.library.metaOf(id)?.label ?? fallback;
  }

  /** 场合 / 对象 / date of a source: a library document's metadata, another draft's (its creation date if none). */
  occasionOf(id: string): OccasionInfo | undefined {
    if (id.startsWith(TEMPLATE_PREFIX)) return undefined;
    if (id.startsWith(DRAFT_PREFIX)) {
      const m = this.drafts.get(id.slice(DRAFT_PREFIX.length))?.meta;
      if (!m) return undefined;
      const occasion = m.occasion ?? occasionOfTitle(m.name);
      return { ...(occasion ? { occasion } : {}), ...(m.audience ? { audience: m.audience } : {}), date: m.date ?? m.createdAt.slice(0, 10) };
    }
    const m = this.library.metaOf(id);
    return m ? { ...(m.occasion ? { occasion: m.occasion } : {}), ...(m.audience ? { audience: m.audience } : {}), ...(m.date ? { date: m.date } : {}) } : undefined;
  }
}
