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
import { Growable, K, kgramHashes, W, winnow } from './winnow';
import { BUCKET_BITS, MAX_SEGMENTS, mergeSegments, Segment, type StoredPostings } from './segment';

export { K, W } from './winnow';

export interface DocLoc {
  seg: Segment;
  doc: number;
}

/** Segments left unmerged by `add(docs, { maintain: false })` at most (each holds a 256 KB bucket table). */
const MAX_UNMERGED = 64;
const MAGIC = 0x49524453; // "SDRI"
/** 3: the postings of all segments after everything else (so they can stay in the file). */
const VERSION = 3;

/**
 * Segments are kept in the order their documents were added (a merge joins neighbours and keeps their order),
 * and a document's key is its place in that order: keys ascend with the order of adding, whatever the batches
 * and merges were. A check depends on that order only (see IndexProvider.lookup), so the same documents added
 * in the same order give the same results however the index is segmented, and after a save and load.
 */
export class ReuseIndex {
  readonly k = K;
  readonly w = W;
  /** In the order of adding (documents of segments[i] were added before those of segments[i + 1]). */
  segments: Segment[] = [];
  private byId = new Map<string, DocLoc>();
  /**
   * Document key → location: the documents of all segments, in order (removed ones included until their
   * segment is rewritten). Keys are valid until `version` moves (a merge renumbers the segments after it).
   */
  keyLocs: DocLoc[] = [];
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

  /**
   * Index a batch of documents as one new segment (ids already present are replaced). `{ maintain: false }`:
   * leave the segments as they are (the batches of one update, put in shape once by `maintain()` after the last;
   * up to MAX_UNMERGED segments).
   */
  add(docs: ReuseDocInput[], opts: { maintain?: boolean } = {}): void {
    if (docs.length === 0) return;
    const seen = new Set<string>();
    const batch: ReuseDocInput[] = [];
    for (let i = docs.length - 1; i >= 0; i--) {
      if (seen.has(docs[i].id)) continue;
      seen.add(docs[i].id);
      batch.push(docs[i]);
    }
    batch.reverse();
    this.tombstone(batch.map((d) => d.id));
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
    if (opts.maintain !== false || this.segments.length > MAX_UNMERGED) this.maintain();
  }

  /** Put `seg` (its documents the latest added) after the others. */
  private attach(seg: Segment): void {
    this.segments.push(seg);
    this.register(seg);
    this.renumber(this.segments.length - 1);
  }

  private register(seg: Segment): void {
    this.version++;
    for (let d = 0; d < seg.docCount; d++) if (seg.alive[d]) this.byId.set(seg.ids[d], { seg, doc: d });
  }

  /** Keys of the segments from `from` on (those before keep theirs); nothing keeps a segment that left alive. */
  private renumber(from: number): void {
    const prev = this.segments[from - 1];
    let base = prev ? prev.keyBase + prev.docCount : 0;
    this.keyLocs.length = base;
    for (let i = from; i < this.segments.length; i++) {
      const seg = this.segments[i];
      seg.keyBase = base;
      for (let d = 0; d < seg.docCount; d++) this.keyLocs.push({ seg, doc: d });
      base += seg.docCount;
    }
  }

  /** Replace segments[at, at + n) by `merged` (their live documents, in order; none: just drop them). */
  private splice(at: number, n: number, merged: Segment | null): void {
    for (let i = at; i < at + n; i++) {
      const s = this.segments[i];
      for (let d = 0; d < s.docCount; d++) if (s.alive[d]) this.byId.delete(s.ids[d]);
    }
    this.segments.splice(at, n, ...(merged && merged.docCount > 0 ? [merged] : []));
    if (merged && merged.docCount > 0) this.register(merged);
    else this.version++;
    this.renumber(at);
  }

  /** Tombstone documents; their postings are skipped at query time until compact(). */
  remove(ids: Iterable<string>): void {
    this.tombstone(ids);
    this.maintain();
  }

  private tombstone(ids: Iterable<string>): void {
    for (const id of ids) {
      const loc = this.byId.get(id);
      if (!loc) continue;
      loc.seg.kill(loc.doc);
      this.version++;
      this.byId.delete(id);
    }
    for (let i = this.segments.length - 1; i >= 0; i--) if (this.segments[i].liveDocs === 0) this.splice(i, 1, null);
  }

  /** Merge all segments into one, dropping removed documents (no re-hashing). */
  compact(): void {
    if (this.segments.length <= 1 && this.segments.every((s) => s.liveDocs === s.docCount)) return;
    this.splice(0, this.segments.length, mergeSegments(this.segments));
  }

  /**
   * Keep queries fast after many small batches: segments that are mostly removed documents are rewritten, and
   * at most MAX_SEGMENTS segments are kept — the run of neighbours that is smallest together is merged in one
   * go (after one more segment, the two newest small ones, so a library added one document at a time stays
   * cheap to build; after an update of many batches, those batches at once). Merging neighbours only keeps the
   * order of adding (and so the documents' keys in order). `add` calls it unless told not to.
   */
  maintain(): void {
    for (;;) {
      const segs = this.segments;
      const dead = segs.findIndex((s) => s.liveDocs * 2 < s.docCount);
      if (dead >= 0) {
        this.splice(dead, 1, mergeSegments([segs[dead]]));
        continue;
      }
      const run = segs.length - MAX_SEGMENTS + 1;
      if (run < 2) return;
      let sum = 0;
      for (let i = 0; i < run; i++) sum += segs[i].postingCount;
      let at = 0;
      let best = sum;
      for (let i = 1; i + run <= segs.length; i++) {
        sum += segs[i + run - 1].postingCount - segs[i - 1].postingCount;
        if (sum <= best) {
          best = sum;
          at = i;
        }
      }
      this.splice(at, run, mergeSegments(segs.slice(at, at + run)));
    }
  }

