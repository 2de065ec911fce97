import { ApiError } from '../../contract/define';
import { familyOf } from '../../contract/drafts';
import type { SearchFilters, SearchHit, SearchInput, SearchResult, SimilarParagraph } from '../../contract/search';
import { sourceLabel, yearOf } from '../../core/library/label';
import { runQuery, snippetOf, type DocHits } from '../../core/search/query';
import { normalizeQuery, SearchIndex } from '../../core/search/searchIndex';
import { similarParagraphs } from '../../core/search/similar';
import type { DraftCatalogue } from '../library/draftCatalogue';
import type { LibraryStore } from '../library/store';

/** What search needs to know of a document besides its text. */
export interface DocInfo {
  title: string;
  label: string;
  source: 'library' | 'draft';
  kind?: string;
  speaker?: string;
  date?: string;
  occasion?: string;
  family?: string;
}

const DRAFT = 'draft:';

/**
 * 搜索 over the 素材库 and the workspace's drafts: one index over the library (rebuilt when its texts
 * change, not on metadata edits) and one over the drafts (small; rebuilt when a draft source changed).
 */
export class SearchService {
  private lib: { rev: number; index: SearchIndex } | null = null;
  private drafts: { ver: number; index: SearchIndex } | null = null;

  constructor(
    private readonly library: LibraryStore,
    private readonly catalogue: DraftCatalogue,
  ) {}

  private async indexes(): Promise<{ lib: SearchIndex; drafts: SearchIndex }> {
    await this.library.load();
    if (!this.lib || this.lib.rev !== this.library.revision) {
      const rev = this.library.revision;
      const docs = this.library.ids().map((id) => ({ id, text: this.library.textOf(id) ?? '' }));
      this.lib = { rev, index: SearchIndex.build(docs) };
    }
    const all = await this.catalogue.all();
    if (!this.drafts || this.drafts.ver !== this.catalogue.version) {
      const ver = this.catalogue.version;
      this.drafts = { ver, index: SearchIndex.build(all.map((d) => ({ id: DRAFT + d.id, text: d.text }))) };
    }
    return { lib: this.lib.index, drafts: this.drafts.index };
  }

  /** The library index as it is now (bench, tests). */
  async libraryIndex(): Promise<SearchIndex> {
    return (await this.indexes()).lib;
  }

  private info(id: string): DocInfo | undefined {
    if (id.startsWith(DRAFT)) {
      const d = this.catalogue.get(id.slice(DRAFT.length));
      if (!d) return undefined;
      const m = d.meta;
      return { title: m.name, label: sourceLabel({ title: m.name, ...(m.date ? { date: m.date } : {}) }), source: 'draft', ...(m.date ? { date: m.date } : {}), ...(m.occasion ? { occasion: m.occasion } : {}), family: familyOf(m) };
    }
    const m = this.library.metaOf(id);
    if (!m) return undefined;
    return { title: m.title, label: m.label, source: 'library', kind: m.kind, ...(m.speaker ? { speaker: m.speaker } : {}), ...(m.date ? { date: m.date } : {}), ...(m.occasion ? { occasion: m.occasion } : {}) };
  }

  private text(id: string): string | undefined {
    return id.startsWith(DRAFT) ? this.catalogue.get(id.slice(DRAFT.length))?.text : this.library.textOf(id);
  }

  async query(input: SearchInput): Promise<SearchResult> {
    const { lib, drafts } = await this.indexes();
    const f = input.filters ?? {};
    if (f.yearFrom !== undefined && f.yearTo !== undefined && f.yearFrom > f.yearTo) throw new ApiError('invalid-input', `年份范围无效：${f.yearFrom}–${f.yearTo}`);
    const limit = input.limit ?? 50;
    const accept = (id: string) => {
      const i = this.info(id);
      return i !== undefined && passes(i, f);
    };
    const common = { mode: input.mode ?? 'phrase', accept, getText: (id: string) => this.text(id), getTitle: (id: string) => this.info(id)?.title, mapLimit: limit } as const;
    const parts = [f.source === 'draft' ? null : runQuery(lib, input.query, common), f.source === 'library' ? null : runQuery(drafts, input.query, common)];
    const docs: DocHits[] = parts.flatMap((p) => p?.docs ?? []).sort((a, b) => b.score - a.score);
    const hits: SearchHit[] = [];
    for (const d of docs) {
      const info = this.info(d.docId)!;
      const text = this.text(d.docId) ?? '';
      for (const h of d.hits) {
        if (hits.length >= limit) break;
        hits.push({
          docId: info.source === 'draft' ? d.docId.slice(DRAFT.length) : d.docId,
          title: info.title,
          label: info.label,
          start: h.start,
          end: h.end,
          snippet: snippetOf(text, h.start, h.end),
          score: d.score,
          source: info.source,
        });
      }
    }
    return { query: input.query, total: parts.reduce((n, p) => n + (p?.total ?? 0), 0), hits };
  }

  /** 「相似素材」: paragraphs of the library (and other drafts outside the open draft's family) most like `text`. */
  async similar(input: { text: string; limit?: number; draftId?: string }): Promise<{ paragraphs: SimilarParagraph[] }> {
    const { lib, drafts } = await this.indexes();
    const norm = normalizeQuery(input.text);
    if (norm.length < 2) return { paragraphs: [] };
    const own = input.draftId ? this.catalogue.get(input.draftId) : undefined;
    const family = own ? familyOf(own.meta) : input.draftId;
    const limit = input.limit ?? 8;
    const found = [lib, drafts].flatMap((index) =>
      similarParagraphs(index, norm, {
        limit,
        getText: (id) => this.text(id),
        accept: (id) => {
          const i = this.info(id);
          return i !== undefined && !(i.source === 'draft' && (id === DRAFT + input.draftId || (family !== undefined && i.family === family)));
        },
      }),
    );
    found.sort((a, b) => b.score - a.score);
    return {
      paragraphs: found.slice(0, limit).map((p) => {
        const info = this.info(p.docId)!;
        return { ...p, docId: info.source === 'draft' ? p.docId.slice(DRAFT.length) : p.docId, title: info.title, label: info.label, source: info.source };
      }),
    };
  }
}

export function passes(i: DocInfo, f: SearchFilters): boolean {
  if (f.kind !== undefined && i.kind !== f.kind) return false;
  if (f.speaker !== undefined && f.speaker.trim() && i.speaker !== f.speaker.trim()) return false;
  if (f.occasion !== undefined && f.occasion.trim() && i.occasion !== f.occasion.trim()) return false;
  if (f.yearFrom !== undefined || f.yearTo !== undefined) {
    const y = yearOf(i.date);
    if (y === undefined) return false;
    if (f.yearFrom !== undefined && y < f.yearFrom) return false;
    if (f.yearTo !== undefined && y > f.yearTo) return false;
  }
  return true;
}
