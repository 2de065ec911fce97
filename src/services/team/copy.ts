// COPY FROM STDIN for the team-library import (pg-copy-streams): documents as COPY text rows, fingerprints
// as COPY binary rows of three int4 (26 bytes a row, nothing for the server to parse), text chunks as COPY
// binary rows too (chunks.ts). Each COPY runs inside the import batch's transaction, so a killed import
// leaves none of its rows visible.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Send `chunks` as the data of `COPY … FROM STDIN` (backpressure respected); resolves with the rows copied. */
export async function copyIn(client: pg.ClientBase, sql: string, chunks: Iterable<Uint8Array | string>): Promise<number> {
  const stream = client.query(copyFrom(sql));
  await pipeline(Readable.from(chunks, { objectMode: false }), stream);
  return stream.rowCount;
}

/** A value of a COPY text row: backslash, tab, newline and carriage return escaped; null as \N. */
export function copyText(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const s = String(value);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}

/** The start and the end of COPY binary data: signature, flags 0, no header extension; a field count of -1. */
export const BINARY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
export const BINARY_TRAILER = Buffer.from([0xff, 0xff]);
const ROW_BYTES = 2 + 3 * 8;
const ROWS_PER_CHUNK = 40_000; // ~1 MB a chunk

/**
 * The rows (a[i], b[i], c[i]) of three int4 columns as COPY binary data without its header and trailer (see
 * withBinaryFrame), in the order given by `order` (row numbers), in pieces of about 1 MB, each its own buffer.
 */
export function int4TriplePieces(a: ArrayLike<number>, b: ArrayLike<number>, c: ArrayLike<number>, order?: ArrayLike<number>): Uint8Array[] {
  const n = order ? order.length : a.length;
  const out: Uint8Array[] = [];
  for (let start = 0; start < n; start += ROWS_PER_CHUNK) {
    const end = Math.min(n, start + ROWS_PER_CHUNK);
    const buf = new Uint8Array((end - start) * ROW_BYTES);
    // a DataView's big-endian stores: about 4× faster than Buffer's writeInt32BE with its checks
    const dv = new DataView(buf.buffer);
    let o = 0;
    for (let k = start; k < end; k++) {
      const i = order ? order[k] : k;
      dv.setInt16(o, 3);
      dv.setInt32(o + 2, 4);
      dv.setInt32(o + 6, a[i] | 0);
      dv.setInt32(o + 10, 4);
      dv.setInt32(o + 14, b[i] | 0);
      dv.setInt32(o + 18, 4);
      dv.setInt32(o + 22, c[i] | 0);
      o += ROW_BYTES;
    }
    out.push(buf);
  }
  return out;
}

/** Add `by` to the second column of rows made by int4TriplePieces, in place (rows prepared before their ids were known). */
export function addToSecondColumn(pieces: readonly Uint8Array[], by: number): void {
  if (by === 0) return;
  for (const buf of pieces) {
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    for (let o = 14; o < buf.byteLength; o += ROW_BYTES) dv.setInt32(o, dv.getInt32(o) + by);
  }
}

/** COPY binary data: the header, `pieces` (binary rows), the trailer. */
export function* withBinaryFrame(pieces: Iterable<Uint8Array>): Generator<Uint8Array> {
  yield BINARY_HEADER;
  yield* pieces;
  yield BINARY_TRAILER;
}
