// Fingerprint index: winnowing (Schleimer, Wilkerson & Aiken 2003) over k-grams of normalised
// characters, stored per segment in CSR form — sorted unique 32-bit hashes, an offsets array and
// one Uint32 posting per fingerprint (the segment-wide position of the k-gram; the document is
// found by binary search in docStarts). No object is allocated per k-gram.
//
// The 13-character rule is guaranteed: K + W − 1 = 13, so a shared run of 13 normalised characters
// contains a full winnowing window in the source, whose minimum is always selected as a
// fingerprint; the draft side is queried with ALL its k-grams, so that fingerprint is found.
import { normalizeCodes, type NormalizedCodes } from '../normalize';
import type { ReuseDocInput, ReuseDocMeta } from './types';

export const K = 8;
export const W = 6;
const B = 0x01000193; // FNV prime as polynomial base
let BK = 1;
for (let i = 0; i < K; i++) BK = Math.imul(BK, B);
const BUCKET_BITS = 16;

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hashes of all k-grams of codes[0..len): out[p] = hash of codes[p..p+K). Returns the count (len−K+1 or 0).
 */
export function kgramHashes(codes: Uint16Array, len: number, out: Uint32Array): number {
  if (len < K) return 0;
  let h = 0;
  for (let p = 0; p < K; p++) h = (Math.imul(h, B) + codes[p]) | 0;
  out[0] = fmix32(h);
  for (let p = K; p < len; p++) {
    h = (Math.imul(h, B) + codes[p] - Math.imul(codes[p - K], BK)) | 0;
    out[p - K + 1] = fmix32(h);
  }
  return len - K + 1;
}

/** Hash of the one k-gram codes[p..p+K), equal to kgramHashes' out[p]. */
export function kgramHashAt(codes: Uint16Array, p: number): number {
  let h = 0;
  for (let q = 0; q < K; q++) h = (Math.imul(h, B) + codes[p + q]) | 0;
  return fmix32(h);
}

