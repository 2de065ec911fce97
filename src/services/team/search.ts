// Search on the server: a literal substring match over the cleaned texts, answered by the pg_trgm GIN
// index on documents.body (pg_trgm takes CJK characters as word characters under a UTF-8 database with
// a C.UTF-8 / zh_CN.UTF-8 ctype; a query of 3 or more characters uses the index, shorter ones scan).
// Shape of the result: { query, total, hits: [{ docId, title, label, start, end, snippet, score, source }] }.
import type pg from 'pg';
import { ApiError } from '../../contract/define';

export interface TeamSearchHit {
  docId: string;
  title: string;
  /** Title (+ speaker + date once the server keeps metadata): the library contract's label. */
  label: string;
  /** UTF-16 offsets of the first occurrence in the document's cleaned text. */
  start: number;
  end: number;
  /** Text around it; start/end: the occurrence inside `text`. */
  snippet: { text: string; start: number; end: number };
  /** Occurrences in the document. */
  score: number;
  /** 'library': the hit is a library document (the shape of src/contract/search.ts). */
  source: 'library';
}

export interface TeamSearchResult {
  query: string;
  total: number;
  hits: TeamSearchHit[];
}

const CONTEXT = 30;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

export async function searchDocuments(db: pg.Pool | pg.ClientBase, query: string, opts: { limit?: number } = {}): Promise<TeamSearchResult> {
  const q = query.trim();
  if (!q) throw new ApiError('invalid-input', '请输入要搜索的文字');
  if (q.length > 200) throw new ApiError('invalid-input', '搜索的文字过长（最多 200 字）');
  const limit = Math.max(1, Math.min(200, opts.limit ?? 50));
  const r = await db.query<{ name: string; title: string; head: string; n: number; total: string }>(
    `SELECT name, title, left(body, strpos(body, $1) + char_length($1) + ${CONTEXT}) AS head,
            (char_length(body) - char_length(replace(body, $1, ''))) / char_length($1) AS n,
            count(*) OVER () AS total
     FROM documents WHERE body LIKE $2
     ORDER BY n DESC, id LIMIT ${limit}`,
    [q, '%' + likeEscape(q) + '%'],
  );
  const hits: TeamSearchHit[] = r.rows.map((row) => {
    const start = row.head.indexOf(q);
    const end = start + q.length;
    const a = Math.max(0, start - CONTEXT);
    return {
      docId: row.name,
      title: row.title,
      label: row.title,
      start,
      end,
      snippet: { text: row.head.slice(a, end + CONTEXT), start: start - a, end: end - a },
      score: row.n,
      source: 'library',
    };
  });
  return { query: q, total: r.rows.length ? Number(r.rows[0].total) : 0, hits };
}
