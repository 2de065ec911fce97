// The reuse check against the team library: the same core checker as the embedded engine, over
// postings fetched from PostgreSQL. Round trips: the library's figures and hidden near-duplicates
// (one query), the postings of every k-gram hash of the draft (one query), then what the checker reads
// of the sources — fetched as it asks: the check runs again with what it lacked until it lacks nothing
// (it is deterministic and every source it read was there, so the last run is exactly the embedded
// result). The first run reads stand-ins for the sources (FetchedPostings.standIns), so it names the
// documents to verify and the normalised ranges it reads of each; their figures and checkpoints and the
// chunks of their texts covering those ranges are fetched at once (two queries in parallel; see chunks.ts:
// index probes of a few hundred bytes, not whole documents); a run that reads beyond those chunks asks for
// them. Paragraphs computed with everything at hand are not computed again, and a run after a fetch starts
// from the first run's lookups and chains (the postings do not change during a check: postingsVersion).
import type pg from 'pg';
import { toOriginalRange, type OffsetMap } from '../../core/text/index';
import { createChecker, draftHashes } from '../../core/reuse/index';
import { K } from '../../core/reuse/winnow';
import type { CheckOptions, CheckResult } from '../../core/reuse/types';
import { CHUNK_NORM, chunkAt, chunkAtOffset } from './chunks';
import { FetchedPostings, fetchChunks, fetchDocInfos, fetchFigures, fetchPostings, type FetchedPart } from './postings';
import { SparseText, type DocInfo, type FetchedDoc } from './sources';
import { checkReport, type CheckReport } from '../../core/reuse/report';
import type { PresenceFilter } from './presence';
import { lastAtOrBeforeBy } from '../../core/model/sorted';

const MAX_RUNS = 12;
/** Normalised characters fetched on each side of a seed (the checker reads 24 around a seed, and extends along matches). */
const SEED_MARGIN = 96;
/**
 * Normalised characters fetched on each side of what the checker read of a stand-in (the windows it reads
 * first are 24 characters wider, at checkpoints; extending a match reads on).
 */
const READ_MARGIN = 32;
/** Seed ranges closer than this (normalised characters) are fetched as one. */
const MERGE_GAP = 64;
/** Documents shorter than this are read whole by the checker (as SourceDoc does). */
const WHOLE_BELOW = 1024;
/**
 * A chunk starts at the first checkpoint at or after n·CHUNK_NORM, a few characters later when a character
 * cluster spans that position: before the checkpoints are known, a range starting this close after a multiple
 * also takes the chunk before.
 */
const START_SLACK = 8;

export type TeamCheckOptions = Omit<CheckOptions, 'getSourceText' | 'excludeIds'> & {
  /** Document ids (numbers as strings) to leave out besides the hidden near-duplicates. */
  excludeIds?: string[];
  /** Sources fetched by earlier checks (a document's text never changes under its id). */
  cache?: SourceCache;
  /** The library's hash prefixes, kept by a long-lived client: only hashes that may have postings are sent. */
  presence?: PresenceFilter;
};

/** Fetched sources (figures and the parts of texts fetched) kept between checks, oldest dropped first beyond `maxChars` characters. */
export class SourceCache {
  private docs = new Map<number, FetchedDoc>();
  private chars = 0;
  constructor(private readonly maxChars = 20_000_000) {}

  get(id: number): FetchedDoc | undefined {
    return this.docs.get(id);
  }

  put(d: FetchedDoc): void {
    if (this.docs.has(d.info.id)) return;
    this.docs.set(d.info.id, d);
    this.grew(d.text.chars);
  }

  /** Characters were added to the text of a cached source. */
  grew(chars: number): void {
    this.chars += chars;
    for (const [id, old] of this.docs) {
      if (this.chars <= this.maxChars) break;
      this.docs.delete(id);
      this.chars -= old.text.chars;
    }
  }

  /** Forget a source (a document removed or hidden on the server). */
  drop(id: number): void {
    const d = this.docs.get(id);
    if (d) this.chars -= d.text.chars;
    this.docs.delete(id);
  }
}

/** Normalised ranges around seeds (sorted positions), merged. */
function seedRanges(seeds: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const p of seeds) {
    const last = out[out.length - 1];
    if (last && p - SEED_MARGIN <= last[1] + MERGE_GAP) last[1] = Math.max(last[1], p + K + SEED_MARGIN);
    else out.push([Math.max(0, p - SEED_MARGIN), p + K + SEED_MARGIN]);
  }
  return out;
}

