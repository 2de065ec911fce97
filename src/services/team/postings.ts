// Postings fetched from the server as a PostingProvider: the draft's k-gram hashes go to PostgreSQL in
// one query (a join against unnest($1::int4[]), the first MAX_POSTINGS_PER_HASH postings of each hash
// in key order and the hash's total count — what the embedded index's lookup returns; the counts of
// frequent hashes from hash_counts, see hashCounts.ts). Of the sources
// the checker asks for, only what it reads is fetched (see check.ts): a document's figures and
// checkpoints, and the chunks of its text around the draft's seeds (doc_chunks; held as in sources.ts).
import pg from 'pg';
import { MAX_POSTINGS_PER_HASH, type IntBuf, type PostingProvider, type SourceMeta, type SourceText } from '../../core/reuse/index';
import { int4Array, pairsFromBase64, parseInts } from './int4';
import { FetchedInfo, FetchedMeta, FetchedView, StandInMeta, StandInView, type DocInfo, type FetchedDoc } from './sources';
import type { PresenceFilter } from './presence';
import { chunkText } from './chunks';

interface PostingList {
  total: number;
  docs: Int32Array;
  poss: Int32Array;
}

/**
 * Split `items` into as many parts as the pool has connections (up to `maxWays`), so the server works on them in
 * parallel. The two queries of a fetch of sources run at once, two parts each: with four parts each, the second
 * query's parts waited for connections held by the first's (5–10 % slower at 10⁵ documents, in alternating runs).
 */
async function inParallel<T, R>(db: pg.ClientBase | pg.Pool, items: ArrayLike<T>, minPart: number, run: (part: T[]) => Promise<R[]>, maxWays = 4): Promise<R[]> {
  const ways = db instanceof pg.Pool ? Math.max(1, Math.min(maxWays, db.options.max ?? 1, Math.floor(items.length / minPart))) : 1;
  const all = Array.from(items);
  if (ways === 1) return run(all);
  const size = Math.ceil(all.length / ways);
  const parts = await Promise.all(Array.from({ length: ways }, (_, w) => run(all.slice(w * size, (w + 1) * size))));
  return parts.flat();
}

/** What a check needs to know of the library as a whole: its number of documents, largest id and hidden near-duplicates. */
export async function fetchFigures(db: pg.ClientBase | pg.Pool): Promise<{ n: number; mx: number; hidden: number[] }> {
  // the number from library_counts (kept by triggers, schema 10): count(*) read every document's key, 10–16 ms at 10⁵
  const r = await db.query<{ n: number; mx: number; hidden: number[] }>(
    `SELECT (SELECT documents FROM library_counts)::int AS n, (SELECT coalesce(max(id), 0) FROM documents) AS mx,
            (SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM documents WHERE hidden) AS hidden`,
  );
  return r.rows[0];
}

/**
 * The postings of a set of hashes (hash as uint32 → list): one query (split over the pool's connections when it
 * has several). With a long-lived client's `presence` (the library's hash prefixes, brought up to date here),
 * only the hashes that may have postings are sent — nearly all of those have some.
 */
export async function fetchPostings(db: pg.ClientBase | pg.Pool, all: Uint32Array, presence?: PresenceFilter): Promise<Map<number, PostingList>> {
  if (presence) await presence.refresh(db);
  const hashes = presence ? presence.filter(all) : all;
  const present = presence !== undefined;
  // in the index's order (int4, signed): each part's probes walk the B-tree's leaves in order. Parts of at least
  // 500 hashes: a draft's ~2,000 hashes (after the presence filter) in four parts take 62 ms instead of 105 ms in
  // one at 10⁵ documents, even with server and client on one 2-core machine (the probes are the server's work)
  const sorted = Int32Array.from(hashes).sort();
  const rows = await inParallel(db, sorted, 500, async (part) => (await queryPostings(db, part, present)).rows);
  const out = new Map<number, PostingList>();
  for (const row of rows) {
    // pairs doc,pos packed as bytes: nothing to parse (a list as text took a third longer, on both sides)
    const { firsts: docs, seconds: poss } = pairsFromBase64(row.dp);
    out.set(row.hash >>> 0, { total: Number(row.n), docs, poss });
  }
  return out;
}

