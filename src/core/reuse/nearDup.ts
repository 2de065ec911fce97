// Near-duplicate documents by sampled fingerprints (pure TypeScript): every document keeps a small sketch,
// the hashes of its normalised 12-character shingles that fall in a fixed 1/16 sample (hash mod 16 = 0).
// Fixed-rate sampling keeps containment estimable for documents of very different lengths (a truncated
// copy inside its original): containment(A,B) ≈ |SA ∩ SB| / min(|SA|, |SB|). Candidates come from an
// inverted index over the sketches; hashes found in many documents (stock phrases) are skipped. The cost
// grows with the number of sampled hashes, not with pairs of documents, so a library of 50 million
// characters is grouped in seconds, and one new document is placed into the existing groups at once.
import { normalizeCodes } from '../normalize/index';
import { fmix32 } from './winnow';
import { indexOfSorted } from '../model/sorted';
import type { NearDuplicateGroup, NearDuplicateOptions } from './types';

/** Containment of sampled fingerprints at which two documents are near-duplicates (one group, one source). */
export const NEAR_DUP_MIN_CONTAINMENT = 0.8;

const SHINGLE = 12;
const SAMPLE_MASK = 15;
/** Hashes in more documents than this (or 2% of the library, if more) are stock phrases, not evidence. */
const MAX_DOCS_PER_HASH = 48;
/** In a library of `docs` documents, a sampled hash in more documents than this is a stock phrase (skipped). */
export const stockPhraseCap = (docs: number) => Math.max(MAX_DOCS_PER_HASH, Math.ceil(docs * 0.02));
/** Fewer samples than this (texts under ~100 characters) are too few to judge. */
const MIN_SAMPLES = 6;

