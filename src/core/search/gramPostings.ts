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
import { VarintReader, writeVarint } from './varint';
import { radixSortPairs } from '../model/sorted';

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

/** Row numbers 0 … n−1 of `keys` in the order of the keys as unsigned 32-bit integers, stably (the keys are left as they are). */
export function unsignedOrder(keys: ArrayLike<number>): Int32Array {
  const n = keys.length;
  const k = new Uint32Array(n);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    k[i] = keys[i];
    rows[i] = i;
  }
  return radixSortPairs(k, rows, n).vals;
}

/**
 * The distinct keys of `keys` (entries 0 … m−1), each entry's key replaced by its key's number in ascending
 * (signed) order; and how many entries each key has. By an open-addressing table of the distinct keys (a
 * batch of Chinese text has some 10⁵ distinct bigrams among millions of entries), not by sorting the entries.
 */
function rankKeys(keys: Int32Array, m: number): { distinct: Int32Array; counts: Int32Array } {
  let bits = 16;
  let table = new Int32Array(1 << bits); // slot + 1 (0: empty)
  let slotKey = new Int32Array(1 << (bits - 1));
  let counts = new Int32Array(1 << (bits - 1));
  let n = 0;
  for (let i = 0; i < m; i++) {
    const k = keys[i];
    let h = Math.imul(k, 0x9e3779b1) >>> (32 - bits);
    let s: number;
    for (;;) {
      const t = table[h];
      if (t === 0) {
        s = n++;
        slotKey[s] = k;
        table[h] = s + 1;
        break;
      }
      if (slotKey[t - 1] === k) {
        s = t - 1;
        break;
      }
      h = (h + 1) & ((1 << bits) - 1);
    }
    counts[s]++;
    keys[i] = s;
    if (n === slotKey.length) {
      // at half full: twice the table, the keys placed again
      bits++;
      table = new Int32Array(1 << bits);
      const more = new Int32Array(1 << (bits - 1));
      more.set(slotKey);
      slotKey = more;
      const c = new Int32Array(1 << (bits - 1));
      c.set(counts);
      counts = c;
      for (let j = 0; j < n; j++) {
        let g = Math.imul(slotKey[j], 0x9e3779b1) >>> (32 - bits);
        while (table[g] !== 0) g = (g + 1) & ((1 << bits) - 1);
        table[g] = j + 1;
      }
    }
  }
  // the slots in key order, and each entry's slot turned into its key's rank
  const distinct = slotKey.slice(0, n).sort();
  const rankOf = new Int32Array(n);
  const rankCounts = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    let lo = 0;
    let hi = n - 1;
    const k = slotKey[s];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    rankOf[s] = lo;
    rankCounts[lo] = counts[s];
  }
  for (let i = 0; i < m; i++) keys[i] = rankOf[keys[i]];
  return { distinct, counts: rankCounts };
}

/**
 * The posting lists of a batch of documents (`ids` ascending, non-negative). About 1–1.5 bytes of lists a
 * character of Chinese text.
 */
export function buildGramBatch(docs: readonly { id: number; text: string }[]): GramBatch {
  let chars = 0;
  for (const d of docs) chars += d.text.length;
  let keys = new Int32Array(chars + 16);
  // entries are appended in (document, position) order: entry i is position i − docStart[d] of document d
  const docStart = new Int32Array(docs.length + 1);
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
    docStart[d] = m;
    if (m + n > keys.length) {
      // normalising lengthened the text (ﬁ → fi, ㍻ → 平成)
      const more = new Int32Array(Math.max(m + n, keys.length * 2));
      more.set(keys.subarray(0, m));
      keys = more;
    }
    for (let p = 0; p + 1 < n; p++) keys[m++] = ((codes[p] << 16) | codes[p + 1]) | 0;
    if (n > 0) keys[m++] = (codes[n - 1] << 16) | 0;
  }
  docStart[docs.length] = m;
  const { distinct, counts } = rankKeys(keys, m);
  const g = distinct.length;
  // each key's entries in (document, position) order: a counting sort by rank, entries visited in order
  const next = new Int32Array(g + 1);
  for (let r = 0; r < g; r++) next[r + 1] = next[r] + counts[r];
  const runStart = next.slice();
  const sdoc = new Int32Array(m);
  const spos = new Int32Array(m);
  for (let d = 0; d < docs.length; d++) {
    const base = docStart[d];
    const end = docStart[d + 1];
    for (let i = base; i < end; i++) {
      const at = next[keys[i]]++;
      sdoc[at] = d;
      spos[at] = i - base;
    }
  }
  const offsets = new Uint32Array(g + 1);
  // at most 5 bytes a value; a position gap within a document of < 2^21 units takes at most 3 (about 3 bytes an entry in all, measured)
  let buf = new Uint8Array(Math.ceil(m * 3.2) + 64);
  let o = 0;
  const ids = Int32Array.from(docs, (d) => d.id);
  for (let r = 0; r < g; r++) {
    offsets[r] = o;
    let prevDoc = 0;
    const end = runStart[r + 1];
    for (let i = runStart[r]; i < end; ) {
      const d = sdoc[i];
      let j = i + 1;
      while (j < end && sdoc[j] === d) j++;
      if (o + 10 + 5 * (j - i) > buf.length) {
        const more = new Uint8Array(Math.ceil(buf.length * 1.5) + 10 + 5 * (j - i));
        more.set(buf.subarray(0, o));
        buf = more;
      }
      o = writeVarint(buf, o, ids[d] - prevDoc);
      o = writeVarint(buf, o, j - i);
      prevDoc = ids[d];
      let prevPos = 0;
      // the position gaps: the varint written inline (the hot loop: one value per character of the batch)
      for (let t = i; t < j; t++) {
        const at = spos[t];
        let x = at - prevPos;
        prevPos = at;
        while (x >= 0x80) {
          buf[o++] = (x & 0x7f) | 0x80;
          x >>>= 7;
        }
        buf[o++] = x;
      }
      i = j;
    }
  }
  offsets[g] = o;
  return { keys: distinct, offsets, bytes: buf.slice(0, o), normLengths };
}

