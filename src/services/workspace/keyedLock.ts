// Small pieces the file-per-item stores share (drafts, versions, library documents).
import { promises as fs } from 'node:fs';

/** Ids of drafts, versions and library documents: the contract's id pattern (tokens, never paths). */
export { ID_RE as STORE_ID_RE } from '../../contract/common';

/** Per-key promise chains: `run(key, fn)` waits for the key's earlier runs (failed or not), so writes to one item never interleave. */
export class KeyedLock {
  private chains = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(fn);
    this.chains.set(key, next);
    try {
      return await next;
    } finally {
      if (this.chains.get(key) === next) this.chains.delete(key);
    }
  }
}

/** The names in `dir`, or [] when the folder does not exist yet; other errors are thrown. */
export async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
