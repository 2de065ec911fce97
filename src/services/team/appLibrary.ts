// 团队服务器 as the workspace's 素材库: the library interface (services/library/backend.ts) over a
// TeamLibrary. The workspace's own sources — drafts and template examples — keep their embedded index
// (a ReuseService whose library is empty); a check runs over both at once (appCheck.ts) and is judged
// exactly as with 本机: family rule, 忽略 / 标为引用 marks, 高风险 by 场合 / 对象, sources by label.
import { ApiError } from '../../contract/define';
import { familyOf } from '../../contract/drafts';
import type { ReuseCheckResult, ReuseSource } from '../../contract/library';
import { docToText } from '../../core/model/text';
import { DEFAULT_RISK_MONTHS, withRisk, type OccasionInfo } from '../../core/reuse/risk';
import type { LibraryBackend, LibraryCheckInput } from '../library/backend';
import { ImportJobs } from '../library/importer';
import { rangesOf } from '../library/passageStates';
import type { ReuseService } from '../library/reuseService';
import type { SearchService } from '../search/searchService';
import { CombinedChecker, serverIdOf } from './appCheck';
import { SourceCache } from './check';
import { serverError } from './connection';
import { removeTeamDocs, runTeamImport } from './appImport';
import { getDoc, groupsOf, listDocs, metasById, updateDoc } from './appMeta';
import { teamSearch, teamSimilar } from './appSearch';
import type { TeamLibrary } from './library';

const DRAFT_PREFIX = 'draft:';

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

  private async checkUnwrapped(input: LibraryCheckInput): Promise<ReuseCheckResult> {
    const t0 = performance.now();
    const reuse = this.ws.reuse;
    const local = await reuse.ensureIndex(input.draftId ? DRAFT_PREFIX + input.draftId : undefined);
    let text = input.text;
    let checkedText: string | undefined;
    if (text === undefined) {
      if (!input.draftId) throw new ApiError('invalid-input', '请给出文稿编号或要检查的文本');
      text = docToText((await reuse.drafts.get(input.draftId)).doc).text;
      checkedText = text;
    }
    const states = input.draftId ? await reuse.states(input.draftId) : [];
    const quoteRanges = [...(input.quoteRanges ?? []), ...rangesOf(text, states, 'quoted')];
    const ignoreRanges = [...(input.ignoreRanges ?? []), ...rangesOf(text, states, 'ignored')];
    const cat = reuse.catalogue;
    const family = input.draftId
      ? reuse.familyOf(input.draftId, input.includeFamily === true)
      : input.familyId && !input.includeFamily
        ? cat.ids().filter((id) => id === input.familyId || familyOf(cat.get(id)!.meta) === input.familyId)
        : [];
    const excludeIds = family.map((id) => DRAFT_PREFIX + id);
    const settings = reuse.settings ? await reuse.settings.get().catch(() => undefined) : undefined;
    const minChars = input.minChars ?? (typeof settings?.reuseMinChars === 'number' ? settings.reuseMinChars : 13);
    const c = await this.checker.check(local, text, { minChars, quoteRanges, ignoreRanges, excludeIds, getSourceText: (id) => reuse.sourceText(id) });
    const raw = c.result;
    const used = [...new Set(raw.sources.map((s) => serverIdOf(s.id)).filter((n): n is number => n !== undefined))];
    const metas = await metasById(this.lib.pool, used);
    const metaOf = (id: string) => {
      const sid = serverIdOf(id);
      return sid === undefined ? undefined : metas.get(sid);
    };
    const occasionOfSource = (id: string): OccasionInfo | undefined => {
      const m = metaOf(id);
      if (!m) return serverIdOf(id) === undefined ? reuse.occasionOfSource(id) : undefined;
      return { ...(m.occasion ? { occasion: m.occasion } : {}), ...(m.audience ? { audience: m.audience } : {}), ...(m.date ? { date: m.date } : {}) };
    };
    const labelOf = (id: string, fallback: string) => metaOf(id)?.label ?? reuse.labelOf(id, fallback);
    const occasion = reuse.occasionOfDraft(input.draftId, text);
    const months = typeof settings?.reuseRiskMonths === 'number' ? settings.reuseRiskMonths : DEFAULT_RISK_MONTHS;
    const passages = withRisk(raw.passages, occasion, occasionOfSource, months, new Date().toISOString().slice(0, 10));
    const high = passages.filter((p) => p.risk === 'high');
    const highChars = high.reduce((n, p) => n + p.chars, 0);
    return {
      ...raw,
      highRisk: { passages: high.length, chars: highChars, ratio: raw.draft.chars ? Math.min(1, highChars / raw.draft.chars) : 0 },
      occasion,
      passages: passages.map((p) => ({ ...p, sourceTitle: labelOf(p.sourceId, p.sourceTitle) })),
      sources: raw.sources.map((s) => ({ ...s, title: labelOf(s.id, s.title) })),
      ...(checkedText !== undefined ? { checkedText } : {}),
      states,
      elapsedMs: Math.round((performance.now() - t0) * 10) / 10,
      sourceCount: Math.max(0, local.size + c.serverDocs - c.hidden - excludeIds.length),
      familyExcluded: Math.max(0, input.draftId ? family.length - 1 : family.length),
    };
  }

  async dispose(): Promise<void> {
    await this.ws.reuse.flush();
    await this.lib.close().catch(() => undefined);
  }
}

