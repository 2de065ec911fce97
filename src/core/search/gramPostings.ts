// Exact bigram postings of normalised text, for a search index kept in rows of a database (the team
// library): the texts are normalised exactly as the search index of a library folder normalises them
// (core/normalize: width, case, traditional→simplified folded; punctuation and spaces dropped), and each
// normalised position p is posted under the key of the two code units starting there (the last position
// of a text under its unit and 0, which normalising never leaves in a text). A key's posting list holds
// every (document, position) where it occurs, so a phrase is found exactly from the lists of bigrams that
// cover its characters (at offsets 0, 2, 4 … and the last two), without reading any text: a match is a
// position where every one of them occurs at its offset. A single character is found by the keys
// starting with it (a range of keys).
//
// A list is coded as varints: per document (ascending ids) the gap to the previous document id, the number
// of positions, and the positions as gaps (the first from 0). A batch of documents gives one list per key;
// the lists of one key from several batches, read in batch order, make one list.
import { normalizeCodes, type NormalizedCodes } from '../normalize';

/** The key of the bigram (a, b) as a signed 32-bit integer (the database's int4). */
export const gramKey = (a: number, b: number): number => ((a << 16) | b) | 0;

/** Keys [lo, hi] of the bigrams that start with the code unit `c` (and of `c` ending a text). */
export const keysStartingWith = (c: number): [number, number] => [gramKey(c, 0), gramKey(c, 0xffff)];

export interface GramBatch {
  /** Distinct keys, ascending as signed integers. */
  keys: Int32Array;
  /** Start of each key's list in `bytes` (and the end at the end). */
  offsets: Uint32Array;
  bytes: Uint8Array;
  /** Normalised length of each document (what ranking divides by). */
  normLengths: Uint32Array;
}

/** Sorts `keys` (with `vals`) ascending as signed integers, stably: a least-significant-digit radix sort, 8 bits a pass. */
function radixSort(keys: Int32Array, vals: Int32Array, n: number): { keys: Int32Array; vals: Int32Array } {
  let k: Int32Array = keys;
  let v: Int32Array = vals;
  let k2: Int32Array = new Int32Array(n);
  let v2: Int32Array = new Int32Array(n);
  const count = new Int32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    count.fill(0);
    // the top byte with its sign bit flipped, so that negative keys come first
    const flip = shift === 24 ? 0x80 : 0;
    for (let i = 0; i < n; i++) count[((k[i] >>> shift) & 0xff) ^ flip]++;
    if (count[((k[0] >>> shift) & 0xff) ^ flip] === n) continue; // every key has this digit
    let sum = 0;
    for (let d = 0; d < 256; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const key = k[i];
      const at = count[((key >>> shift) & 0xff) ^ flip]++;
      k2[at] = key;
      v2[at] = v[i];
    }
    [k, k2] = [k2, k];
    [v, v2] = [v2, v];
  }
  return { keys: k, vals: v };
}

class Bytes {
  buf: Uint8Array;
  used = 0;
  constructor(size: number) {
    this.buf = new Uint8Array(Math.max(64, size));
  }
  varint(x: number): void {
    if (this.used + 5 > this.buf.length) {
      const more = new Uint8Array(Math.ceil(this.buf.length * 1.5) + 16);
      more.set(this.buf.subarray(0, this.used));
      this.buf = more;
    }
    const b = this.buf;
    let o = this.used;
    while (x >= 0x80) {
      b[o++] = (x & 0x7f) | 0x80;
      x >>>= 7;
    }
    b[o++] = x;
    this.used = o;
  }
}

/**
 * The posting lists of a batch of documents (`ids` ascending, non-negative). About 1–1.5 bytes of lists a
 * character of Chinese text.
 */
export function buildGramBatch(docs: readonly { id: number; text: string }[]): GramBatch {
  let chars = 0;
  for (const d of docs) chars += d.text.length;
  let keys = new Int32Array(chars + 16);
  // the entry's document (within the batch) and position are kept apart: entry i → docOf[i], posOf[i]
  let docOf = new Int32Array(chars + 16);
  let posOf = new Int32Array(chars + 16);
  const normLengths = new Uint32Array(docs.length);
  const scratch: NormalizedCodes = { codes: new Uint16Array(0), length: 0 };
  let m = 0;
  for (let d = 0; d < docs.length; d++) {
    if (d > 0 && docs[d].id <= docs[d - 1].id) throw new Error('buildGramBatch: ids must ascend');
    const r = normalizeCodes(docs[d].text, false, scratch);
    const codes = r.codes;
    const n = r.length;
    normLengths[d] = n;
    scratch.codes = codes;
    if (m + n > keys.length) {
      // normalising lengthened the text (ﬁ → fi, ㍻ → 平成)
      const size = Math.max(m + n, keys.length * 2);
      const grow = (a: Int32Array) => {
        const b = new Int32Array(size);
        b.set(a.subarray(0, m));
        return b;
      };
      keys = grow(keys);
      docOf = grow(docOf);
      posOf = grow(posOf);
    }
    for (let p = 0; p < n; p++) {
      keys[m] = ((codes[p] << 16) | (p + 1 < n ? codes[p + 1] : 0)) | 0;
      docOf[m] = d;
      posOf[m] = p;
      m++;
    }
  }
  const entries = new Int32Array(m);
  for (let i = 0; i < m; i++) entries[i] = i;
  const sorted = radixSort(keys, entries, m);
  const sk = sorted.keys;
  const order = sorted.vals;
  // count the distinct keys, then code each key's list
  let distinct = 0;
  for (let i = 0; i < m; i++) if (i === 0 || sk[i] !== sk[i - 1]) distinct++;
  const outKeys = new Int32Array(distinct);
  const offsets = new Uint32Array(distinct + 1);
  const out = new Bytes(Math.ceil(m * 1.4));
  let g = -1;
  for (let i = 0; i < m; ) {
    const key = sk[i];
    outKeys[++g] = key;
    offsets[g] = out.used;
    let prevDoc = 0;
    // entries of one key are in (document, position) order: the sort is stable
    while (i < m && sk[i] === key) {
      const d = docOf[order[i]];
      let j = i + 1;
      while (j < m && sk[j] === key && docOf[order[j]] === d) j++;
      out.varint(docs[d].id - prevDoc);
      prevDoc = docs[d].id;
      out.varint(j - i);
      let prevPos = 0;
      for (let t = i; t < j; t++) {
        const p = posOf[order[t]];
        out.varint(p - prevPos);
        prevPos = p;
      }
      i = j;
    }
  }
  offsets[distinct] = out.used;
  return { keys: outKeys, offsets, bytes: out.buf.slice(0, out.used), normLengths };
}

