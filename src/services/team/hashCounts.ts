// Posting counts of the frequent hashes (table hash_counts, schema version 7). A check needs, for every
// k-gram of the draft, the first MAX_POSTINGS_PER_HASH postings and the total count (what the embedded
// index's lookup returns: the count sets a passage's document frequency). Counting a frequent hash's
// postings in the B-tree reads all of them — at 10⁵ documents about a million index entries for a
// 20,000-character draft, more than the postings themselves. So the counts of the hashes with more than
// MAX_POSTINGS_PER_HASH postings are kept in a table built after a bulk load (and by `server migrate`
// when it is empty).
//
// Rule, for exact counts whatever the table holds: a row present is exact (each import batch adds its
// postings to the rows of its hashes, each removal subtracts them, in the same transaction); a hash
// without a row is counted in the B-tree. A hash that becomes frequent through ordinary imports is just
// counted live until the next rebuild. A bulk load empties the table first (its batches do not keep it
// up to date) and rebuilds it at the end; interrupted, the table stays empty: slower checks, same results.
import type pg from 'pg';
import { MAX_POSTINGS_PER_HASH } from '../../core/reuse/index';
import { int4Array } from './int4';

/** Fill the (empty) table from the fingerprints: one pass over the B-tree on (hash, doc, pos). Run under the import lock. */
export const REBUILD_HASH_COUNTS_SQL = `INSERT INTO hash_counts (hash, n)
SELECT hash, count(*) FROM fingerprints GROUP BY hash HAVING count(*) > ${MAX_POSTINGS_PER_HASH}`;

/** Distinct hashes of fingerprint rows and how many rows each. */
function multiplicities(hashes: ArrayLike<number>): { hash: number[]; k: number[] } {
  const m = new Map<number, number>();
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i] | 0;
    m.set(h, (m.get(h) ?? 0) + 1);
  }
  return { hash: [...m.keys()], k: [...m.values()] };
}

/**
 * Keep the rows of hash_counts exact after fingerprint rows of `hashes` (one entry per row) were added
 * (sign 1) or removed (sign −1) in the current transaction, under the import lock.
 */
export async function adjustHashCounts(client: pg.ClientBase, hashes: ArrayLike<number>, sign: 1 | -1): Promise<void> {
  if (!hashes.length) return;
  const { hash, k } = multiplicities(hashes);
  await client.query(`UPDATE hash_counts c SET n = c.n + $3::int4 * b.k FROM unnest($1::int4[], $2::int4[]) AS b(hash, k) WHERE c.hash = b.hash`, [
    int4Array(hash),
    int4Array(k),
    sign,
  ]);
}
