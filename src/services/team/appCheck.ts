// The app's reuse check with a team library: one PostingProvider over both the workspace's own sources
// (drafts and template examples, the embedded index of services/library) and the team library's
// postings fetched from PostgreSQL in one round trip; the same core checker verifies and aligns, so a
// passage is found exactly as with 本机. Sources the checker asks for are fetched as it asks (see
// check.ts) and kept in a small cache: a document's text never changes under its id.
import type pg from 'pg';
import { createChecker, draftHashes, IndexProvider, MAX_POSTINGS_PER_HASH, type IntBuf, type PostingProvider, type ReuseIndex, type SourceMeta } from '../../core/reuse/index';
import type { CheckOptions, CheckResult, Checker } from '../../core/reuse/types';
import { FetchedPostings, fetchFigures, fetchPostings } from './postings';
import { PresenceFilter } from './presence';
import { fetchLacking, type SourceCache } from './check';

/** Team library document ids in the app: `T` + the server's id (library ids of 本机 start with `L`). */
export const TEAM_ID_PREFIX = 'T';
export const teamIdOf = (serverId: number) => TEAM_ID_PREFIX + serverId;
export function serverIdOf(id: string): number | undefined {
  if (!id.startsWith(TEAM_ID_PREFIX)) return undefined;
  const n = Number(id.slice(1));
  return Number.isInteger(n) && n > 0 && n < 2 ** 31 ? n : undefined;
}

const MAX_RUNS = 12;

/** Local keys [0, L) as they are; the server's keys after them (L + server id). */
export class CombinedProvider implements PostingProvider {
  private readonly L: number;
  private lastExcluded: Set<number> | null = null;
  private serverExcluded = new Set<number>();

  constructor(
    private readonly local: IndexProvider,
    readonly server: FetchedPostings,
  ) {
    this.L = local.keyCount;
  }

  /** The server's: it moves when its stand-ins are replaced by fetched documents (the local index has its own checker). */
  get version(): number {
    return this.server.version;
  }

  /** The server's postings never change during a check; the local index's move with its version. */
  get postingsVersion(): number {
    return this.local.version;
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

  /**
   * One cap over both, as one index sampling the first MAX_POSTINGS_PER_HASH postings of live documents in key
   * order: the local ones first (every live posting counts towards the cap, excluded or not), then as many
   * of the server's as are left.
   */
  lookup(hash: number, draftPos: number, out: IntBuf, excluded: Set<number>): number {
    const local = this.local.lookup(hash, draftPos, out, excluded);
    const n0 = out.n;
    const total = local + this.server.lookup(hash, draftPos, out, this.shifted(excluded), Math.max(0, MAX_POSTINGS_PER_HASH - local));
    for (let i = n0; i < out.n; i += 3) out.a[i] += this.L;
    return total;
  }

  get misses(): number {
    return this.server.misses;
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
}

/**
 * Checks of one workspace against the local index (drafts, template examples) and the team library together,
 * incremental as with 本机: while the team library is unchanged (same documents: count, highest id and hidden
 * ones, one cheap query per check), the postings already fetched are kept and only the hashes of new
 * paragraphs are sent to the server, and one incremental checker keeps its per-paragraph results. A change of
 * the team library starts afresh; a change of the local sources only rebuilds the checker.
 */
export class CombinedChecker {
  private server: { key: string; postings: FetchedPostings; asked: Set<number>; hidden: string[] } | null = null;
  private live: { local: ReuseIndex; version: number; server: FetchedPostings; checker: Checker } | null = null;
  /** Hashes without a prefix in the library are not sent (see presence.ts). */
  private readonly presence = new PresenceFilter();

  constructor(
    private readonly db: pg.Pool,
    private readonly cache: SourceCache,
  ) {}

  /** Forget what was fetched (after this app removed or imported documents). */
  reset(): void {
    this.server = null;
    this.live = null;
  }

  /** `options.excludeIds` are ids of either kind; the team library's hidden near-duplicates are added. */
  async check(local: ReuseIndex, text: string, options: CheckOptions): Promise<CombinedCheck> {
    const { n, mx, hidden } = await fetchFigures(this.db);
    const key = `${n}|${mx}|${hidden.join(',')}`;
    if (this.server?.key !== key) {
      this.server = { key, postings: new FetchedPostings(new Map(), n, mx + 1), asked: new Set(), hidden: hidden.map(teamIdOf) };
      this.live = null;
    }
    const srv = this.server;
    // postings of the hashes not asked for yet (a new paragraph, a changed one), one round trip
    const want = draftHashes(text).filter((h) => !srv.asked.has(h));
    if (want.length) {
      const got = await fetchPostings(this.db, want, this.presence);
      for (const [h, l] of got) srv.postings.postings.set(h, l);
      for (const h of want) srv.asked.add(h);
    }
    if (!this.live || this.live.local !== local || this.live.version !== local.version || this.live.server !== srv.postings) {
      this.live = { local, version: local.version, server: srv.postings, checker: createChecker(new CombinedProvider(new IndexProvider(local), srv.postings)) };
    }
    const { checker } = this.live;
    const server = srv.postings;
    const opts: CheckOptions = {
      ...options,
      excludeIds: [...srv.hidden, ...(options.excludeIds ?? [])],
      getSourceText: (id) => {
        const sid = serverIdOf(id);
        return sid !== undefined ? server.text(String(sid)) : options.getSourceText(id);
      },
    };
    let result: CheckResult;
    for (let runs = 1; ; runs++) {
      result = checker.check(text, opts);
      if ((!server.missing.size && !server.wanted.size) || runs >= MAX_RUNS) break;
      // what was computed while a source was not at hand is computed again (the checker keeps the rest)
      await fetchLacking(this.db, server, this.cache);
    }
    return { result, serverDocs: n, hidden: hidden.length };
  }
}
