// A search over one SearchIndex: exact phrase or all-of-these-words, ranked documents, hits mapped back
// to the original text with a highlighted snippet.
import { normalizeQuery, type NormMatch, type SearchIndex } from './searchIndex';

export type SearchMode = 'phrase' | 'all';

export interface DocHits {
  docId: string;
  score: number;
  /** Original-text offsets of every occurrence (of every word), in text order. */
  hits: { start: number; end: number }[];
}

export interface QueryOptions {
  mode: SearchMode;
  /** Which documents may be returned (filters). */
  accept?: (id: string) => boolean;
  /** The original text of a document, exactly as indexed. */
  getText: (id: string) => string | undefined;
  /** Title of a document: a word in the title ranks it higher. */
  getTitle?: (id: string) => string | undefined;
  /** Offsets are mapped only for the first `mapLimit` occurrences over all documents (the rest are counted). */
  mapLimit?: number;
}

export interface QueryResult {
  /** Occurrences over every matching document. */
  total: number;
  docs: DocHits[];
}

/** The words of a query: the whole query (phrase), or its space-separated parts (all). Empty after normalising ones are dropped. */
export function queryWords(query: string, mode: SearchMode): string[] {
  const parts = mode === 'phrase' ? [query] : query.split(/[\s\u3000,，、;；]+/);
  const words = parts.map(normalizeQuery).filter((w) => w.length > 0);
  return [...new Set(words)];
}

export function runQuery(index: SearchIndex, query: string, opts: QueryOptions): QueryResult {
  const words = queryWords(query, opts.mode);
  if (words.length === 0) return { total: 0, docs: [] };
  // 1. occurrences counted per document, word by word (each scan is exact; only its candidate blocks are read)
  const N = Math.max(1, index.size);
  const verdict = new Uint8Array(index.size); // 0 unknown, 1 accepted, 2 filtered out
  const accept = opts.accept
    ? (d: number) => {
        if (verdict[d] === 0) verdict[d] = opts.accept!(index.ids[d]) ? 1 : 2;
        return verdict[d] === 1;
      }
    : undefined;
  // per word, occurrences per document (typed arrays: a common word can have hundreds of thousands)
  const per: Uint32Array[] = [];
  const df: number[] = [];
  for (const w of words) {
    const c = new Uint32Array(index.size);
    const prev = per[per.length - 1];
    let docs = 0;
    index.scan(
      w,
      (d) => {
        if (c[d]++ === 0) docs++;
      },
      prev ? (d) => prev[d] > 0 && (!accept || accept(d)) : accept,
    );
    per.push(c);
    df.push(docs);
    if (docs === 0) break;
  }
  const found: { doc: number; counts: number[] }[] = [];
  if (per.length === words.length) {
    const last = per[per.length - 1];
    for (let d = 0; d < index.size; d++) if (last[d] > 0) found.push({ doc: d, counts: per.map((c) => c[d]) });
  }
  // 2. ranking: idf × damped term frequency relative to length (BM25-like), a word in the title counts extra
  const scored = found.map(({ doc, counts }) => {
    const id = index.ids[doc];
    const title = opts.getTitle ? normalizeQuery(opts.getTitle(id) ?? '') : '';
    return { doc, score: scoreOf(words, counts, df, N, index.norms[doc].length, title), n: counts.reduce((a, b) => a + b, 0) };
  });
  scored.sort((a, b) => b.score - a.score || a.doc - b.doc);
  // 3. positions collected and mapped to the original text for the first `mapLimit` hits only
  let total = 0;
  let left = opts.mapLimit ?? Infinity;
  const docs: DocHits[] = [];
  for (const s of scored) {
    total += s.n;
    const id = index.ids[s.doc];
    const hits: { start: number; end: number }[] = [];
    const text = left > 0 ? opts.getText(id) : undefined;
    if (text !== undefined) {
      const matches: NormMatch[] = [];
      for (const w of words) index.occurrences(s.doc, w, matches);
      matches.sort((a, b) => a.start - b.start);
      for (const m of matches) {
        if (left <= 0) break;
        hits.push(index.toOriginal(s.doc, text, m.start, m.end));
        left--;
      }
    }
    docs.push({ docId: id, score: s.score, hits });
  }
  return { total, docs };
}

/**
 * The score of a document holding every word: per word, idf over the library's `docs` (`df[k]` documents
 * hold word k) × its occurrences damped relative to the document's normalised length (BM25-like), and 1
 * more where the (normalised) title holds it. Rounded to 3 decimals.
 */
export function scoreOf(words: readonly string[], counts: readonly number[], df: readonly number[], docs: number, normLength: number, normTitle: string): number {
  const lengthNorm = 1.2 * (0.25 + (0.75 * normLength) / 5000);
  let score = 0;
  words.forEach((w, k) => {
    const idf = Math.log(1 + Math.max(1, docs) / df[k]);
    score += idf * (counts[k] / (counts[k] + lengthNorm) + (normTitle.includes(w) ? 1 : 0));
  });
  return Math.round(score * 1000) / 1000;
}

/** A piece of the line around [start, end): up to `before` / `after` characters, not crossing line breaks. */
export function snippetOf(text: string, start: number, end: number, before = 30, after = 50): { text: string; start: number; end: number } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  const from = Math.max(lineStart, start - before);
  const to = Math.min(Math.max(lineEnd, end), end + after);
  const lead = from > lineStart ? '…' : '';
  const tail = to < lineEnd ? '…' : '';
  const body = text.slice(from, to);
  return { text: lead + body + tail, start: lead.length + (start - from), end: lead.length + (end - from) };
}
