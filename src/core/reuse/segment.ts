// One segment of the fingerprint index, in CSR form: sorted unique 32-bit hashes, an offsets array and one
// Uint32 posting per fingerprint (the segment-wide position of the k-gram; the document is found through a
// per-4 K-block hint table), plus checkpoints (normalised position → original offset). No object per k-gram.
import { checkpointAfter, checkpointBefore } from './checkpoints';
import { radixSortPairs } from '../model/sorted';

export const BUCKET_BITS = 16;

/**
 * Postings kept where they are stored (e.g. in a file) instead of in memory: a lookup reads only the range
 * of its hash. `read(start, end)` returns postings [start, end) of the segment.
 */
export interface StoredPostings {
  readonly length: number;
  read(start: number, end: number): Uint32Array;
}

export interface SegmentData {
  ids: string[];
  titles: string[];
  /** Segment-wide start position of each document; docStarts[nDocs] = total. */
  docStarts: Uint32Array;
  fpCounts: Uint32Array;
  alive: Uint8Array;
  hashes: Uint32Array;
  offsets: Uint32Array;
  /** In memory, or stored (read by range as lookups ask; all of it once a merge or a save needs it). */
  postings: Uint32Array | StoredPostings;
  buckets: Uint32Array;
  /** Checkpoints per document: cpStarts[d]..cpStarts[d+1] index pairs (normPos, origOffset) in cp. */
  cpStarts: Uint32Array;
  cp: Uint32Array;
}

const HINT_SHIFT = 12;

export class Segment implements SegmentData {
  ids!: string[];
  titles!: string[];
  docStarts!: Uint32Array;
  fpCounts!: Uint32Array;
  alive!: Uint8Array;
  hashes!: Uint32Array;
  offsets!: Uint32Array;
  buckets!: Uint32Array;
  cpStarts!: Uint32Array;
  cp!: Uint32Array;
  /** For each block of 2^HINT_SHIFT positions, the document holding its first position. */
  docHint: Uint32Array;
  liveDocs = 0;
  /** Index-wide key of document 0 of this segment (set by the index; see ReuseIndex.keyLocs). */
  keyBase = 0;
  /** Position ranges [start, end) of removed documents, neighbours joined (built when first needed). */
  private deadRanges: Uint32Array | null = null;

  /** The postings in memory, or null while they are stored (see StoredPostings). */
  private held: Uint32Array | null;
  private stored: StoredPostings | null;
  /** Number of postings (fingerprints) of the segment. */
  readonly postingCount: number;

  constructor(data: SegmentData) {
    const { postings, ...rest } = data;
    Object.assign(this, rest);
    this.held = postings instanceof Uint32Array ? postings : null;
    this.stored = postings instanceof Uint32Array ? null : postings;
    this.postingCount = postings.length;
    for (let d = 0; d < this.alive.length; d++) if (this.alive[d]) this.liveDocs++;
    const total = this.docStarts[this.docStarts.length - 1];
    const hint = new Uint32Array((total >>> HINT_SHIFT) + 1);
    let d = 0;
    for (let b = 0; b < hint.length; b++) {
      const pos = b << HINT_SHIFT;
      while (d + 1 < this.docStarts.length - 1 && this.docStarts[d + 1] <= pos) d++;
      hint[b] = d;
    }
    this.docHint = hint;
  }

  /** All postings, in memory (stored ones are read once, in one piece). */
  get postings(): Uint32Array {
    if (!this.held) {
      this.held = this.stored!.read(0, this.postingCount);
      this.stored = null;
    }
    return this.held;
  }

  /** The postings if they are in memory, else null (then read ranges with `readPostings`). */
  get heldPostings(): Uint32Array | null {
    return this.held;
  }

  /** Postings [start, end): a view when they are in memory, else one read of the stored range. */
  readPostings(start: number, end: number): Uint32Array {
    return this.held ? this.held.subarray(start, end) : this.stored!.read(start, end);
  }

  get docCount(): number {
    return this.ids.length;
  }

  /** Mark document d removed (its postings stay until the segment is rewritten). */
  kill(d: number): void {
    if (!this.alive[d]) return;
    this.alive[d] = 0;
    this.liveDocs--;
    this.deadRanges = null;
  }

  /** Postings of hash index u (from find) that belong to live documents. */
  livePostings(u: number): number {
    const lo = this.offsets[u];
    const hi = this.offsets[u + 1];
    if (this.liveDocs === this.docCount) return hi - lo;
    const dr = (this.deadRanges ??= this.buildDeadRanges());
    const ps = this.readPostings(lo, hi);
    const n0 = hi - lo;
    if (n0 <= dr.length * 4) {
      let n = 0;
      for (let q = 0; q < n0; q++) n += this.alive[this.docOf(ps[q])];
      return n;
    }
    // a long list: the postings are in position order, so count those in each removed document's range
    let n = n0;
    let q = 0;
    for (let r = 0; r < dr.length && q < n0; r += 2) {
      q = lowerBound(ps, q, n0, dr[r]);
      const e = lowerBound(ps, q, n0, dr[r + 1]);
      n -= e - q;
      q = e;
    }
    return n;
  }

