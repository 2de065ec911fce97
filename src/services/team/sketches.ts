// The sampled fingerprints (near-duplicate sketches) of the team library's documents, kept in memory by an
// importing process so that placing a batch into its near-duplicate groups costs what the batch's own
// samples cost, not a query returning every document that shares one sample with it (in an archive that is
// most of the library). Brought up to date under the import lock with the documents committed since (ids
// grow: they are given under that lock), so concurrent importers each see everything committed before them.
//
// An archive holds tens of millions of samples (17 M for 10⁵ documents of 3,000 characters), more than a
// JavaScript Map can hold (2²⁴ keys) and several hundred megabytes as one array per sample. So the samples
// are kept in typed arrays: every document's sketch in one pool, and an inverted index over the pool
// (sorted unique samples, and for each the documents holding it) built by sorting when much was read at
// once; the documents added after the last build are looked up in a small Map beside it.
import type pg from 'pg';
import { stockPhraseCap } from '../../core/reuse/nearDup';
import { parseInts } from './int4';
import { indexOfSorted, radixSortPairs } from '../../core/model/sorted';

/** Documents read at a time by refresh(). */
const REFRESH_PAGE = 5000;
/** Samples added since the last build beyond which the index is built again (and at least a quarter of it). */
const REBUILD_AFTER = 1 << 20;
/** Samples of recent documents at which the index is built again however large it is. */
const RECENT_MAX = 8 << 20;

/** Buckets of the index's directory: 2²⁰ (4 MB), about one bucket a sample at 10⁵ documents. */
const DIR_BITS = 20;

/** `a` grown to hold at least `n` (its contents kept). */
function growInt32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

/** A growable Int32Array. */
class Int32Pool {
  a = new Int32Array(1024);
  n = 0;
  push(values: ArrayLike<number>): void {
    if (this.n + values.length > this.a.length) {
      const b = new Int32Array(Math.max(this.a.length * 2, this.n + values.length));
      b.set(this.a.subarray(0, this.n));
      this.a = b;
    }
    for (let i = 0; i < values.length; i++) this.a[this.n + i] = values[i] | 0;
    this.n += values.length;
  }
}

export class LibrarySketches {
  private maxId = 0;
  /** Ids of the documents by dense number (ascending). */
  private readonly ids: number[] = [];
  /** Document k's sketch (int4 values as stored) is pool[start[k] … start[k + 1]). */
  private readonly pool = new Int32Pool();
  private readonly start: number[] = [0];
  /** The inverted index over the sketches of the documents before `recent`'s: sorted unique samples (uint32), and their documents. */
  private hashes = new Uint32Array(0);
  /** hashes[dir[b] … dir[b + 1]) are the samples whose top dirBits bits are b (samples are uniform: about one a bucket). */
  private dir: Int32Array | null = null;
  private offsets = new Int32Array(1);
  private postDocs = new Int32Array(0);
  /** Samples of the documents added since the build → their dense numbers. */
  private recent = new Map<number, number[]>();
  private recentSamples = 0;
  /** Documents 0 … indexed − 1 are in the index or in `recent`. */
  private indexed = 0;
  private counts = new Int32Array(0);
  /** Scratch of candidates(): the documents touched. */
  private touched: Int32Array<ArrayBuffer> = new Int32Array(1024);

