// Building the search index's bigram postings with a few sequential passes over memory.
//
// Block u of a document holds the bigrams at normalised positions [u·BLOCK, (u+1)·BLOCK + OVERLAP − 1)
// (so a phrase of up to OVERLAP + 1 characters lies wholly inside the block where it starts); each
// bucket's posting list is the delta-varint coded list of its blocks, and the lists lie bucket after
// bucket in one byte array. Writing each (bucket, block) pair straight into its bucket's list touches a
// cache line at random per bigram, which is what made building slow. Instead the pairs of a batch of
// blocks are appended to one array as 31-bit keys (bucket · 2^13 + block within the batch), sorted by
// bucket with a stable two-pass radix sort (9 bits a pass, so each pass writes to 512 places only), and
// coded in that order: every batch writes its stretch of each bucket's list one after another into a pool.
// At the end the stretches are copied, bucket by bucket, into a byte array of exactly the right size.
import { codesToString, normalizeCodes, type NormalizedCodes } from '../normalize';
import { writeVarint } from './varint';

export const BLOCK = 1024;
export const OVERLAP = 64;
const MIN_BITS = 10;
const MAX_BITS = 18;

/** Blocks per batch (the key keeps the block within the batch in its low 13 bits). */
const BATCH_BITS = 13;
const BATCH_BLOCKS = 4096;
const RADIX = 9;

export function bucketBits(chars: number): number {
  let b = MIN_BITS;
  while (b < MAX_BITS && 1 << b < chars / 8) b++;
  return b;
}

export function bucketOf(a: number, b: number, mask: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 7 & mask;
}

/**
 * The buckets of the bigrams of codes [0, n) into out[0 … n−2]. Callers in other modules use this for a
 * run of text rather than bucketOf per bigram: calling a function imported from another module in a hot
 * loop was measured twice as slow (Node 20 under tsx), as if the call were not inlined.
 */
export function bucketsOf(codes: Uint16Array, n: number, mask: number, out: Int32Array): void {
  for (let p = 0; p + 1 < n; p++) out[p] = bucketOf(codes[p], codes[p + 1], mask);
}

export interface BuiltPostings {
  mask: number;
  /** Start of each bucket's list in `postings` (and the total at the end). */
  offsets: Uint32Array;
  postings: Uint8Array;
  norms: string[];
  cps: Uint32Array[];
  /** First block of each document (and the total at the end); the document of each block. */
  firstUnit: Uint32Array;
  unitDoc: Uint32Array;
}

/** Collects the (bucket, block) pairs of the documents, block by block, and codes them batch by batch. */
class PostingsBuilder {
  private readonly buckets: number;
  /** The batch: keys as appended, and the radix sort's other buffer. */
  private keys: Int32Array;
  private other: Int32Array;
  private size = 0;
  /** First block of the batch. */
  private base = 0;
  /** Histogram of the high radix digit of the batch's keys; the low digit's, per part. */
  private readonly low = new Int32Array(1 << RADIX);
  private readonly high = new Int32Array(1 << RADIX);
  /** Per bucket, the last block coded. */
  private readonly last: Int32Array;
  /** The coded stretches, batch after batch, each batch's bucket after bucket; their lengths per batch. */
  private pool: Uint8Array;
  private used = 0;
  private readonly lengths: Uint16Array[] = [];

  constructor(
    buckets: number,
    chars: number,
    private readonly batchBlocks: number,
  ) {
    this.buckets = buckets;
    const cap = batchBlocks * (BLOCK + OVERLAP - 1);
    const first = Math.min(cap, chars + OVERLAP * Math.ceil(chars / BLOCK) + 16);
    this.keys = new Int32Array(first);
    this.other = new Int32Array(first);
    this.last = new Int32Array(buckets).fill(-1);
    // about one byte of postings per character of speech text
    this.pool = new Uint8Array(Math.max(1024, Math.ceil(chars * 1.05)));
  }

  /** The bigrams of normalised codes [0, n) of one document whose first block is `u0`. */
  add(codes: Uint16Array, n: number, u0: number, mask: number): void {
    for (let k = 0; k * BLOCK < n - 1; k++) {
      const from = k * BLOCK;
      const to = Math.min(n - 1, from + BLOCK + OVERLAP - 1);
      if (u0 + k - this.base >= this.batchBlocks || this.size + (to - from) > this.keys.length) {
        this.flush(u0 + k);
        // sized for the library's characters, but normalising can lengthen text (ﬁ → fi, ㍻ → 平成)
        if (to - from > this.keys.length) {
          this.keys = new Int32Array(BLOCK + OVERLAP);
          this.other = new Int32Array(BLOCK + OVERLAP);
        }
      }
      const keys = this.keys;
      const high = this.high;
      const tag = u0 + k - this.base;
      let m = this.size;
      for (let p = from; p < to; p++) {
        const key = (bucketOf(codes[p], codes[p + 1], mask) << BATCH_BITS) | tag;
        keys[m++] = key;
        high[key >>> (BATCH_BITS + RADIX)]++;
      }
      this.size = m;
    }
  }