  /** Bytes in the typed arrays of the index (what stays in memory). */
  memoryBytes(): number {
    let b = 0;
    for (const s of this.segments) b +=
        s.hashes.byteLength + s.offsets.byteLength + (s.heldPostings?.byteLength ?? 0) + s.buckets.byteLength + s.docStarts.byteLength + s.fpCounts.byteLength + s.alive.byteLength + s.cpStarts.byteLength + s.cp.byteLength + s.docHint.byteLength;
    return b;
  }

  /** Total normalised characters of live documents. */
  libraryChars(): number {
    let c = 0;
    for (const s of this.segments) for (let d = 0; d < s.docCount; d++) if (s.alive[d]) c += s.docStarts[d + 1] - s.docStarts[d];
    return c;
  }

  /**
   * The index as bytes: a header, then per segment its arrays, and the postings of all segments last, so that a
   * reader may keep those in the file and read a hash's range when a lookup asks (see `load`, `postingsAt`).
   */
  serialize(): Uint8Array {
    const header: IndexHeader = {
      k: K,
      w: W,
      segments: this.segments.map((s) => ({ ids: s.ids, titles: s.titles, nDocs: s.docCount, nHashes: s.hashes.length, nPostings: s.postingCount, nCp: s.cp.length })),
    };
    const headerBytes = new TextEncoder().encode(JSON.stringify(header));
    const out = new Uint8Array(layoutOf(header, headerBytes.length).end);
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
      put(s.buckets);
      put(s.cpStarts);
      put(s.cp);
    }
    for (const s of this.segments) put(s.postings);
    return out;
  }

  /** Bytes of a serialised index before its postings (its header must be among `bytes`). */
  static postingsAt(bytes: Uint8Array): number {
    const { header, headerLength } = readHeader(bytes);
    return layoutOf(header, headerLength).postingsAt;
  }

  /**
   * Load a serialised index; typed arrays are views on `bytes` (copied once if misaligned). With `stored`,
   * `bytes` may end where the postings begin (`postingsAt`) and each segment's postings are what `stored`
   * gives for it: in memory, or a StoredPostings that reads ranges where they are kept. `first` counts the
   * postings of the segments before, i.e. the segment's place in the postings section (in postings).
   */
  static load(bytes: Uint8Array, stored?: (segment: number, first: number, count: number) => Uint32Array | StoredPostings): ReuseIndex {
    if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
    const { header, headerLength } = readHeader(bytes);
    if (header.k !== K || header.w !== W) throw new Error('reuse index: different k/w');
    const layout = layoutOf(header, headerLength);
    if (bytes.byteLength < (stored ? layout.postingsAt : layout.end)) throw new Error('reuse index: truncated');
    let off = bytes.byteOffset + 12 + pad4(headerLength);
    const u32 = (n: number) => {
      const a = new Uint32Array(bytes.buffer, off, n);
      off += 4 * n;
      return a;
    };
    const u8 = (n: number) => {
      const a = new Uint8Array(bytes.buffer, off, n);
      off += pad4(n);
      return a;
    };
    const index = new ReuseIndex();
    // segments were written in the order of adding (see serialize): the keys come out as they were
    const parts = header.segments.map((s) => {
      const docStarts = u32(s.nDocs + 1);
      const fpCounts = u32(s.nDocs);
      const alive = u8(s.nDocs).slice();
      return { docStarts, fpCounts, alive, hashes: u32(s.nHashes), offsets: u32(s.nHashes + 1), buckets: u32((1 << BUCKET_BITS) + 1), cpStarts: u32(s.nDocs + 1), cp: u32(s.nCp) };
    });
    let first = 0;
    header.segments.forEach((s, i) => {
      const postings = stored ? stored(i, first, s.nPostings) : u32(s.nPostings);
      if (postings.length !== s.nPostings) throw new Error('reuse index: postings of another size');
      first += s.nPostings;
      index.attach(new Segment({ ids: s.ids, titles: s.titles, ...parts[i], postings }));
    });
    return index;
  }
}

interface IndexHeader {
  k: number;
  w: number;
  segments: { ids: string[]; titles: string[]; nDocs: number; nHashes: number; nPostings: number; nCp: number }[];
}

const pad4 = (x: number) => (x + 3) & ~3;

function readHeader(bytes: Uint8Array): { header: IndexHeader; headerLength: number } {
  if (bytes.length < 12) throw new Error('reuse index: file too short');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== MAGIC) throw new Error('reuse index: bad magic');
  if (dv.getUint32(4, true) !== VERSION) throw new Error('reuse index: unsupported version');
  const headerLength = dv.getUint32(8, true);
  if (12 + headerLength > bytes.length) throw new Error('reuse index: truncated');
  return { header: JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as IndexHeader, headerLength };
}

/** Where the postings begin and where the serialised index ends (bytes). */
function layoutOf(header: IndexHeader, headerLength: number): { postingsAt: number; end: number } {
  let at = 12 + pad4(headerLength);
  let postings = 0;
  for (const s of header.segments) {
    at += 4 * (s.nDocs + 1 + s.nDocs + s.nHashes + s.nHashes + 1 + (1 << BUCKET_BITS) + 1 + s.nDocs + 1 + s.nCp) + pad4(s.nDocs);
    postings += 4 * s.nPostings;
  }
  return { postingsAt: at, end: at + postings };
}
