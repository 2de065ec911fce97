// Source texts in chunks (table doc_chunks, schema version 7): the check reads only the parts of the
// sources around the draft's seeds, and a part read from one document's whole text (`substring` over a
// compressed TOAST value) decompresses and scans the whole text for every part. So each text is also
// stored cut at its checkpoints into chunks of about CHUNK_NORM normalised characters, small rows kept
// uncompressed in the table itself, keyed (doc, n): a part is an index probe and a few hundred bytes.
//
// Chunk n starts at the first checkpoint at or after normalised position n·CHUNK_NORM (chunk 0 at the
// start of the text) and ends where the next chunk starts (the last one at the end of the text). Chunks
// begin at checkpoints, so any run of consecutive chunks is what the checker's source windows read.
// A document with characters outside the BMP has no chunks (positions on the server are characters,
// not UTF-16 units): its text is fetched whole, as before.
import { copyText } from './copy';
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

/** COPY text rows (doc, n, start, body) of the chunks of one document. */
export function chunkRows(doc: number, text: string, checkpoints: ArrayLike<number>): string {
  if (hasAstral(text)) return '';
  const starts = chunkStarts(checkpoints, text.length);
  let out = '';
  for (let k = 0; k < starts.length; k++) {
    const a = starts[k].start;
    const b = k + 1 < starts.length ? starts[k + 1].start : text.length;
    out += `${doc}\t${starts[k].n}\t${a}\t${copyText(text.slice(a, b))}\n`;
  }
  return out;
}

/**
 * The same chunks cut on the server from the stored texts (the migration to version 7, for documents
 * imported before it): one row per chunk start, the text from there to the next start.
 */
export const CHUNKS_FROM_DOCUMENTS_SQL = `
INSERT INTO doc_chunks (doc, n, start, body)
SELECT s.id, s.n, s.o, substr(s.body, s.o + 1, coalesce(lead(s.o) OVER (PARTITION BY s.id ORDER BY s.o), s.text_length) - s.o)
FROM (
  SELECT d.id, d.body, d.text_length, 0 AS n, 0 AS o FROM documents d WHERE NOT d.astral AND d.text_length > 0
  UNION ALL
  SELECT c.id, c.body, c.text_length, c.v / ${CHUNK_NORM}, c.o
  FROM (SELECT d.id, d.body, d.text_length, d.checkpoints[2 * i + 1] AS v, d.checkpoints[2 * i + 2] AS o, d.checkpoints[2 * i - 1] AS u
        FROM documents d CROSS JOIN LATERAL generate_series(1, cardinality(d.checkpoints) / 2 - 1) AS i
        WHERE NOT d.astral AND d.text_length > 0) c
  WHERE c.v / ${CHUNK_NORM} > c.u / ${CHUNK_NORM}
) s`;

/** Chunks known for a document: the one holding normalised position p (the last start at or before it). */
export function chunkAt(chunks: ChunkStart[], p: number): number {
  return lastAtOrBeforeBy(chunks.length, p, (i) => chunks[i].norm);
}

/** Index (in `chunks`) of the chunk holding UTF-16 offset o. */
export function chunkAtOffset(chunks: ChunkStart[], o: number): number {
  return lastAtOrBeforeBy(chunks.length, o, (i) => chunks[i].start);
}