  /**
   * Sorts the batch by bucket, stably (blocks stay in order), and codes it; starts a new batch at block
   * `next`. First by the high 9 bits of the bucket into `other`; then each of those 512 parts (a few
   * thousand keys, in cache) by the low 9 bits back into its place in `keys`, and coded.
   */
  flush(next: number): void {
    const m = this.size;
    if (m > 0) {
      const keys = this.keys;
      const other = this.other;
      const high = this.high;
      const low = this.low;
      const R = 1 << RADIX;
      let sum = 0;
      for (let d = 0; d < R; d++) {
        const c = high[d];
        high[d] = sum;
        sum += c;
      }
      for (let i = 0; i < m; i++) {
        const key = keys[i];
        other[high[key >>> (BATCH_BITS + RADIX)]++] = key;
      }
      // high[d] is now the end of part d
      const lengths = new Uint16Array(this.buckets);
      let from = 0;
      for (let d = 0; d < R; d++) {
        const to = high[d];
        if (to === from) continue;
        low.fill(0);
        for (let i = from; i < to; i++) low[(other[i] >>> BATCH_BITS) & (R - 1)]++;
        let at = from;
        for (let e = 0; e < R; e++) {
          const c = low[e];
          low[e] = at;
          at += c;
        }
        for (let i = from; i < to; i++) {
          const key = other[i];
          keys[low[(key >>> BATCH_BITS) & (R - 1)]++] = key;
        }
        this.code(from, to, lengths);
        from = to;
      }
      this.lengths.push(lengths);
      high.fill(0);
      this.size = 0;
    }
    this.base = next;
  }

  /** Sorted keys [from, to) as varints: per bucket, the gaps between its blocks (each block once); `lengths` gets each bucket's byte count. */
  private code(from: number, to: number, lengths: Uint16Array): void {
    const keys = this.keys;
    const last = this.last;
    let pool = this.pool;
    let o = this.used;
    let prev = -1;
    let h = -1;
    let start = o;
    let lastU = 0;
    for (let i = from; i < to; i++) {
      const key = keys[i];
      if (key === prev) continue;
      prev = key;
      const kh = key >>> BATCH_BITS;
      if (kh !== h) {
        if (h >= 0) {
          lengths[h] = o - start;
          last[h] = lastU;
        }
        h = kh;
        start = o;
        lastU = last[h];
      }
      const u = this.base + (key & ((1 << BATCH_BITS) - 1));
      const v = u - lastU;
      lastU = u;
      if (o + 5 > pool.length) pool = this.grow(o);
      o = writeVarint(pool, o, v);
    }
    if (h >= 0) {
      lengths[h] = o - start;
      last[h] = lastU;
    }
    this.used = o;
  }

  /** A larger pool holding the `used` bytes written so far. */
  private grow(used: number): Uint8Array {
    const pool = new Uint8Array(Math.ceil(this.pool.length * 1.5) + 16);
    pool.set(this.pool.subarray(0, used));
    this.pool = pool;
    return pool;
  }

