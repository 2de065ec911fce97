import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../contract/define';
import { familyOf, UNTITLED_NAME, type Draft, type DraftListEntry, type DraftMeta, type DraftOrigin, type TrashEntry } from '../../contract/drafts';
import { Docs } from '../../core/model/block';
import type { SpeechDoc } from '../../core/model/types';
import { LIMITS } from '../../contract/limits';
import { SpeechDocSchema } from '../../contract/common';
import { cleanTempFiles, fsyncDir, isAtomicTempFile, writeFileAtomic } from './atomic';
import { readRegularText } from './safeRead';
import { rethrowNamed } from './storageErrors';
import { parseDraftFile, serializeDraft, type DraftFile } from './draftFile';
import { DraftListCache } from './draftListCache';
import { readdirOrEmpty, StoreLock, STORE_ID_RE as ID_RE } from './keyedLock';
import type { WorkspaceLayout } from './layout';

const TRASH_ID_RE = /^([A-Za-z0-9][A-Za-z0-9_-]{0,63})\.(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-(\d+))?$/;
const SUFFIX = '.json';
/** A draft file larger than this is not read (LIMITS.maxDraftFileBytes; a save never writes a larger one). */
export const MAX_DRAFT_FILE_BYTES = LIMITS.maxDraftFileBytes;

/** Read a draft file as text; refuse FIFOs, devices, directories and absurdly large files with a readable reason. */
async function readDraftText(file: string): Promise<string> {
  return readRegularText(file, MAX_DRAFT_FILE_BYTES);
}

/** The serialised draft, refused (too-large) if it could not be read back. */
function serializeWithinLimits(d: Draft): string {
  // The limits the store reads with (paragraphs, characters, nesting): nothing is written that cannot be read back.
  const check = SpeechDocSchema.safeParse(d.doc);
  if (!check.success) {
    const i = check.error.issues[0];
    throw new ApiError('too-large', `文稿超出限制，未保存，原文件未改动：${i.message}`, `at ${i.path.join('.')}`);
  }
  const text = serializeDraft(d);
  if (Buffer.byteLength(text, 'utf8') > MAX_DRAFT_FILE_BYTES) {
    throw new ApiError('too-large', `文稿过大（超过 ${MAX_DRAFT_FILE_BYTES / 1048576} MB），未保存，原文件未改动`, 'draft file over LIMITS.maxDraftFileBytes');
  }
  return text;
}

export function newId(prefix = 'd'): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** Drafts as files in `drafts/`, one JSON file each, written atomically, never overwritten when damaged. */
/** What changed in the store (for the sources of 查重 and 搜索): the draft as written, or the id that went. */
export type DraftEvent = { type: 'written'; draft: Draft } | { type: 'removed'; id: string };

export class DraftStore {
  /** Per draft, across processes: the revision compare and the rename into place are one step. */
  private locks: StoreLock;
  /** The listing's summaries (a big draft is not parsed again to be listed). */
  private listCache: DraftListCache;
  private listeners = new Set<(e: DraftEvent) => void>();

