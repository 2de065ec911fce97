import type { DraftStore } from '../workspace/draftStore';
import type { WorkspaceLayout } from '../workspace/layout';
import type { SettingsStore } from '../workspace/settings';
import { SearchService } from '../search/searchService';
import { DraftCatalogue } from './draftCatalogue';
import { ImportJobs } from './importer';
import { ReuseService } from './reuseService';
import type { ExtraSourceProvider } from './sourceCatalogue';
import { LibraryStore } from './store';

/** The library capability's services, built once per workspace in createContext. */
export interface LibraryServices {
  library: LibraryStore;
  /** The drafts as sources (查重, 搜索), fed by the draft store's events. */
  catalogue: DraftCatalogue;
  /** 查重: sources, the persisted index, checks, passage marks, near-duplicate groups (reuseService.ts). */
  reuse: ReuseService;
  importJobs: ImportJobs;
  search: SearchService;
  /** Extra sources of every check, whichever library is in use (the template examples). */
  extraSources: readonly ExtraSourceProvider[];
  /** Write what is pending (the reuse index cache) and stop listening to the draft store. */
  dispose(): Promise<void>;
}

export function createLibraryServices(
  layout: WorkspaceLayout,
  drafts: DraftStore,
  settings: SettingsStore,
  opts: { extraSources?: readonly ExtraSourceProvider[] } = {},
): LibraryServices {
  const library = new LibraryStore(layout);
  const catalogue = new DraftCatalogue(drafts);
  const extraSources = opts.extraSources ?? [];
  const reuse = new ReuseService({ layout, library, drafts, settings, catalogue, extraSources });
  return {
    library,
    catalogue,
    reuse,
    importJobs: new ImportJobs({ library, reuse }),
    search: new SearchService(library, catalogue),
    extraSources,
    async dispose() {
      await reuse.flush();
      catalogue.dispose();
    },
  };
}