  /** `page`: documents read at a time by refresh(); `rebuildAfter`: see REBUILD_AFTER; `dirBits`: see DIR_BITS (all small in tests). */
  constructor(
    private readonly page = REFRESH_PAGE,
    private readonly rebuildAfter = REBUILD_AFTER,
    private readonly dirBits = DIR_BITS,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  /**
   * Read the sketches committed since the last call (call under the import lock, before inserting): in pages
   * of REFRESH_PAGE documents (one result of a whole archive's sketches would be gigabytes of text), each
   * sketch as one text of numbers split here (several times faster than the driver's array parser).
   */
  async refresh(client: pg.ClientBase): Promise<void> {
    for (;;) {
      const r = await client.query<{ id: number; sketch: string }>(`SELECT id, array_to_string(sketch, ',') AS sketch FROM documents WHERE id > $1 ORDER BY id LIMIT $2`, [this.maxId, this.page]);
      for (const row of r.rows) this.append(row.id, parseInts(row.sketch));
      if (r.rows.length < this.page) break;
    }
    // rebuilt as the library grows by a quarter (amortised: a few sorts of the whole), and at the latest after
    // RECENT_MAX samples (the Map stays far below its 2²⁴ keys)
    if (this.recentSamples > Math.max(this.rebuildAfter, Math.min(this.postDocs.length / 4, RECENT_MAX))) this.build();
    else this.indexRecent();
  }

  /** A committed document (its sketch as stored: int4 values). */
  add(id: number, sketch: ArrayLike<number>): void {
    if (this.append(id, sketch)) this.indexRecent();
  }

  private append(id: number, sketch: ArrayLike<number>): boolean {
    if (id <= this.maxId) return false;
    this.maxId = id;
    this.ids.push(id);
    this.pool.push(sketch);
    this.start.push(this.pool.n);
    this.recentSamples += sketch.length;
    return true;
  }

  /** Documents appended but in neither the index nor `recent`: into `recent`. */
  private indexRecent(): void {
    const { a } = this.pool;
    for (let k = this.indexed; k < this.ids.length; k++) {
      for (let i = this.start[k]; i < this.start[k + 1]; i++) {
        const l = this.recent.get(a[i]);
        if (l) l.push(k);
        else this.recent.set(a[i], [k]);
      }
    }
    this.indexed = this.ids.length;
  }

  /**
   * The inverted index over every document's sketch: the (sample, document) pairs sorted by sample as uint32
   * (the one radix sort; stable, so documents stay in ascending order within a sample).
   */
  private build(): void {
    const n = this.pool.n;
    const pool = this.pool.a;
    const docs = new Int32Array(n);
    for (let k = 0; k < this.ids.length; k++) docs.fill(k, this.start[k], this.start[k + 1]);
    const { keys, vals } = radixSortPairs(new Uint32Array(pool.buffer, 0, n).slice(), docs, n);
    let u = 0;
    for (let i = 0; i < n; i++) if (i === 0 || keys[i] !== keys[i - 1]) u++;
    const hashes = new Uint32Array(u);
    const offsets = new Int32Array(u + 1);
    u = 0;
    for (let i = 0; i < n; i++) {
      if (i === 0 || keys[i] !== keys[i - 1]) {
        hashes[u] = keys[i];
        offsets[u++] = i;
      }
    }
    offsets[u] = n;
    // the directory: where each bucket's samples start (a lookup reads one or two samples, not a binary search's twenty)
    const bits = this.dirBits;
    const dir = new Int32Array((1 << bits) + 1);
    for (let i = 0, b = 0; b <= 1 << bits; b++) {
      while (i < u && hashes[i] >>> (32 - bits) < b) i++;
      dir[b] = i;
    }
    this.dir = dir;
    this.hashes = hashes;
    this.offsets = offsets;
    this.postDocs = vals;
    this.indexed = this.ids.length;
    this.recent = new Map();
    this.recentSamples = 0;
  }

  /** The sketch of a document added (int4 values as stored), or undefined. */
  sketch(id: number): Int32Array | undefined {
    const k = indexOfSorted(this.ids, id);
    return k < 0 ? undefined : this.pool.a.slice(this.start[k], this.start[k + 1]);
  }

  /**
   * Ids of the documents that may reach `minContainment` with `sketch` (int4 values): the shared samples
   * counted as the embedded library's SketchIndex counts them (samples in more documents of the library than
   * the stock-phrase cap are skipped), so the SketchIndex then decides among these the links it would find.
   */
  candidates(sketch: ArrayLike<number>, minContainment: number): number[] {
    if (this.counts.length < this.ids.length) this.counts = new Int32Array(Math.max(1024, this.ids.length * 2));
    const { counts, offsets, postDocs, start, dir, hashes } = this;
    const cap = stockPhraseCap(this.ids.length);
    // the documents touched, each once (its count went from 0 to 1): at most one a posting read
    let touched = this.touched;
    let nt = 0;
    for (let i = 0; i < sketch.length; i++) {
      const h = sketch[i] | 0;
      let lo = 0;
      let hi = 0;
      if (dir) {
        const v = h >>> 0;
        const bucket = v >>> (32 - this.dirBits);
        let x = dir[bucket];
        const xEnd = dir[bucket + 1];
        while (x < xEnd && hashes[x] < v) x++;
        if (x < xEnd && hashes[x] === v) {
          lo = offsets[x];
          hi = offsets[x + 1];
        }
      }
      const l = this.recent.size ? this.recent.get(h) : undefined;
      const df = hi - lo + (l?.length ?? 0);
      if (df > cap) continue;
      if (nt + df > touched.length) touched = this.touched = growInt32(touched, nt + df);
      // the index's documents first: they all come before the recent ones
      for (let q = lo; q < hi; q++) {
        const k = postDocs[q];
        if (counts[k]++ === 0) touched[nt++] = k;
      }
      if (l) for (const k of l) if (counts[k]++ === 0) touched[nt++] = k;
    }
    const out: number[] = [];
    for (let t = 0; t < nt; t++) {
      const k = touched[t];
      if (counts[k] >= minContainment * Math.min(sketch.length, start[k + 1] - start[k])) out.push(this.ids[k]);
      counts[k] = 0;
    }
    return out;
  }

}
