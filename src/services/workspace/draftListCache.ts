// The summaries `drafts.list` shows (name, revision, character count…), kept per draft so a listing never
// parses a big draft file again: one small file per draft, `.cache/draft-list/<id>.json`, holding the
// summary and the identity of the draft file it describes (inode, size, modification time in ns). Any change
// to the draft file (a save by this or another process or thread, an edit by hand, a copy) changes that
// identity, and the listing then reads the file itself as before. Whoever writes a draft records its
// summary before the file is renamed into place (atomic.ts `beforeRename`), so a listing in another thread —
// the app's while the offload worker imports a 20 MB file — never meets the new file without its summary.
import { promises as fs, type BigIntStats } from 'node:fs';
import path from 'node:path';
import type { DraftMeta } from '../../contract/drafts';
import { writeFileAtomic } from './atomic';

const FORMAT = 1;
/** A summary file is a few hundred bytes; anything larger is not ours. */
const MAX_ENTRY_BYTES = 64 * 1024;

interface Entry {
  v: number;
  key: string;
  meta: DraftMeta;
}

/** The identity of a file's content as far as the listing is concerned. */
export function fileKey(st: BigIntStats): string {
  return `${st.ino}:${st.size}:${st.mtimeNs}`;
}

function plausible(e: unknown, id: string): e is Entry {
  if (!e || typeof e !== 'object') return false;
  const { v, key, meta } = e as Partial<Entry>;
  if (v !== FORMAT || typeof key !== 'string' || !meta || typeof meta !== 'object') return false;
  const m = meta as Partial<DraftMeta>;
  return m.id === id && typeof m.name === 'string' && typeof m.revision === 'number' && typeof m.updatedAt === 'string' && typeof m.createdAt === 'string' && typeof m.charCount === 'number';
}

export class DraftListCache {
  private mem = new Map<string, Entry>();

  constructor(readonly dir: string) {}

  private fileOf(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  /** The summary of draft `id` if it describes the file whose stats are `st`, else null. */
  async lookup(id: string, st: BigIntStats): Promise<DraftMeta | null> {
    const key = fileKey(st);
    const hit = this.mem.get(id);
    if (hit?.key === key) return hit.meta;
    try {
      const fh = await fs.open(this.fileOf(id), 'r');
      let text: string;
      try {
        const s = await fh.stat();
        if (!s.isFile() || s.size > MAX_ENTRY_BYTES) return null;
        text = await fh.readFile('utf8');
      } finally {
        await fh.close();
      }
      const e: unknown = JSON.parse(text);
      if (!plausible(e, id) || e.key !== key) return null;
      this.mem.set(id, e);
      return e.meta;
    } catch {
      return null;
    }
  }

  /**
   * Record `meta` as the summary of the file whose stats are `st` (the draft file as it was read, or its
   * temp file about to be renamed into place). Best effort: a cache that cannot be written only costs the
   * next listing a full read.
   */
  async remember(id: string, st: BigIntStats, meta: DraftMeta): Promise<void> {
    const e: Entry = { v: FORMAT, key: fileKey(st), meta };
    this.mem.set(id, e);
    try {
      await fs.mkdir(this.dir, { recursive: true });
      // No fsync: a lost summary is keyed to no file, i.e. a miss.
      await writeFileAtomic(this.fileOf(id), JSON.stringify(e), { durable: false });
    } catch {
      // best effort (read-only workspace, full disk): the listing reads the draft itself
    }
  }

  /**
   * The summary of draft `id` stored at `file`: the cached one while it describes the file, else `read()`'s
   * (which parses the file and throws if it is damaged), then cached.
   */
  async summary(id: string, file: string, read: () => Promise<DraftMeta>): Promise<DraftMeta> {
    const st = await fs.stat(file, { bigint: true }).catch(() => null);
    const cached = st?.isFile() ? await this.lookup(id, st) : null;
    if (cached) return cached;
    const meta = await read();
    if (st?.isFile()) await this.remember(id, st, meta);
    return meta;
  }

  /** Record `meta` for the file at `file` (see remember). */
  async rememberFile(id: string, file: string, meta: DraftMeta): Promise<void> {
    const st = await fs.stat(file, { bigint: true }).catch(() => null);
    if (st) await this.remember(id, st, meta);
  }

  /** The draft went (deleted): its summary goes too. */
  async forget(id: string): Promise<void> {
    this.mem.delete(id);
    await fs.rm(this.fileOf(id), { force: true }).catch(() => undefined);
  }
}
