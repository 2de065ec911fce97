// The team library's search index: the exact bigram postings of core/search/gramPostings (normalised
// texts, as a library folder's search normalises them), one row per (gram, batch) in `search_grams`
// with a B-tree on (gram, batch). The importer computes a batch's lists on the client and sends them by
// one binary COPY in the batch's transaction; a search reads the rows of its grams in one query and
// matches on the client. Rows are never rewritten: the postings of removed documents stay behind and are
// dropped when read (only documents still in `documents` are returned). A word of 5 or more characters first
// asks for the sizes of its grams' lists and reads the cover of least size (one more round trip, fewer bytes).
import type pg from 'pg';
import { buildGramBatch, countPerDoc, coveringGrams, decodePostings, gramsOf, keysStartingWith, phraseStarts, type GramBatch } from '../../core/search/gramPostings';
import { BINARY_HEADER, BINARY_TRAILER, copyIn } from './copy';
const CHUNK = 1 << 20;

/** COPY binary rows (gram int4, batch int4, postings bytea) of a batch, in chunks of about 1 MB. */
export function* gramRows(b: GramBatch, batch: number): Generator<Buffer> {
  yield BINARY_HEADER;
  let buf = Buffer.allocUnsafe(CHUNK);
  let o = 0;
  for (let g = 0; g < b.keys.length; g++) {
    const from = b.offsets[g];
    const len = b.offsets[g + 1] - from;
    const need = 2 + 8 + 8 + 4 + len;
    if (o + need > buf.length) {
      if (o > 0) yield buf.subarray(0, o);
      buf = Buffer.allocUnsafe(Math.max(CHUNK, need));
      o = 0;
    }
    buf.writeInt16BE(3, o);
    buf.writeInt32BE(4, o + 2);
    buf.writeInt32BE(b.keys[g], o + 6);
    buf.writeInt32BE(4, o + 10);
    buf.writeInt32BE(batch, o + 14);
    buf.writeInt32BE(len, o + 18);
    buf.set(b.bytes.subarray(from, from + len), o + 22);
    o += need;
  }
  if (o > 0) yield buf.subarray(0, o);
  yield BINARY_TRAILER;
}

/** Write the search rows of documents (ids ascending) inside the caller's transaction; the batch is named by its first id. */
export async function writeSearchRows(client: pg.ClientBase, built: GramBatch, firstId: number): Promise<void> {
  if (built.keys.length) await copyIn(client, 'COPY search_grams (gram, batch, postings) FROM STDIN (FORMAT binary)', gramRows(built, firstId));
}

/** Build the search rows of every stored document (migration 6), a few thousand documents per batch. */
export async function buildAllSearchRows(client: pg.ClientBase, batchChars = 2_000_000): Promise<void> {
  let after = 0;
  for (;;) {
    const r = await client.query<{ id: number; body: string }>('SELECT id, body FROM documents WHERE id > $1 ORDER BY id LIMIT 500', [after]);
    if (!r.rows.length) return;
    let batch: { id: number; text: string }[] = [];
    let chars = 0;
    const flush = async () => {
      if (batch.length) await writeSearchRows(client, buildGramBatch(batch), batch[0].id);
      batch = [];
      chars = 0;
    };
    for (const row of r.rows) {
      batch.push({ id: row.id, text: row.body });
      chars += row.body.length;
      if (chars >= batchChars) await flush();
    }
    await flush();
    after = r.rows[r.rows.length - 1].id;
  }
}

/**
 * Per document id, the occurrences of a normalised word (non-overlapping from the left, as a scan of the
 * normalised text counts them), from one query. Removed documents may still be among the ids.
 */
export async function wordCounts(db: pg.Pool | pg.ClientBase, word: string): Promise<Map<number, number>> {
  if (!word) return new Map();
  if (word.length === 1) {
    // every position of the character is the start of exactly one key of the range
    const [lo, hi] = keysStartingWith(word.charCodeAt(0));
    const r = await db.query<{ gram: number; postings: Buffer }>('SELECT gram, postings FROM search_grams WHERE gram BETWEEN $1 AND $2 ORDER BY gram, batch', [lo, hi]);
    const counts = new Map<number, number>();
    for (const parts of byGram(r.rows).values()) countPerDoc(decodePostings(parts), 1, counts);
    return counts;
  }
  let grams = coveringGrams(word);
  if (word.length >= 5) {
    // a choice of covers: the sizes of every gram's lists first (a gram nowhere: nothing holds the word)
    const sizes = await db.query<{ gram: number; n: string }>('SELECT gram, sum(octet_length(postings)) AS n FROM search_grams WHERE gram = ANY($1::int4[]) GROUP BY gram', [[...new Set(gramsOf(word).map((g) => g.key))]]);
    const sizeOf = new Map(sizes.rows.map((r) => [r.gram, Number(r.n)]));
    if (gramsOf(word).some((g) => !sizeOf.has(g.key))) return new Map();
    grams = coveringGrams(word, (key) => sizeOf.get(key)!);
  }
  const r = await db.query<{ gram: number; postings: Buffer }>('SELECT gram, postings FROM search_grams WHERE gram = ANY($1::int4[]) ORDER BY gram, batch', [[...new Set(grams.map((g) => g.key))]]);
  const rows = byGram(r.rows);
  const lists = grams.map((g) => ({ postings: decodePostings(rows.get(g.key) ?? []), offset: g.offset }));
  return countPerDoc(phraseStarts(lists), word.length);
}

function byGram(rows: { gram: number; postings: Buffer }[]): Map<number, Uint8Array[]> {
  const out = new Map<number, Uint8Array[]>();
  for (const row of rows) {
    const l = out.get(row.gram);
    if (l) l.push(row.postings);
    else out.set(row.gram, [row.postings]);
  }
  return out;
}
