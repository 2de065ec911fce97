// The 素材库 import as a plain class: files are sent in batches (the bridge refuses very large requests),
// each batch's job is polled until it ends, and the progress covers the whole import. It outlives the
// dialog (closing the dialog does not stop an import); cancel stops the running batch and the rest.
import { ApiError } from '../../contract/define';
import type { Api } from '../../contract/index';
import type { ImportStatus } from '../../contract/library';

/** Files are sent in batches of at most this many bytes (the bridge refuses requests over ~200 MB). */
export const BATCH_BYTES = 60 * 1024 * 1024;
/** How often a running job's progress is asked for. */
export const POLL_MS = 250;

/** A file to import: its name, size and a way to read it. */
export interface ImportFile {
  name: string;
  size: number;
  base64(): Promise<string>;
}

type ImportApi = Pick<Api, 'library.import' | 'library.importStatus' | 'library.cancelImport'>;

export class LibraryImporter {
  private job: ImportStatus | null = null;
  private listeners = new Set<() => void>();
  private cancelled = false;

  constructor(
    private readonly api: ImportApi,
    private readonly opts: { batchBytes?: number; pollMs?: number } = {},
  ) {}

  /** The running or last import's status (null: none, or its notice was closed). */
  get = (): ImportStatus | null => this.job;

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };

  isRunning(): boolean {
    return this.job?.state === 'running';
  }

  /** Forget the finished import's status (its notice was closed, or the import failed). */
  clear(): void {
    this.set(null);
  }

  /** Stop the running batch and do not send the remaining ones. */
  cancel(): void {
    this.cancelled = true;
    if (this.job?.jobId) void this.api['library.cancelImport']({ jobId: this.job.jobId }).catch(() => undefined);
  }

  /** Import `files`; resolves with the final status (state 'done', 'cancelled' or 'error'). */
  async start(files: ImportFile[]): Promise<ImportStatus> {
    const batchBytes = this.opts.batchBytes ?? BATCH_BYTES;
    const tooBig = files.filter((f) => f.size > batchBytes);
    if (tooBig.length) throw new ApiError('too-large', `文件过大（单个文件不超过 ${Math.round(batchBytes / 1048576)} MB）：${tooBig.map((f) => f.name).join('、')}`);
    const batches = batchesOf(files, batchBytes);
    this.cancelled = false;
    // totals over all batches, so the progress bar covers the whole import
    const total: ImportStatus = { jobId: '', state: 'running', totalFiles: files.length, doneFiles: 0, totalBytes: files.reduce((n, f) => n + f.size, 0) || 1, doneBytes: 0, imported: [], problems: [], duplicates: [], message: '正在读取文件…' };
    this.set({ ...total });
    let last: ImportStatus | null = null;
    for (const batch of batches) {
      if (this.cancelled) break;
      const payload = [];
      for (const f of batch) payload.push({ name: f.name, dataBase64: await f.base64() });
      const { jobId } = await this.api['library.import']({ files: payload });
      for (;;) {
        const s = await this.api['library.importStatus']({ jobId });
        last = s;
        this.set({
          ...s,
          totalFiles: total.totalFiles,
          doneFiles: total.doneFiles + s.doneFiles,
          totalBytes: total.totalBytes,
          doneBytes: total.doneBytes + s.doneBytes,
          imported: [...total.imported, ...s.imported],
          problems: [...total.problems, ...s.problems],
          duplicates: [...total.duplicates, ...s.duplicates],
          state: s.state === 'done' && batch !== batches[batches.length - 1] && !this.cancelled ? 'running' : s.state,
        });
        if (s.state !== 'running') break;
        await new Promise((r) => setTimeout(r, this.opts.pollMs ?? POLL_MS));
      }
      total.doneFiles += last.doneFiles;
      total.doneBytes += last.doneBytes;
      total.imported.push(...last.imported);
      total.problems.push(...last.problems);
      total.duplicates.push(...last.duplicates);
      if (last.state !== 'done') break;
    }
    const final = this.job ?? total;
    if (batches.length > 1 && last) {
      const n = total.imported.filter((d) => !d.alreadyPresent).length;
      final.message = `${last.state === 'cancelled' || this.cancelled ? '已取消：取消前' : ''}已导入 ${n} 篇（分 ${batches.length} 批）` + (total.problems.length ? `，${total.problems.length} 个问题` : '');
      final.state = last.state === 'done' && !this.cancelled ? 'done' : last.state;
      this.set({ ...final });
    }
    return this.job ?? final;
  }

  private set(s: ImportStatus | null): void {
    this.job = s;
    for (const l of [...this.listeners]) l();
  }
}

/** Consecutive batches of at most `maxBytes` (a file larger than that is a batch of its own). */
export function batchesOf<F extends { size: number }>(files: F[], maxBytes: number): F[][] {
  const batches: F[][] = [];
  let cur: F[] = [];
  let size = 0;
  for (const f of files) {
    if (cur.length && size + f.size > maxBytes) {
      batches.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(f);
    size += f.size;
  }
  if (cur.length) batches.push(cur);
  return batches;
}

const importers = new WeakMap<object, LibraryImporter>();

/** The one importer of an API client (an import outlives the dialog that started it). */
export function importerFor(api: ImportApi): LibraryImporter {
  let i = importers.get(api);
  if (!i) importers.set(api, (i = new LibraryImporter(api)));
  return i;
}
