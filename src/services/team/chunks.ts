// Source texts in chunks (table doc_chunks, schema version 7; bodies in UTF-16LE since version 9): the
// check reads only the parts of the sources around the draft's seeds, and a part read from one document's
// whole text (`substring` over a compressed TOAST value) decompresses and scans the whole text for every
// part. So each text is also stored cut at its checkpoints into chunks of about CHUNK_NORM normalised
// characters, small rows kept uncompressed in the table itself, keyed (doc, n): a part is an index probe
// and a few hundred bytes.
//
// Chunk n starts at the first checkpoint at or after normalised position n·CHUNK_NORM (chunk 0 at the
// start of the text) and ends where the next chunk starts (the last one at the end of the text). Chunks
// begin at checkpoints, so any run of consecutive chunks is what the checker's source windows read.
// A document with characters outside the BMP has no chunks (positions on the server are characters,
// not UTF-16 units): its text is fetched whole, as before.
import type pg from 'pg';
import { BINARY_HEADER, BINARY_TRAILER, copyIn } from './copy';
import { parseInts } from './int4';
import { lastAtOrBeforeBy } from '../../core/model/sorted';

/** Normalised characters per chunk (a multiple of the checkpoint interval, 64). Part of schema version 7. */
export const CHUNK_NORM = 128;

/** A chunk of a document's text: its number and where it starts (normalised position, UTF-16 offset). */
export interface ChunkStart {
  n: number;
  norm: number;
  start: number;
}

/** The chunks of a text from its checkpoints (flat pairs normPos, origOffset) and length. */
export function chunkStarts(checkpoints: ArrayLike<number>, textLength: number): ChunkStart[] {
  if (textLength <= 0) return [];
  const out: ChunkStart[] = [{ n: 0, norm: 0, start: 0 }];
  for (let i = 2; i + 1 < checkpoints.length; i += 2) {
    const v = checkpoints[i];
    if (Math.floor(v / CHUNK_NORM) > Math.floor(checkpoints[i - 2] / CHUNK_NORM)) out.push({ n: Math.floor(v / CHUNK_NORM), norm: v, start: checkpoints[i + 1] });
  }
  return out;
}

/** Whether a text has a surrogate pair (the server's `astral` column: such a text gets no chunks). */
export const hasAstral = (text: string) => /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text);

/** A document's text and checkpoints, to be cut into chunks. */
export interface ChunkSource {
  doc: number;
  text: string;
  checkpoints: ArrayLike<number>;
}

/** A row's bytes besides the body: field count, three int4 with their lengths, the body's length. */
const ROW_FIXED = 2 + 3 * 8 + 4;
const PIECE = 1 << 20;

/**
 * COPY binary data (doc, n, start, body) of the chunks of texts, bodies in UTF-16LE (schema version 9):
 * what a check fetches is turned back into text without decoding UTF-8, several times faster for Chinese,
 * and a Chinese character is 2 bytes instead of 3. Rows written into pieces of about 1 MB (as gramRows).
 */
export function* chunkCopyData(sources: Iterable<ChunkSource>): Generator<Buffer> {
  yield BINARY_HEADER;
  let buf = Buffer.allocUnsafe(PIECE);
  let o = 0;
  for (const { doc, text, checkpoints } of sources) {
    if (hasAstral(text)) continue;
    const starts = chunkStarts(checkpoints, text.length);
    for (let k = 0; k < starts.length; k++) {
      const a = starts[k].start;
      const b = k + 1 < starts.length ? starts[k + 1].start : text.length;
      const need = ROW_FIXED + 2 * (b - a);
      if (o + need > buf.length) {
        if (o > 0) yield buf.subarray(0, o);
        buf = Buffer.allocUnsafe(Math.max(PIECE, need));
        o = 0;
      }
      buf.writeInt16BE(4, o);
      buf.writeInt32BE(4, o + 2);
      buf.writeInt32BE(doc, o + 6);
      buf.writeInt32BE(4, o + 10);
      buf.writeInt32BE(starts[k].n, o + 14);
      buf.writeInt32BE(4, o + 18);
      buf.writeInt32BE(a, o + 22);
      buf.writeInt32BE(2 * (b - a), o + 26);
      buf.write(text.slice(a, b), o + ROW_FIXED, 'utf16le');
      o += need;
    }
  }
  if (o > 0) yield buf.subarray(0, o);
  yield BINARY_TRAILER;
}

/** Chunk bodies as a query returns them (`encode(…, 'base64')` of the UTF-16LE bytes) back to text. */
export const chunkText = (base64: string): string => Buffer.from(base64, 'base64').toString('utf16le');

/**
 * Cut the texts of every stored document into chunks again (the migration to version 9: bodies from text to
 * UTF-16LE), 200 documents at a time in id order, each lot by one COPY.
 */
export async function fillChunks(db: pg.ClientBase): Promise<void> {
  for (let after = 0; ; ) {
    const r = await db.query<{ id: number; body: string; cp: string }>(
      'SELECT id, body, array_to_string(checkpoints, \',\') AS cp FROM documents WHERE id > $1 AND NOT astral AND text_length > 0 ORDER BY id LIMIT 200',
      [after],
    );
    if (!r.rows.length) return;
    after = r.rows[r.rows.length - 1].id;
    await copyIn(db, 'COPY doc_chunks (doc, n, start, body) FROM STDIN (FORMAT binary)', chunkCopyData(r.rows.map((d) => ({ doc: d.id, text: d.body, checkpoints: parseInts(d.cp) }))));
  }
}

/** Chunks known for a document: the one holding normalised position p (the last start at or before it). */
export function chunkAt(chunks: ChunkStart[], p: number): number {
  return lastAtOrBeforeBy(chunks.length, p, (i) => chunks[i].norm);
}

/** Index (in `chunks`) of the chunk holding UTF-16 offset o. */
export function chunkAtOffset(chunks: ChunkStart[], o: number): number {
  return lastAtOrBeforeBy(chunks.length, o, (i) => chunks[i].start);
}
