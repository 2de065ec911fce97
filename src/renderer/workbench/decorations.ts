// Decorations of the editor's text from several independent sources (查重 marks, 查找 matches, 校对
// underlines, 高风险 marks …). Each source owns one named set of ranges and replaces it whole; the editor
// shows the union. While an IME composition is in progress nothing changes on screen (re-decorating a block
// under composition breaks it): changes wait until the composition ends. Between two settings of a source,
// its ranges follow the edits (mapThrough, decorationMapping.ts).
import type { Operation } from 'slate';
import { blockRanges, type PlainText } from '../../core/model/text';
import { mapRanges, type BlocksBefore } from './decorationMapping';

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
  private sources = new Map<string, readonly DecorationRange[]>();
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

  /**
   * Move every source's ranges with an edit (`before`: the document the operation applies to). An edit inside
   * one block (typing, deleting within a paragraph) changes that block's ranges quietly: the block is drawn
   * again for the edit itself and reads them then, so the rest of the editor is not decorated anew on every
   * keystroke. An edit of blocks (Enter, Backspace joining paragraphs, moves) is shown as any change is.
   */
  mapThrough = (op: Operation, before: BlocksBefore): void => {
    if (op.type === 'set_selection' || op.type === 'set_node' || !this.sources.size) return;
    let changed = false;
    for (const [source, ranges] of this.sources) {
      const mapped = mapRanges(ranges, op, before);
      if (mapped === ranges) continue;
      changed = true;
      if (mapped.length) this.sources.set(source, mapped);
      else this.sources.delete(source);
    }
    if (!changed) return;
    const inBlock = (op.type === 'insert_text' || op.type === 'remove_text' || op.type === 'insert_node' || op.type === 'remove_node') && op.path.length === 2;
    if (inBlock) this.rebuildBlock(op.path[0]);
    else if (this.isComposing()) this.pending = true;
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

  /** The ranges of one block again from the sources, without telling anyone (see mapThrough). */
  private rebuildBlock(b: number): void {
    const arr: DecorationRange[] = [];
    for (const ranges of this.sources.values()) for (const r of ranges) if (r.blockIndex === b) arr.push(r);
    if (arr.length) this.byBlock.set(b, arr);
    else this.byBlock.delete(b);
  }

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
