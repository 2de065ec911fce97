// Near-duplicate documents by sampled fingerprints (pure TypeScript): every document keeps a small sketch,
// the hashes of its normalised 12-character shingles that fall in a fixed 1/16 sample (hash mod 16 = 0).
// Fixed-rate sampling keeps containment estimable for documents of very different lengths (a truncated
// copy inside its original): containment(A,B) ≈ |SA ∩ SB| / min(|SA|, |SB|). Candidates come from an
// inverted index over the sketches; hashes found in many documents (stock phrases) are skipped. The cost
// grows with the number of sampled hashes, not with pairs of documents, so a library of 50 million
// characters is grouped in seconds, and one new document is placed into the existing groups at once.
import { normalizeCodes } from '../../core/normalize/index';

const SHINGLE = 12;
const SAMPLE_MASK = 15;
/** Hashes in more documents than this (or 2% of the library, if more) are stock phrases, not evidence. */
const MAX_DOCS_PER_HASH = 48;
/** Fewer samples than this (texts under ~100 characters) are too few to judge. */
const MIN_SAMPLES = 6;

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
      // finalise (murmur fmix32) so that the sample is uniform
      let x = h;
      x ^= x >>> 16;
      x = Math.imul(x, 0x85ebca6b);
      x ^= x >>> 13;
      x = Math.imul(x, 0xc2b2ae35);
      x ^= x >>> 16;
      if ((x & SAMPLE_MASK) === 0) out.push(x >>> 0);
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

export interface DupGroup {
  /** Longest member first. */
  ids: string[];
  representative: string;
  /** Smallest estimated containment linking the group (0..1). */
  similarity: number;
}

/** Inverted index over sketches. */
export class SketchIndex {
  private postings = new Map<number, number[]>();
  private docs: SketchDoc[] = [];
  private byId = new Map<string, number>();
  /** Documents with the same sketch as an earlier one (exact or trivially different copies): id → that one's id. */
  private sameAs = new Map<string, string>();
  private bySketch = new Map<string, string>();

  constructor(docs: SketchDoc[] = []) {
    for (const d of docs) this.add(d);
  }

  add(d: SketchDoc): void {
    if (this.byId.has(d.id)) return;
    const k = this.docs.length;
    this.docs.push(d);
    this.byId.set(d.id, k);
    if (d.sketch.length >= MIN_SAMPLES) {
      const key = Array.prototype.join.call(d.sketch, ',');
      const first = this.bySketch.get(key);
      if (first) {
        this.sameAs.set(d.id, first);
        return;
      }
      this.bySketch.set(key, d.id);
    }
    for (let i = 0; i < d.sketch.length; i++) {
      const h = d.sketch[i];
      const l = this.postings.get(h);
      if (l) l.push(k);
      else this.postings.set(h, [k]);
    }
  }

  /** Documents whose estimated containment with `d` is at least `min`, with that containment. */
  neighbours(d: SketchDoc, min = 0.8): { id: string; containment: number }[] {
    if (d.sketch.length < MIN_SAMPLES) return [];
    const self = this.byId.get(d.id);
    const counts = new Map<number, number>();
    const cap = Math.max(MAX_DOCS_PER_HASH, Math.ceil(this.docs.length * 0.02));
    for (let i = 0; i < d.sketch.length; i++) {
      const l = this.postings.get(d.sketch[i]);
      if (!l || l.length > cap) continue;
      for (const k of l) if (k !== self) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const out: { id: string; containment: number }[] = [];
    for (const [k, shared] of counts) {
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
  groups(opts: { ids?: string[]; minContainment?: number } = {}): DupGroup[] {
    const min = opts.minContainment ?? 0.8;
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