/**
 * The lists of a batch built with ids 0, 1, 2 … (`buildGramBatch` of documents numbered in order) for the
 * same documents under the ids firstId, firstId + 1 …: only the first document gap of each list changes
 * (the gaps between documents stay), so the lists are copied with that one varint rewritten. Lets an
 * importer build a batch's lists before the database has given the batch its (consecutive) ids.
 */
export function rebaseGramBatch(b: GramBatch, firstId: number): GramBatch {
  if (firstId === 0) return b;
  const n = b.keys.length;
  const out = new Uint8Array(b.bytes.length + 5 * n);
  const offsets = new Uint32Array(n + 1);
  const src = b.bytes;
  let o = 0;
  for (let g = 0; g < n; g++) {
    offsets[g] = o;
    const r = new VarintReader(src, b.offsets[g]);
    const end = b.offsets[g + 1];
    o = writeVarint(out, o, r.next() + firstId);
    out.set(src.subarray(r.at, end), o);
    o += end - r.at;
  }
  offsets[n] = o;
  return { keys: b.keys, offsets, bytes: out.subarray(0, o), normLengths: b.normLengths };
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
  const r = new VarintReader(b);
  while (r.at < b.length) {
    // document gap, count, then `count` positions
    r.skip();
    const count = r.next();
    n += count;
    for (let k = 0; k < count; k++) r.skip();
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
    const r = new VarintReader(b);
    let d = 0;
    while (r.at < b.length) {
      d += r.next();
      if (d <= lastDoc) ordered = false;
      lastDoc = d;
      const count = r.next();
      let p = 0;
      for (let k = 0; k < count; k++) {
        p += r.next();
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

/** Every bigram of `norm` by offset (0 … length − 2). */
export function gramsOf(norm: string): { key: number; offset: number }[] {
  const out: { key: number; offset: number }[] = [];
  for (let o = 0; o + 1 < norm.length; o++) out.push({ key: gramKey(norm.charCodeAt(o), norm.charCodeAt(o + 1)), offset: o });
  return out;
}

/**
 * Bigrams of `norm` (≥ 2 units) whose lists find it exactly: together they cover every character. Without
 * `sizeOf`, those at offsets 0, 2, 4 … and the last two units; with it (the size of each key's lists), the
 * cover of least total size (a key never seen gives size 0: nothing holds the phrase).
 */
export function coveringGrams(norm: string, sizeOf?: (key: number) => number): { key: number; offset: number }[] {
  const all = gramsOf(norm);
  if (!sizeOf) {
    const out = all.filter((g) => g.offset % 2 === 0);
    if (norm.length % 2 === 1 && all.length) out.push(all[all.length - 1]);
    return out;
  }
  // best[k]: the least size of grams covering characters [0, k); a gram at o extends a cover of o or o + 1 characters to o + 2
  const L = norm.length;
  const best = new Float64Array(L + 1).fill(Infinity);
  const via = new Int32Array(L + 1).fill(-1);
  const from = new Int32Array(L + 1);
  best[0] = 0;
  for (const g of all) {
    const size = sizeOf(g.key);
    for (const k of [g.offset, g.offset + 1]) {
      if (best[k] + size < best[g.offset + 2]) {
        best[g.offset + 2] = best[k] + size;
        via[g.offset + 2] = g.offset;
        from[g.offset + 2] = k;
      }
    }
  }
  const out: { key: number; offset: number }[] = [];
  for (let k = L; k > 0; k = from[k]) out.push(all[via[k]]);
  return out.reverse();
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
