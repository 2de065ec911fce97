// The persisted reuse index of a set of sources, and the one step that brings a reuse index up to date with a
// list of sources by content hash (`updateIndex`: only the sources whose hash changed, and those that are gone,
// are removed and added again), which the workspace's keeper and the library folders (folderLibrary.ts) share.
// The keeper reads its index from its cache folder on first use (`index.sdpx`, the persisted index of
// persistedIndex.ts: the ReuseIndex and which source id was indexed with which content hash; no texts) and
// writes it back after each change (atomically, in the background; `flush()` waits for it). An unreadable or
// outdated cache, or one of the earlier layout (`index.bin` + `index.json`, removed), is rebuilt.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ReuseIndex } from '../../core/reuse/index';
import type { ReuseDocInput } from '../../core/reuse/types';
import { PersistedIndex } from './persistedIndex';

/** 3: segments in the order their documents were added; older caches are rebuilt once. */
const CACHE_VERSION = 3;
const CACHE_FILE = 'index.sdpx';
/** What the earlier layout kept in the cache folder (removed when the new file is written). */
const OLD_CACHE = ['index.bin', 'index.json'];
/**
 * Documents added to an index at a time, with a turn of the event loop between two batches (the main process
 * keeps answering while a library is indexed): the one batch rule of the workspace's keeper and the library
 * folders. The batches do not change a check's result (the index samples postings over all its segments).
 */
export const INDEX_ADD_BATCH = 200;

/** A source as the index sees it: its id, the hash of its text, and the text when it must be (re)indexed. */
export interface IndexedSource {
  id: string;
  hash: string;
  doc(): ReuseDocInput;
}

/** The sources to sync with, or a function giving them (called when the sync's turn comes). */
export type SourceList = readonly IndexedSource[] | (() => Promise<readonly IndexedSource[]> | readonly IndexedSource[]);

/**
 * Bring `index` (whose documents were indexed with the hashes in `entries`, id → hash) up to date with
 * `sources`: the entries that are gone or whose hash changed are removed, the sources not indexed with their
 * hash are added in their order, INDEX_ADD_BATCH at a time with a turn of the event loop between two
 * (`onAdded` after each). `entries` is updated to match. Returns whether the index changed. A check depends on
 * the documents and the order they were added in, not on the batches (see ReuseIndex).
 */
export async function updateIndex(
  index: ReuseIndex,
  entries: Map<string, string>,
  sources: Iterable<IndexedSource>,
  opts: {
    onAdded?: (done: number, total: number) => void;
    /** Merge into one segment (a library folder: read far more often than it changes), not just down to a few. */
    oneSegment?: boolean;
  } = {},
): Promise<boolean> {
  const batchSize = INDEX_ADD_BATCH;
  const want = new Map<string, IndexedSource>();
  for (const s of sources) want.set(s.id, s);
  const toRemove: string[] = [];
  for (const [id, h] of entries) if (want.get(id)?.hash !== h) toRemove.push(id);
  const toAdd: IndexedSource[] = [];
  for (const [id, s] of want) if (entries.get(id) !== s.hash || !index.has(id)) toAdd.push(s);
  if (toRemove.length) index.remove(toRemove);
  for (const id of toRemove) entries.delete(id);
  for (let i = 0; i < toAdd.length; i += batchSize) {
    if (i > 0) await new Promise((r) => setImmediate(r));
    const batch = toAdd.slice(i, i + batchSize);
    // one segment per batch, merged once after the last (not at every batch)
    index.add(batch.map((s) => s.doc()), { maintain: false });
    for (const s of batch) entries.set(s.id, s.hash);
    opts.onAdded?.(i + batch.length, toAdd.length);
  }
  if (opts.oneSegment) index.compact();
  else index.maintain();
  return toRemove.length > 0 || toAdd.length > 0;
}

export class IndexKeeper {
  private index: ReuseIndex | null = null;
  private entries = new Map<string, string>();
  private syncing: Promise<ReuseIndex> | null = null;
  private saving: Promise<void> = Promise.resolve();
  /** The list of the last sync, as given, and its `keep`: the very same list again is known to be in. */
  private last: { list: readonly IndexedSource[]; keep: string | undefined; version: number } | null = null;

  constructor(readonly cacheDir: string) {}

  /** The index as last synced (null before the first sync). */
  get current(): ReuseIndex | null {
    return this.index;
  }

  /**
   * The index with exactly these sources, each as its hash says. `keep`: a source whose indexed entry
   * stays as it is when it has one (the draft being checked, which is not its own source): its own saves
   * then never change the index. One sync at a time; callers arriving during one wait for it. Passing the
   * very same array as the last sync (with the same `keep`) returns at once: the caller says nothing changed.
   */
  async sync(sources: SourceList, opts: { keep?: string } = {}): Promise<ReuseIndex> {
    while (this.syncing) await this.syncing.catch(() => undefined);
    this.syncing = this.apply(sources, opts.keep);
    try {
      return await this.syncing;
    } finally {
      this.syncing = null;
    }
  }

  /** Wait for the cache to be written (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.syncing) await this.syncing.catch(() => undefined);
    await this.saving;
  }

  /** Finish what is pending (the cache write); the keeper may still be used afterwards. */
  dispose(): Promise<void> {
    return this.flush();
  }

  private async apply(sources: SourceList, keep: string | undefined): Promise<ReuseIndex> {
    this.index ??= await this.load();
    const index = this.index;
    const list = typeof sources === 'function' ? await sources() : sources;
    if (this.last && this.last.list === list && this.last.keep === keep && this.last.version === index.version) return index;
    const kept = keep !== undefined && index.has(keep) ? this.entries.get(keep) : undefined;
    const want = kept === undefined ? list : list.map((s) => (s.id === keep ? { ...s, hash: kept } : s));
    if (await updateIndex(index, this.entries, want)) this.saving = this.saving.then(() => this.save(index)).catch(() => undefined);
    this.last = { list, keep, version: index.version };
    return index;
  }

  private async load(): Promise<ReuseIndex> {
    const store = await PersistedIndex.load(path.join(this.cacheDir, CACHE_FILE));
    // the index is a view on bytes read into memory: the file is not needed afterwards (no texts are kept)
    store?.close();
    if (store && (store.meta as { version?: unknown } | null)?.version === CACHE_VERSION) {
      this.entries = new Map(store.hashes);
      return store.index;
    }
    this.entries = new Map();
    return new ReuseIndex();
  }

  private async save(index: ReuseIndex): Promise<void> {
    await fs.mkdir(this.cacheDir, { recursive: true });
    const docs = Array.from(this.entries, ([id, hash]) => ({ id, hash }));
    await PersistedIndex.save(path.join(this.cacheDir, CACHE_FILE), index, docs, { version: CACHE_VERSION });
    await Promise.all(OLD_CACHE.map((f) => fs.rm(path.join(this.cacheDir, f), { force: true })));
  }
}
