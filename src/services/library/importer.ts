import { randomBytes } from 'node:crypto';
import { ApiError } from '../../contract/define';
import type { DuplicateGroup, ImportStatus } from '../../contract/library';
import type { ReuseService } from './reuseService';
import { sketchOf } from '../../core/reuse/nearDup';
import { sketchToBase64 } from './nearDup';
import { readLibrarySource, type SourcePart } from './sources';
import { recognizeMeta } from '../../core/library/recognize';
import type { LibraryKind } from '../../core/library/label';
import type { LibraryStore } from './store';

/** A file to import; read lazily so a folder of many files is never all in memory at once. */
export interface ImportInput {
  name: string;
  size: number;
  read(): Promise<Uint8Array>;
}

/** Speaker, date and kind as far as the file tells them (a .jsonl row's fields, else the byline and title). */
export function prefill(p: SourcePart): { speaker?: string; date?: string; kind: LibraryKind } {
  const rec = recognizeMeta(p.title, p.text);
  const speaker = p.speaker ?? rec.speaker;
  const date = p.date ?? rec.date;
  return { ...(speaker ? { speaker } : {}), ...(date ? { date } : {}), kind: rec.kind };
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * Import files into the library: read (decode, clean, split bundles / .jsonl lines), keep the original,
 * store each cleaned document, then bring the index and the near-duplicate groups up to date.
 * Progress is written into `status` as it goes; `isCancelled` is polled between documents. Documents
 * stored before a cancel stay in the library (each one was written atomically and completely).
 */
export async function runImport(
  inputs: ImportInput[],
  deps: { library: LibraryStore; reuse: ReuseService },
  status: ImportStatus,
  opts: { isCancelled?: () => boolean; onProgress?: (s: ImportStatus) => void } = {},
): Promise<ImportStatus> {
  const { library, reuse } = deps;
  const cancelled = () => opts.isCancelled?.() === true;
  status.totalFiles = inputs.length;
  status.totalBytes = inputs.reduce((n, f) => n + f.size, 0);
  const newIds = new Set<string>();
  try {
    for (const input of inputs) {
      if (cancelled()) break;
      status.currentFile = input.name;
      opts.onProgress?.(status);
      const before = status.doneBytes;
      try {
        const bytes = await input.read();
        const read = await readLibrarySource(input.name, bytes);
        for (const p of read.problems) status.problems.push({ file: input.name, ...p });
        if (read.parts.length === 0) status.problems.push({ file: input.name, message: '文件中没有可导入的文本' });
        const stored = await library.keepOriginal(input.name, bytes);
        // documents are written a few at a time (each write is atomic and fsynced; parallel fsyncs batch well)
        const BATCH = 16;
        for (let k = 0; k < read.parts.length; k += BATCH) {
          if (cancelled()) break;
          const batch = read.parts.slice(k, k + BATCH);
          const results = await Promise.all(
            batch.map((p) =>
              library.add({
                title: p.title,
                text: p.text,
                originFile: input.name,
                originalStored: stored,
                ...(p.part !== undefined ? { part: p.part } : {}),
                ...(p.line !== undefined ? { line: p.line } : {}),
                ...(read.encoding ? { encoding: read.encoding } : {}),
                cleanings: p.cleanings,
                ...prefill(p),
                sketch: sketchToBase64(sketchOf(p.text)),
              }),
            ),
          );
          results.forEach(({ meta, alreadyPresent }, j) => {
            if (!alreadyPresent) newIds.add(meta.id);
            const cleanings = batch[j].cleanings;
            status.imported.push({ id: meta.id, title: meta.title, originFile: input.name, chars: meta.chars, cleanings, ...(alreadyPresent ? { alreadyPresent } : {}) });
          });
          status.doneBytes = before + Math.round((input.size * Math.min(read.parts.length, k + BATCH)) / read.parts.length);
          opts.onProgress?.(status);
          await yieldToLoop();
        }
      } catch (err) {
        const e = ApiError.from(err);
        status.problems.push({ file: input.name, message: e.message });
      }
      status.doneBytes = before + input.size;
      if (!cancelled()) status.doneFiles++;
      opts.onProgress?.(status);
      await yieldToLoop();
    }
    status.currentFile = undefined;
    if (newIds.size > 0 || status.imported.length > 0) {
      status.message = '正在更新索引和近似重复分组…';
      opts.onProgress?.(status);
      const groups = await reuse.refreshGroups([...newIds]);
      const importedIds = new Set(status.imported.map((d) => d.id));
      status.duplicates = groups.filter((g: DuplicateGroup) => g.members.some((m) => importedIds.has(m.id)));
    }
    status.state = cancelled() ? 'cancelled' : 'done';
    status.message = importSummary(status);
  } catch (err) {
    status.state = 'failed';
    status.message = ApiError.from(err).message;
  }
  opts.onProgress?.(status);
  return status;
}

/** What an import did, in one line: imported, already there, near-duplicate groups, problems; `where` names the library. */
export function importSummary(status: ImportStatus, where = ''): string {
  const n = status.imported.filter((d) => !d.alreadyPresent).length;
  return (
    (status.state === 'cancelled' ? `已取消：取消前已导入 ${n} 篇` : `已导入 ${n} 篇`) +
    where +
    (status.imported.length > n ? `，${status.imported.length - n} 篇已在素材库中` : '') +
    (status.duplicates.length ? `，发现 ${status.duplicates.length} 组近似重复文档（每组只算一个来源）` : '') +
    (status.problems.length ? `，${status.problems.length} 个问题` : '')
  );
}

/** An import into some backend: progress written into `status`, `isCancelled` polled between documents. */
export type ImportRun = (inputs: ImportInput[], status: ImportStatus, opts: { isCancelled?: () => boolean }) => Promise<ImportStatus>;

export function newImportStatus(jobId = 'job' + Date.now().toString(36) + randomBytes(3).toString('hex')): ImportStatus {
  return { jobId, state: 'running', totalFiles: 0, doneFiles: 0, totalBytes: 0, doneBytes: 0, imported: [], problems: [], duplicates: [] };
}

/** Background import jobs of the app: start, poll, cancel. Finished jobs are kept for a while for polling. */
export class ImportJobs {
  private jobs = new Map<string, { status: ImportStatus; cancel: boolean; done: Promise<ImportStatus> }>();
  private readonly run: ImportRun;

  /** The embedded library's import, or another backend's (a function with runImport's contract). */
  constructor(deps: { library: LibraryStore; reuse: ReuseService } | ImportRun) {
    this.run = typeof deps === 'function' ? deps : (inputs, status, opts) => runImport(inputs, deps, status, opts);
  }

  start(inputs: ImportInput[]): string {
    const status = newImportStatus();
    const job = { status, cancel: false, done: Promise.resolve(status) };
    job.done = this.run(inputs, status, { isCancelled: () => job.cancel });
    this.jobs.set(status.jobId, job);
    // forget old finished jobs
    if (this.jobs.size > 50) {
      for (const [id, j] of this.jobs) if (j.status.state !== 'running' && this.jobs.size > 50) this.jobs.delete(id);
    }
    return status.jobId;
  }

  status(jobId: string): ImportStatus {
    const j = this.jobs.get(jobId);
    if (!j) throw new ApiError('not-found', `没有这个导入任务：${jobId}`);
    return structuredClone(j.status);
  }

  cancel(jobId: string): ImportStatus {
    const j = this.jobs.get(jobId);
    if (!j) throw new ApiError('not-found', `没有这个导入任务：${jobId}`);
    j.cancel = true;
    return structuredClone(j.status);
  }

  /** Resolves when the job has finished (tests, CLI). */
  async wait(jobId: string): Promise<ImportStatus> {
    const j = this.jobs.get(jobId);
    if (!j) throw new ApiError('not-found', `没有这个导入任务：${jobId}`);
    return structuredClone(await j.done);
  }
}
