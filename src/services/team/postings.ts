// Postings fetched from the server as a PostingProvider: the draft's k-gram hashes go to PostgreSQL in
// one query (a join against unnest($1::int4[]), the first MAX_POSTINGS_PER_HASH postings of each hash
// in key order and the hash's total count — what the embedded index's lookup returns), and the texts
// and checkpoints of the sources the checker asks for are fetched as it asks (see check.ts).
import pg from 'pg';
import { MAX_POSTINGS_PER_HASH, type IntBuf, type PostingProvider, type SourceMeta } from '../../core/reuse/index';
import { checkpointAfter, checkpointBefore } from '../../core/reuse/checkpoints';
import { int4Array } from './importer';

interface PostingList {
  total: number;
  docs: number[];
  poss: number[];
}

export interface FetchedDoc {
  id: number;
  name: string;
  title: string;
  body: string;
  normLength: number;
  checkpoints: number[];
}

/** Split `items` into as many parts as the pool has connections (up to 4), so the server works on them in parallel. */
async function inParallel<T, R>(db: pg.ClientBase | pg.Pool, items: ArrayLike<T>, minPart: number, run: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const ways = db instanceof pg.Pool ? Math.max(1, Math.min(4, db.options.max ?? 1, Math.floor(items.length / minPart))) : 1;
  const all = Array.from(items);
  if (ways === 1) return run(all);
  const size = Math.ceil(all.length / ways);
  const parts = await Promise.all(Array.from({ length: ways }, (_, w) => run(all.slice(w * size, (w + 1) * size))));
  return parts.flat();
}

/** The postings of a set of hashes (hash as uint32 → list): one query (split over the pool's connections when it has several). */
export async function fetchPostings(db: pg.ClientBase | pg.Pool, hashes: Uint32Array): Promise<Map<number, PostingList>> {
  const rows = await inParallel(db, hashes, 2000, async (part) => (await queryPostings(db, part)).rows);
  const out = new Map<number, PostingList>();
  for (const row of rows) out.set(row.hash >>> 0, { total: Number(row.n), docs: row.docs, poss: row.poss });
  return out;
}

function queryPostings(db: pg.ClientBase | pg.Pool, hashes: number[]) {
  return db.query<{ hash: number; n: string; docs: number[]; poss: number[] }>(
    `SELECT h.hash, p.docs, p.poss,
            CASE WHEN cardinality(p.docs) < ${MAX_POSTINGS_PER_HASH} THEN cardinality(p.docs) ELSE (SELECT count(*) FROM fingerprints f WHERE f.hash = h.hash) END AS n
     FROM unnest($1::int4[]) AS h(hash)
     CROSS JOIN LATERAL (SELECT array_agg(s.doc) AS docs, array_agg(s.pos) AS poss
                         FROM (SELECT doc, pos FROM fingerprints f WHERE f.hash = h.hash ORDER BY doc, pos LIMIT ${MAX_POSTINGS_PER_HASH}) s) p
     WHERE p.docs IS NOT NULL`,
    [int4Array(hashes)],
  );
}

export async function fetchDocs(db: pg.ClientBase | pg.Pool, ids: number[]): Promise<FetchedDoc[]> {
  if (!ids.length) return [];
  const rows = await inParallel(db, ids, 100, async (part) => {
    const r = await db.query<{ id: number; name: string; title: string; body: string; norm_length: number; checkpoints: number[] }>(
      'SELECT id, name, title, body, norm_length, checkpoints FROM documents WHERE id = ANY($1::int4[])',
      [int4Array(part, true)],
    );
    return r.rows;
  });
  return rows.map((d) => ({ id: d.id, name: d.name, title: d.title, body: d.body, normLength: d.norm_length, checkpoints: d.checkpoints }));
}

function metaOf(d: FetchedDoc): SourceMeta {
  const cp = d.checkpoints;
  const n = cp.length / 2;
  return {
    id: String(d.id),
    title: d.title,
    length: d.normLength,
    checkpointBefore: (p) => checkpointBefore(cp, 0, n, p),
    checkpointAfter: (p) => checkpointAfter(cp, 0, n, p),
  };
}

/**
 * Fetched postings and documents. Keys are the documents' ids; the engine's document id is String(id).
 * A document asked for but not fetched yet is reported as unknown and remembered in `missing`.
 */
export class FetchedPostings implements PostingProvider {
  readonly version = 0;
  readonly docs = new Map<number, { meta: SourceMeta; doc: FetchedDoc }>();
  readonly missing = new Set<number>();

  constructor(
    readonly postings: Map<number, PostingList>,
    readonly liveDocs: number,
    readonly keyCount: number,
  ) {}

  keyOf(id: string): number | undefined {
    const n = Number(id);
    return Number.isInteger(n) && n >= 0 && n < this.keyCount ? n : undefined;
  }

  lookup(hash: number, draftPos: number, out: IntBuf, excluded: Set<number>): number {
    const l = this.postings.get(hash);
    if (!l) return 0;
    const { docs, poss } = l;
    for (let q = 0; q < docs.length; q++) {
      const key = docs[q];
      if (excluded.size && excluded.has(key)) continue;
      out.push3(key, draftPos, poss[q]);
    }
    return l.total;
  }

  private gone = new Set<number>();

  doc(key: number): SourceMeta | null {
    const d = this.docs.get(key);
    if (d) return d.meta;
    if (!this.gone.has(key)) this.missing.add(key);
    return null;
  }

  /** A document that is no longer on the server: unknown from now on, not asked for again. */
  forget(key: number): void {
    this.gone.add(key);
  }

  add(docs: FetchedDoc[]): void {
    for (const d of docs) this.docs.set(d.id, { meta: metaOf(d), doc: d });
  }

  text(id: string): string | undefined {
    return this.docs.get(Number(id))?.doc.body;
  }
}
