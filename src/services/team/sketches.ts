// The sampled fingerprints (near-duplicate sketches) of the team library's documents, kept in memory by an
// importing process so that placing a batch into its near-duplicate groups costs what the batch's own
// samples cost, not a query returning every document that shares one sample with it (in an archive that is
// most of the library). Brought up to date under the import lock with the documents committed since (ids
// grow: they are given under that lock), so concurrent importers each see everything committed before them.
import type pg from 'pg';
import { stockPhraseCap } from '../../core/reuse/nearDup';

export class LibrarySketches {
  private maxId = 0;
  /** Sampled hash (int4) → dense numbers of the documents whose sketch holds it. */
  private readonly postings = new Map<number, number[]>();
  private readonly ids: number[] = [];
  private readonly sizes: number[] = [];
  /** Each document's sketch as stored (int4 values), by dense number: what joinGroups measures, not fetched again. */
  private readonly sketches: Int32Array[] = [];
  private counts = new Int32Array(0);

  get size(): number {
    return this.ids.length;
  }

  /** Read the sketches committed since the last call (call under the import lock, before inserting). */
  async refresh(client: pg.ClientBase): Promise<void> {
    const r = await client.query<{ id: number; sketch: string }>('SELECT id, sketch::text AS sketch FROM documents WHERE id > $1 ORDER BY id', [this.maxId]);
    for (const row of r.rows) {
      const body = row.sketch.slice(1, -1);
      this.add(row.id, body ? body.split(',').map(Number) : []);
    }
  }

  /** A committed document (its sketch as stored: int4 values). */
  add(id: number, sketch: ArrayLike<number>): void {
    if (id <= this.maxId) return;
    this.maxId = id;
    const k = this.ids.length;
    this.ids.push(id);
    this.sizes.push(sketch.length);
    this.sketches.push(Int32Array.from(sketch));
    for (let i = 0; i < sketch.length; i++) {
      const h = sketch[i] | 0;
      const l = this.postings.get(h);
      if (l) l.push(k);
      else this.postings.set(h, [k]);
    }
  }

  /** The sketch of a document added (int4 values as stored), or undefined. */
  sketch(id: number): Int32Array | undefined {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.ids[mid] === id) return this.sketches[mid];
      if (this.ids[mid] < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /**
   * Ids of the documents that may reach `minContainment` with `sketch` (int4 values): the shared samples
   * counted as the embedded library's SketchIndex counts them (samples in more documents of the library than
   * the stock-phrase cap are skipped), so the SketchIndex then decides among these the links it would find.
   */
  candidates(sketch: ArrayLike<number>, minContainment: number): number[] {
    if (this.counts.length < this.ids.length) this.counts = new Int32Array(Math.max(1024, this.ids.length * 2));
    const counts = this.counts;
    const touched: number[] = [];
    const cap = stockPhraseCap(this.ids.length);
    for (let i = 0; i < sketch.length; i++) {
      const l = this.postings.get(sketch[i] | 0);
      if (!l || l.length > cap) continue;
      for (const k of l) if (counts[k]++ === 0) touched.push(k);
    }
    const out: number[] = [];
    for (const k of touched) {
      if (counts[k] >= minContainment * Math.min(sketch.length, this.sizes[k])) out.push(this.ids[k]);
      counts[k] = 0;
    }
    return out;
  }
}
