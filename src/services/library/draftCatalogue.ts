import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DraftMeta } from '../../contract/drafts';
import { docToText } from '../../core/model/text';
import { isAtomicTempFile } from '../workspace/atomic';
import type { DraftEvent, DraftStore } from '../workspace/draftStore';
import { readdirOrEmpty } from '../workspace/keyedLock';

/** A draft as a source of 查重 and 搜索: its meta and plain text. */
export interface DraftSource {
  id: string;
  meta: DraftMeta;
  text: string;
}

interface Entry {
  /** File mtime when read; -1 when the entry came from this store's own write event (the file is then taken as read). */
  mtimeMs: number;
  src: DraftSource;
}

/**
 * The workspace's drafts as sources, kept up to date by the draft store's events (a save hands over the
 * text it wrote: nothing is read back), and by a cheap stat of the folder for drafts changed by another
 * process (the CLI). Damaged drafts are not sources.
 */
export class DraftCatalogue {
  private entries = new Map<string, Entry>();
  private ver = 0;
  private readonly off: () => void;
  private listeners = new Set<(id: string) => void>();

  constructor(private readonly drafts: DraftStore) {
    this.off = drafts.onChange((e) => this.onEvent(e));
  }

  /** Changes whenever a draft source changed. */
  get version(): number {
    return this.ver;
  }

  /** Be told when a draft's source changed (id of the draft). */
  onChange(fn: (id: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed(id: string): void {
    this.ver++;
    for (const fn of this.listeners) fn(id);
  }

  private onEvent(e: DraftEvent): void {
    if (e.type === 'removed') {
      if (this.entries.delete(e.id)) this.changed(e.id);
      return;
    }
    const { doc, ...meta } = e.draft;
    const text = docToText(doc).text;
    const cur = this.entries.get(meta.id);
    const entry: Entry = { mtimeMs: -1, src: { id: meta.id, meta, text } };
    this.entries.set(meta.id, entry);
    if (!cur || !sameSource(cur.src, { id: meta.id, meta, text })) this.changed(meta.id);
    // the file's mtime as this write left it: a later change by another process is then seen by `all()`
    const p = fs
      .stat(path.join(this.drafts.layout.draftsDir, meta.id + '.json'))
      .then((st) => {
        if (entry.mtimeMs === -1) entry.mtimeMs = st.mtimeMs;
      })
      .catch(() => undefined)
      .finally(() => this.stats.delete(p));
    this.stats.add(p);
  }

  /** Stats of our own writes still under way. */
  private stats = new Set<Promise<void>>();

  /** Every readable draft, brought up to date with the folder. */
  async all(): Promise<DraftSource[]> {
    await Promise.all([...this.stats]);
    const dir = this.drafts.layout.draftsDir;
    const present = new Set<string>();
    const names = (await readdirOrEmpty(dir)).filter((name) => name.endsWith('.json') && !isAtomicTempFile(name));
    // one stat per draft, all at once (a workspace of a few hundred drafts is looked at in one turn)
    const stats = await Promise.all(names.map((name) => fs.stat(path.join(dir, name)).catch(() => null)));
    for (const [i, name] of names.entries()) {
      const st = stats[i];
      if (!st) continue;
      const id = name.slice(0, -5);
      present.add(id);
      const cur = this.entries.get(id);
      if (cur && cur.mtimeMs === -1) {
        cur.mtimeMs = st.mtimeMs;
        continue;
      }
      if (cur && cur.mtimeMs === st.mtimeMs) continue;
      try {
        const d = await this.drafts.get(id);
        if (this.entries.get(id)?.mtimeMs === -1) continue; // a save of ours arrived meanwhile
        const { doc, ...meta } = d;
        const text = docToText(doc).text;
        this.entries.set(id, { mtimeMs: st.mtimeMs, src: { id, meta, text } });
        if (!cur || !sameSource(cur.src, { id, meta, text })) this.changed(id);
      } catch {
        if (this.entries.delete(id)) this.changed(id); // damaged: not a source
        present.delete(id);
      }
    }
    for (const id of [...this.entries.keys()]) {
      if (!present.has(id) && this.entries.get(id)!.mtimeMs !== -1) {
        this.entries.delete(id);
        this.changed(id);
      }
    }
    return [...this.entries.values()].map((e) => e.src);
  }

  /** Ids of the drafts known (as of the last `all()` or event). */
  ids(): string[] {
    return [...this.entries.keys()];
  }

  /** What is known of a draft without touching the disk. */
  get(id: string): DraftSource | undefined {
    return this.entries.get(id)?.src;
  }

  dispose(): void {
    this.off();
    this.listeners.clear();
  }
}

/** Same text and the same naming / family / 场合 fields (a save that only bumped the revision changes nothing). */
function sameSource(a: DraftSource, b: DraftSource): boolean {
  const key = (s: DraftSource) => JSON.stringify([s.text.length, s.meta.name, s.meta.origin, s.meta.occasion, s.meta.audience, s.meta.date]);
  return a.text === b.text && key(a) === key(b);
}
