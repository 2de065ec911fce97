// The client work of an import batch, done before its transaction: documents hashed (duplicates within the
// batch dropped), fingerprinted, sketched, written as COPY rows; the batch's search lists and fingerprint
// rows built. Pure computation over the batch (no database), so it runs on the importing thread or in a
// worker thread (prepareWorker.ts) alike.
import { createHash } from 'node:crypto';
import type { OffsetMap } from '../../core/text/index';
import { fingerprintText } from '../../core/reuse/fingerprint';
import { sketchOf } from '../../core/reuse/nearDup';
import { buildGramBatch, unsignedOrder, type GramBatch } from '../../core/search/gramPostings';
import { copyText, int4TriplePieces } from './copy';
import { presenceRow } from './presence';
import { int4Array } from './int4';

export interface TeamDocInput {
  /** Stable name, e.g. the file's path relative to the imported folder (+ #part / #Lline), as in a library folder. */
  name: string;
  title: string;
  text: string;
  originFile?: string;
  part?: number;
  line?: number;
  /** Cleaned offsets → offsets in the file's own text (what check reports as sourceStart/sourceEnd). */
  offsetMap?: OffsetMap;
}

export const contentHash = (text: string) => createHash('sha256').update(text).digest('hex');

export interface Prepared {
  doc: TeamDocInput;
  hash: string;
  fp: ReturnType<typeof fingerprintText>;
  sketch: Uint32Array;
  /** The document's COPY text row without its id and grp, in UTF-8 (see documentRows): a view of the batch's `rowBytes`. */
  row: Uint8Array;
}

/**
 * A batch's client work, done before its transaction (and so, in an import of many batches, while the
 * previous batch's transaction runs): documents hashed (duplicates within the batch dropped),
 * fingerprinted and sketched; their search lists built under the ids 0, 1, 2 … and their fingerprint rows
 * ordered by hash, both for the case (the usual one) that every document is new and gets consecutive ids.
 */
export interface PreparedBatch {
  docs: Prepared[];
  grams: GramBatch;
  /** Fingerprint rows of every document: hash, document number in `docs`, position; `order` = rows by (hash, row). */
  rows: { hash: Int32Array; doc: Int32Array; pos: Int32Array; order: Int32Array };
  /** The same rows in that order as COPY binary rows (copy.ts), each document as its number: the importer adds the first id. */
  fingerprintCopy: Uint8Array[];
  /** The batch's row of hash_presence (prefixes of its hashes). */
  presence: Uint8Array;
  /** The documents' rows, one after the other (each document's `row` is its part). */
  rowBytes: Uint8Array;
}

/** Yield to the event loop (a pending transaction's replies and COPY writes go on meanwhile). */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The client work of a batch, as steps: it yields after every ~60,000 characters and between its stages (a
 * caller on the thread that also feeds a transaction gives way to the event loop there), and returns the
 * batch. One implementation for both ways of running it: prepareBatch on this thread, prepareWorker in a
 * worker thread.
 */
export function* prepareSteps(docs: readonly TeamDocInput[]): Generator<void, PreparedBatch> {
  const seen = new Set<string>();
  const out: Prepared[] = [];
  // the rows written as UTF-8 into one buffer (at most 3 bytes a UTF-16 unit), the views made when it is final
  let bytes = Buffer.allocUnsafeSlow(1 << 20);
  const ends: number[] = [];
  let o = 0;
  let since = 0;
  for (const doc of docs) {
    const hash = contentHash(doc.text);
    if (seen.has(hash)) continue;
    seen.add(hash);
    const fp = fingerprintText(doc.text);
    const sketch = sketchOf(doc.text);
    const tail = rowTail(doc, hash, fp, sketch);
    if (o + 3 * tail.length > bytes.length) {
      const more = Buffer.allocUnsafeSlow(Math.max(2 * bytes.length, o + 3 * tail.length));
      bytes.copy(more, 0, 0, o);
      bytes = more;
    }
    o += bytes.write(tail, o, 'utf8');
    ends.push(o);
    out.push({ doc, hash, fp, sketch, row: new Uint8Array(0) });
    since += doc.text.length;
    if (since >= 60_000) {
      since = 0;
      yield;
    }
  }
  // one buffer of its own, exactly the rows (it moves to another thread whole)
  const rowBytes = new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + o));
  for (let k = 0; k < out.length; k++) out[k].row = rowBytes.subarray(k ? ends[k - 1] : 0, ends[k]);
  // ids are given in this order: the same order of keys as an embedded index built from the same list
  const rows = fingerprintRows(out, out.map((_, i) => i));
  const fingerprintCopy = int4TriplePieces(rows.hash, rows.doc, rows.pos, rows.order);
  const presence = presenceRow(rows.hash, rows.order);
  yield;
  const grams = buildGramBatch(out.map((p, i) => ({ id: i, text: p.doc.text })));
  yield;
  return { docs: out, grams, rows, fingerprintCopy, presence, rowBytes };
}

