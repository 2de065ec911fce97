import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../contract/define';
import type { DuplicateGroup, LibraryDoc, LibraryDocMeta, LibraryMetaPatch } from '../../contract/library';
import { LibraryKindSchema } from '../../contract/search';
import { sourceLabel } from '../../core/library/label';
import { recognizeMeta } from '../../core/library/recognize';
import type { Cleaning } from '../../core/text/clean';
import { countChars } from '../../core/model/count';
import { isAtomicTempFile, writeFileAtomic } from '../workspace/atomic';
import { parseJsonFile } from '../workspace/jsonFile';
import { readRegularText } from '../workspace/safeRead';
import { LIMITS } from '../../contract/limits';
import { readdirOrEmpty, StoreLock, STORE_ID_RE as ID_RE } from '../workspace/keyedLock';
import type { WorkspaceLayout } from '../workspace/layout';

export const LIBRARY_DOC_FORMAT = 'speechdraft-library-doc';

const CleaningSchema = z.object({
  kind: z.string(),
  original: z.string(),
  replacement: z.string(),
  at: z.number(),
  line: z.number(),
  count: z.number().optional(),
});

const LibraryDocFileSchema = z.object({
  format: z.literal(LIBRARY_DOC_FORMAT),
  schemaVersion: z.literal(1),
  id: z.string(),
  title: z.string(),
  text: z.string(),
  textHash: z.string(),
  originFile: z.string(),
  /** Path of the kept original, relative to the library folder. */
  originalStored: z.string(),
  part: z.number().optional(),
  line: z.number().optional(),
  encoding: z.string().optional(),
  importedAt: z.string(),
  cleanings: z.array(CleaningSchema),
  /** Sampled fingerprints for near-duplicate grouping (nearDup.ts), base64 of a Uint32Array (little-endian). */
  sketch: z.string().optional(),
  /** Metadata (prefilled on import from what was recognised, then edited by the writer). */
  speaker: z.string().optional(),
  date: z.string().optional(),
  kind: LibraryKindSchema.optional(),
  occasion: z.string().optional(),
  audience: z.string().optional(),
});
export type LibraryDocFile = z.infer<typeof LibraryDocFileSchema>;

const GroupsFileSchema = z.object({
  groups: z.array(
    z.object({
      id: z.string(),
      representative: z.string(),
      members: z.array(z.object({ id: z.string(), title: z.string(), chars: z.number() })),
      similarity: z.number(),
    }),
  ),
});

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}


/**
 * The 素材库 on disk: `library/originals/` keeps every imported file as it was, `library/docs/<id>.json`
 * one cleaned document each (title, text, origin, cleaning report), `library/groups.json` the near-duplicate
 * groups. A document's id derives from its cleaned text, so importing the same text twice stores it once.
 * All writes are atomic; a damaged document file is reported and left alone.
 */
export class LibraryStore {
  readonly docsDir: string;
  readonly originalsDir: string;
  readonly groupsFile: string;
  private metas: Map<string, LibraryDocMeta & { textHash: string }> | null = null;
  private texts = new Map<string, string>();
  private sketches = new Map<string, string>();
  private groups: DuplicateGroup[] = [];
  private damaged: { file: string; reason: string }[] = [];
  private loading: Promise<void> | null = null;
  private dirMtime = 0;
  /** Writes in progress (no reload while our own writes run). */
  private writes = 0;
  private pending = new Map<string, Promise<LibraryDocMeta>>();
  private rev = 0;

  /** Changes whenever the set of documents or their texts changed (not on metadata edits). */
  get revision(): number {
    return this.rev;
  }

  /** Library metadata writes (documents, groups.json), also against other processes on the workspace. */
  private metaLock: StoreLock;

  constructor(readonly layout: WorkspaceLayout) {
    this.metaLock = new StoreLock(layout.locksDir, 'library', '素材库');
    this.docsDir = path.join(layout.libraryDir, 'docs');
    this.originalsDir = path.join(layout.libraryDir, 'originals');
    this.groupsFile = path.join(layout.libraryDir, 'groups.json');
  }

