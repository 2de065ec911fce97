// Importing into the team library: each batch of documents is one transaction (a killed import leaves
// no half document and no orphan fingerprint), documents are unique by content hash (two writers
// importing the same file get one document), fingerprints go in by multi-row INSERT … SELECT FROM
// unnest(int4[], int4[], int4[]) — one round trip per 100,000 rows —, and near-duplicate groups are
// updated in the same transaction under an advisory lock, so concurrent imports never lose a member.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { OffsetMap } from '../../core/text/index';
import { fingerprintText } from '../../core/reuse/fingerprint';
import { SketchIndex, sketchOf } from '../../core/reuse/nearDup';

/** Transaction-level advisory lock key held by every import batch (imports serialise; checks never wait). */
export const IMPORT_LOCK = 74202;
const ROWS_PER_INSERT = 100_000;

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

/** Import one batch in one transaction. */
export async function importBatch(client: pg.ClientBase, docs: TeamDocInput[]): Promise<ImportBatchResult> {
  const prepared = prepare(docs);
  if (!prepared.length) return { added: 0, existing: 0, chars: 0 };
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    const rows = prepared.map((p, ord) => ({
      ord,
      content_hash: p.hash,
      name: p.doc.name,
      title: p.doc.title,
      origin_file: p.doc.originFile ?? null,
      part: p.doc.part ?? null,
      line: p.doc.line ?? null,
      body: p.doc.text,
      text_length: p.doc.text.length,
      offset_map: p.doc.offsetMap ?? null,
      norm_length: p.fp.normLength,
      checkpoints: Array.from(p.fp.checkpoints),
      sketch: Array.from(p.sketch, (x) => x | 0),
    }));
    const ins = await client.query<{ id: number; content_hash: string }>(
      `INSERT INTO documents (id, grp, content_hash, name, title, origin_file, part, line, body, text_length, offset_map, norm_length, checkpoints, sketch)
       SELECT n.id, n.id, n.content_hash, n.name, n.title, n.origin_file, n.part, n.line, n.body, n.text_length, n.offset_map, n.norm_length, n.checkpoints, n.sketch
       FROM (SELECT nextval('documents_id_seq')::int AS id, o.* FROM (SELECT x.* FROM jsonb_to_recordset($1::jsonb) AS x(content_hash text, name text, title text,
             origin_file text, part int, line int, body text, text_length int, offset_map jsonb, norm_length int, checkpoints int4[], sketch int4[], ord bigint) ORDER BY x.ord) o) n
       ON CONFLICT (content_hash) DO NOTHING
       RETURNING id, content_hash`,
      [JSON.stringify(rows)],
    );
    const idOf = new Map(ins.rows.map((r) => [r.content_hash, r.id]));
    const added = prepared.filter((p) => idOf.has(p.hash));
    // fingerprints, in chunks of ROWS_PER_INSERT rows
    let hs: string[] = [];
    let ds: string[] = [];
    let ps: string[] = [];
    let n = 0;
    const flush = async () => {
      if (!n) return;
      await client.query('INSERT INTO fingerprints (hash, doc, pos) SELECT * FROM unnest($1::int4[], $2::int4[], $3::int4[])', [`{${hs.join(',')}}`, `{${ds.join(',')}}`, `{${ps.join(',')}}`]);
      hs = [];
      ds = [];
      ps = [];
      n = 0;
    };
    // rows sorted by hash: the B-tree on (hash, doc, pos) is then filled page after page, not at random
    let total = 0;
    for (const p of added) total += p.fp.hashes.length;
    const keys = new Float64Array(total);
    const docOfRow = new Int32Array(total);
    const posOfRow = new Int32Array(total);
    let chars = 0;
    let o = 0;
    for (const p of added) {
      const id = idOf.get(p.hash)!;
      chars += p.doc.text.length;
      const { hashes, positions } = p.fp;
      for (let i = 0; i < hashes.length; i++, o++) {
        keys[o] = hashes[i] * 2097152 + o; // exact below 2^53 while o < 2^21
        docOfRow[o] = id;
        posOfRow[o] = positions[i];
      }
    }
    if (total < 2097152) keys.sort(); // (a batch that large, i.e. one document of millions of characters, goes in document order)
    else for (let i = 0; i < total; i++) keys[i] = i;
    for (let i = 0; i < total; i++) {
      const k = keys[i];
      const row = k % 2097152;
      hs.push(String(((k - row) / 2097152) | 0));
      ds.push(String(docOfRow[row]));
      ps.push(String(posOfRow[row]));
      if (++n >= ROWS_PER_INSERT) await flush();
    }
    await flush();
    await joinGroups(client, added.map((p) => ({ id: idOf.get(p.hash)!, p })));
    await client.query('COMMIT');
    return { added: added.length, existing: prepared.length - added.length, chars };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * Put new documents into their near-duplicate groups: the documents sharing a sampled fingerprint with
 * any of them (one query, GIN on sketch) are measured with the same SketchIndex as the embedded library
 * (containment ≥ 0.8); the groups a new document links are merged into one (the smallest group id), and
 * `hidden` marks every member of a changed group but its longest. Runs under the import lock.
 */
async function joinGroups(client: pg.ClientBase, added: { id: number; p: Prepared }[]): Promise<void> {
  const withSketch = added.filter((a) => a.p.sketch.length > 0);
  if (!withSketch.length) return;
  const all = new Set<number>();
  for (const a of withSketch) for (const x of a.p.sketch) all.add(x | 0);
  const cands = await client.query<{ id: number; grp: number; text_length: number; sketch: number[] }>(
    'SELECT id, grp, text_length, sketch FROM documents WHERE sketch && $1::int4[]',
    [int4Array([...all], true)],
  );
  const grpOf = new Map(cands.rows.map((r) => [r.id, r.grp]));
  const index = new SketchIndex(cands.rows.map((r) => ({ id: String(r.id), length: r.text_length, sketch: Uint32Array.from(r.sketch, (v) => v >>> 0).sort() })));
  // union-find over group ids
  const parent = new Map<number, number>();
  const find = (g: number): number => {
    let r = g;
    while (parent.has(r)) r = parent.get(r)!;
    return r;
  };
  for (const { id } of withSketch) {
    const linked = index.groups({ ids: [String(id)], minContainment: 0.8 })[0];
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
