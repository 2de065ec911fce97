// The reuse check against the team library: the same core checker as the embedded engine, over
// postings fetched from PostgreSQL. Round trips: the library's figures and hidden near-duplicates
// (one query), the postings of every k-gram hash of the draft (one query), then what the checker reads
// of the sources — fetched as it asks: the check runs again with what it lacked until it lacks nothing
// (it is deterministic and every source it read was there, so the last run is exactly the embedded
// result). The first run names the documents to verify; of those, the figures and checkpoints are
// fetched (one query) and only the parts of their texts around the draft's seeds (one query of
// substrings, a few hundred characters per seed cluster, not the whole documents); a run that reads
// beyond those parts asks for them. Paragraphs computed with everything at hand are not computed again.
import type pg from 'pg';
import { toOriginalRange, type OffsetMap } from '../../core/text/index';
import { createChecker, draftHashes } from '../../core/reuse/index';
import { K } from '../../core/reuse/winnow';
import { checkpointAfter, checkpointBefore } from '../../core/reuse/checkpoints';
import type { CheckOptions, CheckResult } from '../../core/reuse/types';
import { FetchedPostings, SparseText, fetchDocInfos, fetchParts, fetchPostings, type DocInfo, type FetchedDoc, type PartRequest } from './postings';

const MAX_RUNS = 12;
/** Normalised characters fetched on each side of a seed (the checker reads 24 around a seed, and extends along matches). */
const SEED_MARGIN = 160;
/** Parts closer than this (normalised characters) are fetched as one. */
const MERGE_GAP = 128;
/** Documents shorter than this are read whole by the checker (as SourceDoc does). */
const WHOLE_BELOW = 1024;