  private fileOf(id: string): string {
    if (!ID_RE.test(id)) throw new ApiError('invalid-input', `无效的文档编号：${id.slice(0, 80)}`);
    return path.join(this.docsDir, id + '.json');
  }

  /** Read every document once (texts are kept in memory: the checker aligns against them). */
  async load(): Promise<void> {
    if (this.loading) return this.loading;
    if (this.metas) {
      if (this.writes > 0) return;
      // another process (e.g. `speechdraft import --workspace`) may have changed the library: reload then
      const m = await this.docsDirMtime();
      if (this.loading) return this.loading;
      if (m === this.dirMtime || this.writes > 0 || !this.metas) return;
      this.metas = null;
      this.texts = new Map();
      this.sketches = new Map();
    }
    this.loading = this.doLoad().finally(() => {
      this.loading = null;
    });
    await this.loading;
  }

  private async docsDirMtime(): Promise<number> {
    try {
      return (await fs.stat(this.docsDir)).mtimeMs;
    } catch {
      return 0;
    }
  }

  /** After our own writes: remember the folder's new mtime so they don't cause a reload. */
  private async noteOwnWrite(): Promise<void> {
    this.dirMtime = await this.docsDirMtime();
  }

  private async doLoad(): Promise<void> {
    this.dirMtime = await this.docsDirMtime();
    const metas = new Map<string, LibraryDocMeta & { textHash: string }>();
    this.damaged = [];
    const names = await readdirOrEmpty(this.docsDir);
    for (const name of names.sort()) {
      if (!name.endsWith('.json') || isAtomicTempFile(name)) continue;
      try {
        const f = parseJsonFile(await readRegularText(path.join(this.docsDir, name), LIMITS.maxDraftFileBytes), LibraryDocFileSchema);
        metas.set(f.id, metaOf(f));
        this.texts.set(f.id, f.text);
        if (f.sketch) this.sketches.set(f.id, f.sketch);
      } catch (err) {
        this.damaged.push({ file: name, reason: (err as Error).message.slice(0, 200) });
      }
    }
    try {
      this.groups = GroupsFileSchema.parse(JSON.parse(await readRegularText(this.groupsFile, 64 * 1048576))).groups.filter((g) =>
        g.members.every((m) => metas.has(m.id)),
      );
    } catch {
      this.groups = [];
    }
    this.metas = metas;
    this.rev++;
  }

  async list(): Promise<LibraryDocMeta[]> {
    await this.load();
    const byMember = new Map<string, DuplicateGroup>();
    for (const g of this.groups) for (const m of g.members) byMember.set(m.id, g);
    return [...this.metas!.values()].map(({ textHash: _h, ...m }) => {
      const g = byMember.get(m.id);
      return g ? { ...m, groupId: g.id, ...(g.representative !== m.id ? { duplicateOf: g.representative } : {}) } : m;
    });
  }

  /** Document files of the last load that could not be read or parsed (skipped: not listed, not a source). */
  damagedFiles(): { file: string; reason: string }[] {
    return this.damaged;
  }

  has(id: string): boolean {
    return this.metas?.has(id) ?? false;
  }

  ids(): string[] {
    return [...(this.metas?.keys() ?? [])];
  }

  textOf(id: string): string | undefined {
    return this.texts.get(id);
  }

  /** The stored sketch of a document (base64), if it was stored with one. */
  sketchOf(id: string): string | undefined {
    return this.sketches.get(id);
  }

  metaOf(id: string): (LibraryDocMeta & { textHash: string }) | undefined {
    return this.metas?.get(id);
  }

