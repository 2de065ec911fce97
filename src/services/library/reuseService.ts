// 查重 of one 素材库 with the workspace's drafts and extra sources, wired from parts that each do one job:
// the sources (sourceCatalogue.ts), the persisted index over them (indexKeeper.ts), the checks
// (checkService.ts), the writer's passage marks (passageStates.ts) and the near-duplicate groups
// (duplicateGroups.ts). Built once per workspace in createContext (library/services.ts); the team library
// builds one over an empty library store for the drafts and template examples (library/selection.ts).
import path from 'node:path';
import type { DuplicateGroup, PassageState, PassageStateKind, ReuseCheckResult, ReuseSource } from '../../contract/library';
import type { ReuseIndex } from '../../core/reuse/index';
import type { OccasionInfo } from '../../core/reuse/risk';
import type { DraftStore } from '../workspace/draftStore';
import type { WorkspaceLayout } from '../workspace/layout';
import type { SettingsStore } from '../workspace/settings';
import type { LibraryCheckInput } from './backend';
import { CheckService } from './checkService';
import type { DraftCatalogue } from './draftCatalogue';
import { familyOfDraft, occasionOfDraft } from './draftFamily';
import { DuplicateGroups } from './duplicateGroups';
import { IndexKeeper } from './indexKeeper';
import { PassageStates } from './passageStates';
import { SourceCatalogue, type ExtraSourceProvider } from './sourceCatalogue';
import type { LibraryStore } from './store';

export type { ExtraSourceProvider } from './sourceCatalogue';

export interface ReuseServiceOptions {
  layout: WorkspaceLayout;
  library: LibraryStore;
  drafts: DraftStore;
  settings?: SettingsStore;
  /** The drafts as sources, fed by the draft store's events (shared by everything that reads drafts). */
  catalogue: DraftCatalogue;
  /** Extra sources (the template example passages), wired in by createContext. */
  extraSources?: readonly ExtraSourceProvider[];
}

export class ReuseService {
  readonly layout: WorkspaceLayout;
  readonly library: LibraryStore;
  readonly drafts: DraftStore;
  readonly settings: SettingsStore | undefined;
  readonly catalogue: DraftCatalogue;
  readonly sources: SourceCatalogue;
  /** The index over `sources`, persisted in `.cache/reuse/`. */
  readonly keeper: IndexKeeper;
  readonly checks: CheckService;
  readonly passageStates: PassageStates;
  readonly groups: DuplicateGroups;

  constructor(o: ReuseServiceOptions) {
    this.layout = o.layout;
    this.library = o.library;
    this.drafts = o.drafts;
    this.settings = o.settings;
    this.catalogue = o.catalogue;
    this.sources = new SourceCatalogue(o.library, o.catalogue, o.extraSources);
    this.keeper = new IndexKeeper(path.join(o.layout.cacheDir, 'reuse'));
    this.passageStates = new PassageStates(o.layout, o.drafts);
    this.checks = new CheckService({
      index: (keep) => this.ensureIndex(keep),
      sources: this.sources,
      states: this.passageStates,
      drafts: o.drafts,
      ...(o.settings ? { settings: o.settings } : {}),
      excluded: () => o.library.nonRepresentatives(),
    });
    this.groups = new DuplicateGroups(o.library, () => this.checks.reset());
  }

  get cacheDir(): string {
    return this.keeper.cacheDir;
  }

  get statesDir(): string {
    return this.passageStates.dir;
  }

  /** The index with every source up to date; `keep`: the checked draft, whose own saves leave the index as it is. */
  ensureIndex(keep?: string): Promise<ReuseIndex> {
    return this.keeper.sync(() => this.sources.indexed(), keep !== undefined ? { keep } : {});
  }

  /** Wait for the index cache to be written (tests, shutdown). */
  flush(): Promise<void> {
    return this.keeper.flush();
  }

  familyOf(draftId: string, onlySelf = false): string[] {
    return familyOfDraft(this.catalogue, draftId, onlySelf);
  }

  occasionOfDraft(draftId: string | undefined, text: string): OccasionInfo {
    return occasionOfDraft(this.catalogue, draftId, text);
  }

  occasionOfSource(id: string): OccasionInfo | undefined {
    return this.sources.occasionOf(id);
  }

  labelOf(id: string, fallback: string): string {
    return this.sources.labelOf(id, fallback);
  }

  sourceText(id: string): string | undefined {
    return this.sources.text(id);
  }

  /** 打开来源: the sources are brought up to date, the index is left alone (the open draft's checker keeps its caches). */
  async source(id: string): Promise<ReuseSource> {
    await this.sources.indexed();
    return this.sources.source(id);
  }

  check(input: LibraryCheckInput): Promise<ReuseCheckResult> {
    return this.checks.check(input);
  }

  /** Recompute the near-duplicate groups (after an import), with the index up to date. */
  async refreshGroups(newIds?: string[]): Promise<DuplicateGroup[]> {
    await this.ensureIndex();
    return this.groups.refresh(newIds);
  }

  /** After documents were removed: drop them from their groups. */
  dropFromGroups(ids: string[]): Promise<DuplicateGroup[]> {
    return this.groups.dropMembers(ids);
  }

  states(draftId: string): Promise<PassageState[]> {
    return this.passageStates.of(draftId);
  }

  setState(draftId: string, text: string, sourceId: string, state: PassageStateKind | 'none'): Promise<PassageState[]> {
    return this.passageStates.set(draftId, text, sourceId, state);
  }
}
