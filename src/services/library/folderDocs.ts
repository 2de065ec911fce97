import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FolderDoc } from './folderLibrary';

/**
 * The documents of a library folder, read from the folder cache only when asked for: a check needs the texts
 * of the few sources it verifies, not all of them (a 50 M-character library is ~150 MB of cached JSON).
 * The files whose cache entry is current are registered by their ids; the first `get` of one of their ids
 * reads that one cache file (synchronously: a check's getSourceText is synchronous).
 */
export class FolderDocs {
  private readonly loaded = new Map<string, FolderDoc>();
  /** id → its own cache file and its library file's cache file, not read yet */
  private readonly pending = new Map<string, { doc?: string; file: string }>();
  /** library file (with / separators) → its document ids, in order */
  private readonly byFile = new Map<string, string[]>();

  constructor(private readonly filesDir: string) {}

  /** Documents read (or made) now. */
  addLoaded(file: string, docs: FolderDoc[]): void {
    for (const d of docs) this.loaded.set(d.id, d);
    this.byFile.set(file, docs.map((d) => d.id));
  }

  /** Documents of a current cache file, read on first use. */
  addLazy(file: string, cacheFile: string, ids: string[], docFiles: string[] = []): void {
    ids.forEach((id, i) => this.pending.set(id, { doc: docFiles[i], file: cacheFile }));
    this.byFile.set(file, [...ids]);
  }

  get size(): number {
    return this.loaded.size + this.pending.size;
  }

  has(id: string): boolean {
    return this.loaded.has(id) || this.pending.has(id);
  }

  get(id: string): FolderDoc | undefined {
    const where = this.pending.get(id);
    if (where) {
      const one = where.doc ? this.read<FolderDoc>(where.doc) : null;
      if (one && one.id === id) {
        this.loaded.set(id, one);
        this.pending.delete(id);
      } else this.load(where.file);
    }
    return this.loaded.get(id);
  }

  /** Whether `id` is in memory already (made or read), i.e. not waiting in a cache file. */
  isLoaded(id: string): boolean {
    return this.loaded.has(id);
  }

  /** The documents in memory (without reading pending cache files). */
  loadedValues(): FolderDoc[] {
    return [...this.loaded.values()];
  }

  /** The ids of one library file's documents (path relative to the folder, / separators). */
  idsOf(file: string): string[] {
    return this.byFile.get(file) ?? [];
  }

  /** Every document (reads every pending cache file). */
  values(): FolderDoc[] {
    for (const cacheFile of new Set([...this.pending.values()].map((w) => w.file))) this.load(cacheFile);
    return [...this.loaded.values()];
  }

  private read<T>(cacheFile: string): T | null {
    try {
      return JSON.parse(readFileSync(path.join(this.filesDir, cacheFile), 'utf8')) as T;
    } catch {
      return null;
    }
  }

  /** All documents of one library file's cache (a cache file gone since the folder was loaded: none this time). */
  private load(cacheFile: string): void {
    const docs = this.read<FolderDoc[]>(cacheFile) ?? [];
    for (const d of docs) if (this.pending.get(d.id)?.file === cacheFile) this.loaded.set(d.id, d);
    for (const [id, w] of this.pending) if (w.file === cacheFile) this.pending.delete(id);
  }
}
