// 搜索 and 相似素材 with a team library: the server finds the candidate documents (pg_trgm GIN on the
// cleaned texts: every word of the query as a substring), and the app's own search core matches, ranks and
// maps the hits over those candidates — the same phrase / all-words rules, filters and snippets as with
// 本机. Ranking weighs words by the candidates' document frequency (at most MAX_CANDIDATES documents).
import type pg from 'pg';
import type { SearchHit, SearchInput, SearchResult, SimilarParagraph } from '../../contract/search';
import { queryWords, runQuery, snippetOf } from '../../core/search/query';
import { normalizeQuery, SearchIndex } from '../../core/search/searchIndex';
import { similarParagraphs } from '../../core/search/similar';
import { passes, type SearchService } from '../search/searchService';
import { teamIdOf } from './appCheck';
import { META_COLUMNS, metaOfRow, type MetaRow } from './appMeta';

const MAX_CANDIDATES = 500;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

interface Candidate {
  id: string;
  text: string;
  meta: ReturnType<typeof metaOfRow>;
}

async function candidates(db: pg.Pool, patterns: string[], any: boolean): Promise<Candidate[]> {
  if (!patterns.length) return [];
  const r = await db.query<MetaRow & { body: string }>(
    `SELECT ${META_COLUMNS}, body FROM documents WHERE body LIKE ${any ? 'ANY' : 'ALL'}($1::text[]) AND NOT hidden ORDER BY id LIMIT ${MAX_CANDIDATES}`,
    [patterns.map((w) => '%' + likeEscape(w) + '%')],
  );
  return r.rows.map((row) => ({ id: teamIdOf(row.id), text: row.body, meta: metaOfRow({ ...row, head: row.body.slice(0, 1500) }) }));
}

/** Library hits from the server, draft hits from the workspace, merged by score as with 本机. */
export async function teamSearch(db: pg.Pool, drafts: SearchService, input: SearchInput): Promise<SearchResult> {
  const f = input.filters ?? {};
  const limit = input.limit ?? 50;
  const draftPart = f.source === 'library' ? null : await drafts.query({ ...input, filters: { ...f, source: 'draft' }, limit });
  const libHits: SearchHit[] = [];
  let libTotal = 0;
  if (f.source !== 'draft') {
    const words = queryWords(input.query, input.mode ?? 'phrase');
    const cands = await candidates(db, words, false);
    const byId = new Map(cands.map((c) => [c.id, c]));
    const index = SearchIndex.build(cands.map((c) => ({ id: c.id, text: c.text })));
    const res = runQuery(index, input.query, {
      mode: input.mode ?? 'phrase',
      accept: (id) => {
        const m = byId.get(id)?.meta;
        return m !== undefined && passes({ title: m.title, label: m.label, source: 'library', kind: m.kind, ...(m.speaker ? { speaker: m.speaker } : {}), ...(m.date ? { date: m.date } : {}), ...(m.occasion ? { occasion: m.occasion } : {}) }, f);
      },
      getText: (id) => byId.get(id)?.text,
      getTitle: (id) => byId.get(id)?.meta.title,
      mapLimit: limit,
    });
    libTotal = res.total;
    for (const d of res.docs) {
      const c = byId.get(d.docId)!;
      for (const h of d.hits) libHits.push({ docId: d.docId, title: c.meta.title, label: c.meta.label, start: h.start, end: h.end, snippet: snippetOf(c.text, h.start, h.end), score: d.score, source: 'library' });
    }
  }
  const hits = [...libHits, ...(draftPart?.hits ?? [])].sort((a, b) => b.score - a.score).slice(0, limit);
  return { query: input.query, total: libTotal + (draftPart?.total ?? 0), hits };
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
  const cands = await candidates(db, probes(norm), true);
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
