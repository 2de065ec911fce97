// Which hashes may have postings in the team library, known to the client (table hash_presence, schema 8).
// Most of a draft's k-gram hashes are in no document (sources keep only their winnowed fingerprints): of a
// 20,000-character draft's ~18,000 hashes, ~16,000 find nothing, and each costs the server a B-tree probe.
// Every import batch writes, in its own transaction, the distinct 28-bit prefixes of its fingerprints' hashes
// (ascending, as varint deltas: ~2 bytes a prefix). A long-lived client (the app, a bench) keeps a bitmap of
// all prefixes (32 MB), reads the rows it has not seen before each check, and sends the server only the hashes
// whose prefix is set. A hash with postings always has its prefix set (its batch's row committed with its
// fingerprints), so the check is exactly the same; removals leave their prefixes (only a few more probes).
import type pg from 'pg';
import { VarintReader, writeVarint } from '../../core/search/varint';

export const PRESENCE_BITS = 28;
const SHIFT = 32 - PRESENCE_BITS;

/**
 * The hash_presence row of a batch: the distinct prefixes of `hashes` (int4 or uint32), ascending, as varint
 * deltas. `order`, if given, lists the hashes' indexes in unsigned order (the importer's rows are in that order
 * already), which spares sorting them.
 */
export function presenceRow(hashes: ArrayLike<number>, order?: ArrayLike<number>): Buffer {
  const n = hashes.length;
  const prefixes = new Uint32Array(n);
  if (order) for (let i = 0; i < n; i++) prefixes[i] = hashes[order[i]] >>> SHIFT;
  else {
    for (let i = 0; i < n; i++) prefixes[i] = hashes[i] >>> SHIFT;
    prefixes.sort();
  }
  const out = Buffer.allocUnsafe(5 * n);
  let o = 0;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const p = prefixes[i];
    if (p === last) continue;
    if (p < last) throw new Error('presenceRow: hashes not in the order given');
    o = writeVarint(out, o, last < 0 ? p : p - last);
    last = p;
  }
  return out.subarray(0, o);
}

/**
 * Fill hash_presence from the fingerprints (a library imported before schema 8): one row per 1/64 of the hash
 * range, the prefixes read in order from the B-tree on (hash, doc, pos). Run under the import lock.
 */
export async function buildPresenceRows(db: pg.ClientBase): Promise<void> {
  const PARTS = 64;
  const step = 2 ** 32 / PARTS;
  for (let i = 0; i < PARTS; i++) {
    // the range of uint32 hashes [i·step, (i+1)·step) as int4 bounds
    const lo = (i * step) | 0;
    const hi = ((i + 1) * step - 1) | 0;
    const r = await db.query<{ p: string | null }>(
      `SELECT string_agg(p::text, ',' ORDER BY p) AS p FROM (SELECT DISTINCT (hash::int8 & 4294967295) >> ${SHIFT} AS p FROM fingerprints WHERE hash BETWEEN $1 AND $2) s`,
      [lo, hi],
    );
    const text = r.rows[0]?.p;
    if (!text) continue;
    await db.query('INSERT INTO hash_presence (prefixes) VALUES ($1)', [presenceRow(text.split(',').map((s) => Number(s) << SHIFT))]);
  }
}

/** The client's bitmap of the library's hash prefixes, brought up to date by `refresh`. */
export class PresenceFilter {
  private readonly bits = new Uint32Array(2 ** (PRESENCE_BITS - 5));
  private readonly seen = new Set<string>();

  /** Read the rows not seen yet (ids of batches committed out of order are caught too: all ids are listed). */
  async refresh(db: pg.ClientBase | pg.Pool): Promise<void> {
    const ids = (await db.query<{ id: string }>('SELECT id FROM hash_presence')).rows.map((r) => r.id).filter((id) => !this.seen.has(id));
    if (!ids.length) return;
    const rows = await db.query<{ id: string; prefixes: Buffer }>('SELECT id, prefixes FROM hash_presence WHERE id = ANY($1::int8[])', [ids]);
    for (const row of rows.rows) {
      const r = new VarintReader(row.prefixes);
      let p = 0;
      for (let first = true; r.at < row.prefixes.length; first = false) {
        p = first ? r.next() : p + r.next();
        this.bits[p >>> 5] |= 1 << (p & 31);
      }
      this.seen.add(row.id);
    }
  }

  /** The hashes whose prefix is in the library (the others certainly have no postings). */
  filter(hashes: ArrayLike<number>): Uint32Array {
    const out = new Uint32Array(hashes.length);
    let n = 0;
    for (let i = 0; i < hashes.length; i++) {
      const p = hashes[i] >>> SHIFT;
      if (this.bits[p >>> 5] & (1 << (p & 31))) out[n++] = hashes[i];
    }
    return out.subarray(0, n);
  }
}
