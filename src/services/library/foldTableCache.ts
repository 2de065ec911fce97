import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { foldRulesKey, foldTable, useFoldTable } from '../../core/normalize/index';
import { writeFileAtomic } from '../workspace/atomic';

// The normaliser's 64 K fold table takes ~100 ms to build (Unicode normalisation of every UTF-16 unit); a
// command that checks against a cached library would spend a third of its time on it. It is kept in the cache
// folder, one file per Node version (Unicode data), after the key of the rules it was built by (core/normalize
// foldRulesKey: the rule version and the OpenCC tables) and the table's checksum, and taken back only under this
// program's key and with a checksum that agrees (a damaged file is never used); otherwise it is built as usual
// and written again.

/** The file starts with the key of the rules (16 hex digits) and the table's checksum (8), then the table. */
const KEY_BYTES = 16;
const HEAD_BYTES = KEY_BYTES + 8;

/** The first 8 hex digits of the table bytes' SHA-256 (natively: a loop in JS ran cold, ~10 ms, once per command). */
function checksum(t: Uint16Array): string {
  return createHash('sha256').update(new Uint8Array(t.buffer, t.byteOffset, t.byteLength)).digest('hex').slice(0, 8);
}

function tableFile(cacheRoot: string): string {
  const v = `${process.versions.node}-u${process.versions.unicode ?? ''}`;
  return path.join(cacheRoot, `fold-${v.replace(/[^\w.-]/g, '_')}.bin`);
}

/** Use the kept table if there is a good one; true if it was taken. */
export async function useKeptFoldTable(cacheRoot: string): Promise<boolean> {
  try {
    const b = await fs.readFile(tableFile(cacheRoot));
    if (b.length !== HEAD_BYTES + 131072) return false;
    const key = b.subarray(0, KEY_BYTES).toString('latin1');
    const at = b.byteOffset + HEAD_BYTES;
    const table = at % 2 === 0 ? new Uint16Array(b.buffer, at, 65536) : new Uint16Array(new Uint8Array(b.subarray(HEAD_BYTES)).buffer);
    if (b.subarray(KEY_BYTES, HEAD_BYTES).toString('latin1') !== checksum(table)) return false;
    return useFoldTable(table, key);
  } catch {
    return false;
  }
}

/** Keep the table (built now if needed) for the next process; a failure is ignored (it is only a cache). */
export async function keepFoldTable(cacheRoot: string): Promise<void> {
  try {
    const t = foldTable();
    const out = new Uint8Array(HEAD_BYTES + t.byteLength);
    out.set(Buffer.from(foldRulesKey() + checksum(t), 'latin1'));
    out.set(new Uint8Array(t.buffer, t.byteOffset, t.byteLength), HEAD_BYTES);
    await fs.mkdir(cacheRoot, { recursive: true });
    await writeFileAtomic(tableFile(cacheRoot), out);
  } catch {
    /* a read-only or full cache folder: built again next time */
  }
}
