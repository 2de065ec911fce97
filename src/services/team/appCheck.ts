// The app's reuse check with a team library: one PostingProvider over both the workspace's own sources
// (drafts and template examples, the embedded index of services/library) and the team library's
// postings fetched from PostgreSQL in one round trip; the same core checker verifies and aligns, so a
// passage is found exactly as with 本机. Sources the checker asks for are fetched as it asks (see
// check.ts) and kept in a small cache: a document's text never changes under its id.
import type pg from 'pg';
import { checkText, draftHashes, IndexProvider, type IntBuf, type PostingProvider, type ReuseIndex, type SourceMeta } from '../../core/reuse/index';
import type { CheckOptions, CheckResult } from '../../core/reuse/types';
import { FetchedPostings, fetchDocs, fetchPostings, type FetchedDoc } from './postings';

/** Team library document ids in the app: `T` + the server's id (library ids of 本机 start with `L`). */
export const TEAM_ID_PREFIX = 'T';
export const teamIdOf = (serverId: number) => TEAM_ID_PREFIX + serverId;
export function serverIdOf(id: string): number | undefined {
  if (!id.startsWith(TEAM_ID_PREFIX)) return undefined;
  const n = Number(id.slice(1));
  return Number.isInteger(n) && n > 0 && n < 2 ** 31 ? n : undefined;
}

const MAX_RUNS = 12;

/** Fetched sources kept between checks (an editor re-checks on every autosave), oldest dropped first. */
export class FetchedDocCache {
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
  drop(id: number): void {
    const d = this.docs.get(id);
    if (d) this.chars -= d.body.length;
    this.docs.delete(id);
  }
}

/** Local keys [0, L) as they are; the server's keys after them (L + server id). */
class CombinedProvider implements PostingProvider {
  readonly version = 0;
  private readonly L: number;
  private lastExcluded: Set<number> | null = null;
  private serverExcluded = new Set<number>();

  constructor(
    private readonly local: IndexProvider,
    readonly server: FetchedPostings,
  ) {
    this.L = local.keyCount;
  }

  get liveDocs(): number {
    return this.local.liveDocs + this.server.liveDocs;
  }

  get keyCount(): number {
    return this.L + this.server.keyCount;
  }

  keyOf(id: string): number | undefined {
    const sid = serverIdOf(id);
    if (sid !== undefined) {
      const k = this.server.keyOf(String(sid));
      return k === undefined ? undefined : this.L + k;
    }
    return this.local.keyOf(id);
  }

  private shifted(excluded: Set<number>): Set<number> {
    if (excluded !== this.lastExcluded) {
      this.lastExcluded = excluded;
      this.serverExcluded = new Set([...excluded].filter((k) => k >= this.L).map((k) => k - this.L));
    }
    return this.serverExcluded;
  }

  lookup(hash: number, draftPos: number, out: IntBuf, excluded: Set<number>): number {
    let total = this.local.lookup(hash, draftPos, out, excluded);
    const n0 = out.n;
    total += this.server.lookup(hash, draftPos, out, this.shifted(excluded));
    for (let i = n0; i < out.n; i += 3) out.a[i] += this.L;
    return total;
  }

  doc(key: number): SourceMeta | null {
    if (key < this.L) return this.local.doc(key);
    const m = this.server.doc(key - this.L);
    return m ? { ...m, id: TEAM_ID_PREFIX + m.id, checkpointBefore: m.checkpointBefore, checkpointAfter: m.checkpointAfter } : null;
  }
}

export interface CombinedCheck {
  result: CheckResult;
  /** Live documents of the team library and the ones hidden as near-duplicates. */
  serverDocs: number;
  hidden: number;
  /** Team documents the result's sources come from, by server id. */
  fetched: Map<number, FetchedDoc>;
}

/**
 * Check `text` against the local index (drafts, template examples) and the team library together.
 * `options.excludeIds` are ids of either kind; the team library's hidden near-duplicates are added.
 */
export async function combinedCheck(
  db: pg.Pool,
  local: ReuseIndex,
  text: string,
  options: CheckOptions,
  cache: FetchedDocCache,
): Promise<CombinedCheck> {
  const lib = await db.query<{ n: number; mx: number; hidden: number[] }>(
    `SELECT (SELECT count(*) FROM documents)::int AS n, (SELECT coalesce(max(id), 0) FROM documents) AS mx,
            (SELECT coalesce(array_agg(id), '{}') FROM documents WHERE hidden) AS hidden`,
  );
  const { n, mx, hidden } = lib.rows[0];
  const postings = await fetchPostings(db, draftHashes(text));
  const server = new FetchedPostings(postings, n, mx + 1);
  const provider = new CombinedProvider(new IndexProvider(local), server);
  const opts: CheckOptions = {
    ...options,
    excludeIds: [...hidden.map(teamIdOf), ...(options.excludeIds ?? [])],
    getSourceText: (id) => {
      const sid = serverIdOf(id);
      return sid !== undefined ? server.text(String(sid)) : options.getSourceText(id);
    },
  };
  let result: CheckResult;
  for (let runs = 1; ; runs++) {
    result = checkText(provider, text, opts);
    if (!server.missing.size || runs >= MAX_RUNS) break;
    const wanted: number[] = [];
    const got: FetchedDoc[] = [];
    for (const key of server.missing) {
      const c = cache.get(key);
      if (c) got.push(c);
      else wanted.push(key);
    }
    const docs = await fetchDocs(db, wanted);
    for (const d of docs) cache.put(d);
    const found = new Set(docs.map((d) => d.id));
    server.add([...got, ...docs]);
    // documents removed since the postings were read stay unknown (not asked for again)
    for (const key of wanted) if (!found.has(key)) server.forget(key);
    server.missing.clear();
  }
  const fetched = new Map<number, FetchedDoc>();
  for (const [id, d] of server.docs) fetched.set(id, d.doc);
  return { result, serverDocs: n, hidden: hidden.length, fetched };
}
