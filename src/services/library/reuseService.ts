import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../contract/define';
import type { DuplicateGroup, PassageState, PassageStateKind, ReuseCheckResult, ReuseSource } from '../../contract/library';
import { docToText } from '../../core/model/text';
import { ReuseIndex, createChecker } from '../../core/reuse/index';
import type { Checker, ReuseDocInput, TextRange } from '../../core/reuse/types';
import { markedRanges } from '../../core/reuse/marked';
import { SketchIndex, sketchOf, type SketchDoc } from '../../core/reuse/nearDup';
import { sketchFromBase64 } from './nearDup';
import { isAtomicTempFile, keepDamagedAside, writeFileAtomic } from '../workspace/atomic';
import type { DraftStore } from '../workspace/draftStore';
import { StoreLock, STORE_ID_RE } from '../workspace/keyedLock';
import { readRegularFile, readRegularText } from '../workspace/safeRead';
import type { WorkspaceLayout } from '../workspace/layout';
import type { SettingsStore } from '../workspace/settings';
import { LibraryStore, textHash } from './store';

const CACHE_VERSION = 1;
const DRAFT_PREFIX = 'draft:';
const TEMPLATE_PREFIX = 'template:';

/** Extra sources (e.g. template example passages); registered by other capabilities. */
export type ExtraSourceProvider = () => Promise<ReuseDocInput[]> | ReuseDocInput[];

interface CacheManifest {
  version: number;
  binSize: number;
  /** indexed id → hash of the text indexed */
  entries: Record<string, string>;
}

/**
 * Keeps one reuse index over every source of the workspace (library documents, drafts, template examples),
 * cached in `.cache/reuse/` and brought up to date per changed document (by content hash), and runs checks.
 * Passage decisions (忽略 / 标为引用) are kept per draft in `reuse/<draftId>.json`, never in the draft.
 */
export class ReuseService {
  private index: ReuseIndex | null = null;
  private entries = new Map<string, string>();
  private checker: Checker | null = null;
  private draftSeen = new Map<string, { mtimeMs: number; title: string; text: string }>();
  private extraTexts = new Map<string, { title: string; text: string }>();
  private extraProviders: ExtraSourceProvider[] = [];
  private syncing: Promise<ReuseIndex> | null = null;
  private saving: Promise<void> = Promise.resolve();
  /** Per draft: marking passages reads, changes and rewrites the draft's states file; two marks must not interleave. */
  private stateLocks: StoreLock;
  readonly cacheDir: string;
  readonly statesDir: string;

  constructor(
    readonly layout: WorkspaceLayout,
    readonly library: LibraryStore,
    readonly drafts: DraftStore,
    readonly settings?: SettingsStore,
  ) {
    this.cacheDir = path.join(layout.cacheDir, 'reuse');
    this.statesDir = path.join(layout.dir, 'reuse');
    this.stateLocks = new StoreLock(layout.locksDir, 'states', '查重标记');
  }

  addSourceProvider(p: ExtraSourceProvider): void {
    this.extraProviders.push(p);
  }

  // ------------------------------------------------------------ index