/** Normalised ranges read of a stand-in (flat pairs start, end), widened by READ_MARGIN on each side and merged. */
function widened(reads: number[]): [number, number][] {
  const n = reads.length >> 1;
  // mostly read in order already: sorted (by start) only when not
  let order: number[] | null = null;
  for (let i = 1; i < n; i++)
    if (reads[2 * i] < reads[2 * i - 2]) {
      order = Array.from({ length: n }, (_, k) => k).sort((x, y) => reads[2 * x] - reads[2 * y]);
      break;
    }
  const out: [number, number][] = [];
  let last: [number, number] | undefined;
  for (let i = 0; i < n; i++) {
    const k = order ? order[i] : i;
    const a = Math.max(0, reads[2 * k] - READ_MARGIN);
    const b = reads[2 * k + 1] + READ_MARGIN;
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push((last = [a, b]));
  }
  return out;
}

/** Chunk numbers holding normalised ranges of a document whose chunks are known. */
function chunksOfRanges(info: DocInfo, ranges: [number, number][], out: Set<number>): void {
  const cs = info.chunks;
  if (!cs.length) return;
  if (info.normLength < WHOLE_BELOW) {
    for (const c of cs) out.add(c.n);
    return;
  }
  for (const [a, b] of ranges) for (let k = chunkAt(cs, a), e = chunkAt(cs, Math.max(a, b - 1)); k <= e; k++) out.add(cs[k].n);
}

/** Chunk numbers probably holding normalised ranges of a document whose checkpoints are not known yet. */
function chunksGuessed(ranges: [number, number][], out: Set<number>): void {
  for (const [a, b] of ranges) for (let n = Math.floor(Math.max(0, a - START_SLACK) / CHUNK_NORM), e = Math.floor(Math.max(a, b - 1) / CHUNK_NORM); n <= e; n++) out.add(n);
}

/**
 * Fetch what the last run of the checker lacked: the documents it asked for (figures and checkpoints, and
 * the chunks of their texts covering what it read of their stand-ins — or, without stand-ins, around every
 * seed — two queries at once, chunk numbers from normalised positions) and the chunks of known sources it
 * read beyond what was fetched. Returns the number of documents read from the server.
 */
export async function fetchLacking(db: pg.Pool | pg.ClientBase, provider: FetchedPostings, cache?: SourceCache): Promise<number> {
  const fresh: FetchedDoc[] = [];
  const ask: number[] = [];
  for (const key of provider.missing) {
    const c = cache?.get(key);
    if (c) fresh.push(c);
    else ask.push(key);
  }
  // where the checker read the stand-ins of documents not fetched yet, or else around every seed
  const reads = provider.readsOf;
  const seeds = provider.seedsOf(new Set([...provider.missing].filter((k) => !reads.has(k))));
  const want = new Map<number, Set<number>>();
  const wantOf = (id: number) => {
    let w = want.get(id);
    if (!w) want.set(id, (w = new Set()));
    return w;
  };
  for (const id of ask) {
    const r = reads.get(id);
    if (r) {
      if (r.length) chunksGuessed(widened(r), wantOf(id));
    } else chunksGuessed(seedRanges(seeds.get(id) ?? []), wantOf(id));
  }
  for (const d of fresh) {
    const r = reads.get(d.info.id);
    chunksOfRanges(d.info, r ? widened(r) : seedRanges(seeds.get(d.info.id) ?? []), wantOf(d.info.id));
  }
  const known = new Map<number, FetchedDoc>(fresh.map((d) => [d.info.id, d]));
  for (const [id, ranges] of provider.wanted) {
    const d = provider.docs.get(id)?.doc;
    if (!d || !d.info.chunks.length) continue;
    known.set(id, d);
    const cs = d.info.chunks;
    const w = wantOf(id);
    for (const [a, b] of ranges) for (let k = chunkAtOffset(cs, a), e = chunkAtOffset(cs, Math.max(a, b - 1)); k <= e; k++) w.add(cs[k].n);
  }
  // runs of consecutive chunks to fetch, by document (in key order: the index is read in order)
  const runs: { doc: number; a: number; b: number }[] = [];
  // numbers sorted as typed arrays: no comparator called, no copy of the array made to sort it
  for (const id of Int32Array.from(want.keys()).sort()) {
    const d = known.get(id);
    let last: { doc: number; a: number; b: number } | undefined;
    for (const n of Int32Array.from(want.get(id)!).sort()) {
      if (d && held(d, n)) continue;
      if (last && n === last.b + 1) last.b = n;
      else runs.push((last = { doc: id, a: n, b: n }));
    }
  }
  // two parts each: the two queries at once over the pool's four connections
  const [infos, parts] = await Promise.all([fetchDocInfos(db, ask, 2), fetchChunks(db, runs, ask, WHOLE_BELOW, 2)]);
  // documents removed since the postings were read stay unknown (not asked for again)
  const found = new Set(infos.map((i) => i.info.id));
  for (const key of ask) if (!found.has(key)) provider.forget(key);
  for (const { info, body } of infos) {
    const d = { info, text: new SparseText(info.textLength) };
    // a text with astral characters comes whole (it has no chunks): anything else is left out
    if (body !== null && body.length === info.textLength) d.text.add(0, body);
    cache?.put(d);
    fresh.push(d);
    known.set(info.id, d);
  }
  addParts(known, parts, cache);
  provider.dropStandIns();
  for (const d of fresh) provider.add(d);
  provider.missing.clear();
  provider.wanted.clear();
  return infos.length;
}

