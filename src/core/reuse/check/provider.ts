// The seam between the checker and where fingerprints live. The checker asks a PostingProvider for
// the postings of one k-gram hash and for the checkpoints of a candidate source; everything after
// that (verification, alignment, passages) is the same code whatever the provider. Two providers:
// IndexProvider over the embedded ReuseIndex (below) and, in services/team, postings fetched from
// PostgreSQL in one round trip (see PostingTable).
import type { ReuseIndex } from '../reuseIndex';
import type { Segment } from '../segment';
import type { IntBuf } from './buffers';

/** Posting lists longer than this are sampled (the phrase is then certainly common). */
export const MAX_POSTINGS_PER_HASH = 64;

/** What the checker needs to know about a candidate source besides its text. */
export interface SourceMeta {
  id: string;
  title: string;
  /** Normalised length of the document. */
  length: number;
  /** Checkpoint (normPos, origOffset) at or before normalised position p. */
  checkpointBefore(p: number): [number, number];
  /** Checkpoint at or after p, or null (then: to the end of the text). */
  checkpointAfter(p: number): [number, number] | null;
}

export interface PostingProvider {
  /** Changes whenever the documents change (checkers drop their caches when it moves). */
  readonly version: number;
  /**
   * Changes whenever what lookup() answers changes; where it is absent, `version` stands for it. A provider
   * whose documents' texts arrive during a check (version moves) but whose postings stay keeps it still, so
   * a checker keeps its paragraphs' lookups across those runs.
   */
  readonly postingsVersion?: number;
  /** Number of live documents (for the 套话 fraction). */
  readonly liveDocs: number;
  /** Document keys are integers in [0, keyCount). */
  readonly keyCount: number;
  /** Key of a live document, or undefined. */
  keyOf(id: string): number | undefined;
  /**
   * Push seed triples (docKey, draftPos, srcPos) for the first MAX_POSTINGS_PER_HASH postings of `hash` in
   * live documents (in key order, then position), skipping excluded keys (which count towards the cap).
   * Returns the total posting count of the hash in live documents.
   */
  lookup(hash: number, draftPos: number, out: IntBuf, excluded: Set<number>): number;
  /** A live document by key, or null. */
  doc(key: number): SourceMeta | null;
  /**
   * Remote providers: how many times a document or a part of a source's text was asked for that is not at
   * hand yet (fetched before the check runs again). What was computed while it moved is not cached.
   */
  readonly misses?: number;
}

/** Postings straight from the embedded index's segments. */
export class IndexProvider implements PostingProvider {
  constructor(readonly index: ReuseIndex) {}

  get version(): number {
    return this.index.version;
  }

  get liveDocs(): number {
    return this.index.size;
  }

  get keyCount(): number {
    return this.index.keyLocs.length;
  }

  keyOf(id: string): number | undefined {
    const loc = this.index.locate(id);
    return loc ? loc.seg.keyBase + loc.doc : undefined;
  }

  /** One cap over all segments (they are in key order; see ReuseIndex): the same sample however the index is segmented. */
  lookup(hash: number, draftPos: number, out: IntBuf, excluded: Set<number>): number {
    let total = 0;
    let room = MAX_POSTINGS_PER_HASH;
    for (const seg of this.index.segments) {
      const u = seg.find(hash);
      if (u < 0) continue;
      const hi = seg.offsets[u + 1];
      total += seg.livePostings(u);
      const held = seg.heldPostings;
      if (held) {
        room = this.take(seg, held, seg.offsets[u], hi, room, draftPos, out, excluded);
        continue;
      }
      // stored postings: read what the cap can still take (more while removed documents' postings are met)
      for (let q = seg.offsets[u]; q < hi && room > 0; ) {
        const end = Math.min(hi, q + Math.max(room, 16));
        room = this.take(seg, seg.readPostings(q, end), 0, end - q, room, draftPos, out, excluded);
        q = end;
      }
    }
    return total;
  }

  /** Seeds from postings ps[lo, hi) of `seg` while the cap has room; returns the room left. */
  private take(seg: Segment, ps: Uint32Array, lo: number, hi: number, room: number, draftPos: number, out: IntBuf, excluded: Set<number>): number {
    for (let q = lo; q < hi && room > 0; q++) {
      const pos = ps[q];
      const d = seg.docOf(pos);
      if (!seg.alive[d]) continue;
      room--;
      const key = seg.keyBase + d;
      if (excluded.size && excluded.has(key)) continue;
      out.push3(key, draftPos, pos - seg.docStarts[d]);
    }
    return room;
  }

  doc(key: number): SourceMeta | null {
    const loc = this.index.keyLocs[key];
    if (!loc || !loc.seg.alive[loc.doc]) return null;
    const { seg, doc } = loc;
    return {
      id: seg.ids[doc],
      title: seg.titles[doc],
      length: seg.docStarts[doc + 1] - seg.docStarts[doc],
      checkpointBefore: (p) => seg.checkpointBefore(doc, p),
      checkpointAfter: (p) => seg.checkpointAfter(doc, p),
    };
  }
}
