// The reuse check against the team library: the same core checker as the embedded engine, over
// postings fetched from PostgreSQL. Round trips: the library's figures and hidden near-duplicates
// (one query), the postings of every k-gram hash of the draft (one query), then the sources the
// checker verifies — fetched as it asks for them: the check is run again with the new sources until it
// asks for none it lacks (it is deterministic, so the last run is the check with every source known,
// i.e. exactly the embedded result); usually two or three runs of a few milliseconds each.
import type pg from 'pg';
import { toOriginalRange, type OffsetMap } from '../../core/text/index';
import { checkText, draftHashes } from '../../core/reuse/index';
import type { CheckOptions, CheckResult } from '../../core/reuse/types';
import { FetchedPostings, fetchDocs, fetchPostings, type FetchedDoc } from './postings';

const MAX_RUNS = 12;

export type TeamCheckOptions = Omit<CheckOptions, 'getSourceText' | 'excludeIds'> & {
  /** Document ids (numbers as strings) to leave out besides the hidden near-duplicates. */
  excludeIds?: string[];
  /** Sources fetched by earlier checks (a document's text never changes under its id). */
  cache?: SourceCache;
};

/** Fetched sources kept between checks, oldest dropped first beyond `maxChars` characters. */
export class SourceCache {
  private docs = new Map<number, FetchedDoc>();
  private chars = 0;
  constructor(private readonly maxChars = 20_000_000) {}

  get(id: number): FetchedDoc | undefined {
    return this.docs.get(id);
  }

  put(d: FetchedDoc): void {
    if (this.docs.has(d.id)) return;
    this.docs.set(d.id, d);
    this.chars += d.body.length;
    for (const [id, old] of this.docs) {
      if (this.chars <= this.maxChars) break;
      this.docs.delete(id);
      this.chars -= old.body.length;
    }
  }

  /** Forget a source (a document removed or hidden on the server). */
  drop(id: number): void {
    const d = this.docs.get(id);
    if (d) this.chars -= d.body.length;
    this.docs.delete(id);
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
  let result: CheckResult;
  let runs = 0;
  let docsMs = 0;
  let fetched = 0;
  let checkMs = 0;
  for (;;) {
    const c0 = performance.now();
    result = checkText(provider, draftText, options);
    checkMs += performance.now() - c0;
    runs++;
    if (!provider.missing.size || runs >= MAX_RUNS) break;
    const d0 = performance.now();
    const cached: FetchedDoc[] = [];
    const wanted: number[] = [];
    for (const key of provider.missing) {
      const c = cache?.get(key);
      if (c) cached.push(c);
      else wanted.push(key);
    }
    const docs = await fetchDocs(db, wanted);
    fetched += docs.length;
    for (const d of docs) cache?.put(d);
    docs.push(...cached);
    // documents removed since the postings were read stay unknown (not asked for again)
    const got = new Set(docs.map((d) => d.id));
    for (const key of wanted) if (!got.has(key)) docs.push({ id: key, name: '', title: '', body: '', normLength: -1, checkpoints: [] });
    provider.add(docs.filter((d) => d.normLength >= 0));
    for (const d of docs) if (d.normLength < 0) provider.forget(d.id);
    provider.missing.clear();
    docsMs += performance.now() - d0;
  }
  const names = new Map<string, string>();
  for (const [id, d] of provider.docs) names.set(String(id), d.doc.name);
  return { result, names, runs, fetched, sources: provider.docs.size, timings: { figures: t1 - t0, postings: t2 - t1, docs: docsMs, check: checkMs } };
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