export class Growable {
  a: Uint32Array;
  n = 0;
  constructor(cap: number) {
    this.a = new Uint32Array(Math.max(16, cap));
  }
  ensure(extra: number): void {
    if (this.n + extra <= this.a.length) return;
    const b = new Uint32Array(Math.max(this.a.length * 2, this.n + extra));
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
}

/**
 * Winnow hv[0..m): robust winnowing (rightmost minimum per window of W). Calls the sink with
 * the k-gram index of each selected fingerprint, in increasing order.
 */
export function winnow(hv: Uint32Array, m: number, hashesOut: Growable, posOut: Growable, base: number): number {
  if (m <= 0) return 0;
  hashesOut.ensure(m);
  posOut.ensure(m);
  const ha = hashesOut.a;
  const pa = posOut.a;
  let n = hashesOut.n;
  let minPos = -1;
  let last = -1;
  const w = Math.min(W, m);
  for (let e = 0; e < m; e++) {
    const s = e - w + 1;
    if (minPos < s) {
      minPos = e;
      const lo = s < 0 ? 0 : s;
      for (let p = e - 1; p >= lo; p--) if (hv[p] < hv[minPos]) minPos = p;
    } else if (hv[e] <= hv[minPos]) {
      minPos = e;
    }
    if (e >= w - 1 && minPos !== last) {
      ha[n] = hv[minPos];
      pa[n] = base + minPos;
      n++;
      last = minPos;
    }
  }
  const added = n - hashesOut.n;
  hashesOut.n = n;
  posOut.n = n;
  return added;
}

/** Sort (hash, pos) pairs by hash, stable (LSD radix, 4 passes of 8 bits: small, cache-friendly histograms). */
function radixSortPairs(h: Uint32Array, p: Uint32Array, n: number): { h: Uint32Array; p: Uint32Array } {
  let h1: Uint32Array = h;
  let p1: Uint32Array = p;
  let h2: Uint32Array = new Uint32Array(n);
  let p2: Uint32Array = new Uint32Array(n);
  const count = new Uint32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(h1[i] >>> shift) & 0xff]++;
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const v = h1[i];
      const d = count[(v >>> shift) & 0xff]++;
      h2[d] = v;
      p2[d] = p1[i];
    }
    const th = h1;
    const tp = p1;
    h1 = h2;
    p1 = p2;
    h2 = th;
    p2 = tp;
  }
  return { h: h1, p: p1 };
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
  postings: Uint32Array;
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
  postings!: Uint32Array;
  buckets!: Uint32Array;
  cpStarts!: Uint32Array;
  cp!: Uint32Array;
  /** For each block of 2^HINT_SHIFT positions, the document holding its first position. */
  docHint: Uint32Array;
  liveDocs = 0;
  /** Index-wide key of document 0 of this segment (keys are stable while the segment lives). */
  keyBase = 0;

  constructor(data: SegmentData) {
    Object.assign(this, data);
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

  get docCount(): number {
    return this.ids.length;
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
    let lo = this.cpStarts[d];
    let hi = this.cpStarts[d + 1] - 1;
    if (hi < lo) return [0, 0];
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.cp[2 * mid] <= p) lo = mid;
      else hi = mid - 1;
    }
    return [this.cp[2 * lo], this.cp[2 * lo + 1]];
  }

  /** Checkpoint of document d at or after p, or null (then: to the end of the text). */
  checkpointAfter(d: number, p: number): [number, number] | null {
    let lo = this.cpStarts[d];
    let hi = this.cpStarts[d + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cp[2 * mid] < p) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.cpStarts[d + 1] ? [this.cp[2 * lo], this.cp[2 * lo + 1]] : null;
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
    const { h, p } = radixSortPairs(hIn, pIn, n);
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

/** Where a document lives. */
export interface DocLoc {
  seg: Segment;
  doc: number;
}

/** At most this many segments are kept (see ReuseIndex.maintain). */
const MAX_SEGMENTS = 8;

/** One segment holding the live documents of `segs`, in order (postings re-based, not re-hashed). */
function mergeSegments(segs: Segment[]): Segment {
  const ids: string[] = [];
  const titles: string[] = [];
  const starts: number[] = [];
  const cpStarts: number[] = [];
  const cpList: number[] = [];
  const fps: number[] = [];
  let total = 0;
  let n = 0;
  for (const seg of segs) n += seg.postings.length;
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
    for (let u = 0; u < seg.hashes.length; u++) {
      for (let q = seg.offsets[u]; q < seg.offsets[u + 1]; q++) {
        const pos = seg.postings[q];
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

const MAGIC = 0x49524453; // "SDRI"
const VERSION = 2;

export class ReuseIndex {
  readonly k = K;
  readonly w = W;
  segments: Segment[] = [];
  private byId = new Map<string, DocLoc>();
  /** Document key → location; keys are never reused. Keys of segments that left the index are cleared (not kept alive). */
  keyLocs: (DocLoc | undefined)[] = [];
  /** Incremented on every change (checkers drop their caches when it moves). */
  version = 0;

  /** Number of live documents. */
  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  locate(id: string): DocLoc | undefined {
    return this.byId.get(id);
  }

  docs(): ReuseDocMeta[] {
    const out: ReuseDocMeta[] = [];
    for (const seg of this.segments)
      for (let d = 0; d < seg.docCount; d++)
        if (seg.alive[d]) out.push({ id: seg.ids[d], title: seg.titles[d], normLength: seg.docStarts[d + 1] - seg.docStarts[d], fingerprints: seg.fpCounts[d] });
    return out;
  }

  /** Index a batch of documents as one new segment (ids already present are replaced). */
  add(docs: ReuseDocInput[]): void {
    if (docs.length === 0) return;
    const seen = new Set<string>();
    const batch: ReuseDocInput[] = [];
    for (let i = docs.length - 1; i >= 0; i--) {
      if (seen.has(docs[i].id)) continue;
      seen.add(docs[i].id);
      batch.push(docs[i]);
    }
    batch.reverse();
    this.remove(batch.map((d) => d.id));
    let totalChars = 0;
    for (const d of batch) totalChars += d.text.length;
    const hs = new Growable(Math.ceil(totalChars * 0.32) + 16);
    const ps = new Growable(Math.ceil(totalChars * 0.32) + 16);
    const docStarts = new Uint32Array(batch.length + 1);
    const fpCounts = new Uint32Array(batch.length);
    const scratch: NormalizedCodes = { codes: new Uint16Array(16), length: 0 };
    const cps = new Growable(Math.ceil(totalChars / 100) + 16);
    const cpStarts = new Uint32Array(batch.length + 1);
    let hv = new Uint32Array(1024);
    let base = 0;
    for (let d = 0; d < batch.length; d++) {
      docStarts[d] = base;
      const r = normalizeCodes(batch[d].text, false, scratch, true);
      cpStarts[d] = cps.n / 2;
      cps.ensure(2 * r.cpCount!);
      cps.a.set(r.cp!.subarray(0, 2 * r.cpCount!), cps.n);
      cps.n += 2 * r.cpCount!;
      if (hv.length < r.length) hv = new Uint32Array(Math.max(r.length, hv.length * 2));
      const m = kgramHashes(r.codes, r.length, hv);
      fpCounts[d] = winnow(hv, m, hs, ps, base);
      base += r.length;
      if (base > 0xf0000000) throw new Error('reuse index segment too large');
    }
    docStarts[batch.length] = base;
    cpStarts[batch.length] = cps.n / 2;
    const alive = new Uint8Array(batch.length).fill(1);
    const seg = Segment.fromPairs(
      batch.map((d) => d.id),
      batch.map((d) => d.title),
      docStarts,
      fpCounts,
      alive,
      cpStarts,
      cps.a.slice(0, cps.n),
      hs.a,
      ps.a,
      hs.n,
    );
    this.attach(seg);
    this.maintain();
  }

  private attach(seg: Segment): void {
    this.version++;
    seg.keyBase = this.keyLocs.length;
    for (let d = 0; d < seg.docCount; d++) this.keyLocs.push({ seg, doc: d });
    this.segments.push(seg);
    for (let d = 0; d < seg.docCount; d++) if (seg.alive[d]) this.byId.set(seg.ids[d], { seg, doc: d });
  }

  /** Drop segments from the index and their keys' locations, so nothing keeps their arrays alive. */
  private detach(gone: Segment[]): void {
    if (gone.length === 0) return;
    for (const seg of gone) for (let d = 0; d < seg.docCount; d++) this.keyLocs[seg.keyBase + d] = undefined;
    this.segments = this.segments.filter((s) => !gone.includes(s));
  }

  /** Tombstone documents; their postings are skipped at query time until compact(). */
  remove(ids: Iterable<string>): void {
    for (const id of ids) {
      const loc = this.byId.get(id);
      if (!loc) continue;
      loc.seg.alive[loc.doc] = 0;
      this.version++;
      loc.seg.liveDocs--;
      this.byId.delete(id);
    }
    this.detach(this.segments.filter((s) => s.liveDocs === 0));
    this.maintain();
  }

  /** Merge all segments into one, dropping removed documents (no re-hashing). */
  compact(): void {
    if (this.segments.length <= 1 && this.segments.every((s) => s.liveDocs === s.docCount)) return;
    const seg = mergeSegments(this.segments);
    this.segments = [];
    this.byId.clear();
    this.keyLocs = [];
    this.attach(seg);
  }

  /**
   * Keep queries fast after many small batches: at most MAX_SEGMENTS segments (the two smallest are
   * merged, so a library added one document at a time costs O(n log n) in total), and segments that
   * are mostly removed documents are rewritten.
   */
  private maintain(): void {
    for (;;) {
      let pick: Segment[] | null = null;
      const dead = this.segments.find((s) => s.liveDocs * 2 < s.docCount);
      if (dead) pick = [dead];
      else if (this.segments.length > MAX_SEGMENTS) {
        const bySize = [...this.segments].sort((a, b) => a.postings.length - b.postings.length);
        pick = this.segments.filter((s) => s === bySize[0] || s === bySize[1]);
      }
      if (!pick) return;
      const merged = mergeSegments(pick);
      for (const s of pick) for (let d = 0; d < s.docCount; d++) if (s.alive[d]) this.byId.delete(s.ids[d]);
      this.detach(pick);
      if (merged.docCount > 0) this.attach(merged);
      else this.version++;
    }
  }

  /** Bytes in the typed arrays of the index (what stays in memory). */
  memoryBytes(): number {
    let b = 0;
    for (const s of this.segments) b +=
        s.hashes.byteLength + s.offsets.byteLength + s.postings.byteLength + s.buckets.byteLength + s.docStarts.byteLength + s.fpCounts.byteLength + s.alive.byteLength + s.cpStarts.byteLength + s.cp.byteLength + s.docHint.byteLength;
    return b;
  }

  /** Total normalised characters of live documents. */
  libraryChars(): number {
    let c = 0;
    for (const s of this.segments) for (let d = 0; d < s.docCount; d++) if (s.alive[d]) c += s.docStarts[d + 1] - s.docStarts[d];
    return c;
  }

  serialize(): Uint8Array {
    const header = {
      k: K,
      w: W,
      segments: this.segments.map((s) => ({
        ids: s.ids,
        titles: s.titles,
        nDocs: s.docCount,
        nHashes: s.hashes.length,
        nPostings: s.postings.length,
        nCp: s.cp.length,
      })),
    };
    const headerBytes = new TextEncoder().encode(JSON.stringify(header));
    const pad4 = (x: number) => (x + 3) & ~3;
    let size = 12 + pad4(headerBytes.length);
    for (const s of this.segments)
      size += 4 * (s.docStarts.length + s.fpCounts.length + s.hashes.length + s.offsets.length + s.postings.length + s.buckets.length + s.cpStarts.length + s.cp.length) + pad4(s.alive.length);
    const out = new Uint8Array(size);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, MAGIC, true);
    dv.setUint32(4, VERSION, true);
    dv.setUint32(8, headerBytes.length, true);
    out.set(headerBytes, 12);
    let off = 12 + pad4(headerBytes.length);
    const put = (a: Uint32Array | Uint8Array) => {
      out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), off);
      off += pad4(a.byteLength);
    };
    for (const s of this.segments) {
      put(s.docStarts);
      put(s.fpCounts);
      put(s.alive);
      put(s.hashes);
      put(s.offsets);
      put(s.postings);
      put(s.buckets);
      put(s.cpStarts);
      put(s.cp);
    }
    return out;
  }

  /** Load a serialised index; typed arrays are views on `bytes` (copied once if misaligned). */
  static load(bytes: Uint8Array): ReuseIndex {
    if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
    if (bytes.length < 12) throw new Error('reuse index: file too short');
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (dv.getUint32(0, true) !== MAGIC) throw new Error('reuse index: bad magic');
    if (dv.getUint32(4, true) !== VERSION) throw new Error('reuse index: unsupported version');
    const hl = dv.getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + hl))) as {
      k: number;
      w: number;
      segments: { ids: string[]; titles: string[]; nDocs: number; nHashes: number; nPostings: number; nCp: number }[];
    };
    if (header.k !== K || header.w !== W) throw new Error('reuse index: different k/w');
    const pad4 = (x: number) => (x + 3) & ~3;
    let off = bytes.byteOffset + 12 + pad4(hl);
    const end = bytes.byteOffset + bytes.byteLength;
    const u32 = (n: number) => {
      if (off + 4 * n > end) throw new Error('reuse index: truncated');
      const a = new Uint32Array(bytes.buffer, off, n);
      off += 4 * n;
      return a;
    };
    const u8 = (n: number) => {
      if (off + n > end) throw new Error('reuse index: truncated');
      const a = new Uint8Array(bytes.buffer, off, n);
      off += pad4(n);
      return a;
    };
    const index = new ReuseIndex();
    for (const s of header.segments) {
      const docStarts = u32(s.nDocs + 1);
      const fpCounts = u32(s.nDocs);
      const alive = u8(s.nDocs).slice();
      const hashes = u32(s.nHashes);
      const offsets = u32(s.nHashes + 1);
      const postings = u32(s.nPostings);
      const buckets = u32((1 << BUCKET_BITS) + 1);
      const cpStarts = u32(s.nDocs + 1);
      const cp = u32(s.nCp);
      index.attach(new Segment({ ids: s.ids, titles: s.titles, docStarts, fpCounts, alive, hashes, offsets, postings, buckets, cpStarts, cp }));
    }
    return index;
  }
}
