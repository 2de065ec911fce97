// Postings fetched from the server as a PostingProvider: the draft's k-gram hashes go to PostgreSQL in
// one query (a join against unnest($1::int4[]), the first MAX_POSTINGS_PER_HASH postings of each hash
// in key order and the hash's total count — what the embedded index's lookup returns). Of the sources
// the checker asks for, only what it reads is fetched (see check.ts): a document's figures and
// checkpoints, and the parts of its text around the draft's seeds (SparseText).
import pg from 'pg';
import { MAX_POSTINGS_PER_HASH, type IntBuf, type PostingProvider, type SourceMeta, type SourceText } from '../../core/reuse/index';
import { checkpointAfter, checkpointBefore } from '../../core/reuse/checkpoints';
import { int4Array } from './importer';

interface PostingList {
  total: number;
  docs: number[];
  poss: number[];
}

/** What the checker needs of a document besides its text. */
export interface DocInfo {
  id: number;
  name: string;
  title: string;
  normLength: number;
  /** Length of the cleaned text (UTF-16 units, as every offset). */
  textLength: number;
  checkpoints: ArrayLike<number>;
  /** The text has characters outside the BMP: character positions on the server differ from UTF-16 offsets, so it is fetched whole. */
  astral: boolean;
}

/**
 * Parts of a document's original text, [start, end) in UTF-16 offsets, kept sorted and merged. A document's
 * text never changes under its id, so parts fetched by different checks fit together.
 */
export class SparseText {
  /** Sorted, disjoint, not touching. */
  private parts: { start: number; text: string }[] = [];
  /** Characters held. */
  chars = 0;
  constructor(readonly length: number) {}

  slice(a: number, b: number): string | undefined {
    const p = this.find(a);
    if (!p || p.start + p.text.length < b) return undefined;
    return p.text.slice(a - p.start, b - p.start);
  }

  holds(a: number, b: number): boolean {
    const p = this.find(a);
    return !!p && p.start + p.text.length >= b;
  }

  /** The part holding offset a (or ending at it). */
  private find(a: number): { start: number; text: string } | undefined {
    const parts = this.parts;
    let lo = 0;
    let hi = parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (parts[mid].start <= a) lo = mid;
      else hi = mid - 1;
    }
    const p = parts[lo];
    return p && p.start <= a && a <= p.start + p.text.length ? p : undefined;
  }

  add(start: number, text: string): void {
    if (start < 0 || start + text.length > this.length || !text.length) return;
    let s = start;
    let t = text;
    const keep: { start: number; text: string }[] = [];
    for (const p of this.parts) {
      const pe = p.start + p.text.length;
      if (pe < s || p.start > s + t.length) {
        keep.push(p);
        continue;
      }
      // overlapping or touching: one part over both
      this.chars -= p.text.length;
      if (p.start < s) {
        t = p.text.slice(0, s - p.start) + t;
        s = p.start;
      }
      if (pe > s + t.length) t += p.text.slice(s + t.length - p.start);
    }
    keep.push({ start: s, text: t });
    keep.sort((x, y) => x.start - y.start);
    this.parts = keep;
    this.chars += t.length;
  }
}

