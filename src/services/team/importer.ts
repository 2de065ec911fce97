// Importing into the team library: each batch of documents is one transaction (a killed import leaves
// no half document and no orphan fingerprint), documents are unique by content hash (two writers
// importing the same file get one document), documents, fingerprints and search postings go in by COPY
// FROM STDIN (text rows, binary rows), and near-duplicate groups are
// updated in the same transaction under an advisory lock, so concurrent imports never lose a member.
import type pg from 'pg';
import { NEAR_DUP_MIN_CONTAINMENT, SketchIndex } from '../../core/reuse/nearDup';
import { buildGramBatch, rebaseGramBatch } from '../../core/search/gramPostings';
import { LibrarySketches } from './sketches';
import { addToSecondColumn, copyIn, int4TriplePieces, withBinaryFrame } from './copy';
import { fingerprintRows, prepareBatch, type Prepared, type PreparedBatch, type TeamDocInput } from './prepare';
import { int4Array } from './int4';
import { chunkCopyData } from './chunks';
import { adjustHashCounts } from './hashCounts';
import { presenceRow } from './presence';
import { writeSearchRows } from './searchRows';

/** Transaction-level advisory lock key held by every import batch (imports serialise; checks never wait). */
export const IMPORT_LOCK = 74202;

export interface ImportBatchResult {
  added: number;
  /** Documents whose content was already in the library (by content hash). */
  existing: number;
  /** Characters of the added documents. */
  chars: number;
}

/** A sketch as stored (int4[]) back to the engine's sorted uint32 values. */
export const sketchFromRow = (values: number[]) => Uint32Array.from(values, (v) => v >>> 0).sort();

/** Milliseconds spent in each phase of the import (summed over batches), for measurements. */
export interface ImportTimings {
  /** Client work (prepareBatch) waited for: in a pipelined import only what did not overlap a transaction. */
  prepare: number;
  documents: number;
  fingerprints: number;
  /** The search index's postings: built on the client and copied. */
  search: number;
  groups: number;
  commit: number;
}
export const newTimings = (): ImportTimings => ({ prepare: 0, documents: 0, fingerprints: 0, search: 0, groups: 0, commit: 0 });

/** The documents of a batch as COPY text rows (id, grp, content_hash, name, title, origin_file, part, line, body, text_length, offset_map, norm_length, checkpoints, sketch), in pieces of about 256 KB. */
function* documentRows(added: Prepared[], ids: number[]): Generator<Uint8Array> {
  const PIECE = 256 * 1024;
  let buf = Buffer.allocUnsafe(PIECE);
  let o = 0;
  for (let i = 0; i < added.length; i++) {
    const head = `${ids[i]}\t${ids[i]}\t`;
    const tail = added[i].row;
    const need = head.length + tail.length;
    if (o + need > buf.length) {
      if (o > 0) yield buf.subarray(0, o);
      buf = Buffer.allocUnsafe(Math.max(PIECE, need));
      o = 0;
    }
    o += buf.write(head, o, 'latin1');
    buf.set(tail, o);
    o += tail.length;
  }
  if (o > 0) yield buf.subarray(0, o);
}

/**
 * Import one batch in one transaction: under the import lock, the documents whose content is not in the
 * library yet get ids from the sequence and go in by one COPY, their fingerprints by one binary COPY
 * (rows sorted by hash: the B-tree on (hash, doc, pos) is filled page after page, not at random), their
 * search postings by one more (searchRows), then they join their near-duplicate groups. The lock serialises
 * imports, so the test for existing content and the insert cannot race (the UNIQUE constraint on
 * content_hash stays as the last guard).
 */
