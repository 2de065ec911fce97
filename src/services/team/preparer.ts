// Where an import's batches are prepared (prepare.ts): in a worker thread, so that on a machine with two or
// more cores the next batch is fingerprinted, sketched and indexed while this thread feeds the current
// batch's transaction and groups its near-duplicates — or on this thread, as steps between the event
// loop's turns: the first batch, and every batch when the build ships no worker script, when the worker
// cannot run (it stopped: what it had pending is prepared here instead), or with
// SPEECHDRAFT_PREPARE_IN_THREAD=1 (for measuring).
import type { Worker } from 'node:worker_threads';
import { findWorkerScript, startScriptWorker } from '../threads/scriptWorker';
import { fromWire, prepareBatch, type PreparedBatch, type TeamDocInput, type WireBatch } from './prepare';

export interface PrepareRequest {
  id: number;
  docs: readonly TeamDocInput[];
}
export type PrepareReply = { id: number; batch: WireBatch; error?: undefined } | { id: number; error: string; batch?: undefined };

interface Pending {
  docs: readonly TeamDocInput[];
  resolve: (b: PreparedBatch) => void;
  reject: (e: unknown) => void;
}

function workerScript(): string | null {
  let here: string | undefined;
  try {
    // (inside try: a CommonJS bundle has no import.meta, and __filename instead)
    here = typeof __filename === 'string' ? __filename : import.meta.url;
  } catch {
    return null;
  }
  return findWorkerScript(here, 'prepareWorker');
}

export class BatchPreparer {
  /** undefined: not started yet; null: none (no script, asked not to, or stopped). */
  private worker: Worker | null | undefined;
  private calls = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /**
   * `useWorker` false: every batch on this thread. Otherwise the first batch is prepared here (the first
   * transaction waits for it wherever it runs) and the worker starts with the second: an import of one
   * batch never starts a thread.
   */
  constructor(private readonly useWorker = process.env.SPEECHDRAFT_PREPARE_IN_THREAD !== '1') {
    if (!useWorker) this.worker = null;
  }

  /** Whether batches are prepared in a worker thread (from the second on, until it stops). */
  get inWorker(): boolean {
    return !!this.worker;
  }

  private start(): Worker | null {
    const entry = workerScript();
    if (!entry) return null;
    let w: Worker;
    try {
      w = startScriptWorker(entry, {});
    } catch {
      return null;
    }
    w.on('message', (m: PrepareReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.batch) p.resolve(fromWire(m.batch, p.docs));
      else p.reject(new Error(m.error));
    });
    const stopped = () => {
      if (this.worker !== w) return;
      this.worker = null;
      // what the worker had not answered is prepared here
      const left = [...this.pending.values()];
      this.pending.clear();
      for (const p of left) prepareBatch(p.docs).then(p.resolve, p.reject);
    };
    w.on('error', stopped);
    w.on('exit', stopped);
    return w;
  }

  prepare(docs: readonly TeamDocInput[]): Promise<PreparedBatch> {
    if (this.calls++ === 0) return prepareBatch(docs);
    if (this.worker === undefined) this.worker = this.start();
    const w = this.worker;
    if (!w) return prepareBatch(docs);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { docs, resolve, reject });
      const msg: PrepareRequest = { id, docs };
      w.postMessage(msg);
    });
  }

  /** Stop the worker; a batch still pending is not prepared (its promise rejects). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    const left = [...this.pending.values()];
    this.pending.clear();
    for (const p of left) p.reject(new Error('import stopped'));
    await w?.terminate();
  }
}
