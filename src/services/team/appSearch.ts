// 搜索 and 相似素材 with a team library: the documents holding the query's words are counted exactly from
// the bigram postings of search_grams (searchRows; normalised texts, as 本机 matches), ranked by the
// search core's score over the whole library, and the shown occurrences mapped and cut into snippets by
// the same core code — the same phrase / all-words rules, filters and snippets as with 本机.
// 「相似素材」 reads at most MAX_CANDIDATES candidate documents (sharing a run with the paragraph).
import type pg from 'pg';
import type { SearchHit, SearchInput, SearchResult, SimilarParagraph } from '../../contract/search';
import { queryWords } from '../../core/search/query';
import { normalizeQuery, SearchIndex } from '../../core/search/searchIndex';
import { similarParagraphs } from '../../core/search/similar';
import { passes, type SearchService } from '../search/searchService';
import { teamIdOf } from './appCheck';
import { META_COLUMNS, metaOfRow, type MetaRow } from './appMeta';
import { occurrences } from './search';
import { wordCounts } from './searchRows';

const MAX_CANDIDATES = 500;

interface Candidate {
  id: string;
  text: string;
  meta: ReturnType<typeof metaOfRow>;
}

/** Documents (not hidden) holding any of the normalised `words`, the first MAX_CANDIDATES by id, with their texts. */
async function candidates(db: pg.Pool, words: string[]): Promise<Candidate[]> {
  if (!words.length) return [];
  const ids = new Set<number>();
  for (const counts of await Promise.all(words.map((w) => wordCounts(db, w)))) for (const id of counts.keys()) ids.add(id);
  if (!ids.size) return [];
  const r = await db.query<MetaRow & { body: string }>(`SELECT ${META_COLUMNS}, body FROM documents WHERE id = ANY($1::int4[]) AND NOT hidden ORDER BY id LIMIT ${MAX_CANDIDATES}`, [[...ids]]);
  return r.rows.map((row) => ({ id: teamIdOf(row.id), text: row.body, meta: metaOfRow({ ...row, head: row.body.slice(0, 1500) }) }));
}

const filterOf = (m: ReturnType<typeof metaOfRow>) => ({ title: m.title, label: m.label, source: 'library' as const, kind: m.kind, ...(m.speaker ? { speaker: m.speaker } : {}), ...(m.date ? { date: m.date } : {}), ...(m.occasion ? { occasion: m.occasion } : {}) });

/** The library part of 搜索, by the rules of core/search/query.runQuery over the whole team library (search.ts occurrences). */
function libraryPart(db: pg.Pool, input: SearchInput, limit: number): Promise<{ total: number; hits: SearchHit[] }> {
  const f = input.filters ?? {};
  const filtered = f.kind !== undefined || !!f.speaker?.trim() || !!f.occasion?.trim() || f.yearFrom !== undefined || f.yearTo !== undefined;
  return occurrences(db, queryWords(input.query, input.mode ?? 'phrase'), {
    limit,
    visibleOnly: true,
    ...(filtered ? { keep: (row: MetaRow) => passes(filterOf(metaOfRow(row)), f) } : {}),
    docId: (row) => teamIdOf(row.id),
  });
}

/** Library hits from the server, draft hits from the workspace, merged by score as with 本机. */
export async function teamSearch(db: pg.Pool, drafts: SearchService, input: SearchInput): Promise<SearchResult> {
  const f = input.filters ?? {};
  const limit = input.limit ?? 50;
  const draftPart = f.source === 'library' ? null : await drafts.query({ ...input, filters: { ...f, source: 'draft' }, limit });
  const lib = f.source !== 'draft' ? await libraryPart(db, input, limit) : { total: 0, hits: [] };
  const hits = [...lib.hits, ...(draftPart?.hits ?? [])].sort((a, b) => b.score - a.score).slice(0, limit);
  return { query: input.query, total: lib.total + (draftPart?.total ?? 0), hits };
}

/** Pieces of a paragraph to find candidate documents by (a few spread 4-character runs). */
function probes(norm: string): string[] {
  if (norm.length <= 4) return [norm];
  const n = Math.min(6, Math.floor(norm.length / 4));
  const out = new Set<string>();
  for (let i = 0; i < n; i++) {
    const at = Math.floor(((norm.length - 4) * i) / Math.max(1, n - 1));
    out.add(norm.slice(at, at + 4));
  }
  return [...out];
}

/** 「相似素材」: paragraphs of candidate documents (sharing a run with the paragraph) and of the drafts. */
export async function teamSimilar(db: pg.Pool, drafts: SearchService, input: { text: string; limit?: number; draftId?: string }): Promise<{ paragraphs: SimilarParagraph[] }> {
  const norm = normalizeQuery(input.text);
  if (norm.length < 2) return { paragraphs: [] };
  const limit = input.limit ?? 8;
  const cands = await candidates(db, probes(norm));
  const byId = new Map(cands.map((c) => [c.id, c]));
  const found = similarParagraphs(SearchIndex.build(cands.map((c) => ({ id: c.id, text: c.text }))), norm, { limit, getText: (id) => byId.get(id)?.text });
  const lib: SimilarParagraph[] = found.map((p) => {
    const m = byId.get(p.docId)!.meta;
    return { ...p, title: m.title, label: m.label, source: 'library' };
  });
  const own = await drafts.similar(input);
  const all = [...lib, ...own.paragraphs].sort((a, b) => b.score - a.score);
  return { paragraphs: all.slice(0, limit) };
}