/** A fetched source: its figures and the parts of its text fetched so far. */
export interface FetchedDoc {
  info: DocInfo;
  text: SparseText;
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

/** Figures and checkpoints of documents (no text): documents no longer on the server are left out. */
export async function fetchDocInfos(db: pg.ClientBase | pg.Pool, ids: number[]): Promise<DocInfo[]> {
  if (!ids.length) return [];
  return inParallel(db, ids, 500, async (part) => {
    const r = await db.query<{ id: number; name: string; title: string; norm_length: number; text_length: number; cp: string; astral: boolean }>(
      // checkpoints as text: split here several times faster than by the driver's generic array parser
      `SELECT id, name, title, norm_length, text_length, array_to_string(checkpoints, ',') AS cp, astral FROM documents WHERE id = ANY($1::int4[])`,
      [int4Array(part, true)],
    );
    return r.rows.map((d) => ({
      id: d.id,
      name: d.name,
      title: d.title,
      normLength: d.norm_length,
      textLength: d.text_length,
      checkpoints: d.cp ? Int32Array.from(d.cp.split(','), Number) : new Int32Array(0),
      astral: d.astral,
    }));
  });
}

/** A part [start, start + length) of a document's text, UTF-16 offsets (whole texts for documents with astral characters). */
export interface PartRequest {
  id: number;
  start: number;
  length: number;
}

/** Parts of texts in one query (substring on the server: only those characters travel). */
export async function fetchParts(db: pg.ClientBase | pg.Pool, parts: PartRequest[]): Promise<{ id: number; start: number; text: string }[]> {
  if (!parts.length) return [];
  return inParallel(db, parts, 500, async (chunk) => {
    const r = await db.query<{ id: number; s: number; t: string }>(
      `SELECT w.doc AS id, w.s, substring(d.body from w.s + 1 for w.n) AS t
       FROM unnest($1::int4[], $2::int4[], $3::int4[]) AS w(doc, s, n) JOIN documents d ON d.id = w.doc`,
      [int4Array(chunk.map((p) => p.id), true), int4Array(chunk.map((p) => p.start), true), int4Array(chunk.map((p) => p.length), true)],
    );
    return r.rows.map((x) => ({ id: x.id, start: x.s, text: x.t }));
  });
}

function metaOf(d: DocInfo): SourceMeta {
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
 * Fetched postings and sources. Keys are the documents' ids; the engine's document id is String(id). A
 * document asked for but not fetched yet is reported as unknown and remembered in `missing`; a part of a
 * known source's text the checker needed and lacked, in `wanted`; either counts in `misses`.
 */
export class FetchedPostings implements PostingProvider {
  readonly version = 0;
  readonly docs = new Map<number, { meta: SourceMeta; doc: FetchedDoc; view: SourceText }>();
  readonly missing = new Set<number>();
  readonly wanted = new Map<number, [number, number][]>();
  misses = 0;
  private gone = new Set<number>();

  constructor(
    readonly postings: Map<number, PostingList>,
    readonly liveDocs: number,
    /** Documents with ids ≥ keyCount arrived after the check read the library's figures: left out (the check sees one library). */
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
    const kc = this.keyCount;
    for (let q = 0; q < docs.length; q++) {
      const key = docs[q];
      if (key >= kc || (excluded.size && excluded.has(key))) continue;
      out.push3(key, draftPos, poss[q]);
    }
    return l.total;
  }

  doc(key: number): SourceMeta | null {
    const d = this.docs.get(key);
    if (d) return d.meta;
    if (!this.gone.has(key)) {
      this.missing.add(key);
      this.misses++;
    }
    return null;
  }

  /** A document that is no longer on the server: unknown from now on, not asked for again. */
  forget(key: number): void {
    this.gone.add(key);
  }

  add(doc: FetchedDoc): void {
    const id = doc.info.id;
    const text = doc.text;
    const view: SourceText = {
      length: text.length,
      slice: (a, b) => text.slice(a, b),
      want: (a, b) => {
        this.misses++;
        let l = this.wanted.get(id);
        if (!l) this.wanted.set(id, (l = []));
        l.push([a, b]);
      },
    };
    this.docs.set(id, { meta: metaOf(doc.info), doc, view });
  }

  text(id: string): SourceText | undefined {
    return this.docs.get(Number(id))?.view;
  }

  /** Source positions of the seeds in each of `keys` (every posting of the draft's hashes in those documents), sorted. */
  seedsOf(keys: Set<number>): Map<number, number[]> {
    const out = new Map<number, number[]>();
    if (!keys.size) return out;
    for (const l of this.postings.values()) {
      const { docs, poss } = l;
      for (let q = 0; q < docs.length; q++) {
        if (!keys.has(docs[q])) continue;
        let a = out.get(docs[q]);
        if (!a) out.set(docs[q], (a = []));
        a.push(poss[q]);
      }
    }
    for (const a of out.values()) a.sort((x, y) => x - y);
    return out;
  }
}