  /** Be told of every draft this store writes or removes; returns the unsubscribe. */
  onChange(fn: (e: DraftEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(e: DraftEvent): void {
    for (const fn of this.listeners) {
      try {
        fn(e);
      } catch {
        // a listener's fault must not fail a save
      }
    }
  }

  constructor(readonly layout: WorkspaceLayout) {
    this.locks = new StoreLock(layout.locksDir, 'draft', '文稿');
    this.listCache = new DraftListCache(path.join(layout.cacheDir, 'draft-list'));
  }

  /**
   * Start-up housekeeping: remove temp files a crash left behind in every folder the app writes (drafts,
   * 回收站, the root with settings, templates, each versions/<id>, the library's folders, the caches).
   */
  async init(): Promise<string[]> {
    const l = this.layout;
    const removed: string[] = [];
    for (const dir of [l.draftsDir, l.trashDir, l.dir, l.templatesDir, path.join(l.dir, 'reuse')]) removed.push(...(await cleanTempFiles(dir)));
    for (const [root, depth] of [[l.versionsDir, 1], [l.libraryDir, 2], [l.cacheDir, 3]] as const) {
      for (const dir of await foldersUnder(root, depth)) removed.push(...(await cleanTempFiles(dir)));
    }
    return removed;
  }

  fileOf(id: string): string {
    if (!ID_RE.test(id)) throw new ApiError('invalid-input', `无效的文稿编号：${id.slice(0, 80)}`, 'draft ids are tokens, not paths');
    return path.join(this.layout.draftsDir, id + SUFFIX);
  }

  /** Write a draft file atomically; its listing summary is recorded before the file is renamed into place. */
  private write(id: string, text: string, meta: DraftMeta): Promise<void> {
    return writeFileAtomic(this.fileOf(id), text, { subject: '文稿', beforeRename: (tmp) => this.listCache.rememberFile(id, tmp, meta) });
  }

  /** Run `fn` with the draft's lock held (also against other processes), so saves of one draft never interleave. */
  private withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.locks.run(id, fn);
  }

  async list(): Promise<DraftListEntry[]> {
    const names = await readdirOrEmpty(this.layout.draftsDir);
    const out: DraftListEntry[] = [];
    for (const name of names.sort()) {
      if (!name.endsWith(SUFFIX) || isAtomicTempFile(name)) continue;
      const id = name.slice(0, -SUFFIX.length);
      if (!ID_RE.test(id)) {
        out.push({ status: 'damaged', id, fileName: name, reason: '文件名不是有效的文稿编号，请改名为字母、数字、- 或 _ (file name is not a draft id)' });
        continue;
      }
      const file = path.join(this.layout.draftsDir, name);
      try {
        out.push({ status: 'ok', ...(await this.listCache.summary(id, file, async () => metaOf(parseDraftFile(await readDraftText(file)), id))) });
      } catch (err) {
        out.push({ status: 'damaged', id, fileName: name, reason: (err as Error).message });
      }
    }
    out.sort((a, b) => (a.status === 'ok' && b.status === 'ok' ? b.updatedAt.localeCompare(a.updatedAt) : a.status === 'ok' ? -1 : 1));
    return out;
  }

  async get(id: string): Promise<Draft> {
    const file = this.fileOf(id);
    let text: string;
    try {
      text = await readDraftText(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new ApiError('not-found', `找不到文稿：${id}`);
      // A FIFO, device, directory, an oversized file, a symlink loop, no permission: named, nothing changed.
      throw new ApiError('damaged', `文稿文件无法读取，未作任何改动：${path.basename(file)}（${(err as Error).message}）`, String(code));
    }
    try {
      const f = parseDraftFile(text);
      return { ...metaOf(f, id), doc: f.doc as SpeechDoc };
    } catch (err) {
      throw new ApiError('damaged', `文稿文件已损坏，未作任何改动：${path.basename(file)}`, (err as Error).message);
    }
  }

  /**
   * A new draft. Without a `name` it is named after its title (未命名文稿 while there is none) and the name
   * follows the title on every save until the writer renames it; `nameFollowsTitle` overrides that.
   */
  async create(opts: { name?: string; doc?: SpeechDoc; templateId?: string; nameFollowsTitle?: boolean; origin?: DraftOrigin; occasion?: string; audience?: string; date?: string } = {}): Promise<Draft> {
    const now = new Date().toISOString();
    const doc = opts.doc ?? Docs.empty();
    let id = newId();
    while (await exists(this.fileOf(id))) id = newId();
    const draft: Draft = {
      id,
      name: opts.name?.trim() || nameFromTitle(doc) || UNTITLED_NAME,
      createdAt: now,
      updatedAt: now,
      revision: 1,
      ...(opts.templateId ? { templateId: opts.templateId } : {}),
      ...(opts.origin ? { origin: opts.origin } : {}),
      ...(opts.occasion ? { occasion: opts.occasion } : {}),
      ...(opts.audience ? { audience: opts.audience } : {}),
      ...(opts.date ? { date: opts.date } : {}),
      charCount: Docs.charCount(doc),
      nameFollowsTitle: opts.nameFollowsTitle ?? !opts.name?.trim(),
      doc,
    };
    const text = serializeWithinLimits(draft);
    await fs.mkdir(this.layout.draftsDir, { recursive: true }).catch(rethrowNamed('文稿'));
    await this.withLock(id, async () => {
      if (await exists(this.fileOf(id))) throw new ApiError('conflict', `文稿编号已被占用，请重试：${id}`);
      await this.write(id, text, stripDoc(draft));
    });
    this.emit({ type: 'written', draft });
    return draft;
  }

  /**
   * Save new content (and, while the name follows the title, the title as the name: one write).
   * A damaged file on disk is never overwritten; a stale `baseRevision` is refused.
   */
  async save(id: string, doc: SpeechDoc, baseRevision?: number): Promise<DraftMeta> {
    return this.withLock(id, async () => {
      const cur = await this.get(id);
      if (baseRevision !== undefined && baseRevision !== cur.revision) {
        throw new ApiError('conflict', '文稿已在别处修改，未保存以免覆盖 (saved copy is newer)', `base ${baseRevision}, disk ${cur.revision}`);
      }
      const name = cur.nameFollowsTitle ? nameFromTitle(doc) || cur.name : cur.name;
      const next: Draft = { ...cur, doc, name, revision: cur.revision + 1, updatedAt: new Date().toISOString(), charCount: Docs.charCount(doc) };
      await this.write(id, serializeWithinLimits(next), stripDoc(next));
      this.emit({ type: 'written', draft: next });
      return stripDoc(next);
    });
  }

  async rename(id: string, name: string): Promise<DraftMeta> {
    return this.withLock(id, async () => {
      const cur = await this.get(id);
      // A name the writer gives is kept: the title no longer renames the draft.
      const next: Draft = { ...cur, name: name.trim(), nameFollowsTitle: false, updatedAt: new Date().toISOString(), revision: cur.revision + 1 };
      await this.write(id, serializeWithinLimits(next), stripDoc(next));
      this.emit({ type: 'written', draft: next });
      return stripDoc(next);
    });
  }

  /**
   * Set 场合 / 对象 / date ('' clears a field). The revision stays: it guards the text against stale saves,
   * and the editor's next autosave of the text must not be refused for a metadata change.
   */
  async setMeta(id: string, patch: { occasion?: string; audience?: string; date?: string }): Promise<DraftMeta> {
    return this.withLock(id, async () => {
      const cur = await this.get(id);
      const next: Draft = { ...cur };
      for (const key of ['occasion', 'audience', 'date'] as const) {
        const v = patch[key];
        if (v === undefined) continue;
        if (v.trim()) next[key] = v.trim();
        else delete next[key];
      }
      await this.write(id, serializeWithinLimits(next), stripDoc(next));
      this.emit({ type: 'written', draft: next });
      return stripDoc(next);
    });
  }

  async duplicate(id: string): Promise<Draft> {
    const cur = await this.get(id);
    return this.create({
      name: `${cur.name}（副本）`,
      doc: cur.doc,
      templateId: cur.templateId,
      origin: { kind: 'copy', draftId: id, familyId: familyOf(cur) },
      occasion: cur.occasion,
      audience: cur.audience,
      date: cur.date,
    });
  }

  /** Move to 回收站 (also works for a damaged file: its bytes are moved, not rewritten). */
  async delete(id: string): Promise<{ trashedAs: string; trashId: string }> {
    return this.withLock(id, async () => {
      const file = this.fileOf(id);
      if (!(await exists(file))) throw new ApiError('not-found', `找不到文稿：${id}`);
      await fs.mkdir(this.layout.trashDir, { recursive: true }).catch(rethrowNamed('文稿'));
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      let trashId = `${id}.${stamp}`;
      for (let n = 2; await exists(path.join(this.layout.trashDir, trashId + SUFFIX)); n++) trashId = `${id}.${stamp}-${n}`;
      const trashedAs = path.join(this.layout.trashDir, trashId + SUFFIX);
      try {
        await fs.rename(file, trashedAs);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ApiError('not-found', `找不到文稿：${id}`);
        rethrowNamed('文稿')(err);
      }
      await fsyncDir(this.layout.trashDir);
      await fsyncDir(this.layout.draftsDir);
      await this.listCache.forget(id);
      this.emit({ type: 'removed', id });
      return { trashedAs, trashId };
    });
  }

  /** What is in the 回收站, newest deletion first. Damaged files are listed too (they can be inspected, not restored). */
  async listTrash(): Promise<TrashEntry[]> {
    const names = await readdirOrEmpty(this.layout.trashDir);
    const out: TrashEntry[] = [];
    for (const name of names) {
      if (!name.endsWith(SUFFIX) || isAtomicTempFile(name)) continue;
      const trashId = name.slice(0, -SUFFIX.length);
      const m = TRASH_ID_RE.exec(trashId);
      if (!m) continue;
      const [, id, stamp] = m;
      const deletedAt = stamp.replace(/^(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, '$1:$2:$3.$4Z');
      try {
        const f = parseDraftFile(await readDraftText(path.join(this.layout.trashDir, name)));
        out.push({ trashId, id, deletedAt, status: 'ok', name: f.name, charCount: Docs.charCount(f.doc as SpeechDoc) });
      } catch (err) {
        out.push({ trashId, id, deletedAt, status: 'damaged', reason: (err as Error).message });
      }
    }
    out.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt) || b.trashId.localeCompare(a.trashId));
    return out;
  }

  /** Move a draft back from the 回收站, under its old id, or a new one if that id is in use again. */
  async restore(trashId: string): Promise<DraftMeta> {
    const m = TRASH_ID_RE.exec(trashId);
    if (!m || trashId.includes('..')) throw new ApiError('invalid-input', `无效的回收站条目：${trashId.slice(0, 80)}`, 'trash ids are tokens, not paths');
    const src = path.join(this.layout.trashDir, trashId + SUFFIX);
    let text: string;
    try {
      text = await readDraftText(src);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new ApiError('not-found', `回收站中没有此文稿：${trashId}`);
      throw new ApiError('damaged', `回收站中的文件无法恢复：${trashId}${SUFFIX}（${(err as Error).message}）`, String(code));
    }
    let f: DraftFile;
    try {
      f = parseDraftFile(text);
    } catch (err) {
      throw new ApiError('damaged', `回收站中的文件已损坏，无法恢复，原文件保留在回收站：${trashId}${SUFFIX}`, (err as Error).message);
    }
    let id = m[1];
    if (await exists(this.fileOf(id))) id = newId();
    return this.withLock(id, async () => {
      const dst = this.fileOf(id);
      if (await exists(dst)) throw new ApiError('conflict', `已有同编号的文稿，未恢复：${id}`);
      await fs.mkdir(this.layout.draftsDir, { recursive: true }).catch(rethrowNamed('文稿'));
      try {
        await fs.rename(src, dst);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ApiError('not-found', `回收站中没有此文稿：${trashId}`);
        rethrowNamed('文稿')(err);
      }
      await fsyncDir(this.layout.draftsDir);
      await fsyncDir(this.layout.trashDir);
      this.emit({ type: 'written', draft: { ...metaOf(f, id), doc: f.doc as SpeechDoc } });
      return metaOf(f, id);
    });
  }
}

/** `root` and its sub-folders down to `depth` levels (symlinks not followed), at most 10,000. */
async function foldersUnder(root: string, depth: number): Promise<string[]> {
  const out: string[] = [];
  let level = [root];
  for (let d = 0; d <= depth && level.length && out.length < 10_000; d++) {
    out.push(...level);
    const next: string[] = [];
    if (d < depth) {
      for (const dir of level) {
        const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
        for (const e of entries) if (e.isDirectory()) next.push(path.join(dir, e.name));
      }
    }
    level = next;
  }
  return out.slice(0, 10_000);
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** Longest name taken from a title. */
const TITLE_NAME_MAX = 80;

/** The name a draft takes from its title ('' without a title). */
export function nameFromTitle(doc: SpeechDoc): string {
  return Docs.title(doc).slice(0, TITLE_NAME_MAX).trim();
}

/**
 * Files written before names followed titles have no `nameFollowsTitle`: there the name follows if it is still
 * 未命名文稿 or a beginning of the title (a name frozen mid-title, e.g. 「在全」 of 「在全市…」).
 */
function followsTitle(f: DraftFile): boolean {
  if (f.nameFollowsTitle !== undefined) return f.nameFollowsTitle;
  return f.name === UNTITLED_NAME || (f.name !== '' && nameFromTitle(f.doc as SpeechDoc).startsWith(f.name));
}

/** The file name is the authority for the id (a copied file keeps its old inner id until it is next saved). */
function metaOf(f: DraftFile, id: string): DraftMeta {
  return {
    id,
    name: f.name,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    revision: f.revision,
    ...(f.templateId ? { templateId: f.templateId } : {}),
    ...(f.origin ? { origin: f.origin } : {}),
    ...(f.occasion ? { occasion: f.occasion } : {}),
    ...(f.audience ? { audience: f.audience } : {}),
    ...(f.date ? { date: f.date } : {}),
    charCount: Docs.charCount(f.doc as SpeechDoc),
    nameFollowsTitle: followsTitle(f),
  };
}

function stripDoc(d: Draft): DraftMeta {
  const { doc: _doc, ...meta } = d;
  return meta;
}