  /** Each bucket's stretches, batch by batch, copied into one byte array. */
  finish(): { offsets: Uint32Array; postings: Uint8Array } {
    this.flush(this.base);
    const B = this.buckets;
    const offsets = new Uint32Array(B + 1);
    const batches = this.lengths.length;
    if (batches <= 1) {
      // one batch: the pool already holds the lists bucket after bucket
      const len = batches ? this.lengths[0] : new Uint16Array(B);
      for (let h = 0; h < B; h++) offsets[h + 1] = offsets[h] + len[h];
      return { offsets, postings: this.pool.slice(0, this.used) };
    }
    const postings = new Uint8Array(this.used);
    // where each batch's next stretch starts in the pool
    const cursor = new Float64Array(batches);
    for (let b = 1; b < batches; b++) {
      let sum = 0;
      const len = this.lengths[b - 1];
      for (let h = 0; h < B; h++) sum += len[h];
      cursor[b] = cursor[b - 1] + sum;
    }
    const pool = this.pool;
    let o = 0;
    for (let h = 0; h < B; h++) {
      for (let b = 0; b < batches; b++) {
        const len = this.lengths[b][h];
        if (len === 0) continue;
        const c = cursor[b];
        if (len > 48) {
          postings.set(pool.subarray(c, c + len), o);
          o += len;
        } else for (let i = c, e = c + len; i < e; i++) postings[o++] = pool[i];
        cursor[b] = c + len;
      }
      offsets[h + 1] = o;
    }
    return { offsets, postings };
  }
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const decoder: TextDecoder | null = typeof TextDecoder === 'undefined' || !littleEndian ? null : new TextDecoder('utf-16le', { ignoreBOM: true });

/**
 * Code units → a flat string (a string built by concatenating chunks is a rope, and scanning a rope with
 * indexOf / charCodeAt is several times slower). TextDecoder does it fastest; it would turn a lone
 * surrogate into U+FFFD, so text holding U+FFFD after decoding is decoded again unit by unit.
 */
export function flatString(codes: Uint16Array): string {
  const s = decoded(codes);
  if (s !== null) return s;
  // one call where the argument list allows (up to 60,000 units); longer ones end up a rope
  if (codes.length <= 60_000) return String.fromCharCode.apply(null, codes as unknown as number[]);
  return codesToString(codes, 0, codes.length);
}

function decoded(codes: Uint16Array): string | null {
  if (!decoder) return null;
  const s = decoder.decode(codes);
  return s.length === codes.length && s.indexOf('\ufffd') < 0 ? s : null;
}

/** Code units decoded into one string at a time: this many (1 MB, so it is made in the large-object space). */
const TEXTS_AT_ONCE = 1 << 19;

/**
 * The normalised texts of consecutive documents, decoded together into one string that each document's
 * text is a slice of (sharing its characters). Strings of a few kilobytes each would be made young and
 * copied by the collector as they survive, which cost a fifth of building; one large string is not.
 */
class NormTexts {
  readonly norms: string[] = [];
  private readonly codes: Uint16Array;
  private used = 0;
  /** Where each pending document's text ends in `codes`. */
  private readonly ends: number[] = [];

  constructor(chars: number) {
    this.codes = new Uint16Array(Math.min(TEXTS_AT_ONCE, chars + 16));
  }

  add(codes: Uint16Array): void {
    if (codes.length > Math.min(this.codes.length, TEXTS_AT_ONCE / 4)) {
      // large enough to be made in the large-object space alone (or lengthened by normalising)
      this.flush();
      this.norms.push(flatString(codes));
      return;
    }
    if (this.used + codes.length > this.codes.length) this.flush();
    this.codes.set(codes, this.used);
    this.used += codes.length;
    this.ends.push(this.used);
  }

  flush(): void {
    const all = decoded(this.codes.subarray(0, this.used));
    let from = 0;
    for (const end of this.ends) {
      this.norms.push(all !== null ? all.slice(from, end) : flatString(this.codes.subarray(from, end)));
      from = end;
    }
    this.used = 0;
    this.ends.length = 0;
  }
}

/** `batchBlocks`: blocks sorted at a time (at most 2^13; smaller only in tests, to cross batch boundaries). */
export function buildPostings(docs: readonly { text: string }[], batchBlocks = BATCH_BLOCKS): BuiltPostings {
  let chars = 0;
  let maxUnits = 0;
  for (const d of docs) {
    chars += d.text.length;
    maxUnits += Math.max(1, Math.ceil(d.text.length / BLOCK));
  }
  const B = 1 << bucketBits(chars);
  const mask = B - 1;
  const builder = new PostingsBuilder(B, chars, Math.max(1, Math.min(batchBlocks, 1 << BATCH_BITS)));
  const cps: Uint32Array[] = [];
  const texts = new NormTexts(chars);
  const firstUnit = new Uint32Array(docs.length + 1);
  let unitDoc = new Uint32Array(maxUnits);
  const scratch: NormalizedCodes = { codes: new Uint16Array(0), length: 0 };
  let units = 0;
  for (let d = 0; d < docs.length; d++) {
    const r = normalizeCodes(docs[d].text, false, scratch, true);
    const n = r.length;
    firstUnit[d] = units;
    builder.add(r.codes, n, units, mask);
    const docUnits = Math.max(1, Math.ceil(n / BLOCK));
    if (units + docUnits > unitDoc.length) {
      // normalising lengthened the text
      const more = new Uint32Array(Math.max(units + docUnits, 2 * unitDoc.length));
      more.set(unitDoc);
      unitDoc = more;
    }
    unitDoc.fill(d, units, units + docUnits);
    units += docUnits;
    texts.add(r.codes.subarray(0, n));
    cps.push(r.cp!.slice(0, 2 * r.cpCount!));
  }
  firstUnit[docs.length] = units;
  texts.flush();
  const { offsets, postings } = builder.finish();
  return { mask, offsets, postings, norms: texts.norms, cps, firstUnit, unitDoc: unitDoc.slice(0, units) };
}
