// Heavy work off the thread that answers the UI: the methods that parse or build whole documents (import
// of a file, outline and lint of a file) run in a worker thread with services of its own over
// the same workspace (every write is locked per item across threads and processes, so two sets of services
// are safe). The bridge and the Electron main process wrap their handlers with `withOffload`, so the
// handlers stay as they are and `drafts.list` answers while a 20 MB import runs.
// The worker has a memory cap: an input that still blows up costs the worker, not the app.
import type { Worker } from 'node:worker_threads';
import { ApiError } from '../contract/define';
import type { DispatchResult } from '../contract/dispatch';
import type { AllHandlers, MethodName } from '../contract/index';
import type { OutgoingFile } from '../services/docx/outbox';
import { findWorkerScript, startScriptWorker } from '../services/threads/scriptWorker';

/**
 * The methods run in the worker, their bodies parsed there too (the bridge's raw path). Word export runs
 * there as well when the caller's outbox is given (OffloadOptions.outbox): the worker builds the file and
 * sends its bytes back (moved, not copied), and the file waits in the caller's outbox (docx/outbox.ts) for
 * the save dialog or the download, under an id of that outbox.
 */
export const OFFLOADED_METHODS: readonly MethodName[] = ['drafts.importFile', 'outline.extract', 'lint.draft'] as MethodName[];
/** Run in the worker when an outbox is given; their answers hand over an exported file. */
export const OFFLOADED_EXPORTS: readonly MethodName[] = ['export.docx'] as MethodName[];

export interface OffloadOptions {
  /** The worker script: a bundled .cjs/.js (packaged app), or offloadWorker.ts run through tsx (development, tests). */
  workerEntry?: string;
  /** Heap cap of the worker in MB (default 3072). */
  maxHeapMb?: number;
  /** The outbox the app delivers exported files from: with it, Word export runs in the worker too. */
  outbox?: { put(file: OutgoingFile): string };
}

export interface Offloaded {
  handlers: Partial<AllHandlers>;
  /** Whether `method` runs in the worker. */
  handles(method: string): boolean;
  /**
   * The bridge's path: the request body as received (the chunks of its JSON's bytes, as the socket gave
   * them) is moved, not copied, to the worker, joined, decoded, parsed, validated and answered there, and
   * the serialised DispatchResult comes back as UTF-8 bytes, moved too: a 20 MB body or result never costs
   * the thread that answers the UI a join, decode, JSON.parse, stringify or copy.
   */
  runRaw(method: string, body: readonly Uint8Array[]): Promise<Uint8Array>;
  dispose(): Promise<void>;
}

/** A message to the worker (offloadWorker.ts): a method with its input, or with its request body's chunks. */
export interface WorkerRequest {
  id: number;
  method: string;
  input?: unknown;
  body?: readonly Uint8Array[];
}

/** The worker's answer: the result, or (for a body) the serialised result's bytes; an exported file with it. */
export interface WorkerReply {
  id: number;
  result?: DispatchResult;
  json?: Uint8Array;
  file?: OutgoingFile;
}

type Pending = { resolve: (r: DispatchResult | Uint8Array, file?: OutgoingFile) => void; reject: (e: unknown) => void };

function defaultEntry(): string | null {
  let here: string | undefined;
  try {
    // (inside try: a CommonJS bundle has no import.meta, and __filename instead)
    here = typeof __filename === 'string' ? __filename : import.meta.url;
  } catch {
    return null;
  }
  return findWorkerScript(here, 'offloadWorker');
}

const startWorker = (entry: string, workspaceDir: string, maxHeapMb: number): Worker => startScriptWorker(entry, { workspaceDir }, { maxOldGenerationSizeMb: maxHeapMb });

/**
 * `bytes` as a view that owns its whole ArrayBuffer, so the buffer can be moved to another thread (put it
 * in the transfer list): the bytes themselves when they do, else a copy (a small Buffer lives in Node's
 * shared pool, which must not be moved).
 */
export function movable(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const b = bytes.buffer;
  if (b instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === b.byteLength) return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}

/**
 * Wrap `handlers` so the OFFLOADED_METHODS run in a worker over `workspaceDir`. Without a worker entry
 * (e.g. a bundle that does not ship one) the handlers are returned unchanged.
 */
export function withOffload(handlers: Partial<AllHandlers>, workspaceDir: string, opts: OffloadOptions = {}): Offloaded {
  const entry = opts.workerEntry ?? defaultEntry();
  if (!entry) return { handlers, handles: () => false, runRaw: () => Promise.reject(new Error('no offload worker')), dispose: async () => undefined };
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (err: unknown) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  const ensure = (): Worker => {
    if (worker) return worker;
    const w = startWorker(entry, workspaceDir, opts.maxHeapMb ?? 3072);
    w.unref();
    w.on('message', (m: WorkerReply) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (pending.size === 0) w.unref();
      p?.resolve(m.json ?? m.result!, m.file);
    });
    w.on('error', (err: NodeJS.ErrnoException) => {
      worker = null;
      failAll(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new ApiError('too-large', '内容过大，处理时超出内存上限，未作任何改动 (out of memory)', err.message)
          : new ApiError('internal', `内部错误：后台处理线程出错：${err.message}`),
      );
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      failAll(new ApiError('internal', '内部错误：后台处理线程意外退出'));
    });
    worker = w;
    return w;
  };

  const post = (msg: Omit<WorkerRequest, 'id'>, onFile?: (file: OutgoingFile) => void): Promise<DispatchResult | Uint8Array> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, {
        resolve: (r, file) => {
          if (file) onFile?.(file);
          resolve(r);
        },
        reject,
      });
      const w = ensure();
      w.ref();
      const body = msg.body?.map(movable);
      const request: WorkerRequest = { id, ...msg, body };
      w.postMessage(request, body ? body.map((b) => b.buffer) : []);
    });

  const run = async (method: MethodName, input: unknown): Promise<unknown> => {
    const r = (await post({ method, input })) as DispatchResult;
    if (!r.ok) throw ApiError.fromJSON(r.error);
    return r.value;
  };

  /** An export in the worker: its file is put into the caller's outbox, and the answer names it there. */
  const runExport = async (method: MethodName, input: unknown): Promise<unknown> => {
    let fileId: string | undefined;
    const r = (await post({ method, input }, (file) => (fileId = opts.outbox!.put(file)))) as DispatchResult;
    if (!r.ok) throw ApiError.fromJSON(r.error);
    if (!fileId) throw new ApiError('internal', '内部错误：后台处理线程未交回导出的文件');
    return { ...(r.value as object), fileId, downloadPath: `/download/${fileId}` };
  };

  const wrapped: Partial<AllHandlers> = { ...handlers };
  for (const m of OFFLOADED_METHODS) {
    if (handlers[m]) (wrapped as Record<string, unknown>)[m] = (input: unknown) => run(m, input);
  }
  if (opts.outbox) {
    for (const m of OFFLOADED_EXPORTS) {
      if (handlers[m]) (wrapped as Record<string, unknown>)[m] = (input: unknown) => runExport(m, input);
    }
  }
  const offloaded = new Set<string>(OFFLOADED_METHODS.filter((m) => handlers[m]));
  return {
    handlers: wrapped,
    handles: (method) => offloaded.has(method),
    runRaw: async (method, body) => (await post({ method, body })) as Uint8Array,
    dispose: async () => {
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}