function queryPostings(db: pg.ClientBase | pg.Pool, hashes: ArrayLike<number>, present: boolean) {
  return db.query<{ hash: number; n: string; dp: string }>(
    // most of a draft's k-grams are in no document (sources keep only their winnowed fingerprints): a plain
    // probe first, the postings and counts only for the hashes found — unless the hashes were filtered by the
    // library's prefixes (9 in 10 of them found: the probe would cost a sixth of the query for nothing)
    `WITH h AS MATERIALIZED (SELECT x.hash FROM unnest($1::int4[]) AS x(hash)${present ? '' : ' WHERE EXISTS (SELECT 1 FROM fingerprints f WHERE f.hash = x.hash)'})
     SELECT h.hash, p.dp,
            CASE WHEN p.m < ${MAX_POSTINGS_PER_HASH} THEN p.m
                 ELSE coalesce((SELECT c.n FROM hash_counts c WHERE c.hash = h.hash), (SELECT count(*) FROM fingerprints f WHERE f.hash = h.hash)) END AS n
     FROM h
     CROSS JOIN LATERAL (SELECT count(*) AS m, encode(string_agg(int4send(s.doc) || int4send(s.pos), ''::bytea), 'base64') AS dp
                         FROM (SELECT doc, pos FROM fingerprints f WHERE f.hash = h.hash ORDER BY doc, pos LIMIT ${MAX_POSTINGS_PER_HASH}) s) p
     WHERE p.m > 0`,
    [int4Array(hashes)],
  );
}

/** Figures and checkpoints of documents, with the whole text of those with astral characters (they have no chunks); documents no longer on the server are left out. */
export async function fetchDocInfos(db: pg.ClientBase | pg.Pool, ids: number[], maxWays = 4): Promise<{ info: DocInfo; body: string | null }[]> {
  if (!ids.length) return [];
  return inParallel(db, ids, 500, async (part) => {
    const r = await db.query<{ id: number; name: string; title: string; norm_length: number; text_length: number; cp: string; astral: boolean; body: string | null }>(
      // checkpoints as text: split here several times faster than by the driver's generic array parser
      `SELECT id, name, title, norm_length, text_length, array_to_string(checkpoints, ',') AS cp, astral, CASE WHEN astral THEN body END AS body
       FROM documents WHERE id = ANY($1::int4[])`,
      [int4Array(part, true)],
    );
    return r.rows.map((d) => ({ info: new FetchedInfo(d.id, d.name, d.title, d.norm_length, d.text_length, parseInts(d.cp), d.astral), body: d.body }));
  }, maxWays);
}

/** A part of a document's text as fetched: a run of consecutive chunks, joined on the server. */
export interface FetchedPart {
  doc: number;
  /** UTF-16 offset of the part's first character in the document's text. */
  start: number;
  body: string;
}

/**
 * Parts of texts in one query (split over the pool's connections): chunks a…b of each document asked for (one
 * range scan of the primary key each), and every chunk of the documents in `wholeIfShort` shorter than
 * `shortBelow` normalised characters (the checker reads those whole). Chunks follow one another without a
 * gap (each starts where the one before ends), so a run comes back as one row, its chunks joined in order:
 * a third of the rows of one per chunk, and about a tenth less time for them at 10⁵ documents. The UTF-16LE
 * bytes come as base64 (a third more bytes than themselves, half those of hex; 2.7 bytes a Chinese character
 * instead of 3 as UTF-8 text) and are read back without decoding UTF-8: about 15 of 50 ms less for the
 * 1.5 M characters of a check at 10⁵ documents. Chunks that do not exist are left out (a run none of whose
 * chunks exists returns no row).
 */
export async function fetchChunks(db: pg.ClientBase | pg.Pool, runs: { doc: number; a: number; b: number }[], wholeIfShort: number[], shortBelow: number, maxWays = 4): Promise<FetchedPart[]> {
  if (!runs.length && !wholeIfShort.length) return [];
  let first = true;
  return inParallel(db, runs, 500, async (part) => {
    const whole = first ? wholeIfShort : [];
    first = false;
    const r = await db.query<FetchedPart>(
      `SELECT w.doc, x.start, encode(x.body, 'base64') AS body FROM unnest($1::int4[], $2::int4[], $3::int4[]) AS w(doc, a, b)
       CROSS JOIN LATERAL (SELECT min(c.start) AS start, string_agg(c.body, ''::bytea ORDER BY c.n) AS body FROM doc_chunks c WHERE c.doc = w.doc AND c.n BETWEEN w.a AND w.b) x
       WHERE x.body IS NOT NULL
       UNION ALL
       SELECT d.id, 0, encode(x.body, 'base64') FROM documents d CROSS JOIN LATERAL (SELECT string_agg(c.body, ''::bytea ORDER BY c.n) AS body FROM doc_chunks c WHERE c.doc = d.id) x
       WHERE d.id = ANY($4::int4[]) AND d.norm_length < $5 AND x.body IS NOT NULL`,
      [int4Array(part.map((x) => x.doc), true), int4Array(part.map((x) => x.a), true), int4Array(part.map((x) => x.b), true), int4Array(whole, true), shortBelow],
    );
    for (const row of r.rows) row.body = chunkText(row.body);
    return r.rows;
  }, maxWays);
}