export async function importBatch(client: pg.ClientBase, docs: TeamDocInput[] | PreparedBatch, opts: { sketches?: LibrarySketches; timings?: ImportTimings; /** Commit without waiting for the disk (bulk loads). */ asyncCommit?: boolean; /** Leave hash_counts alone (a bulk load empties it first and builds it at its end). */ countsLater?: boolean } = {}): Promise<ImportBatchResult> {
  const { timings } = opts;
  const sketches = opts.sketches ?? new LibrarySketches();
  let t = performance.now();
  const lap = (phase: keyof ImportTimings) => {
    const now = performance.now();
    if (timings) timings[phase] += now - t;
    t = now;
  };
  const pre = Array.isArray(docs) ? await prepareBatch(docs) : docs;
  const prepared = pre.docs;
  lap('prepare');
  if (!prepared.length) return { added: 0, existing: 0, chars: 0 };
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    if (opts.asyncCommit) await client.query('SET LOCAL synchronous_commit = off');
    const have = await client.query<{ content_hash: string }>('SELECT content_hash FROM documents WHERE content_hash = ANY($1::text[])', [prepared.map((p) => p.hash)]);
    const existing = new Set(have.rows.map((r) => r.content_hash));
    await sketches.refresh(client);
    // ids are given in input order: the same order of keys as an embedded index built from the same list
    const added = prepared.filter((p) => !existing.has(p.hash));
    let chars = 0;
    if (added.length) {
      const seq = await client.query<{ id: number }>("SELECT nextval('documents_id_seq')::int AS id FROM generate_series(1, $1::int)", [added.length]);
      const ids = seq.rows.map((r) => r.id).sort((a, b) => a - b);
      await copyIn(client, 'COPY documents (id, grp, content_hash, name, title, origin_file, part, line, body, text_length, offset_map, norm_length, checkpoints, sketch) FROM STDIN', documentRows(added, ids));
      await copyIn(client, 'COPY doc_chunks (doc, n, start, body) FROM STDIN (FORMAT binary)', chunkCopyData(added.map((p, i) => ({ doc: ids[i], text: p.doc.text, checkpoints: p.fp.checkpoints }))));
      lap('documents');
      for (const p of added) chars += p.doc.text.length;
      // the rows and lists prepared for ids 0, 1, 2 … serve when every document is new and the ids are consecutive
      const consecutive = added.length === prepared.length && ids[ids.length - 1] - ids[0] === ids.length - 1;
      // the fingerprint rows: those prepared when the ids are consecutive (their document numbers moved to the ids)
      const rows = consecutive ? pre.rows : fingerprintRows(added, ids);
      let fingerprintCopy: Uint8Array[];
      if (consecutive) {
        addToSecondColumn(pre.fingerprintCopy, ids[0]);
        fingerprintCopy = pre.fingerprintCopy;
      } else fingerprintCopy = int4TriplePieces(rows.hash, rows.doc, rows.pos, rows.order);
      await copyIn(client, 'COPY fingerprints (hash, doc, pos) FROM STDIN (FORMAT binary)', withBinaryFrame(fingerprintCopy));
      if (!opts.countsLater) await adjustHashCounts(client, rows.hash, 1);
      const presence = consecutive ? pre.presence : presenceRow(rows.hash, rows.order);
      await client.query('INSERT INTO hash_presence (prefixes) VALUES ($1)', [Buffer.from(presence.buffer, presence.byteOffset, presence.byteLength)]);
      lap('fingerprints');
      await writeSearchRows(client, consecutive ? rebaseGramBatch(pre.grams, ids[0]) : buildGramBatch(added.map((p, i) => ({ id: ids[i], text: p.doc.text }))), ids[0]);
      lap('search');
      await joinGroups(client, added.map((p, i) => ({ id: ids[i], p })), sketches);
      lap('groups');
      await client.query('COMMIT');
      for (let i = 0; i < added.length; i++) sketches.add(ids[i], added[i].sketch);
    } else await client.query('COMMIT');
    lap('commit');
    return { added: added.length, existing: prepared.length - added.length, chars };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * Put new documents into their near-duplicate groups: the documents that may reach containment 0.8 with
 * one of them (found in the library's sketches kept in memory, fetched by id) are measured with the same
 * SketchIndex as the embedded library (containment ≥ 0.8); the groups a new document links are merged
 * into one (the smallest group id), and `hidden` marks every member of a changed group but its longest.
 * A batch without any candidate costs no query. Runs under the import lock.
 */
async function joinGroups(client: pg.ClientBase, added: { id: number; p: Prepared }[], sketches: LibrarySketches): Promise<void> {
  const withSketch = added.filter((a) => a.p.sketch.length > 0);
  if (!withSketch.length) return;
  // the documents that may link: new ones with a candidate in the library or earlier in the batch, and those candidates
  const ids = new Set<number>();
  const inBatch = new LibrarySketches();
  for (const a of withSketch) {
    const found = [...sketches.candidates(a.p.sketch, NEAR_DUP_MIN_CONTAINMENT), ...inBatch.candidates(a.p.sketch, NEAR_DUP_MIN_CONTAINMENT)];
    if (found.length) for (const id of [a.id, ...found]) ids.add(id);
    inBatch.add(a.id, a.p.sketch);
  }
  if (!ids.size) return;
  // the sketches are those in memory (the batch's, the library's as read or added): only ids, groups and lengths are fetched
  const cands = await client.query<{ id: number; grp: number; text_length: number }>('SELECT id, grp, text_length FROM documents WHERE id = ANY($1::int4[])', [int4Array([...ids], true)]);
  const batchSketch = new Map(withSketch.map((a) => [a.id, a.p.sketch]));
  const sketchOfRow = (id: number): Uint32Array => batchSketch.get(id) ?? Uint32Array.from(sketches.sketch(id) ?? [], (v) => v >>> 0).sort();
  const grpOf = new Map(cands.rows.map((r) => [r.id, r.grp]));
  const index = new SketchIndex(cands.rows.map((r) => ({ id: String(r.id), length: r.text_length, sketch: sketchOfRow(r.id) })));
  // union-find over group ids
  const parent = new Map<number, number>();
  const find = (g: number): number => {
    let r = g;
    while (parent.has(r)) r = parent.get(r)!;
    return r;
  };
  for (const { id } of withSketch) {
    if (!ids.has(id)) continue;
    const linked = index.groups({ ids: [String(id)], minContainment: NEAR_DUP_MIN_CONTAINMENT })[0];
    if (!linked) continue;
    const own = find(grpOf.get(id) ?? id);
    for (const m of linked.ids) {
      const g = find(grpOf.get(Number(m)) ?? Number(m));
      if (g === own) continue;
      const [lo, hi] = g < own ? [g, own] : [own, g];
      parent.set(hi, lo);
    }
  }
  const merged = new Map<number, number[]>();
  for (const g of parent.keys()) {
    const r = find(g);
    merged.set(r, [...(merged.get(r) ?? [r]), g]);
  }
  for (const [target, groups] of merged) {
    await client.query('UPDATE documents SET grp = $1 WHERE grp = ANY($2::int4[])', [target, groups]);
    const members = await client.query<{ id: number; name: string; text_length: number }>('SELECT id, name, text_length FROM documents WHERE grp = $1', [target]);
    const rep = [...members.rows].sort((a, b) => b.text_length - a.text_length || a.name.localeCompare(b.name))[0];
    await client.query('UPDATE documents SET hidden = (id <> $2) WHERE grp = $1', [target, rep.id]);
  }
}