  private async loadCache(): Promise<ReuseIndex> {
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

  private async saveCache(index: ReuseIndex): Promise<void> {
    const bytes = index.serialize();
    const manifest: CacheManifest = { version: CACHE_VERSION, binSize: bytes.length, entries: Object.fromEntries(this.entries) };
    await fs.mkdir(this.cacheDir, { recursive: true });
    await writeFileAtomic(path.join(this.cacheDir, 'index.bin'), bytes);
    await writeFileAtomic(path.join(this.cacheDir, 'index.json'), JSON.stringify(manifest));
  }

  /** The index with every source up to date. */
  async ensureIndex(): Promise<ReuseIndex> {
    // one sync at a time; callers arriving during a sync wait for it and then sync again (cheap when unchanged)
    while (this.syncing) await this.syncing.catch(() => undefined);
    this.syncing = this.sync();
    try {
      return await this.syncing;
    } finally {
      this.syncing = null;
    }
  }

  private async sync(): Promise<ReuseIndex> {
    this.index ??= await this.loadCache();
    const index = this.index;
    await this.library.load();
    const want = new Map<string, { hash: string; doc?: () => ReuseDocInput }>();
    for (const id of this.library.ids()) {
      const meta = this.library.metaOf(id)!;
      want.set(id, { hash: meta.textHash, doc: () => ({ id, title: meta.title, text: this.library.textOf(id) ?? '' }) });
    }
    for (const d of await this.readDrafts()) {
      const id = DRAFT_PREFIX + d.id;
      want.set(id, { hash: textHash(d.text), doc: () => ({ id, title: d.title, text: d.text }) });
    }
    for (const p of this.extraProviders) {
      try {
        for (const s of await p()) {
          const id = s.id.startsWith(TEMPLATE_PREFIX) ? s.id : TEMPLATE_PREFIX + s.id;
          this.extraTexts.set(id, { title: s.title, text: s.text });
          want.set(id, { hash: textHash(s.text), doc: () => ({ id, title: s.title, text: s.text }) });
        }
      } catch {
        // a provider failing must not stop checks
      }
    }
    const toRemove = [...this.entries.keys()].filter((id) => !want.has(id) || want.get(id)!.hash !== this.entries.get(id));
    const toAdd = [...want.entries()].filter(([id, w]) => this.entries.get(id) !== w.hash || !index.has(id));
    if (toRemove.length === 0 && toAdd.length === 0) return index;
    if (toRemove.length) index.remove(toRemove);
    for (const id of toRemove) this.entries.delete(id);
    for (let i = 0; i < toAdd.length; i += 200) {
      const batch = toAdd.slice(i, i + 200);
      index.add(batch.map(([, w]) => w.doc!()));
      for (const [id, w] of batch) this.entries.set(id, w.hash);
      if (i + 200 < toAdd.length) await new Promise((r) => setImmediate(r));
    }
    this.checker?.reset();
    this.saving = this.saving.then(() => this.saveCache(index)).catch(() => undefined);
    return index;
  }

  /** Wait for the cache to be written (tests, shutdown). */
  async flush(): Promise<void> {
    await this.saving;
  }

  private async readDrafts(): Promise<{ id: string; title: string; text: string }[]> {
    let names: string[] = [];
    try {
      names = await fs.readdir(this.layout.draftsDir);
    } catch {
      return [];
    }
    const out: { id: string; title: string; text: string }[] = [];
    const present = new Set<string>();
    for (const name of names) {
      if (!name.endsWith('.json') || isAtomicTempFile(name)) continue;
      const id = name.slice(0, -5);
      present.add(id);
      let st;
      try {
        st = await fs.stat(path.join(this.layout.draftsDir, name));
      } catch {
        continue;
      }
      let seen = this.draftSeen.get(id);
      if (!seen || seen.mtimeMs !== st.mtimeMs) {
        try {
          const d = await this.drafts.get(id);
          seen = { mtimeMs: st.mtimeMs, title: d.name, text: docToText(d.doc).text };
          this.draftSeen.set(id, seen);
        } catch {
          continue; // damaged drafts are not sources
        }
      }
      out.push({ id, title: seen.title, text: seen.text });
    }
    for (const id of [...this.draftSeen.keys()]) if (!present.has(id)) this.draftSeen.delete(id);
    return out;
  }

  sourceText(id: string): string | undefined {
    if (id.startsWith(DRAFT_PREFIX)) return this.draftSeen.get(id.slice(DRAFT_PREFIX.length))?.text;
    if (id.startsWith(TEMPLATE_PREFIX)) return this.extraTexts.get(id)?.text;
    return this.library.textOf(id);
  }

  async source(id: string): Promise<ReuseSource> {
    await this.ensureIndex();
    if (id.startsWith(DRAFT_PREFIX)) {
      const d = this.draftSeen.get(id.slice(DRAFT_PREFIX.length));
      if (d) return { id, title: d.title, kind: 'draft', text: d.text };
    } else if (id.startsWith(TEMPLATE_PREFIX)) {
      const t = this.extraTexts.get(id);
      if (t) return { id, title: t.title, kind: 'template', text: t.text };
    } else {
      const m = this.library.metaOf(id);
      const text = this.library.textOf(id);
      if (m && text !== undefined) return { id, title: m.title, kind: 'library', text };
    }
    throw new ApiError('not-found', `找不到来源：${id}`);
  }

  // ------------------------------------------------------------ duplicates

  /** Sampled fingerprints per library document (see nearDup.ts), kept while the text is unchanged. */
  private sketches = new Map<string, { hash: string; sketch: Uint32Array }>();

  /**
   * Recompute the near-duplicate groups of the library (after an import). Uses sampled fingerprints
   * (nearDup.ts): about a second for a library of 50 million characters, and only new documents are sketched.
   */
  async refreshGroups(newIds?: string[]): Promise<DuplicateGroup[]> {
    await this.ensureIndex();
    const ids = this.library.ids();
    const docs: SketchDoc[] = [];
    for (const [i, id] of ids.entries()) {
      const meta = this.library.metaOf(id);
      const text = this.library.textOf(id);
      if (!meta || text === undefined) continue;
      let s = this.sketches.get(id);
      if (!s || s.hash !== meta.textHash) {
        const stored = this.library.sketchOf(id);
        s = { hash: meta.textHash, sketch: stored ? sketchFromBase64(stored) : sketchOf(text) };
        this.sketches.set(id, s);
        if (i % 200 === 199) await new Promise((r) => setImmediate(r));
      }
      docs.push({ id, length: text.length, sketch: s.sketch });
    }
    for (const id of [...this.sketches.keys()]) if (!this.library.has(id)) this.sketches.delete(id);
    // after an import only the groups of the new documents are looked for (with all their members)
    const found = new SketchIndex(docs).groups({ minContainment: 0.8, ...(newIds ? { ids: newIds } : {}) }).map((g) => {
      const members = g.ids.map((id) => ({ id, title: this.library.metaOf(id)?.title ?? id, chars: this.library.metaOf(id)?.chars ?? 0 }));
      return { id: 'G' + textHash([...g.ids].sort().join(',')).slice(0, 12), representative: g.representative, members, similarity: g.similarity };
    });
    let groups: DuplicateGroup[] = found;
    if (newIds) {
      const taken = new Set(found.flatMap((g) => g.members.map((m) => m.id)));
      const kept = this.library.getGroups().filter((g) => !g.members.some((m) => taken.has(m.id)) && g.members.every((m) => this.library.has(m.id)));
      groups = [...kept, ...found];
    }
    await this.library.setGroups(groups);
    this.checker?.reset();
    return groups;
  }

  /** After documents were removed: drop them from their groups (no full recomputation). */
  async dropFromGroups(ids: string[]): Promise<DuplicateGroup[]> {
    const gone = new Set(ids);
    const groups = this.library
      .getGroups()
      .map((g) => {
        const members = g.members.filter((m) => !gone.has(m.id));
        return { ...g, members, representative: gone.has(g.representative) ? (members[0]?.id ?? g.representative) : g.representative };
      })
      .filter((g) => g.members.length > 1);
    await this.library.setGroups(groups);
    this.checker?.reset();
    return groups;
  }

  // ------------------------------------------------------------ checks

  async check(input: {
    draftId?: string;
    text?: string;
    minChars?: number;
    quoteRanges?: TextRange[];
    ignoreRanges?: TextRange[];
  }): Promise<ReuseCheckResult> {
    const t0 = performance.now();
    const index = await this.ensureIndex();
    let text = input.text;
    let checkedText: string | undefined;
    if (text === undefined) {
      if (!input.draftId) throw new ApiError('invalid-input', '请给出文稿编号或要检查的文本');
      const d = await this.drafts.get(input.draftId);
      text = docToText(d.doc).text;
      checkedText = text;
    }
    const states = input.draftId ? await this.states(input.draftId) : [];
    const quoteRanges = [...(input.quoteRanges ?? []), ...rangesOf(text, states, 'quoted')];
    const ignoreRanges = [...(input.ignoreRanges ?? []), ...rangesOf(text, states, 'ignored')];
    const excludeIds = [...this.library.nonRepresentatives(), ...(input.draftId ? [DRAFT_PREFIX + input.draftId] : [])];
    const settings = this.settings ? await this.settings.get().catch(() => undefined) : undefined;
    const minChars = input.minChars ?? (typeof settings?.reuseMinChars === 'number' ? settings.reuseMinChars : 13);
    const checker: Checker = (this.checker ??= createChecker(index));
    const result = checker.check(text, { minChars, quoteRanges, ignoreRanges, excludeIds, getSourceText: (id) => this.sourceText(id) });
    return {
      ...result,
      ...(checkedText !== undefined ? { checkedText } : {}),
      states,
      elapsedMs: Math.round((performance.now() - t0) * 10) / 10,
      sourceCount: Math.max(0, index.size - excludeIds.length),
    };
  }

  // ------------------------------------------------------------ passage states

  private statesFile(draftId: string): string {
    if (!STORE_ID_RE.test(draftId)) throw new ApiError('invalid-input', `无效的文稿编号：${draftId.slice(0, 80)}`);
    return path.join(this.statesDir, draftId + '.json');
  }

  /** The marks of a draft; a missing file has none, a file that cannot be read is `damaged`. */
  private async readStates(draftId: string): Promise<{ states: PassageState[]; damaged: boolean }> {
    const file = this.statesFile(draftId);
    try {
      const raw = JSON.parse(await readRegularText(file, 16 * 1048576)) as { states?: PassageState[] };
      return { states: Array.isArray(raw.states) ? raw.states.filter((s) => typeof s?.text === 'string' && (s.state === 'ignored' || s.state === 'quoted')) : [], damaged: false };
    } catch (err) {
      return { states: [], damaged: (err as NodeJS.ErrnoException).code !== 'ENOENT' };
    }
  }

  async states(draftId: string): Promise<PassageState[]> {
    return (await this.readStates(draftId)).states;
  }

  async setState(draftId: string, text: string, sourceId: string, state: PassageStateKind | 'none'): Promise<PassageState[]> {
    await this.drafts.get(draftId); // not-found / damaged: refused with the draft store's message
    return this.stateLocks.run(draftId, async () => {
      const read = await this.readStates(draftId);
      const file = this.statesFile(draftId);
      if (read.damaged) await keepDamagedAside(file);
      const cur = read.states.filter((s) => !(s.text === text && s.sourceId === sourceId));
      if (state !== 'none') cur.push({ text, sourceId, state, at: new Date().toISOString() });
      await fs.mkdir(this.statesDir, { recursive: true });
      await writeFileAtomic(file, JSON.stringify({ format: 'speechdraft-reuse-states', draftId, states: cur }, null, 1) + '\n', { subject: '查重标记' });
      return cur;
    });
  }
}

/** Where the passages a writer marked are in the current text (found by their text, so edits elsewhere don't lose them). */
export function rangesOf(text: string, states: PassageState[], kind: PassageStateKind): TextRange[] {
  return markedRanges(text, states, kind).map(({ start, end }) => ({ start, end }));
}
