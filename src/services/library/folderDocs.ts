import type { SourceText } from '../../core/reuse/index';
import type { SketchDoc } from '../../core/reuse/nearDup';
import type { OffsetMap } from '../../core/text/index';
import type { FolderDoc } from './folderLibrary';
import type { PersistedDoc, PersistedIndex } from './persistedIndex';

/** What the persisted index keeps of a folder document besides its id, hash and text. */
type FolderDocRecord = Omit<FolderDoc, 'id' | 'text' | 'hash'>;

/**
 * The documents of a library folder: those of files read now are in memory; those of unchanged files stay in
 * the persisted index (persistedIndex.ts) and are read from it only when asked for. A check asks for windows
 * of the few sources it verifies (sourceText: a reader, no whole text), then for the documents its passages
 * come from (get).
 */
export class FolderDocs {
  private readonly loaded = new Map<string, FolderDoc>();
  /** ids whose document is in the persisted index, not read yet */
  private readonly stored = new Set<string>();
  /** library file (with / separators) → its document ids, in order */
  private readonly byFile = new Map<string, string[]>();

  constructor(private readonly store: PersistedIndex | null) {}

  /** Documents read (or made) now. */
  addLoaded(file: string, docs: FolderDoc[]): void {
    for (const d of docs) this.loaded.set(d.id, d);
    this.byFile.set(file, docs.map((d) => d.id));
  }

  /** Documents of an unchanged file, kept in the persisted index (every id has its text there). */
  addStored(file: string, ids: string[]): void {
    for (const id of ids) this.stored.add(id);
    this.byFile.set(file, [...ids]);
  }

  get size(): number {
    return this.loaded.size + this.stored.size;
  }

  has(id: string): boolean {
    return this.loaded.has(id) || this.stored.has(id);
  }

  /** The whole document (read from the persisted index on first use). */
  get(id: string): FolderDoc | undefined {
    if (this.stored.has(id) && this.store) {
      const rec = this.store.record<FolderDocRecord>(id);
      const text = this.store.fullText(id);
      const hash = this.store.hashes.get(id);
      this.stored.delete(id);
      if (rec && text !== undefined && hash !== undefined) this.loaded.set(id, { id, ...rec, text, hash });
    }
    return this.loaded.get(id);
  }

  /** A document's offset map (cleaned → the file's own offsets) without reading its text, or undefined. */
  offsetMap(id: string): OffsetMap | undefined {
    const d = this.loaded.get(id);
    if (d) return d.offsetMap;
    return this.stored.has(id) ? this.store?.record<FolderDocRecord>(id)?.offsetMap : undefined;
  }

  /** The text of a document for a check: in memory, or a reader of the persisted text (read where the check looks). */
  sourceText(id: string): SourceText | undefined {
    const d = this.loaded.get(id);
    if (d) return d.text;
    return this.stored.has(id) ? this.store?.text(id) : undefined;
  }

  /** Whether `id` is in memory already (made or read), i.e. not waiting in the persisted index. */
  isLoaded(id: string): boolean {
    return this.loaded.has(id);
  }

  /** Every document's id, file by file (without reading the persisted ones). */
  ids(): string[] {
    return [...this.byFile.values()].flat();
  }

  /** The ids of one library file's documents (path relative to the folder, / separators). */
  idsOf(file: string): string[] {
    return this.byFile.get(file) ?? [];
  }

  /** Every document (reads every persisted one). */
  values(): FolderDoc[] {
    for (const id of [...this.stored]) this.get(id);
    return [...this.loaded.values()];
  }

  /** Sampled fingerprints of every document, without reading the persisted texts. */
  sketchDocs(): SketchDoc[] {
    const out: SketchDoc[] = [];
    for (const ids of this.byFile.values())
      for (const id of ids) {
        const d = this.loaded.get(id);
        if (d) out.push({ id, length: d.text.length, sketch: d.sketch });
        else if (this.stored.has(id)) out.push({ id, length: this.store?.textLength(id) ?? 0, sketch: this.store?.record<FolderDocRecord>(id)?.sketch ?? [] });
      }
    return out;
  }

  /** Every document as the persisted index keeps it (texts read from the old one while the new one is written). */
  persisted(): PersistedDoc[] {
    const out: PersistedDoc[] = [];
    for (const ids of this.byFile.values())
      for (const id of ids) {
        const d = this.loaded.get(id);
        if (d) {
          const { id: _id, text, hash, ...record } = d;
          out.push({ id, hash, text: () => text, record });
        } else if (this.stored.has(id) && this.store) {
          const store = this.store;
          out.push({ id, hash: store.hashes.get(id) ?? '', text: () => store.fullText(id) ?? '', record: store.record<FolderDocRecord>(id) });
        }
      }
    return out;
  }
}
