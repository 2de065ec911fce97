import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../contract/define';
import type { DraftMeta } from '../../contract/drafts';
import type { Version, VersionListEntry, VersionMeta, VersionReason } from '../../contract/versions';
import { Docs } from '../../core/model/block';
import type { SpeechDoc } from '../../core/model/types';
import { isAtomicTempFile, writeFileAtomic } from '../workspace/atomic';
import type { DraftStore } from '../workspace/draftStore';
import { readdirOrEmpty, StoreLock, STORE_ID_RE as ID_RE } from '../workspace/keyedLock';
import { readRegularText } from '../workspace/safeRead';
import { rethrowNamed } from '../workspace/storageErrors';
import { LIMITS } from '../../contract/limits';
import type { WorkspaceLayout } from '../workspace/layout';
import { contentHash, metaOf, parseVersionFile, serializeVersion } from './versionFile';

const SUFFIX = '.json';
/** A version file larger than this is treated as damaged: the draft limit, so a version of any draft can be read. */
export const MAX_VERSION_BYTES = LIMITS.maxDraftFileBytes;

export function newVersionId(): string {
  return `v${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export interface SnapshotResult extends VersionMeta {
  /** True when the newest version already held exactly this content, so no new file was written. */
  reused?: boolean;
}

/**
 * Versions of drafts, stored apart from the working copy: `versions/<draftId>/<versionId>.json`, one file per
 * version, written once atomically. The draft file never grows with its versions. A damaged version file is
 * listed as damaged and never overwritten; the others still open.
 */
export class VersionStore {
  /** Per draft, across processes (another window, the CLI): reading the newest version and writing the next are one step. */
  private locks: StoreLock;
  /** Parsed list entries by file, reused while the file's size and mtime are unchanged (versions are written once). */
  private metaCache = new Map<string, { size: number; mtimeMs: number; entry: VersionListEntry }>();

  constructor(
    readonly layout: WorkspaceLayout,
    private readonly drafts: DraftStore,
  ) {
    this.locks = new StoreLock(layout.locksDir, 'versions', '版本');
  }

  dirOf(draftId: string): string {
    if (!ID_RE.test(draftId)) throw new ApiError('invalid-input', `无效的文稿编号：${draftId.slice(0, 80)}`);
    return path.join(this.layout.versionsDir, draftId);
  }

  fileOf(draftId: string, versionId: string): string {
    if (!ID_RE.test(versionId)) throw new ApiError('invalid-input', `无效的版本编号：${versionId.slice(0, 80)}`);
    return path.join(this.dirOf(draftId), versionId + SUFFIX);
  }

  private withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.locks.run(id, fn);
  }

  /** Newest first. Damaged files come last, with the reason. */
  async list(draftId: string): Promise<VersionListEntry[]> {
    const dir = this.dirOf(draftId);
    const names = await readdirOrEmpty(dir);
    const ok: Array<{ status: 'ok' } & VersionMeta> = [];
    const damaged: VersionListEntry[] = [];
    await Promise.all(
      names
        .filter((n) => n.endsWith(SUFFIX) && !isAtomicTempFile(n))
        .map(async (name) => {
          const id = name.slice(0, -SUFFIX.length);
          const file = path.join(dir, name);
          let entry: VersionListEntry;
          try {
            const st = await fs.stat(file);
            const cached = this.metaCache.get(file);
            if (cached && cached.size === st.size && cached.mtimeMs === st.mtimeMs) entry = cached.entry;
            else {
              try {
                const v = parseVersionFile(await readRegularText(file, MAX_VERSION_BYTES));
                if (v.id !== id || v.draftId !== draftId) throw new Error(`编号与文件名不符 (id mismatch: ${v.draftId}/${v.id})`);
                entry = { status: 'ok', ...metaOf(v) };
              } catch (err) {
                entry = { status: 'damaged', id, fileName: name, error: (err as Error).message };
              }
              this.metaCache.set(file, { size: st.size, mtimeMs: st.mtimeMs, entry });
            }
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // removed meanwhile
            entry = { status: 'damaged', id, fileName: name, error: (err as Error).message };
          }
          if (entry.status === 'ok') ok.push(entry);
          else damaged.push(entry);
        }),
    );
    ok.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    damaged.sort((a, b) => a.id.localeCompare(b.id));
    return [...ok, ...damaged];
  }

  async get(draftId: string, versionId: string): Promise<Version> {
    const file = this.fileOf(draftId, versionId);
    let text: string;
    try {
      // A directory, FIFO, device or an oversized file under a version's name is damaged, not an internal error.
      text = await readRegularText(file, MAX_VERSION_BYTES);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ApiError('not-found', `找不到版本：${versionId}`);
      throw new ApiError('damaged', `版本文件已损坏，无法打开：${(err as Error).message}（其他版本不受影响）`, String((err as NodeJS.ErrnoException).code));
    }
    try {
      const v = parseVersionFile(text);
      if (v.id !== versionId || v.draftId !== draftId) throw new Error(`编号与文件名不符 (id mismatch: ${v.draftId}/${v.id})`);
      return v;
    } catch (err) {
      throw new ApiError('damaged', `版本文件已损坏，无法打开：${path.basename(file)}（其他版本不受影响）`, (err as Error).message);
    }
  }

  /** The newest readable version (or null). Version ids start with the creation time, so names sort by age. */
  async latest(draftId: string): Promise<VersionMeta | null> {
    const names = await readdirOrEmpty(this.dirOf(draftId));
    const sorted = names.filter((n) => n.endsWith(SUFFIX) && !isAtomicTempFile(n)).sort().reverse();
    for (const name of sorted) {
      try {
        const v = parseVersionFile(await readRegularText(path.join(this.dirOf(draftId), name), MAX_VERSION_BYTES));
        if (v.draftId === draftId) return metaOf(v);
      } catch {
        // damaged: look at the next older one
      }
    }
    return null;
  }

  /**
   * 保存版本: a new version of the draft's saved content — or of `doc` (the editor's content), which is then
   * saved to the draft first so the version and the working copy agree.
   */
  async save(draftId: string, label: string, opts: { reason?: VersionReason; doc?: SpeechDoc; baseRevision?: number } = {}): Promise<VersionMeta> {
    return this.withLock(draftId, async () => {
      if (opts.doc) await this.drafts.save(draftId, opts.doc, opts.baseRevision);
      const d = await this.drafts.get(draftId);
      return this.write(draftId, label, opts.reason ?? 'manual', d);
    });
  }

  /**
   * Automatic version (before an export, before a restore): what other services call, e.g.
   * `ctx.versions.snapshot(draftId, '导出前', 'before-export')`. When the newest version already holds exactly
   * the current content, it is returned instead of writing a duplicate.
   */
  async snapshot(draftId: string, label: string, reason: VersionReason = 'before-export'): Promise<SnapshotResult> {
    return this.withLock(draftId, () => this.snapshotUnlocked(draftId, label, reason));
  }

  private async snapshotUnlocked(draftId: string, label: string, reason: VersionReason): Promise<SnapshotResult> {
    const d = await this.drafts.get(draftId);
    const last = await this.latest(draftId);
    if (last && last.contentHash === contentHash(d.doc)) return { ...last, reused: true };
    return this.write(draftId, label, reason, d);
  }

  private async write(draftId: string, label: string, reason: VersionReason, d: DraftMeta & { doc: SpeechDoc }): Promise<VersionMeta> {
    const v: Version = {
      id: newVersionId(),
      draftId,
      label: label.trim().slice(0, 60) || '未命名版本',
      reason,
      createdAt: new Date().toISOString(),
      draftRevision: d.revision,
      draftName: d.name,
      charCount: Docs.charCount(d.doc),
      contentHash: contentHash(d.doc),
      doc: d.doc,
    };
    const text = serializeVersion(v);
    if (Buffer.byteLength(text) > MAX_VERSION_BYTES) throw new ApiError('too-large', `版本过大（超过 ${MAX_VERSION_BYTES / 1048576} MB），未保存`);
    await fs.mkdir(this.dirOf(draftId), { recursive: true }).catch(rethrowNamed('版本'));
    await writeFileAtomic(this.fileOf(draftId, v.id), text, { subject: '版本' });
    return metaOf(v);
  }

  /**
   * Make a version the draft's current text. The current text is versioned first (恢复前自动保存), so
   * nothing is lost; a damaged version or a stale `baseRevision` changes nothing.
   */
  async restore(draftId: string, versionId: string, baseRevision?: number): Promise<{ draft: DraftMeta; backup: VersionMeta; restored: VersionMeta }> {
    return this.withLock(draftId, async () => {
      const v = await this.get(draftId, versionId);
      // Without a base revision (the CLI), a save elsewhere between reading and saving is retried: each try
      // versions the text it replaces first, and the save only lands on exactly that revision.
      for (let attempt = 0; ; attempt++) {
        const cur = await this.drafts.get(draftId);
        if (baseRevision !== undefined && baseRevision !== cur.revision) {
          throw new ApiError('conflict', '文稿已在别处修改，未恢复 (saved copy is newer)', `base ${baseRevision}, disk ${cur.revision}`);
        }
        const backup = await this.snapshotUnlocked(draftId, `恢复「${v.label}」前`, 'before-restore');
        try {
          const draft = await this.drafts.save(draftId, v.doc, cur.revision);
          return { draft, backup: stripReused(backup), restored: metaOf(v) };
        } catch (err) {
          if (baseRevision !== undefined || attempt >= 200 || !(err instanceof ApiError) || err.code !== 'conflict') throw err;
          // another writer saves at the same moment: back off a little (randomly) so that this try can land
          await new Promise((r) => setTimeout(r, 2 + Math.random() * Math.min(50, 5 * (attempt + 1))));
        }
      }
    });
  }
}

function stripReused(s: SnapshotResult): VersionMeta {
  const { reused: _r, ...m } = s;
  return m;
}
