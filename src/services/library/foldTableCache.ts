import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FOLD_RULES_VERSION, foldTable, useFoldTable } from '../../core/normalize/index';
import { writeFileAtomic } from '../workspace/atomic';

// The normaliser's 64 K fold table takes ~100 ms to build (Unicode normalisation of every UTF-16 unit); a
// command that checks against a cached library would spend a third of its time on it. It is kept in the cache
// folder, one file per Node version (Unicode data) and rule version, and taken back only if it agrees with the
// rules on a sample (core/normalize useFoldTable); otherwise it is built as usual and written again.

function tableFile(cacheRoot: string): string {
  const v = `${process.versions.node}-u${process.versions.unicode ?? ''}-r${FOLD_RULES_VERSION}`;
  return path.join(cacheRoot, `fold-${v.replace(/[^\w.-]/g, '_')}.bin`);
}

/** Use the kept table if there is a good one; true if it was taken. */
export async function useKeptFoldTable(cacheRoot: string): Promise<boolean> {
  try {
    const b = await fs.readFile(tableFile(cacheRoot));
    if (b.length !== 131072) return false;
    const table = b.byteOffset % 2 === 0 ? new Uint16Array(b.buffer, b.byteOffset, 65536) : new Uint16Array(new Uint8Array(b).buffer);
    return useFoldTable(table);
  } catch {
    return false;
  }
}

/** Keep the table (built now if needed) for the next process; a failure is ignored (it is only a cache). */
export async function keepFoldTable(cacheRoot: string): Promise<void> {
  try {
    const t = foldTable();
    await fs.mkdir(cacheRoot, { recursive: true });
    await writeFileAtomic(tableFile(cacheRoot), new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
  } catch {
    /* a read-only or full cache folder: built again next time */
  }
}
