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
import { normalizeQuery, SearchIndex, type NormMatch } from '../../core/search/searchIndex';
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
  // every document, named as in the folder library's JSON (a hidden near-duplicate is found as well)
  const r = await occurrences(db, [normalizeQuery(q)], { limit, visibleOnly: false, docId: (row) => row.name });
  return { query: q, ...r };
}

export interface OccurrenceOptions {
  limit: number;
  /** Only documents that are not hidden (a group's members other than its representative), counted so too. */
  visibleOnly: boolean;
  /** Keep a document (its metadata row): the filters of 搜索. */
  keep?: (row: MetaRow) => boolean;
  /** The hit's docId for a document row. */
  docId: (row: MetaRow) => string;
}

/**
 * The documents holding every word (normalised), counted exactly from the bigram postings, ranked by the
 * search core's scoreOf over the library (document frequencies as runQuery counts them: word k among the
 * documents holding words 0 … k), and their first `limit` occurrences mapped to the original texts.
 */
export async function occurrences(db: pg.Pool | pg.ClientBase, words: string[], opts: OccurrenceOptions): Promise<{ total: number; hits: TeamSearchHit[] }> {
  if (!words.length) return { total: 0, hits: [] };
  // per word and document, its occurrences (removed documents are dropped below)
  const per = await Promise.all(words.map((w) => wordCounts(db, w)));
  const ids = [...per[0].keys()].filter((id) => per.every((c) => c.has(id)));
  if (!ids.length) return { total: 0, hits: [] };
  const visible = opts.visibleOnly ? ' AND NOT hidden' : '';
  const r = await db.query<MetaRow & { norm_length: number; docs: number }>(
    `SELECT ${opts.keep ? META_COLUMNS : 'id, title'}, norm_length, (SELECT count(*) FROM documents WHERE true${visible})::int AS docs FROM documents WHERE id = ANY($1::int4[])${visible}`,
    [ids],
  );
  const rows = opts.keep ? r.rows.filter(opts.keep) : r.rows;
  const df = words.map((_, k) => rows.filter((row) => per.slice(0, k + 1).every((c) => c.has(row.id))).length);
  const ranked = rows
    .map((row) => {
      const counts = per.map((c) => c.get(row.id)!);
      return { id: row.id, n: counts.reduce((a, b) => a + b, 0), score: scoreOf(words, counts, df, row.docs, row.norm_length, normalizeQuery(row.title)) };
    })
    .sort((a, b) => b.score - a.score || a.id - b.id);
  let total = 0;
  for (const d of ranked) total += d.n;
  // the texts of the documents whose occurrences fill the first `limit` hits
  const shown: typeof ranked = [];
  for (let left = opts.limit, i = 0; left > 0 && i < ranked.length; i++) {
    shown.push(ranked[i]);
    left -= ranked[i].n;
  }
  const texts = await db.query<MetaRow & { body: string }>(`SELECT ${META_COLUMNS}, body FROM documents WHERE id = ANY($1::int4[])`, [shown.map((d) => d.id)]);
  // offsets in the original texts, mapped by the search core (as the search of a library folder maps them)
  const index = SearchIndex.build(texts.rows.map((row) => ({ id: String(row.id), text: row.body })));
  const hits: TeamSearchHit[] = [];
  for (const d of shown) {
    const k = index.indexOf(String(d.id));
    if (k === undefined) continue; // removed in between
    const row = texts.rows[k];
    const meta = metaOfRow(row);
    const matches: NormMatch[] = [];
    for (const w of words) index.occurrences(k, w, matches);
    matches.sort((a, b) => a.start - b.start);
    for (const m of matches) {
      if (hits.length >= opts.limit) break;
      const { start, end } = index.toOriginal(k, row.body, m.start, m.end);
      hits.push({ docId: opts.docId(row), title: row.title, label: meta.label, start, end, snippet: snippetOf(row.body, start, end), score: d.score, source: 'library' });
    }
  }
  return { total, hits };
}