/** Whether chunk n of a document whose chunks are known is held already. */
function held(d: FetchedDoc, n: number): boolean {
  const cs = d.info.chunks;
  const lo = lastAtOrBeforeBy(cs.length, n, (i) => cs[i].n);
  const c = cs[lo];
  if (!c || c.n !== n) return true; // no such chunk: nothing to fetch
  const end = lo + 1 < cs.length ? cs[lo + 1].start : d.info.textLength;
  return d.text.holds(c.start, end);
}

/** Fetched parts into their documents' texts (parts that touch or overlap as one). */
function addParts(known: Map<number, FetchedDoc>, parts: FetchedPart[], cache?: SourceCache): void {
  parts.sort((x, y) => x.doc - y.doc || x.start - y.start);
  for (let i = 0; i < parts.length; ) {
    const { doc, start } = parts[i];
    let text = parts[i].body;
    let j = i + 1;
    while (j < parts.length && parts[j].doc === doc && parts[j].start <= start + text.length) {
      const c = parts[j];
      if (c.start + c.body.length > start + text.length) text += c.body.slice(start + text.length - c.start);
      j++;
    }
    i = j;
    const d = known.get(doc);
    if (!d || d.info.astral) continue;
    const before = d.text.chars;
    d.text.add(start, text);
    if (cache?.get(doc) === d) cache.grew(d.text.chars - before);
  }
}

export interface TeamCheck {
  /** Engine result; sourceId is the document id as a string. */
  result: CheckResult;
  /** Fetched documents by id. */
  names: Map<string, string>;
  runs: number;
  /** Sources read from the server (not from the cache). */
  fetched: number;
  sources: number;
  /** Characters of source texts held for the check (fetched now or before). */
  chars: number;
  timings: { figures: number; postings: number; docs: number; check: number };
}

export async function teamCheck(db: pg.Pool | pg.ClientBase, draftText: string, opts: TeamCheckOptions = {}): Promise<TeamCheck> {
  const t0 = performance.now();
  // the library's figures and the postings at once (documents imported meanwhile are left out by their ids)
  let t1 = t0;
  const [{ n, mx, hidden }, postings] = await Promise.all([
    fetchFigures(db).then((r) => ((t1 = performance.now()), r)),
    fetchPostings(db, draftHashes(draftText), opts.presence),
  ]);
  const t2 = performance.now();
  const provider = new FetchedPostings(postings, n, mx + 1);
  const { cache, excludeIds, presence: _, ...checkOpts } = opts;
  const options: CheckOptions = {
    ...checkOpts,
    excludeIds: [...hidden.map(String), ...(excludeIds ?? [])],
    getSourceText: (id) => provider.text(id),
  };
  const checker = createChecker(provider);
  let result: CheckResult;
  let runs = 0;
  let docsMs = 0;
  let fetched = 0;
  let checkMs = 0;
  for (;;) {
    const c0 = performance.now();
    result = checker.check(draftText, options);
    checkMs += performance.now() - c0;
    runs++;
    if ((!provider.missing.size && !provider.wanted.size) || runs >= MAX_RUNS) break;
    const d0 = performance.now();
    fetched += await fetchLacking(db, provider, cache);
    docsMs += performance.now() - d0;
  }
  const names = new Map<string, string>();
  let chars = 0;
  for (const [id, d] of provider.docs) {
    names.set(String(id), d.doc.info.name);
    chars += d.doc.text.chars;
  }
  return { result, names, runs, fetched, sources: provider.docs.size, chars, timings: { figures: t1 - t0, postings: t2 - t0, docs: docsMs, check: checkMs } };
}

/** The JSON of `speechdraft check` (the same shape for --library and --server): source ranges in the file's own text. */
export async function teamCheckJson(db: pg.Pool | pg.ClientBase, draftText: string, opts: TeamCheckOptions = {}): Promise<CheckReport> {
  const { result, names } = await teamCheck(db, draftText, opts);
  const ids = [...new Set(result.passages.map((p) => Number(p.sourceId)))];
  const maps = new Map<number, OffsetMap | null>();
  if (ids.length) {
    const r = await db.query<{ id: number; offset_map: OffsetMap | null }>('SELECT id, offset_map FROM documents WHERE id = ANY($1::int4[])', [ids]);
    for (const row of r.rows) maps.set(row.id, row.offset_map);
  }
  return checkReport(result, {
    idOf: (id) => names.get(id) ?? id,
    rangeOf: (p) => {
      const map = maps.get(Number(p.sourceId));
      return map ? toOriginalRange(map, p.sourceStart, p.sourceEnd) : { start: p.sourceStart, end: p.sourceEnd };
    },
  });
}