  async get(id: string): Promise<LibraryDoc> {
    await this.load();
    let raw: string;
    try {
      raw = await readRegularText(this.fileOf(id), LIMITS.maxDraftFileBytes);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ApiError('not-found', `素材库中没有这篇文档：${id}`);
      throw new ApiError('damaged', `素材库文档文件无法读取：${(err as Error).message}`, String((err as NodeJS.ErrnoException).code));
    }
    let f: LibraryDocFile;
    try {
      f = parseJsonFile(raw, LibraryDocFileSchema);
    } catch (err) {
      throw new ApiError('damaged', `素材库文档文件已损坏：${id}.json`, (err as Error).message);
    }
    const meta = (await this.list()).find((m) => m.id === id) ?? metaOf(f);
    return { ...meta, text: f.text, cleaningReport: f.cleanings as Cleaning[] };
  }

  /** Keep an imported file's bytes as they were; returns the path relative to the library folder. */
  async keepOriginal(name: string, bytes: Uint8Array): Promise<string> {
    await fs.mkdir(this.originalsDir, { recursive: true });
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const safe = Array.from(path.basename(name), (ch) => (/[\\/:*?"<>|]/.test(ch) || ch.charCodeAt(0) < 32 ? '_' : ch)).join('').slice(-120) || 'file';
    const rel = path.join('originals', `${hash}-${safe}`);
    const abs = path.join(this.layout.libraryDir, rel);
    try {
      await fs.access(abs);
    } catch {
      await writeFileAtomic(abs, bytes, { subject: '素材库原件' });
    }
    return rel;
  }

  /** Store one cleaned document. Returns its meta and whether the same text was already there. */
  async add(doc: Omit<LibraryDocFile, 'format' | 'schemaVersion' | 'id' | 'textHash' | 'importedAt'>): Promise<{ meta: LibraryDocMeta; alreadyPresent: boolean }> {
    await this.load();
    this.writes++;
    try {
      return await this.addLoaded(doc);
    } finally {
      this.writes--;
    }
  }

  private async addLoaded(doc: Omit<LibraryDocFile, 'format' | 'schemaVersion' | 'id' | 'textHash' | 'importedAt'>): Promise<{ meta: LibraryDocMeta; alreadyPresent: boolean }> {
    const hash = textHash(doc.text);
    const id = 'L' + hash.slice(0, 20);
    const existing = this.metas!.get(id);
    if (existing) {
      const { textHash: _h, ...m } = existing;
      return { meta: m, alreadyPresent: true };
    }
    const inFlight = this.pending.get(id);
    if (inFlight) return { meta: await inFlight, alreadyPresent: true };
    const p = this.writeDoc(id, hash, doc);
    this.pending.set(id, p);
    try {
      return { meta: await p, alreadyPresent: false };
    } finally {
      this.pending.delete(id);
    }
  }

  private async writeDoc(id: string, hash: string, doc: Omit<LibraryDocFile, 'format' | 'schemaVersion' | 'id' | 'textHash' | 'importedAt'>): Promise<LibraryDocMeta> {
    const file: LibraryDocFile = { format: LIBRARY_DOC_FORMAT, schemaVersion: 1, id, textHash: hash, importedAt: new Date().toISOString(), ...doc };
    await fs.mkdir(this.docsDir, { recursive: true });
    await this.metaLock.run('meta', () => writeFileAtomic(this.fileOf(id), JSON.stringify(file, null, 1) + '\n', { subject: '素材库文档' }));
    await this.noteOwnWrite();
    const meta = metaOf(file);
    this.metas!.set(id, meta);
    this.texts.set(id, doc.text);
    if (doc.sketch) this.sketches.set(id, doc.sketch);
    this.rev++;
    const { textHash: _h, ...m } = meta;
    return m;
  }

  /** Remove documents (their files go; the kept originals stay, other documents may come from them). */
  async remove(ids: string[]): Promise<string[]> {
    await this.load();
    this.writes++;
    try {
      return await this.metaLock.run('meta', () => this.removeLoaded(ids));
    } finally {
      this.writes--;
    }
  }

  private async removeLoaded(ids: string[]): Promise<string[]> {
    const removed: string[] = [];
    for (const id of ids) {
      const file = this.fileOf(id);
      try {
        await fs.rm(file);
        removed.push(id);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      this.metas!.delete(id);
      this.texts.delete(id);
      this.sketches.delete(id);
    }
    await this.noteOwnWrite();
    this.rev++;
    return removed;
  }

  /** Change a document's metadata (title, speaker, date, kind, 场合, 对象); '' clears a field. Written atomically. */
  async update(id: string, patch: LibraryMetaPatch): Promise<LibraryDocMeta> {
    await this.load();
    this.writes++;
    try {
      const file = this.fileOf(id);
      let f: LibraryDocFile;
      try {
        f = parseJsonFile(await fs.readFile(file, 'utf8'), LibraryDocFileSchema);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ApiError('not-found', `素材库中没有这篇文档：${id}`);
        throw new ApiError('damaged', `素材库文档文件已损坏：${id}.json`, (err as Error).message);
      }
      // every field is stored explicitly from now on ('' = cleared), so a cleared one is not recognised again
      const cur = metaOf(f);
      const pick = (v: string | undefined, was: string | undefined) => (v !== undefined ? v.trim() : (was ?? ''));
      const next: LibraryDocFile = {
        ...f,
        title: patch.title?.trim() || f.title,
        speaker: pick(patch.speaker, cur.speaker),
        date: pick(patch.date, cur.date),
        kind: patch.kind ?? cur.kind,
        occasion: pick(patch.occasion, cur.occasion),
        audience: pick(patch.audience, cur.audience),
      };
      await writeFileAtomic(file, JSON.stringify(next, null, 1) + '\n');
      await this.noteOwnWrite();
      const meta = metaOf(next);
      this.metas!.set(id, meta);
      // group members carry titles: keep them in step
      if (this.groups.some((g) => g.members.some((m) => m.id === id))) {
        await this.setGroups(this.getGroups());
      }
      return (await this.list()).find((m) => m.id === id)!;
    } finally {
      this.writes--;
    }
  }

  /** The near-duplicate groups, members named by their current label (title + speaker + date). */
  getGroups(): DuplicateGroup[] {
    return this.groups.map((g) => ({ ...g, members: g.members.map((m) => ({ ...m, title: this.metas?.get(m.id)?.label ?? m.title })) }));
  }

  async setGroups(groups: DuplicateGroup[]): Promise<void> {
    this.groups = groups;
    await fs.mkdir(this.layout.libraryDir, { recursive: true });
    await this.metaLock.run('meta', () => writeFileAtomic(this.groupsFile, JSON.stringify({ groups }, null, 1) + '\n', { subject: '素材库' }));
  }

  /** Ids that do not count as a source of their own (the non-representative members of each group). */
  nonRepresentatives(): string[] {
    return this.groups.flatMap((g) => g.members.map((m) => m.id).filter((id) => id !== g.representative));
  }
}

function metaOf(f: LibraryDocFile): LibraryDocMeta & { textHash: string } {
  // fields never set (documents imported before metadata existed) are recognised from the text; '' = cleared
  const rec = f.speaker === undefined || f.date === undefined || f.kind === undefined ? recognizeMeta(f.title, f.text) : undefined;
  const speaker = f.speaker ?? rec?.speaker;
  const date = f.date ?? rec?.date;
  return {
    id: f.id,
    title: f.title,
    label: sourceLabel({ title: f.title, ...(speaker ? { speaker } : {}), ...(date ? { date } : {}) }),
    ...(speaker ? { speaker } : {}),
    ...(date ? { date } : {}),
    kind: f.kind ?? rec!.kind,
    ...(f.occasion ? { occasion: f.occasion } : {}),
    ...(f.audience ? { audience: f.audience } : {}),
    originFile: f.originFile,
    ...(f.part !== undefined ? { part: f.part } : {}),
    ...(f.line !== undefined ? { line: f.line } : {}),
    chars: countChars(f.text),
    importedAt: f.importedAt,
    ...(f.encoding ? { encoding: f.encoding } : {}),
    cleanings: f.cleanings.length,
    textHash: f.textHash,
  };
}
