// The persisted reuse index of a set of sources. It is read from its cache folder on first use
// (`index.bin`, the serialised ReuseIndex, and `index.json`, which source id was indexed with which
// content hash), brought up to date per source by content hash — only the sources whose hash changed,
// and those that are gone, are removed and added again — and written back after each change
// (atomically, in the background; `flush()` waits for it). An unreadable or outdated cache is rebuilt.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ReuseIndex } from '../../core/reuse/index';
import type { ReuseDocInput } from '../../core/reuse/types';
import { writeFileAtomic } from '../workspace/atomic';
import { readRegularFile, readRegularText } from '../workspace/safeRead';

const CACHE_VERSION = 1;
/** Documents added between two turns of the event loop while (re)building. */
const ADD_BATCH = 200;

/** A source as the index keeper sees it: its id, the hash of its text, and the text when it must be (re)indexed. */
export interface IndexedSource {
  id: string;
  hash: string;
  doc(): ReuseDocInput;
}

/** The sources to sync with, or a function giving them (called when the sync's turn comes). */
export type SourceList = readonly IndexedSource[] | (() => Promise<readonly IndexedSource[]> | readonly IndexedSource[]);

interface CacheManifest {
  version: number;
  binSize: number;
  /** indexed id → hash of the text indexed */
  entries: Record<string, string>;
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
    const want = new Map<string, IndexedSource | string>();
    for (const s of list) want.set(s.id, s);
    if (keep !== undefined && want.has(keep) && index.has(keep) && this.entries.has(keep)) want.set(keep, this.entries.get(keep)!);
    const hashOf = (w: IndexedSource | string) => (typeof w === 'string' ? w : w.hash);
    const toRemove: string[] = [];
    for (const [id, h] of this.entries) {
      const w = want.get(id);
      if (w === undefined || hashOf(w) !== h) toRemove.push(id);
    }
    const toAdd: IndexedSource[] = [];
    for (const [id, w] of want) if (typeof w !== 'string' && (this.entries.get(id) !== w.hash || !index.has(id))) toAdd.push(w);
    if (toRemove.length || toAdd.length) {
      if (toRemove.length) index.remove(toRemove);
      for (const id of toRemove) this.entries.delete(id);
      for (let i = 0; i < toAdd.length; i += ADD_BATCH) {
        const batch = toAdd.slice(i, i + ADD_BATCH);
        index.add(batch.map((s) => s.doc()));
        for (const s of batch) this.entries.set(s.id, s.hash);
        if (i + ADD_BATCH < toAdd.length) await new Promise((r) => setImmediate(r));
      }
      this.saving = this.saving.then(() => this.save(index)).catch(() => undefined);
    }
    this.last = { list, keep, version: index.version };
    return index;
  }

  private async load(): Promise<ReuseIndex> {
    try {
      const manifest = JSON.parse(await readRegularText(path.join(this.cacheDir, 'index.json'), 64 * 1048576)) as CacheManifest;
      const bytes = await readRegularFile(path.join(this.cacheDir, 'index.bin'), 2 * 1024 * 1048576 - 1);
      if (manifest.version === CACHE_VERSION && bytes.length === manifest.binSize) {
        const idx = ReuseIndex.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        this.entries = new Map(Object.entries(manifest.entries));
        return idx;
      }
    } catch {
      // no cache or an unreadable one: rebuild
    }
    this.entries = new Map();
    return new ReuseIndex();
  }

  private async save(index: ReuseIndex): Promise<void> {
    const bytes = index.serialize();
    const manifest: CacheManifest = { version: CACHE_VERSION, binSize: bytes.length, entries: Object.fromEntries(this.entries) };
    await fs.mkdir(this.cacheDir, { recursive: true });
    await writeFileAtomic(path.join(this.cacheDir, 'index.bin'), bytes);
    await writeFileAtomic(path.join(this.cacheDir, 'index.json'), JSON.stringify(manifest));
  }
}
