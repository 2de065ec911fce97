// Importing into the team library: each batch of documents is one transaction (a killed import leaves
// no half document and no orphan fingerprint), documents are unique by content hash (two writers
// importing the same file get one document), documents, fingerprints and search postings go in by COPY
// FROM STDIN (text rows, binary rows), and near-duplicate groups are
// updated in the same transaction under an advisory lock, so concurrent imports never lose a member.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { OffsetMap } from '../../core/text/index';
import { fingerprintText } from '../../core/reuse/fingerprint';
import { NEAR_DUP_MIN_CONTAINMENT, SketchIndex, sketchOf } from '../../core/reuse/nearDup';
import { buildGramBatch } from '../../core/search/gramPostings';
import { LibrarySketches } from './sketches';
import { copyIn, copyInt4Array, copyText, int4TripleRows } from './copy';
import { chunkRows } from './chunks';
import { adjustHashCounts } from './hashCounts';
import { writeSearchRows } from './searchRows';

/** Transaction-level advisory lock key held by every import batch (imports serialise; checks never wait). */
export const IMPORT_LOCK = 74202;

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

export interface ImportBatchResult {
  added: number;
  /** Documents whose content was already in the library (by content hash). */
  existing: number;
  /** Characters of the added documents. */
  chars: number;
}

/** A PostgreSQL int4[] literal of uint32 values (sign-folded), built without pg's generic array serialiser. */
export function int4Array(values: ArrayLike<number>, signed = false): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = String(signed ? values[i] : values[i] | 0);
  return '{' + parts.join(',') + '}';
}

/** A sketch as stored (int4[]) back to the engine's sorted uint32 values. */
export const sketchFromRow = (values: number[]) => Uint32Array.from(values, (v) => v >>> 0).sort();

export const contentHash = (text: string) => createHash('sha256').update(text).digest('hex');

interface Prepared {
  doc: TeamDocInput;
  hash: string;
  fp: ReturnType<typeof fingerprintText>;
  sketch: Uint32Array;
}

function prepare(docs: TeamDocInput[]): Prepared[] {
  const seen = new Set<string>();
  const out: Prepared[] = [];
  for (const doc of docs) {
    const hash = contentHash(doc.text);
    if (seen.has(hash)) continue;
    seen.add(hash);
    out.push({ doc, hash, fp: fingerprintText(doc.text), sketch: sketchOf(doc.text) });
  }
  // ids are given in this order: the same order of keys as an embedded index built from the same list
  return out;
}

/** Milliseconds spent in each phase of the import (summed over batches), for measurements. */
export interface ImportTimings {
  prepare: number;
  documents: number;
  fingerprints: number;
  /** The search index's postings: built on the client and copied. */
  search: number;
  groups: number;
  commit: number;
}
export const newTimings = (): ImportTimings => ({ prepare: 0, documents: 0, fingerprints: 0, search: 0, groups: 0, commit: 0 });

/** The documents of a batch as COPY text rows (id, grp, content_hash, name, title, origin_file, part, line, body, text_length, offset_map, norm_length, checkpoints, sketch). */
function* documentRows(added: Prepared[], ids: number[]): Generator<string> {
  let chunk = '';
  for (let i = 0; i < added.length; i++) {
    const { doc, hash, fp, sketch } = added[i];
    const id = ids[i];
    chunk +=
      [id, id, hash, copyText(doc.name), copyText(doc.title), copyText(doc.originFile), copyText(doc.part), copyText(doc.line), copyText(doc.text), doc.text.length,
        doc.offsetMap ? copyText(JSON.stringify(doc.offsetMap)) : '\\N', fp.normLength, copyInt4Array(fp.checkpoints), copyInt4Array(sketch)].join('\t') + '\n';
    if (chunk.length >= 256_000) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** The texts of a batch cut into chunks (doc_chunks: what the check reads of a source), as COPY text rows. */
function* chunkRowsOf(added: Prepared[], ids: number[]): Generator<string> {
  let chunk = '';
  for (let i = 0; i < added.length; i++) {
    chunk += chunkRows(ids[i], added[i].doc.text, added[i].fp.checkpoints);
    if (chunk.length >= 256_000) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * Import one batch in one transaction: under the import lock, the documents whose content is not in the
 * library yet get ids from the sequence and go in by one COPY, their fingerprints by one binary COPY
 * (rows sorted by hash: the B-tree on (hash, doc, pos) is filled page after page, not at random), their
 * search postings by one more (searchRows), then they join their near-duplicate groups. The lock serialises
 * imports, so the test for existing content and the insert cannot race (the UNIQUE constraint on
 * content_hash stays as the last guard).
 */
export async function importBatch(client: pg.ClientBase, docs: TeamDocInput[], opts: { sketches?: LibrarySketches; timings?: ImportTimings; /** Commit without waiting for the disk (bulk loads). */ asyncCommit?: boolean; /** Leave hash_counts alone (a bulk load empties it first and builds it at its end). */ countsLater?: boolean } = {}): Promise<ImportBatchResult> {
  const { timings } = opts;
  const sketches = opts.sketches ?? new LibrarySketches();
  let t = performance.now();
  const lap = (phase: keyof ImportTimings) => {
    const now = performance.now();
    if (timings) timings[phase] += now - t;
    t = now;
  };
  const prepared = prepare(docs);
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
      await copyIn(client, 'COPY doc_chunks (doc, n, start, body) FROM STDIN', chunkRowsOf(added, ids));
      lap('documents');
      let total = 0;
      for (const p of added) total += p.fp.hashes.length;
      const hashOf = new Int32Array(total);
      const docOf = new Int32Array(total);
      const posOf = new Int32Array(total);
      let o = 0;
      for (let i = 0; i < added.length; i++) {
        const { hashes, positions } = added[i].fp;
        chars += added[i].doc.text.length;
        hashOf.set(hashes, o);
        posOf.set(positions, o);
        docOf.fill(ids[i], o, o + hashes.length);
        o += hashes.length;
      }
      // row order by (hash, row): sort keys hash·2^21 + row are exact below 2^53 while the batch has < 2^21 rows
      let order: Float64Array | undefined;
      if (total < 2097152) {
        const keys = new Float64Array(total);
        for (let i = 0; i < total; i++) keys[i] = (hashOf[i] >>> 0) * 2097152 + i;
        keys.sort();
        for (let i = 0; i < total; i++) keys[i] = keys[i] % 2097152;
        order = keys;
      }
      await copyIn(client, 'COPY fingerprints (hash, doc, pos) FROM STDIN (FORMAT binary)', int4TripleRows(hashOf, docOf, posOf, order));
      if (!opts.countsLater) await adjustHashCounts(client, hashOf, 1);
      lap('fingerprints');
      await writeSearchRows(client, buildGramBatch(added.map((p, i) => ({ id: ids[i], text: p.doc.text }))), ids[0]);
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
  const cands = await client.query<{ id: number; grp: number; text_length: number; sketch: number[] }>(
    'SELECT id, grp, text_length, sketch FROM documents WHERE id = ANY($1::int4[])',
    [int4Array([...ids], true)],
  );
  const grpOf = new Map(cands.rows.map((r) => [r.id, r.grp]));
  const index = new SketchIndex(cands.rows.map((r) => ({ id: String(r.id), length: r.text_length, sketch: sketchFromRow(r.sketch) })));
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
