// 团队服务器 as the workspace's 素材库: the library interface (services/library/backend.ts) over a
// TeamLibrary. The workspace's own sources — drafts and template examples — keep their embedded index
// (a ReuseService whose library is empty); a check runs over both at once (appCheck.ts) and is judged by
// the same CheckService as with 本机: family rule, 忽略 / 标为引用 marks, 高风险 by 场合 / 对象, sources by label.
import type { ReuseCheckResult, ReuseSource } from '../../contract/library';
import type { OccasionInfo } from '../../core/reuse/risk';
import type { LibraryBackend, LibraryCheckInput } from '../library/backend';
import { ImportJobs } from '../library/importer';
import type { ReuseService } from '../library/reuseService';
import type { SearchService } from '../search/searchService';
import { CombinedChecker, serverIdOf } from './appCheck';
import { SourceCache } from './check';
import { serverError } from './connection';
import { removeTeamDocs, runTeamImport } from './appImport';
import { getDoc, groupsOf, listDocs, metasById, updateDoc } from './appMeta';
import { teamSearch, teamSimilar } from './appSearch';
import type { TeamLibrary } from './library';

/** The workspace's own sources and marks, whichever library is in use. */
export interface WorkspaceSources {
  /** Drafts and template examples (its library store is empty); passage marks of the drafts. */
  reuse: ReuseService;
  /** Search over the drafts. */
  search: SearchService;
}

export class TeamBackend implements LibraryBackend {
  readonly kind = 'team' as const;
  private readonly cache = new SourceCache();
  private readonly checker: CombinedChecker;
  private readonly jobs: ImportJobs;

  constructor(
    readonly lib: TeamLibrary,
    private readonly ws: WorkspaceSources,
  ) {
    this.jobs = new ImportJobs((inputs, status, opts) => runTeamImport(lib, inputs, status, opts));
    this.checker = new CombinedChecker(lib.pool, this.cache);
  }

  private run<T>(fn: () => Promise<T>): Promise<T> {
    return fn().catch((err: unknown) => {
      throw serverError(err, this.lib.config);
    });
  }

  list() {
    return this.run(async () => ({ ...(await listDocs(this.lib.pool)), damaged: [] }));
  }

  get(id: string) {
    return this.run(() => getDoc(this.lib.pool, id));
  }

  update(id: string, patch: Parameters<LibraryBackend['update']>[1]) {
    return this.run(() => updateDoc(this.lib.pool, id, patch));
  }

  startImport(inputs: Parameters<LibraryBackend['startImport']>[0]): string {
    return this.jobs.start(inputs);
  }

  importStatus(jobId: string) {
    return this.jobs.status(jobId);
  }

  cancelImport(jobId: string) {
    return this.jobs.cancel(jobId);
  }

  waitImport(jobId: string) {
    return this.jobs.wait(jobId);
  }

  remove(ids: string[]) {
    return this.run(async () => {
      const removed = await removeTeamDocs(this.lib.pool, ids);
      for (const id of removed) this.cache.drop(serverIdOf(id)!);
      this.checker.reset();
      return removed;
    });
  }

  dedup() {
    return this.run(() => groupsOf(this.lib.pool));
  }

  search(input: Parameters<LibraryBackend['search']>[0]) {
    return this.run(() => teamSearch(this.lib.pool, this.ws.search, input));
  }

  similar(input: Parameters<LibraryBackend['similar']>[0]) {
    return this.run(() => teamSimilar(this.lib.pool, this.ws.search, input));
  }

  async source(id: string): Promise<ReuseSource> {
    if (serverIdOf(id) === undefined) return this.ws.reuse.source(id);
    const doc = await this.get(id);
    return { id, title: doc.label, kind: 'library', text: doc.text };
  }

  check(input: LibraryCheckInput): Promise<ReuseCheckResult> {
    return this.run(() => this.checkUnwrapped(input));
  }

  /** Judged as with 本机 (CheckService); the checker runs over the local index and the server's postings. */
  private checkUnwrapped(input: LibraryCheckInput): Promise<ReuseCheckResult> {
    const reuse = this.ws.reuse;
    return reuse.check(input, async (local, text, options) => {
      const c = await this.checker.check(local, text, options);
      const used = [...new Set(c.result.sources.map((s) => serverIdOf(s.id)).filter((n): n is number => n !== undefined))];
      const metas = await metasById(this.lib.pool, used);
      const metaOf = (id: string) => {
        const sid = serverIdOf(id);
        return sid === undefined ? undefined : metas.get(sid);
      };
      return {
        result: c.result,
        sources: local.size + c.serverDocs - c.hidden,
        occasionOf: (id): OccasionInfo | undefined => {
          const m = metaOf(id);
          if (!m) return serverIdOf(id) === undefined ? reuse.occasionOfSource(id) : undefined;
          return { ...(m.occasion ? { occasion: m.occasion } : {}), ...(m.audience ? { audience: m.audience } : {}), ...(m.date ? { date: m.date } : {}) };
        },
        labelOf: (id) => metaOf(id)?.label,
      };
    });
  }

  async dispose(): Promise<void> {
    await this.ws.reuse.flush();
    await this.lib.close().catch(() => undefined);
  }
}

