// Decorations of the editor's text from several independent sources (查重 marks, 查找 matches, 校对
// underlines, 高风险 marks …). Each source owns one named set of ranges and replaces it whole; the editor
// shows the union. While an IME composition is in progress nothing changes on screen (re-decorating a block
// under composition breaks it): changes wait until the composition ends.
import { blockRanges, type PlainText } from '../../core/model/text';

export interface DecorationRange {
  blockIndex: number;
  /** Offsets into the block's text (generated numbers excluded). */
  start: number;
  end: number;
  /** CSS class(es) of the highlighted text; the source's own stylesheet styles them. */
  className: string;
  /** Tooltip. */
  title?: string;
}

export class DecorationRegistry {
  private sources = new Map<string, DecorationRange[]>();
  private byBlock = new Map<number, DecorationRange[]>();
  private version = 0;
  private pending = false;
  private listeners = new Set<() => void>();

  constructor(private readonly isComposing: () => boolean) {}

  /** Replace the ranges of `source` (e.g. 'reuse', 'find'); an empty list removes the source. */
  set = (source: string, ranges: readonly DecorationRange[]): void => {
    if (ranges.length === 0) {
      if (!this.sources.delete(source)) return;
    } else this.sources.set(source, [...ranges]);
    if (this.isComposing()) this.pending = true;
    else this.rebuild();
  };

  /** Drop every source's ranges (a different draft was loaded: their offsets mean nothing there). */
  clear(): void {
    this.sources.clear();
    this.rebuild();
  }

  /** The composition ended: show what changed meanwhile. */
  composingEnded = (): void => {
    if (!this.pending) return;
    this.pending = false;
    this.rebuild();
  };

  /** Ranges on block `blockIndex`, from all sources. */
  forBlock = (blockIndex: number): DecorationRange[] => this.byBlock.get(blockIndex) ?? [];

  /** Ranges of one source (what it last set). */
  of(source: string): readonly DecorationRange[] {
    return this.sources.get(source) ?? [];
  }

  /** Increments whenever what is shown changes. */
  getVersion = (): number => this.version;

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };

  private rebuild(): void {
    const byBlock = new Map<number, DecorationRange[]>();
    for (const ranges of this.sources.values()) {
      for (const r of ranges) {
        let arr = byBlock.get(r.blockIndex);
        if (!arr) byBlock.set(r.blockIndex, (arr = []));
        arr.push(r);
      }
    }
    this.byBlock = byBlock;
    this.version++;
    for (const l of [...this.listeners]) l();
  }
}

/**
 * Decoration ranges for a span of the document's plain text (`docToText` offsets, what the services'
 * results refer to), split at block boundaries.
 */
export function rangesOfText(plain: PlainText, start: number, end: number, className: string, title?: string): DecorationRange[] {
  return blockRanges(plain, start, end).map((r) => ({ ...r, className, ...(title ? { title } : {}) }));
}