/** A posting list decoded: entry i is position pos[i] of document doc[i], in (document, position) order. */
export interface Postings {
  doc: Int32Array;
  pos: Int32Array;
  length: number;
}

/** Entries in a coded list (for sizing). */
function entriesIn(b: Uint8Array): number {
  let n = 0;
  let i = 0;
  while (i < b.length) {
    // document gap, count, then `count` positions
    while (b[i++] & 0x80);
    let count = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = b[i++];
      count += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    n += count;
    for (let k = 0; k < count; k++) while (b[i++] & 0x80);
  }
  return n;
}

/** The lists of one key from several batches, read in batch order, as one list. */
export function decodePostings(parts: readonly Uint8Array[]): Postings {
  let total = 0;
  for (const b of parts) total += entriesIn(b);
  const doc = new Int32Array(total);
  const pos = new Int32Array(total);
  let o = 0;
  let ordered = true;
  let lastDoc = -1;
  for (const b of parts) {
    let i = 0;
    let d = 0;
    const next = () => {
      let v = 0;
      let shift = 0;
      let byte: number;
      do {
        byte = b[i++];
        v += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80);
      return v;
    };
    while (i < b.length) {
      d += next();
      if (d <= lastDoc) ordered = false;
      lastDoc = d;
      const count = next();
      let p = 0;
      for (let k = 0; k < count; k++) {
        p += next();
        doc[o] = d;
        pos[o++] = p;
      }
    }
  }
  return ordered ? { doc, pos, length: total } : sortPostings(doc, pos);
}

function sortPostings(doc: Int32Array, pos: Int32Array): Postings {
  const idx = Array.from({ length: doc.length }, (_, i) => i).sort((a, b) => doc[a] - doc[b] || pos[a] - pos[b]);
  return { doc: Int32Array.from(idx, (i) => doc[i]), pos: Int32Array.from(idx, (i) => pos[i]), length: idx.length };
}

/** The bigrams (by offset in `norm`, ≥ 2 units) whose lists find it exactly: offsets 0, 2, 4 … and the last two units. */
export function coveringGrams(norm: string): { key: number; offset: number }[] {
  const out: { key: number; offset: number }[] = [];
  for (let o = 0; o + 1 < norm.length; o += 2) out.push({ key: gramKey(norm.charCodeAt(o), norm.charCodeAt(o + 1)), offset: o });
  if (norm.length % 2 === 1) {
    const o = norm.length - 2;
    out.push({ key: gramKey(norm.charCodeAt(o), norm.charCodeAt(o + 1)), offset: o });
  }
  return out;
}

/**
 * Start positions of `norm` (≥ 2 units) given the lists of its covering grams (coveringGrams, same order):
 * the entries of the shortest list moved to their start, kept where every other list has its gram.
 */
export function phraseStarts(lists: readonly { postings: Postings; offset: number }[]): Postings {
  if (!lists.length) return { doc: new Int32Array(0), pos: new Int32Array(0), length: 0 };
  const by = [...lists].sort((a, b) => a.postings.length - b.postings.length);
  const first = by[0];
  let doc = Int32Array.from(first.postings.doc.subarray(0, first.postings.length));
  let pos = Int32Array.from(first.postings.pos.subarray(0, first.postings.length), (p) => p - first.offset);
  let n = doc.length;
  for (let k = 1; k < by.length && n > 0; k++) {
    const { postings: l, offset } = by[k];
    let j = 0;
    let w = 0;
    for (let i = 0; i < n; i++) {
      const d = doc[i];
      const p = pos[i] + offset;
      while (j < l.length && (l.doc[j] < d || (l.doc[j] === d && l.pos[j] < p))) j++;
      if (j < l.length && l.doc[j] === d && l.pos[j] === p) {
        doc[w] = d;
        pos[w++] = pos[i];
      }
    }
    n = w;
  }
  doc = doc.subarray(0, n);
  pos = pos.subarray(0, n);
  return { doc, pos, length: n };
}

/** Occurrences per document, non-overlapping from the left (what a scan with indexOf counts), of a word `len` units long starting at `starts`. */
export function countPerDoc(starts: Postings, len: number, into = new Map<number, number>()): Map<number, number> {
  let lastDoc = -1;
  let lastEnd = 0;
  for (let i = 0; i < starts.length; i++) {
    const d = starts.doc[i];
    const p = starts.pos[i];
    if (d !== lastDoc) {
      lastDoc = d;
      lastEnd = 0;
    }
    if (p < lastEnd) continue;
    lastEnd = p + len;
    into.set(d, (into.get(d) ?? 0) + 1);
  }
  return into;
}
