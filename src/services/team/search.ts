// Search on the server: a literal substring match over the cleaned texts, answered by the pg_trgm GIN
// index on documents.body (pg_trgm takes CJK characters as word characters under a UTF-8 database with
// a C.UTF-8 / zh_CN.UTF-8 ctype; a query of 3 or more characters uses the index, shorter ones scan).
// As the search of a library folder: one hit per occurrence (non-overlapping, from the left), `total` the
// occurrences in the whole library, documents ranked by the same BM25-like score (core/search/query:
// idf over the library's documents × damped occurrences relative to length, the query in the title
// counts extra), snippets by the same rule (snippetOf). One query finds and counts the documents holding
// the query; a second reads the texts of the documents whose occurrences are shown.
// Shape of the result: { query, total, hits: [{ docId, title, label, start, end, snippet, score, source }] }.
import type pg from 'pg';
import { ApiError } from '../../contract/define';
import { snippetOf } from '../../core/search/query';
import { normalizeQuery } from '../../core/search/searchIndex';
import { META_COLUMNS, metaOfRow, type MetaRow } from './appMeta';

export interface TeamSearchHit {
  docId: string;
  title: string;
  /** Title (+ speaker + date): the library contract's label. */
  label: string;
  /** UTF-16 offsets of this occurrence in the document's cleaned text. */
  start: number;
  end: number;
  /** The line around it (snippetOf); start/end: the occurrence inside `text`. */
  snippet: { text: string; start: number; end: number };
  /** The document's score (every occurrence of a document has its document's score). */
  score: number;
  /** 'library': the hit is a library document (the shape of src/contract/search.ts). */
  source: 'library';
}

export interface TeamSearchResult {
  query: string;
  /** Occurrences in the whole library (hits holds the first `limit`). */
  total: number;
  hits: TeamSearchHit[];
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** The score of core/search/query.runQuery for a one-word query. */
function score(occurrences: number, normLength: number, titleHolds: boolean, libraryDocs: number, docsHolding: number): number {
  const idf = Math.log(1 + Math.max(1, libraryDocs) / docsHolding);
  const lengthNorm = 1.2 * (0.25 + (0.75 * normLength) / 5000);
  return Math.round(idf * (occurrences / (occurrences + lengthNorm) + (titleHolds ? 1 : 0)) * 1000) / 1000;
}

/** UTF-16 offsets of the occurrences of `q` in `text`, non-overlapping from the left. */
export function occurrencesOf(text: string, q: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(q); at >= 0; at = text.indexOf(q, at + q.length)) out.push(at);
  return out;
}

export async function searchDocuments(db: pg.Pool | pg.ClientBase, query: string, opts: { limit?: number } = {}): Promise<TeamSearchResult> {
  const q = query.trim();
  if (!q) throw new ApiError('invalid-input', '请输入要搜索的文字');
  if (q.length > 200) throw new ApiError('invalid-input', '搜索的文字过长（最多 200 字）');
  const limit = Math.max(1, Math.min(200, opts.limit ?? 50));
  // every document holding the query, with its occurrences (non-overlapping: what replace() removes)
  const r = await db.query<{ id: number; title: string; norm_length: number; n: number; docs: number }>(
    `SELECT id, title, norm_length, (char_length(body) - char_length(replace(body, $1, ''))) / char_length($1) AS n,
            (SELECT count(*) FROM documents)::int AS docs
     FROM documents WHERE body LIKE $2`,
    [q, '%' + likeEscape(q) + '%'],
  );
  if (!r.rows.length) return { query: q, total: 0, hits: [] };
  const word = normalizeQuery(q);
  const ranked = r.rows
    .map((row) => ({ id: row.id, n: row.n, score: score(row.n, row.norm_length, normalizeQuery(row.title).includes(word), row.docs, r.rows.length) }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
  let total = 0;
  for (const d of ranked) total += d.n;
  // the texts of the documents whose occurrences fill the first `limit` hits
  const shown: typeof ranked = [];
  for (let left = limit, i = 0; left > 0 && i < ranked.length; i++) {
    shown.push(ranked[i]);
    left -= ranked[i].n;
  }
  const texts = await db.query<MetaRow & { body: string }>(`SELECT ${META_COLUMNS}, body FROM documents WHERE id = ANY($1::int4[])`, [shown.map((d) => d.id)]);
  const byId = new Map(texts.rows.map((row) => [row.id, row]));
  const hits: TeamSearchHit[] = [];
  for (const d of shown) {
    const row = byId.get(d.id);
    if (!row) continue; // removed in between
    const meta = metaOfRow(row);
    for (const start of occurrencesOf(row.body, q)) {
      if (hits.length >= limit) break;
      const end = start + q.length;
      hits.push({ docId: row.name, title: row.title, label: meta.label, start, end, snippet: snippetOf(row.body, start, end), score: d.score, source: 'library' });
    }
  }
  return { query: q, total, hits };
}