/**
 * Fetched postings and sources. Keys are the documents' ids; the engine's document id is String(id). A
 * document asked for but not fetched yet is reported as unknown and remembered in `missing`; a part of a
 * known source's text the checker needed and lacked, in `wanted`; either counts in `misses`.
 */
export class FetchedPostings implements PostingProvider {
  /** Moves when stand-ins were replaced by fetched documents (the checker then drops what it kept of them). */
  version = 0;
  /** The postings are those fetched when the check began: lookups never change. */
  readonly postingsVersion = 0;
  readonly docs = new Map<number, { meta: SourceMeta; doc: FetchedDoc; view: SourceText }>();
  readonly missing = new Set<number>();
  readonly wanted = new Map<number, [number, number][]>();
  /**
   * While set, a document not fetched yet is answered with a stand-in (StandInMeta, StandInView) whose text lacks
   * everything: the checker then says which parts of it it reads (`readsOf`, normalised ranges), not only
   * that it needs the document. Set for a check that starts with nothing fetched; cleared by the first fetch.
   */
  standIns = true;
  /** Normalised ranges the checker read of each stand-in, as flat pairs (start, end). */
  readonly readsOf = new Map<number, number[]>();
  misses = 0;
  private gone = new Set<number>();
  private stubs = new Map<number, { meta: SourceMeta; view: SourceText }>();

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

  /**
   * `room`: how many of the hash's first postings to take (MAX_POSTINGS_PER_HASH, or what another provider
   * whose keys come first left of that cap; excluded documents count towards it, as in the embedded index).
   */
  lookup(hash: number, draftPos: number, out: IntBuf, excluded: Set<number>, room = MAX_POSTINGS_PER_HASH): number {
    const l = this.postings.get(hash);
    if (!l) return 0;
    const { docs, poss } = l;
    const kc = this.keyCount;
    let left = room;
    for (let q = 0; q < docs.length && left > 0; q++) {
      const key = docs[q];
      if (key >= kc) continue; // arrived after the check read the library's figures: not a live document here
      left--;
      if (excluded.size && excluded.has(key)) continue;
      out.push3(key, draftPos, poss[q]);
    }
    return l.total;
  }

  doc(key: number): SourceMeta | null {
    const d = this.docs.get(key);
    if (d) return d.meta;
    if (this.gone.has(key)) return null;
    this.missing.add(key);
    this.misses++;
    return this.standIns ? this.standIn(key).meta : null;
  }

  private standIn(key: number): { meta: SourceMeta; view: SourceText } {
    let s = this.stubs.get(key);
    if (s) return s;
    let reads = this.readsOf.get(key);
    if (!reads) this.readsOf.set(key, (reads = []));
    s = { meta: new StandInMeta(String(key)), view: new StandInView(this, reads) };
    this.stubs.set(key, s);
    return s;
  }

  /** The stand-ins were replaced by what was fetched: no more stand-ins, and checkers start afresh. */
  dropStandIns(): void {
    if (!this.stubs.size && !this.standIns) return;
    this.stubs.clear();
    this.readsOf.clear();
    this.standIns = false;
    this.version++;
  }

  /** A document that is no longer on the server: unknown from now on, not asked for again. */
  forget(key: number): void {
    this.gone.add(key);
  }

  add(doc: FetchedDoc): void {
    const id = doc.info.id;
    this.docs.set(id, { meta: new FetchedMeta(doc.info), doc, view: new FetchedView(this, id, doc.text) });
  }

  text(id: string): SourceText | undefined {
    const key = Number(id);
    return this.docs.get(key)?.view ?? this.stubs.get(key)?.view;
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
