// The one library interface of the workspace's 素材库: what the library.*, reuse.check, search.* and 审阅稿
// handlers need, with two implementations — 本机 (below: the embedded store, index and import jobs of
// this folder) and 团队服务器 (services/team/appLibrary.ts: the office's PostgreSQL team library).
// Drafts and template examples are sources with either; passage marks (忽略 / 标为引用) stay in the workspace.
import type {
  DuplicateGroup,
  ImportStatus,
  LibraryDamagedFile,
  LibraryDoc,
  LibraryDocMeta,
  LibraryMetaPatch,
  ReuseCheckResult,
  ReuseSource,
} from '../../contract/library';
import type { SearchInput, SearchResult, SimilarParagraph } from '../../contract/search';
import type { LibraryBackendKind } from '../../contract/teamServer';
import type { ImportInput } from './importer';
import type { LibraryServices } from './services';

/** What reuse.check takes (the contract's input). */
export interface LibraryCheckInput {
  draftId?: string;
  text?: string;
  minChars?: number;
  quoteRanges?: { start: number; end: number }[];
  ignoreRanges?: { start: number; end: number }[];
  includeFamily?: boolean;
  familyId?: string;
}

export interface LibraryBackend {
  readonly kind: LibraryBackendKind;
  /** Every document with its metadata, the near-duplicate groups, damaged entries skipped. */
  list(): Promise<{ docs: LibraryDocMeta[]; groups: DuplicateGroup[]; damaged: LibraryDamagedFile[] }>;
  get(id: string): Promise<LibraryDoc>;
  update(id: string, patch: LibraryMetaPatch): Promise<LibraryDocMeta>;
  /** Start an import in the background (progress through importStatus, cancel between documents). */
  startImport(inputs: ImportInput[]): string;
  importStatus(jobId: string): ImportStatus;
  cancelImport(jobId: string): ImportStatus;
  /** Resolves when the job has finished (tests, CLI). */
  waitImport(jobId: string): Promise<ImportStatus>;
  /** Remove documents; returns the ids removed (their groups lose them). */
  remove(ids: string[]): Promise<string[]>;
  /** Recompute (本机) or read (团队服务器: kept up to date on import) the near-duplicate groups. */
  dedup(): Promise<DuplicateGroup[]>;
  /** The reuse check of a draft or text against the library, the other drafts and template examples. */
  check(input: LibraryCheckInput): Promise<ReuseCheckResult>;
  /** 打开来源: the text of a source (library document, draft, template example). */
  source(id: string): Promise<ReuseSource>;
  search(input: SearchInput): Promise<SearchResult>;
  similar(input: { text: string; limit?: number; draftId?: string }): Promise<{ paragraphs: SimilarParagraph[] }>;
  /** Stop using it (switching backend, closing the workspace): pending writes finish, connections close. */
  dispose(): Promise<void>;
}

/** 本机: the embedded library services of the workspace, unchanged. */
export function embeddedBackend(s: LibraryServices): LibraryBackend {
  const { library, reuse, importJobs, search } = s;
  return {
    kind: 'local',
    list: async () => ({ docs: await library.list(), groups: library.getGroups(), damaged: [...library.damagedFiles()] }),
    get: (id) => library.get(id),
    update: (id, patch) => library.update(id, patch),
    startImport: (inputs) => importJobs.start(inputs),
    importStatus: (jobId) => importJobs.status(jobId),
    cancelImport: (jobId) => importJobs.cancel(jobId),
    waitImport: (jobId) => importJobs.wait(jobId),
    remove: async (ids) => {
      const removed = await library.remove(ids);
      await reuse.dropFromGroups(removed);
      return removed;
    },
    dedup: () => reuse.refreshGroups(),
    check: (input) => reuse.check(input),
    source: (id) => reuse.source(id),
    search: (input) => search.query(input),
    similar: (input) => search.similar(input),
    // the embedded services live as long as the workspace (context.dispose flushes them)
    dispose: async () => reuse.flush(),
  };
}
