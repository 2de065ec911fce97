// Search on the server, matching exactly as the search of a library folder: the normalised texts
// (core/normalize: 凜 finds 凛, punctuation and spaces are skipped), found from the bigram postings of
// search_grams (searchRows: one query, matched on the client), one hit per occurrence (non-overlapping,
// from the left), `total` the occurrences in the whole library, documents ranked by the same score
// (core/search/query scoreOf: idf over the library's documents × damped occurrences relative to the
// normalised length, the query in the title counts extra), offsets mapped back to the original text and
// snippets cut by the same core code. One query finds the postings, one ranks the documents holding the
// query, one reads the texts of the documents whose occurrences are shown.
// Shape of the result: { query, total, hits: [{ docId, title, label, start, end, snippet, score, source }] }.
import type pg from 'pg';
import { ApiError } from '../../contract/define';
import { scoreOf, snippetOf } from '../../core/search/query';
import { normalizeQuery, SearchIndex } from '../../core/search/searchIndex';
import { META_COLUMNS, metaOfRow, type MetaRow } from './appMeta';
import { wordCounts } from './searchRows';

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
  const word = normalizeQuery(q);
  // per document, its occurrences (exact, from the bigram postings; removed documents are dropped below)
  const counts = await wordCounts(db, word);
  if (!counts.size) return { query: q, total: 0, hits: [] };
  const r = await db.query<{ id: number; title: string; norm_length: number; docs: number }>(
    'SELECT id, title, norm_length, (SELECT count(*) FROM documents)::int AS docs FROM documents WHERE id = ANY($1::int4[])',
    [[...counts.keys()]],
  );
  const ranked = r.rows
    .map((row) => {
      const n = counts.get(row.id)!;
      return { id: row.id, n, score: scoreOf([word], [n], [r.rows.length], row.docs, row.norm_length, normalizeQuery(row.title)) };
    })
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
  const rows = texts.rows;
  // offsets in the original texts, mapped by the search core (as the search of a library folder maps them)
  const index = SearchIndex.build(rows.map((row) => ({ id: String(row.id), text: row.body })));
  const hits: TeamSearchHit[] = [];
  for (const d of shown) {
    const k = index.indexOf(String(d.id));
    if (k === undefined) continue; // removed in between
    const row = rows[k];
    const meta = metaOfRow(row);
    for (const m of index.occurrences(k, word)) {
      if (hits.length >= limit) break;
      const { start, end } = index.toOriginal(k, row.body, m.start, m.end);
      hits.push({ docId: row.name, title: row.title, label: meta.label, start, end, snippet: snippetOf(row.body, start, end), score: d.score, source: 'library' });
    }
  }
  return { query: q, total, hits };
}
