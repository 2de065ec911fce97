// 查重 of a draft or a text: given the index (kept by IndexKeeper), the sources (SourceCatalogue) and the
// writer's passage marks (PassageStates), runs the incremental checker and judges the result — the
// draft's family left out, 忽略 / 标为引用 applied, 高风险 by 场合 / 对象, sources named by their labels.
// One checker is kept per index: it is reset only when the index changed (never by the checked draft's
// own save: the index keeper keeps that draft's entry as it was). Another library may run the checker its own
// way (the team library: over its server's sources too, appCheck.ts) and be judged the same (`CheckRunner`).
import { ApiError } from '../../contract/define';
import type { ReuseCheckResult } from '../../contract/library';
import { docToText } from '../../core/model/text';
import { createChecker, type ReuseIndex } from '../../core/reuse/index';
import { DEFAULT_RISK_MONTHS, withRisk, type OccasionInfo } from '../../core/reuse/risk';
import type { Checker, CheckOptions, CheckResult } from '../../core/reuse/types';
import type { DraftStore } from '../workspace/draftStore';
import type { SettingsStore } from '../workspace/settings';
import type { LibraryCheckInput } from './backend';
import { excludedFamily, occasionOfDraft } from './draftFamily';
import { rangesOf, type PassageStates } from './passageStates';
import { DRAFT_PREFIX, type SourceCatalogue } from './sourceCatalogue';

export interface CheckServiceDeps {
  /** The index with every source up to date; `keep`: the checked draft's source id (see IndexKeeper.sync). */
  index(keep?: string): Promise<ReuseIndex>;
  sources: SourceCatalogue;
  states: PassageStates;
  drafts: DraftStore;
  settings?: SettingsStore;
  /** Sources left out of every check (non-representative members of near-duplicate groups). */
  excluded(): string[];
}

/** What a run of the checker gives back to be judged. */
export interface CheckRun {
  result: CheckResult;
  /** How many sources the text was checked against before the exclusions (the index's size, by default). */
  sources: number;
  /** 场合 / 对象 / date of every source, when the catalogue does not know them all. */
  occasionOf?(id: string): OccasionInfo | undefined;
  /** Label of a source the catalogue does not know (undefined: the catalogue's). */
  labelOf?(id: string): string | undefined;
}

/** Runs the checker over the (up-to-date) index with the options the check service prepared. */
export type CheckRunner = (index: ReuseIndex, text: string, options: CheckOptions) => Promise<CheckRun>;

export class CheckService {
  private checker: { index: ReuseIndex; checker: Checker } | null = null;

  constructor(private readonly deps: CheckServiceDeps) {}

  /** Forget the checker's caches (the next check starts cold). */
  reset(): void {
    this.checker?.checker.reset();
  }

  /** Check and judge; `runner`: how the checker runs over the index (the kept local checker by default). */
  async check(input: LibraryCheckInput, runner?: CheckRunner): Promise<ReuseCheckResult> {
    const t0 = performance.now();
    const { sources, settings } = this.deps;
    const drafts = sources.drafts;
    if (input.text === undefined && !input.draftId) throw new ApiError('invalid-input', '请给出文稿编号或要检查的文本');
    // what a check reads, all at once: the index brought up to date, the marks, the settings, the saved text if none was given
    const [index, states, s, saved] = await Promise.all([
      this.deps.index(input.draftId ? DRAFT_PREFIX + input.draftId : undefined),
      input.draftId ? this.deps.states.of(input.draftId) : [],
      settings ? settings.get().catch(() => undefined) : undefined,
      input.text === undefined ? this.deps.drafts.get(input.draftId!) : undefined,
    ]);
    const text = input.text ?? docToText(saved!.doc).text;
    const checkedText = input.text === undefined ? text : undefined;
    const quoteRanges = [...(input.quoteRanges ?? []), ...rangesOf(text, states, 'quoted')];
    const ignoreRanges = [...(input.ignoreRanges ?? []), ...rangesOf(text, states, 'ignored')];
    // the draft itself, and by default its family (copies, re-imports of its exports), are not its sources
    const family = excludedFamily(drafts, input);
    const excludeIds = [...this.deps.excluded(), ...family.map((id) => DRAFT_PREFIX + id)];
    const minChars = input.minChars ?? (typeof s?.reuseMinChars === 'number' ? s.reuseMinChars : 13);
    const options: CheckOptions = { minChars, quoteRanges, ignoreRanges, excludeIds, getSourceText: (id) => sources.text(id) };
    const run = runner ? await runner(index, text, options) : this.runLocal(index, text, options);
    const raw = run.result;
    // sources are named by their current label (title + speaker + date), not the title they were indexed under
    const labelOf = (id: string, fallback: string) => run.labelOf?.(id) ?? sources.labelOf(id, fallback);
    const occasionOf = (id: string) => (run.occasionOf ? run.occasionOf(id) : sources.occasionOf(id));
    const occasion = occasionOfDraft(drafts, input.draftId, text);
    const months = typeof s?.reuseRiskMonths === 'number' ? s.reuseRiskMonths : DEFAULT_RISK_MONTHS;
    const passages = withRisk(raw.passages, occasion, occasionOf, months, new Date().toISOString().slice(0, 10));
    const high = passages.filter((p) => p.risk === 'high');
    const sourceCount = Math.max(0, run.sources - excludeIds.length);
    const draftSources = Math.max(0, sources.counts.drafts - family.filter((id) => drafts.get(id)).length);
    const highChars = high.reduce((n, p) => n + p.chars, 0);
    return {
      ...raw,
      highRisk: { passages: high.length, chars: highChars, ratio: raw.draft.chars ? Math.min(1, highChars / raw.draft.chars) : 0 },
      occasion,
      passages: passages.map((p) => ({ ...p, sourceTitle: labelOf(p.sourceId, p.sourceTitle) })),
      sources: raw.sources.map((x) => ({ ...x, title: labelOf(x.id, x.title) })),
      ...(checkedText !== undefined ? { checkedText } : {}),
      states,
      elapsedMs: Math.round((performance.now() - t0) * 10) / 10,
      sourceCount,
      // the drafts and template passages among them (the rest are library documents, the team server's too)
      sourceKinds: { library: Math.max(0, sourceCount - draftSources - sources.counts.templates), drafts: draftSources, templates: sources.counts.templates },
      familyExcluded: Math.max(0, input.draftId ? family.length - 1 : family.length),
    };
  }

  private runLocal(index: ReuseIndex, text: string, options: CheckOptions): CheckRun {
    if (this.checker?.index !== index) this.checker = { index, checker: createChecker(index) };
    return { result: this.checker.checker.check(text, options), sources: index.size };
  }
}