/** The client work of a batch on this thread; async, giving way to the event loop every few documents. */
export async function prepareBatch(docs: readonly TeamDocInput[]): Promise<PreparedBatch> {
  const steps = prepareSteps(docs);
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    await breathe();
  }
}

/** The fingerprint rows of documents under `ids`, and their order by (hash, row). */
export function fingerprintRows(added: Prepared[], ids: number[]): PreparedBatch['rows'] {
  let total = 0;
  for (const p of added) total += p.fp.hashes.length;
  const hash = new Int32Array(total);
  const doc = new Int32Array(total);
  const pos = new Int32Array(total);
  let o = 0;
  for (let i = 0; i < added.length; i++) {
    const { hashes, positions } = added[i].fp;
    hash.set(hashes, o);
    pos.set(positions, o);
    doc.fill(ids[i], o, o + hashes.length);
    o += hashes.length;
  }
  // rows by (hash, row): a stable radix sort by the hash as unsigned
  const order = unsignedOrder(hash);
  return { hash, doc, pos, order };
}

/** A document's COPY text row after its id and grp (content_hash … sketch, with the newline). */
function rowTail(doc: TeamDocInput, hash: string, fp: ReturnType<typeof fingerprintText>, sketch: Uint32Array): string {
  return [hash, copyText(doc.name), copyText(doc.title), copyText(doc.originFile), copyText(doc.part), copyText(doc.line), copyText(doc.text), doc.text.length,
    doc.offsetMap ? copyText(JSON.stringify(doc.offsetMap)) : '\\N', fp.normLength, int4Array(fp.checkpoints), int4Array(sketch)].join('\t') + '\n';
}

/** A prepared batch as sent between threads: each document as its number in the batch's input, not itself. */
export interface WireBatch {
  docs: (Omit<Prepared, 'doc'> & { at: number })[];
  grams: GramBatch;
  rows: PreparedBatch['rows'];
  fingerprintCopy: Uint8Array[];
  presence: Uint8Array;
  rowBytes: Uint8Array;
}

/**
 * `batch` for postMessage, and the buffers to move with it (each array's own; an array sharing its buffer is
 * copied). The documents' rows are views of `rowBytes`, which moves: they arrive as views of it.
 */
export function toWire(batch: PreparedBatch, input: readonly TeamDocInput[]): { batch: WireBatch; transfer: ArrayBuffer[] } {
  const at = new Map(input.map((d, i) => [d, i]));
  const docs = batch.docs.map(({ doc, ...rest }) => ({ ...rest, at: at.get(doc)! }));
  const transfer = new Set<ArrayBuffer>();
  const shared = new Set<ArrayBuffer>();
  const consider = (a: ArrayBufferView) => {
    const b = a.buffer;
    if (!(b instanceof ArrayBuffer)) return;
    if (a.byteOffset !== 0 || a.byteLength !== b.byteLength || transfer.has(b)) shared.add(b);
    transfer.add(b);
  };
  for (const d of docs) for (const a of [d.fp.hashes, d.fp.positions, d.fp.checkpoints, d.sketch]) consider(a);
  const { grams, rows, fingerprintCopy, presence, rowBytes } = batch;
  for (const a of [grams.keys, grams.offsets, grams.bytes, grams.normLengths, rows.hash, rows.doc, rows.pos, rows.order, ...fingerprintCopy, presence, rowBytes]) consider(a);
  return { batch: { docs, grams, rows, fingerprintCopy, presence, rowBytes }, transfer: [...transfer].filter((b) => !shared.has(b)) };
}

/** A batch received from a worker, its documents the caller's own again. */
export function fromWire(wire: WireBatch, input: readonly TeamDocInput[]): PreparedBatch {
  return { ...wire, docs: wire.docs.map(({ at, ...rest }) => ({ ...rest, doc: input[at] })) };
}