export type TeamCheckOptions = Omit<CheckOptions, 'getSourceText' | 'excludeIds'> & {
  /** Document ids (numbers as strings) to leave out besides the hidden near-duplicates. */
  excludeIds?: string[];
  /** Sources fetched by earlier checks (a document's text never changes under its id). */
  cache?: SourceCache;
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

/** The parts of a document's text to fetch around its seeds (normalised positions), as UTF-16 ranges at checkpoints. */
function partsAround(info: DocInfo, seeds: number[]): [number, number][] {
  if (info.astral || info.normLength < WHOLE_BELOW || !seeds.length) return [[0, info.textLength]];
  const cp = info.checkpoints;
  const n = cp.length / 2;
  const out: [number, number][] = [];
  let lo = seeds[0] - SEED_MARGIN;
  let hi = seeds[0] + K + SEED_MARGIN;
  const flush = () => {
    const o0 = lo <= 0 ? 0 : checkpointBefore(cp, 0, n, lo)[1];
    const o1 = hi >= info.normLength ? info.textLength : (checkpointAfter(cp, 0, n, hi)?.[1] ?? info.textLength);
    out.push([o0, o1]);
  };
  for (const p of seeds) {
    if (p - SEED_MARGIN <= hi + MERGE_GAP) hi = Math.max(hi, p + K + SEED_MARGIN);
    else {
      flush();
      lo = p - SEED_MARGIN;
      hi = p + K + SEED_MARGIN;
    }
  }
  flush();
  return out;
}

/** Ranges sorted and merged. */
function merged(ranges: [number, number][]): [number, number][] {
  ranges.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * Fetch what the last run of the checker lacked: the documents it asked for (figures and checkpoints, then
 * the parts of their texts around the draft's seeds) and the parts of known sources it read beyond what was
 * fetched. Two queries at most. Returns the number of documents read from the server.
 */
export async function fetchLacking(db: pg.Pool | pg.ClientBase, provider: FetchedPostings, cache?: SourceCache): Promise<number> {
  const fresh: FetchedDoc[] = [];
  const ask: number[] = [];
  for (const key of provider.missing) {
    const c = cache?.get(key);
    if (c) fresh.push(c);
    else ask.push(key);
  }
  const infos = await fetchDocInfos(db, ask);
  // documents removed since the postings were read stay unknown (not asked for again)
  const found = new Set(infos.map((i) => i.id));
  for (const key of ask) if (!found.has(key)) provider.forget(key);
  for (const info of infos) {
    const d = { info, text: new SparseText(info.textLength) };
    cache?.put(d);
    fresh.push(d);
  }
  const byId = new Map<number, FetchedDoc>();
  const want = new Map<number, [number, number][]>();
  const seeds = provider.seedsOf(new Set(fresh.map((d) => d.info.id)));
  for (const d of fresh) {
    byId.set(d.info.id, d);
    want.set(d.info.id, partsAround(d.info, seeds.get(d.info.id) ?? []));
  }
  for (const [id, ranges] of provider.wanted) {
    const d = provider.docs.get(id)?.doc;
    if (!d) continue;
    byId.set(id, d);
    want.set(id, [...(want.get(id) ?? []), ...(d.info.astral ? [[0, d.info.textLength] as [number, number]] : ranges)]);
  }
  const requests: PartRequest[] = [];
  for (const [id, ranges] of want) {
    const d = byId.get(id)!;
    for (const [a, b] of merged(ranges)) if (!d.text.holds(a, b)) requests.push({ id, start: a, length: b - a });
  }
  for (const p of await fetchParts(db, requests)) {
    const d = byId.get(p.id)!;
    // a part of the length asked for (or the whole text of a document with astral characters): anything else is left out
    if (p.start + p.text.length > d.info.textLength || (d.info.astral ? p.start !== 0 || p.text.length !== d.info.textLength : false)) continue;
    const before = d.text.chars;
    d.text.add(p.start, p.text);
    if (cache?.get(p.id) === d) cache.grew(d.text.chars - before);
  }
  for (const d of fresh) provider.add(d);
  provider.missing.clear();
  provider.wanted.clear();
  return infos.length;
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
  const lib = await db.query<{ n: number; mx: number; hidden: number[] }>(
    `SELECT (SELECT count(*) FROM documents)::int AS n, (SELECT coalesce(max(id), 0) FROM documents) AS mx,
            (SELECT coalesce(array_agg(id), '{}') FROM documents WHERE hidden) AS hidden`,
  );
  const { n, mx, hidden } = lib.rows[0];
  const t1 = performance.now();
  const postings = await fetchPostings(db, draftHashes(draftText));
  const t2 = performance.now();
  const provider = new FetchedPostings(postings, n, mx + 1);
  const { cache, excludeIds, ...checkOpts } = opts;
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
  return { result, names, runs, fetched, sources: provider.docs.size, chars, timings: { figures: t1 - t0, postings: t2 - t1, docs: docsMs, check: checkMs } };
}

/** The JSON of `speechdraft check` (the same shape for --library and --server): source ranges in the file's own text. */
export async function teamCheckJson(db: pg.Pool | pg.ClientBase, draftText: string, opts: TeamCheckOptions = {}) {
  const { result, names } = await teamCheck(db, draftText, opts);
  const ids = [...new Set(result.passages.map((p) => Number(p.sourceId)))];
  const maps = new Map<number, OffsetMap | null>();
  if (ids.length) {
    const r = await db.query<{ id: number; offset_map: OffsetMap | null }>('SELECT id, offset_map FROM documents WHERE id = ANY($1::int4[])', [ids]);
    for (const row of r.rows) maps.set(row.id, row.offset_map);
  }
  const nameOf = (id: string) => names.get(id) ?? id;
  return {
    draft: { chars: result.draft.chars },
    ratio: result.ratio,
    ratioExcludingQuotes: result.ratioExcludingQuotes,
    maxSourceRatio: result.maxSourceRatio,
    sources: result.sources.map((s) => ({ id: nameOf(s.id), title: s.title, ratio: s.ratio })),
    passages: result.passages.map((p) => {
      const map = maps.get(Number(p.sourceId));
      const r = map ? toOriginalRange(map, p.sourceStart, p.sourceEnd) : { start: p.sourceStart, end: p.sourceEnd };
      return {
        start: p.start,
        end: p.end,
        sourceId: nameOf(p.sourceId),
        sourceTitle: p.sourceTitle,
        sourceStart: r.start,
        sourceEnd: r.end,
        similarity: Math.round(p.similarity * 1000) / 1000,
        kind: p.kind,
        // a checked file has no 场合 / 对象: no passage is 高风险 (as with check --library)
        risk: 'normal' as const,
      };
    }),
  };
}