  private buildDeadRanges(): Uint32Array {
    const out: number[] = [];
    for (let d = 0; d < this.docCount; d++) {
      if (this.alive[d]) continue;
      const a = this.docStarts[d];
      const b = this.docStarts[d + 1];
      if (out.length && out[out.length - 1] === a) out[out.length - 1] = b;
      else out.push(a, b);
    }
    return Uint32Array.from(out);
  }

  /** Index range [lo, hi) into postings for a hash, or lo = hi when absent. */
  find(hash: number): number {
    const b = hash >>> (32 - BUCKET_BITS);
    let lo = this.buckets[b];
    let hi = this.buckets[b + 1];
    const hs = this.hashes;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (hs[mid] < hash) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.hashes.length && hs[lo] === hash ? lo : -1;
  }

  docOf(pos: number): number {
    const ds = this.docStarts;
    let d = this.docHint[pos >>> HINT_SHIFT];
    const last = ds.length - 2;
    while (d < last && ds[d + 1] <= pos) d++;
    return d;
  }

  /** Checkpoint (normPos, origOffset) of document d at or before normalised position p. */
  checkpointBefore(d: number, p: number): [number, number] {
    return checkpointBefore(this.cp, this.cpStarts[d], this.cpStarts[d + 1], p);
  }

  /** Checkpoint of document d at or after p, or null (then: to the end of the text). */
  checkpointAfter(d: number, p: number): [number, number] | null {
    return checkpointAfter(this.cp, this.cpStarts[d], this.cpStarts[d + 1], p);
  }

  static fromPairs(
    ids: string[],
    titles: string[],
    docStarts: Uint32Array,
    fpCounts: Uint32Array,
    alive: Uint8Array,
    cpStarts: Uint32Array,
    cp: Uint32Array,
    hIn: Uint32Array,
    pIn: Uint32Array,
    n: number,
  ): Segment {
    const { keys: h, vals: p } = radixSortPairs(hIn, pIn, n);
    let unique = 0;
    for (let i = 0; i < n; i++) if (i === 0 || h[i] !== h[i - 1]) unique++;
    const hashes = new Uint32Array(unique);
    const offsets = new Uint32Array(unique + 1);
    let u = -1;
    for (let i = 0; i < n; i++) {
      if (i === 0 || h[i] !== h[i - 1]) {
        u++;
        hashes[u] = h[i];
        offsets[u] = i;
      }
    }
    offsets[unique] = n;
    const postings = p.length === n ? p : p.slice(0, n);
    return new Segment({ ids, titles, docStarts, fpCounts, alive, hashes, offsets, postings, buckets: buildBuckets(hashes), cpStarts, cp });
  }
}

/** First q in [lo, hi) with a[q] >= x (hi when none). */
function lowerBound(a: Uint32Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function buildBuckets(hashes: Uint32Array): Uint32Array {
  const nb = 1 << BUCKET_BITS;
  const buckets = new Uint32Array(nb + 1);
  let i = 0;
  for (let b = 0; b <= nb; b++) {
    while (i < hashes.length && hashes[i] >>> (32 - BUCKET_BITS) < b) i++;
    buckets[b] = i;
  }
  return buckets;
}

/** At most this many segments are kept (see ReuseIndex.maintain). */
export const MAX_SEGMENTS = 8;

/** One segment holding the live documents of `segs`, in order (postings re-based, not re-hashed). */
export function mergeSegments(segs: Segment[]): Segment {
  const ids: string[] = [];
  const titles: string[] = [];
  const starts: number[] = [];
  const cpStarts: number[] = [];
  const cpList: number[] = [];
  const fps: number[] = [];
  let total = 0;
  let n = 0;
  for (const seg of segs) n += seg.postingCount;
  const h = new Uint32Array(n);
  const p = new Uint32Array(n);
  let o = 0;
  for (const seg of segs) {
    const shift = new Float64Array(seg.docCount).fill(NaN); // NaN: removed document
    for (let d = 0; d < seg.docCount; d++) {
      if (!seg.alive[d]) continue;
      shift[d] = total - seg.docStarts[d];
      ids.push(seg.ids[d]);
      titles.push(seg.titles[d]);
      starts.push(total);
      fps.push(seg.fpCounts[d]);
      cpStarts.push(cpList.length / 2);
      for (let q = seg.cpStarts[d]; q < seg.cpStarts[d + 1]; q++) cpList.push(seg.cp[2 * q], seg.cp[2 * q + 1]);
      total += seg.docStarts[d + 1] - seg.docStarts[d];
    }
    const ps = seg.postings;
    for (let u = 0; u < seg.hashes.length; u++) {
      for (let q = seg.offsets[u]; q < seg.offsets[u + 1]; q++) {
        const pos = ps[q];
        const s = shift[seg.docOf(pos)];
        if (Number.isNaN(s)) continue;
        h[o] = seg.hashes[u];
        p[o] = pos + s;
        o++;
      }
    }
  }
  starts.push(total);
  cpStarts.push(cpList.length / 2);
  return Segment.fromPairs(ids, titles, Uint32Array.from(starts), Uint32Array.from(fps), new Uint8Array(ids.length).fill(1), Uint32Array.from(cpStarts), Uint32Array.from(cpList), h, p, o);
}