function sameSketch(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sorted, de-duplicated sampled shingle hashes of a text. */
export function sketchOf(text: string): Uint32Array {
  const { codes, length } = normalizeCodes(text, false);
  if (length < SHINGLE) return new Uint32Array(0);
  const out: number[] = [];
  // polynomial rolling hash over SHINGLE code units, mod 2^32
  const B = 0x01000193;
  let pow = 1;
  for (let i = 0; i < SHINGLE - 1; i++) pow = Math.imul(pow, B);
  let h = 0;
  for (let i = 0; i < length; i++) {
    if (i >= SHINGLE) h = (h - Math.imul(codes[i - SHINGLE], pow)) | 0;
    h = (Math.imul(h, B) + codes[i]) | 0;
    if (i >= SHINGLE - 1) {
      // finalised (murmur fmix32) so that the sample is uniform
      const x = fmix32(h);
      if ((x & SAMPLE_MASK) === 0) out.push(x);
    }
  }
  const arr = Uint32Array.from(out).sort();
  let n = 0;
  for (let i = 0; i < arr.length; i++) if (i === 0 || arr[i] !== arr[i - 1]) arr[n++] = arr[i];
  return arr.slice(0, n);
}

export interface SketchDoc {
  id: string;
  /** Length used to choose a group's representative (the longest). */
  length: number;
  sketch: ArrayLike<number>;
}

export type DupGroup = NearDuplicateGroup;

/** Inverted index over sketches (sorted typed arrays: hash → the documents whose sketch holds it). */
export class SketchIndex {
  private docs: SketchDoc[] = [];
  private byId = new Map<string, number>();
  /** Documents with the same sketch as an earlier one (exact or trivially different copies): id → that one's id. */
  private sameAs = new Map<string, string>();
  /** Unique hashes (ascending) and, per hash, the range of `postDocs` holding its documents. */
  private hashes = new Uint32Array(0);
  private offsets = new Int32Array(1);
  private postDocs = new Int32Array(0);
  private scratch: Int32Array | null = null;

  constructor(docs: SketchDoc[] = []) {
    const bySketch = new Map<number, number[]>();
    const indexed: number[] = [];
    for (const d of docs) {
      if (this.byId.has(d.id)) continue;
      const k = this.docs.length;
      this.docs.push(d);
      this.byId.set(d.id, k);
      if (d.sketch.length >= MIN_SAMPLES) {
        // identical sketches: only the first one is indexed
        let key = d.sketch.length;
        for (let i = 0; i < d.sketch.length; i++) key = (Math.imul(key, 0x01000193) ^ d.sketch[i]) | 0;
        const same = (bySketch.get(key) ?? []).find((j) => sameSketch(this.docs[j].sketch, d.sketch));
        if (same !== undefined) {
          this.sameAs.set(d.id, this.docs[same].id);
          continue;
        }
        const l = bySketch.get(key);
        if (l) l.push(k);
        else bySketch.set(key, [k]);
      }
      indexed.push(k);
    }
    if (this.docs.length >= 1 << 21) throw new Error('too many documents for the sketch index');
    let total = 0;
    for (const k of indexed) total += this.docs[k].sketch.length;
    // pack (hash, doc) into one float: hash · 2^21 + doc, exact below 2^53; sort natively
    const packed = new Float64Array(total);
    let n = 0;
    for (const k of indexed) {
      const sk = this.docs[k].sketch;
      for (let i = 0; i < sk.length; i++) packed[n++] = sk[i] * 2097152 + k;
    }
    packed.sort();
    const hashes = new Uint32Array(total);
    const offsets = new Int32Array(total + 1);
    const postDocs = new Int32Array(total);
    let u = 0;
    for (let i = 0; i < total; i++) {
      const v = packed[i];
      const h = Math.floor(v / 2097152);
      postDocs[i] = v - h * 2097152;
      if (u === 0 || hashes[u - 1] !== h) {
        hashes[u] = h;
        offsets[u] = i;
        u++;
      }
    }
    offsets[u] = total;
    this.hashes = hashes.slice(0, u);
    this.offsets = offsets.slice(0, u + 1);
    this.postDocs = postDocs;
  }

  /** Documents whose estimated containment with `d` is at least `min`, with that containment. */
  neighbours(d: SketchDoc, min = NEAR_DUP_MIN_CONTAINMENT): { id: string; containment: number }[] {
    if (d.sketch.length < MIN_SAMPLES) return [];
    const self = this.byId.get(d.id);
    const counts = (this.scratch ??= new Int32Array(this.docs.length));
    const touched: number[] = [];
    const cap = stockPhraseCap(this.docs.length);
    for (let i = 0; i < d.sketch.length; i++) {
      const u = indexOfSorted(this.hashes, d.sketch[i]);
      if (u < 0) continue;
      const lo = this.offsets[u];
      const hi = this.offsets[u + 1];
      if (hi - lo > cap) continue;
      for (let q = lo; q < hi; q++) {
        const k = this.postDocs[q];
        if (k === self) continue;
        if (counts[k]++ === 0) touched.push(k);
      }
    }
    const out: { id: string; containment: number }[] = [];
    for (const k of touched) {
      const shared = counts[k];
      counts[k] = 0;
      const other = this.docs[k];
      const denom = Math.min(d.sketch.length, other.sketch.length);
      if (denom < MIN_SAMPLES) continue;
      const c = Math.min(1, shared / denom);
      if (c >= min) out.push({ id: other.id, containment: c });
    }
    return out;
  }

  /**
   * Groups among all documents, or the groups that contain any of `ids` (with all their members, also
   * documents outside `ids`).
   */
  groups(opts: NearDuplicateOptions = {}): DupGroup[] {
    const min = opts.minContainment ?? NEAR_DUP_MIN_CONTAINMENT;
    const parent = new Map<string, string>();
    const sim = new Map<string, number>();
    const find = (x: string): string => {
      let r = x;
      while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
      parent.set(x, r);
      return r;
    };
    const union = (a: string, b: string, c: number) => {
      const ra = find(a);
      const rb = find(b);
      const s = Math.min(sim.get(ra) ?? 1, sim.get(rb) ?? 1, c);
      if (ra !== rb) parent.set(ra, rb);
      sim.set(find(a), s);
    };
    // copies with identical sketches: linked to the first one; queries go through that one
    const copiesOf = new Map<string, string[]>();
    for (const [id, first] of this.sameAs) {
      const l = copiesOf.get(first) ?? [];
      l.push(id);
      copiesOf.set(first, l);
    }
    const wanted = opts.ids ? new Set(opts.ids) : null;
    for (const [id, first] of this.sameAs) {
      if (!wanted || wanted.has(id) || wanted.has(first) || (copiesOf.get(first) ?? []).some((c) => wanted.has(c))) union(id, first, 1);
    }
    const canonical = (id: string) => this.sameAs.get(id) ?? id;
    const seeds = opts.ids ? opts.ids.filter((id) => this.byId.has(id)).map(canonical) : this.docs.map((d) => d.id).filter((id) => !this.sameAs.has(id));
    const seen = new Set<string>();
    const queue = [...seeds];
    // with ids: follow links transitively so a group is complete
    while (queue.length) {
      const id = queue.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const d = this.docs[this.byId.get(id)!];
      for (const n of this.neighbours(d, min)) {
        union(id, n.id, n.containment);
        if (opts.ids && !seen.has(n.id)) {
          queue.push(n.id);
          for (const c of copiesOf.get(n.id) ?? []) union(c, n.id, 1);
        }
      }
    }
    const members = new Map<string, string[]>();
    for (const id of parent.keys()) {
      const r = find(id);
      const l = members.get(r) ?? [];
      l.push(id);
      members.set(r, l);
    }
    const out: DupGroup[] = [];
    for (const [r, ids] of members) {
      const uniq = [...new Set(ids)];
      if (uniq.length < 2) continue;
      uniq.sort((a, b) => this.docs[this.byId.get(b)!].length - this.docs[this.byId.get(a)!].length || a.localeCompare(b));
      out.push({ ids: uniq, representative: uniq[0], similarity: sim.get(r) ?? 1 });
    }
    return out.sort((a, b) => a.representative.localeCompare(b.representative));
  }
}

/**
 * Near-duplicate groups among documents (containment of sampled fingerprints ≥ minContainment, default 0.8;
 * with `ids`, only the groups containing them, with all their members). Longest member first in each group.
 */
export function findNearDuplicates(docs: Iterable<{ id: string; text: string }>, options: NearDuplicateOptions = {}): NearDuplicateGroup[] {
  const sketched: SketchDoc[] = [];
  for (const d of docs) sketched.push({ id: d.id, length: d.text.length, sketch: sketchOf(d.text) });
  return new SketchIndex(sketched).groups(options);
}
