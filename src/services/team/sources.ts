// The sources of a team check as the client holds them: a document's figures and checkpoints as fetched
// (DocInfo), the parts of its text fetched so far (SparseText), and the checker's views of them — of a
// fetched source (FetchedMeta, FetchedView) and of a stand-in for one not fetched yet (StandInMeta,
// StandInView: the parts the checker reads of it show what to fetch; see check.ts). The views are small
// classes, not objects of closures: a check makes a few of them for each of its thousands of sources.
import type { SourceMeta, SourceText } from '../../core/reuse/index';
import { checkpointAfter, checkpointBefore } from '../../core/reuse/checkpoints';
import { chunkStarts, type ChunkStart } from './chunks';
import { lastAtOrBeforeBy } from '../../core/model/sorted';

/** Where a provider notes what the checker lacked: a count, and the parts of fetched sources' texts (original offsets). */
export interface Lacking {
  misses: number;
  readonly wanted: Map<number, [number, number][]>;
}

/** What the checker needs of a document besides its text. */
export interface DocInfo {
  id: number;
  name: string;
  title: string;
  normLength: number;
  /** Length of the cleaned text (UTF-16 units, as every offset). */
  textLength: number;
  checkpoints: ArrayLike<number>;
  /** The text has characters outside the BMP: character positions on the server differ from UTF-16 offsets, so it is fetched whole (no chunks). */
  astral: boolean;
  /** Where the text's chunks start (empty for a text with astral characters). */
  readonly chunks: ChunkStart[];
}

/** A DocInfo as fetched: its chunk starts are worked out from the checkpoints when first asked for (most sources never are). */
export class FetchedInfo implements DocInfo {
  private starts?: ChunkStart[];
  constructor(
    readonly id: number,
    readonly name: string,
    readonly title: string,
    readonly normLength: number,
    readonly textLength: number,
    readonly checkpoints: Int32Array,
    readonly astral: boolean,
  ) {}

  get chunks(): ChunkStart[] {
    return (this.starts ??= this.astral ? [] : chunkStarts(this.checkpoints, this.textLength));
  }
}

/**
 * Parts of a document's original text, [start, end) in UTF-16 offsets, kept sorted and merged. A document's
 * text never changes under its id, so parts fetched by different checks fit together.
 */
export class SparseText {
  /** Sorted, disjoint, not touching. */
  private parts: { start: number; text: string }[] = [];
  /** Characters held. */
  chars = 0;
  constructor(readonly length: number) {}

  slice(a: number, b: number): string | undefined {
    const p = this.find(a);
    if (!p || p.start + p.text.length < b) return undefined;
    return p.text.slice(a - p.start, b - p.start);
  }

  holds(a: number, b: number): boolean {
    const p = this.find(a);
    return !!p && p.start + p.text.length >= b;
  }

  /** The part holding offset a (or ending at it). */
  private find(a: number): { start: number; text: string } | undefined {
    const parts = this.parts;
    const p = parts[lastAtOrBeforeBy(parts.length, a, (i) => parts[i].start)];
    return p && p.start <= a && a <= p.start + p.text.length ? p : undefined;
  }

  add(start: number, text: string): void {
    if (start < 0 || start + text.length > this.length || !text.length) return;
    let s = start;
    let t = text;
    const keep: { start: number; text: string }[] = [];
    for (const p of this.parts) {
      const pe = p.start + p.text.length;
      if (pe < s || p.start > s + t.length) {
        keep.push(p);
        continue;
      }
      // overlapping or touching: one part over both
      this.chars -= p.text.length;
      if (p.start < s) {
        t = p.text.slice(0, s - p.start) + t;
        s = p.start;
      }
      if (pe > s + t.length) t += p.text.slice(s + t.length - p.start);
    }
    keep.push({ start: s, text: t });
    keep.sort((x, y) => x.start - y.start);
    this.parts = keep;
    this.chars += t.length;
  }
}

/** A fetched source: its figures and the parts of its text fetched so far. */
export interface FetchedDoc {
  info: DocInfo;
  text: SparseText;
}

/**
 * A stand-in for a document not fetched yet: as long as any text, with a checkpoint at every multiple of 64
 * (as the real ones, about), so the parts the checker reads of it — normalised ranges — show where to fetch.
 */
const STAND_IN = 1 << 30;

/** A fetched source's meta: its checkpoints as fetched. */
export class FetchedMeta implements SourceMeta {
  readonly id: string;
  readonly title: string;
  readonly length: number;
  private readonly cp: ArrayLike<number>;
  constructor(d: DocInfo) {
    this.id = String(d.id);
    this.title = d.title;
    this.length = d.normLength;
    this.cp = d.checkpoints;
  }

  checkpointBefore(p: number): [number, number] {
    return checkpointBefore(this.cp, 0, this.cp.length >> 1, p);
  }

  checkpointAfter(p: number): [number, number] | null {
    return checkpointAfter(this.cp, 0, this.cp.length >> 1, p);
  }
}

/** A fetched source's text: what it lacks is noted in the provider's `wanted`. */
export class FetchedView implements SourceText {
  readonly length: number;
  constructor(
    private readonly provider: Lacking,
    private readonly id: number,
    private readonly text: SparseText,
  ) {
    this.length = text.length;
  }

  slice(a: number, b: number): string | undefined {
    return this.text.slice(a, b);
  }

  want(a: number, b: number): void {
    this.provider.misses++;
    const w = this.provider.wanted;
    let l = w.get(this.id);
    if (!l) w.set(this.id, (l = []));
    l.push([a, b]);
  }
}

/** A stand-in's meta: checkpoints at every multiple of 64. */
export class StandInMeta implements SourceMeta {
  readonly title = '';
  readonly length = STAND_IN;
  constructor(readonly id: string) {}

  checkpointBefore(p: number): [number, number] {
    return [p & ~63, p & ~63];
  }

  checkpointAfter(p: number): [number, number] | null {
    return [(p + 63) & ~63, (p + 63) & ~63];
  }
}

/** A stand-in's text: lacks everything; what is read of it is noted as flat pairs (start, end). */
export class StandInView implements SourceText {
  readonly length = STAND_IN;
  readonly lacksAll = true;
  constructor(
    private readonly provider: Lacking,
    private readonly reads: number[],
  ) {}

  slice(): undefined {
    return undefined;
  }

  want(a: number, b: number): void {
    this.provider.misses++;
    this.reads.push(a, b);
  }
}
