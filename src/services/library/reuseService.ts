import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../contract/define';
import type { DuplicateGroup, PassageState, PassageStateKind, ReuseCheckResult, ReuseSource } from '../../contract/library';
import { docToText } from '../../core/model/text';
import { ReuseIndex, createChecker } from '../../core/reuse/index';
import type { Checker, ReuseDocInput, TextRange } from '../../core/reuse/types';
import { writeFileAtomic } from '../workspace/atomic';
import { readRegularFile, readRegularText } from '../workspace/safeRead';
import { DuplicateGroups } from './duplicateGroups';
import { PassageStates, rangesOf } from './passageStates';
import type { DraftStore } from '../workspace/draftStore';
import type { DraftCatalogue } from './draftCatalogue';
import { familyOf } from '../../contract/drafts';
import { DEFAULT_RISK_MONTHS, withRisk, type OccasionInfo } from '../../core/reuse/risk';
import { occasionOfTitle } from '../../core/library/recognize';
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
  private extraTexts = new Map<string, { title: string; text: string }>();
  private extraProviders: ExtraSourceProvider[] = [];
  private syncing: Promise<ReuseIndex> | null = null;
  private saving: Promise<void> = Promise.resolve();
  private readonly groups: DuplicateGroups;
  private readonly passageStates: PassageStates;
  readonly cacheDir: string;
  readonly statesDir: string;

  constructor(
    readonly layout: WorkspaceLayout,
    readonly library: LibraryStore,
    readonly drafts: DraftStore,
    readonly settings: SettingsStore | undefined,
    readonly catalogue: DraftCatalogue,
  ) {
    this.cacheDir = path.join(layout.cacheDir, 'reuse');
    this.passageStates = new PassageStates(layout, drafts);
    this.statesDir = this.passageStates.dir;
    this.groups = new DuplicateGroups(library, () => this.checker?.reset());
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

  /**
   * The index with every source up to date. `keep`: a source whose stale entry may stay (the draft being
   * checked, which is not its own source): its own saves then never change the index nor reset the checker.
   */
  async ensureIndex(keep?: string): Promise<ReuseIndex> {
    // one sync at a time; callers arriving during a sync wait for it and then sync again (cheap when unchanged)
    while (this.syncing) await this.syncing.catch(() => undefined);
    this.syncing = this.sync(keep);
    try {
      return await this.syncing;
    } finally {
      this.syncing = null;
    }
  }

  private async sync(keep?: string): Promise<ReuseIndex> {
    this.index ??= await this.loadCache();
    const index = this.index;
    await this.library.load();
    const want = new Map<string, { hash: string; doc?: () => ReuseDocInput }>();
    for (const id of this.library.ids()) {
      const meta = this.library.metaOf(id)!;
      want.set(id, { hash: meta.textHash, doc: () => ({ id, title: meta.title, text: this.library.textOf(id) ?? '' }) });
    }
    for (const d of await this.catalogue.all()) {
      const id = DRAFT_PREFIX + d.id;
      if (id === keep && index.has(id) && this.entries.has(id)) {
        want.set(id, { hash: this.entries.get(id)! });
        continue;
      }
      want.set(id, { hash: this.hashOf(id, d.text), doc: () => ({ id, title: d.meta.name, text: d.text }) });
    }
    for (const p of this.extraProviders) {
      try {
        for (const s of await p()) {
          const id = s.id.startsWith(TEMPLATE_PREFIX) ? s.id : TEMPLATE_PREFIX + s.id;
          this.extraTexts.set(id, { title: s.title, text: s.text });
          want.set(id, { hash: this.hashOf(id, s.text), doc: () => ({ id, title: s.title, text: s.text }) });
        }
      } catch {
        // a provider failing must not stop checks
      }
    }
    for (const id of [...this.hashes.keys()]) if (!want.has(id)) this.hashes.delete(id);
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

  /** Content hashes of draft and template sources, computed again only when the text changed. */
  private hashes = new Map<string, { text: string; hash: string }>();

  private hashOf(id: string, text: string): string {
    const h = this.hashes.get(id);
    if (h && h.text === text) return h.hash;
    const hash = textHash(text);
    this.hashes.set(id, { text, hash });
    return hash;
  }

  /** Wait for the cache to be written (tests, shutdown). */
  async flush(): Promise<void> {
    await this.saving;
  }

  /** The draft and (unless `onlySelf`) the other drafts of its family: one line of copies and re-imports. */
  familyOf(draftId: string, onlySelf = false): string[] {
    const own = this.catalogue.get(draftId);
    if (onlySelf || !own) return [draftId];
    const fam = familyOf(own.meta);
    const ids = this.catalogue.ids().filter((id) => {
      const m = this.catalogue.get(id)!.meta;
      return id === draftId || familyOf(m) === fam || id === fam || m.origin?.draftId === draftId || own.meta.origin?.draftId === id;
    });
    return [draftId, ...ids.filter((id) => id !== draftId)];
  }

  /** 场合 / 对象 / date of the checked draft: as set, else the 场合 its title names (「在全市机关干部大会上的讲话」). */
  occasionOfDraft(draftId: string | undefined, text: string): OccasionInfo {
    const m = draftId ? this.catalogue.get(draftId)?.meta : undefined;
    const title = m?.name ?? text.split('\n', 1)[0];
    const occasion = m?.occasion ?? occasionOfTitle(title) ?? occasionOfTitle(text.split('\n', 1)[0]);
    return { ...(occasion ? { occasion } : {}), ...(m?.audience ? { audience: m.audience } : {}), ...(m?.date ? { date: m.date } : {}) };
  }

  /** 场合 / 对象 / date of a source: a library document's metadata, another draft's (its creation date if none). */
  occasionOfSource(id: string): OccasionInfo | undefined {
    if (id.startsWith(TEMPLATE_PREFIX)) return undefined;
    if (id.startsWith(DRAFT_PREFIX)) {
      const m = this.catalogue.get(id.slice(DRAFT_PREFIX.length))?.meta;
      if (!m) return undefined;
      const occasion = m.occasion ?? occasionOfTitle(m.name);
      return { ...(occasion ? { occasion } : {}), ...(m.audience ? { audience: m.audience } : {}), date: m.date ?? m.createdAt.slice(0, 10) };
    }
    const m = this.library.metaOf(id);
    return m ? { ...(m.occasion ? { occasion: m.occasion } : {}), ...(m.audience ? { audience: m.audience } : {}), ...(m.date ? { date: m.date } : {}) } : undefined;
  }

  /** How a source is named to the writer (library: title + speaker + date). */
  labelOf(id: string, fallback: string): string {
    if (id.startsWith(DRAFT_PREFIX) || id.startsWith(TEMPLATE_PREFIX)) return fallback;
    return this.library.metaOf(id)?.label ?? fallback;
  }

  sourceText(id: string): string | undefined {
    if (id.startsWith(DRAFT_PREFIX)) return this.catalogue.get(id.slice(DRAFT_PREFIX.length))?.text;
    if (id.startsWith(TEMPLATE_PREFIX)) return this.extraTexts.get(id)?.text;
    return this.library.textOf(id);
  }

  async source(id: string): Promise<ReuseSource> {
    await this.ensureIndex();
    if (id.startsWith(DRAFT_PREFIX)) {
      const d = this.catalogue.get(id.slice(DRAFT_PREFIX.length));
      if (d) return { id, title: d.meta.name, kind: 'draft', text: d.text };
    } else if (id.startsWith(TEMPLATE_PREFIX)) {
      const t = this.extraTexts.get(id);
      if (t) return { id, title: t.title, kind: 'template', text: t.text };
    } else {
      const m = this.library.metaOf(id);
      const text = this.library.textOf(id);
      if (m && text !== undefined) return { id, title: m.label, kind: 'library', text };
    }
    throw new ApiError('not-found', `找不到来源：${id}`);
  }

  // ------------------------------------------------------------ duplicates (duplicateGroups.ts)

  /** Recompute the near-duplicate groups (after an import), with the index up to date. */
  async refreshGroups(newIds?: string[]): Promise<DuplicateGroup[]> {
    await this.ensureIndex();
    return this.groups.refresh(newIds);
  }

  /** After documents were removed: drop them from their groups. */
  dropFromGroups(ids: string[]): Promise<DuplicateGroup[]> {
    return this.groups.dropMembers(ids);
  }

  // ------------------------------------------------------------ checks

  async check(input: {
    draftId?: string;
    text?: string;
    minChars?: number;
    quoteRanges?: TextRange[];
    ignoreRanges?: TextRange[];
    includeFamily?: boolean;
    familyId?: string;
  }): Promise<ReuseCheckResult> {
    const t0 = performance.now();
    const index = await this.ensureIndex(input.draftId ? DRAFT_PREFIX + input.draftId : undefined);
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
    // the draft itself, and by default its family (copies, re-imports of its exports), are not its sources
    const family = input.draftId
      ? this.familyOf(input.draftId, input.includeFamily === true)
      : input.familyId && !input.includeFamily
        ? this.catalogue.ids().filter((id) => id === input.familyId || familyOf(this.catalogue.get(id)!.meta) === input.familyId)
        : [];
    const excludeIds = [...this.library.nonRepresentatives(), ...family.map((id) => DRAFT_PREFIX + id)];
    const settings = this.settings ? await this.settings.get().catch(() => undefined) : undefined;
    const minChars = input.minChars ?? (typeof settings?.reuseMinChars === 'number' ? settings.reuseMinChars : 13);
    const checker: Checker = (this.checker ??= createChecker(index));
    const raw = checker.check(text, { minChars, quoteRanges, ignoreRanges, excludeIds, getSourceText: (id) => this.sourceText(id) });
    // sources are named by their current label (title + speaker + date), not the title they were indexed under
    const occasion = this.occasionOfDraft(input.draftId, text);
    const months = typeof settings?.reuseRiskMonths === 'number' ? settings.reuseRiskMonths : DEFAULT_RISK_MONTHS;
    const passages = withRisk(raw.passages, occasion, (id) => this.occasionOfSource(id), months, new Date().toISOString().slice(0, 10));
    const high = passages.filter((p) => p.risk === 'high');
    const highChars = high.reduce((n, p) => n + p.chars, 0);
    const result = {
      ...raw,
      highRisk: { passages: high.length, chars: highChars, ratio: raw.draft.chars ? Math.min(1, highChars / raw.draft.chars) : 0 },
      occasion,
      passages: passages.map((p) => ({ ...p, sourceTitle: this.labelOf(p.sourceId, p.sourceTitle) })),
      sources: raw.sources.map((s) => ({ ...s, title: this.labelOf(s.id, s.title) })),
    };
    return {
      ...result,
      ...(checkedText !== undefined ? { checkedText } : {}),
      states,
      elapsedMs: Math.round((performance.now() - t0) * 10) / 10,
      sourceCount: Math.max(0, index.size - excludeIds.length),
      familyExcluded: Math.max(0, input.draftId ? family.length - 1 : family.length),
    };
  }

  // ------------------------------------------------------------ passage states (passageStates.ts)

  states(draftId: string): Promise<PassageState[]> {
    return this.passageStates.of(draftId);
  }

  setState(draftId: string, text: string, sourceId: string, state: PassageStateKind | 'none'): Promise<PassageState[]> {
    return this.passageStates.set(draftId, text, sourceId, state);
  }
}
