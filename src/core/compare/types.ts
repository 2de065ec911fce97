// Result types of comparing two texts. Offsets are UTF-16 code unit offsets into each input's text
// (what String.prototype.slice takes); character counts in stats are code points without whitespace (字数).

export type ParagraphOp = 'equal' | 'insert' | 'delete' | 'modify' | 'move';
import type { DiffPart } from '../diff/index';

export type { DiffPart, PartOp } from '../diff/index';

export type Range = [start: number, end: number];

export interface ParagraphDiff {
  op: ParagraphOp;
  /** Range of the paragraph in text A (null for an insert). */
  a: Range | null;
  /** Range of the paragraph in text B (null for a delete). */
  b: Range | null;
  /** equal+delete parts concatenate to A's slice, equal+insert parts to B's slice. */
  parts: DiffPart[];
  /** Similarity (0..1) of the pair for modify and move. */
  similarity?: number;
  /** Set when the character diff gave up (too different or out of time) and a coarser diff was used. */
  coarse?: 'words' | 'replace';
}

export interface CompareStats {
  /** Characters inserted (in inserted paragraphs and inside modified / moved ones). */
  inserted: number;
  deleted: number;
  unchanged: number;
  /** Characters in moved paragraphs (their text at the new place). */
  moved: number;
  movedParagraphs: number;
  insertedParagraphs: number;
  deletedParagraphs: number;
  modifiedParagraphs: number;
  equalParagraphs: number;
  paragraphsA: number;
  paragraphsB: number;
}

export interface CompareResult {
  stats: CompareStats;
  paragraphs: ParagraphDiff[];
}

export interface CompareOptions {
  /** Total time budget for character diffs in ms; after it, changed paragraphs get a whole-paragraph replace. Default 600. */
  budgetMs?: number;
  /** Per-paragraph timeout handed to jsdiff, in ms. Default 40. */
  paragraphTimeoutMs?: number;
  /** Minimum similarity for pairing two paragraphs in the same place as a modification. Default 0.45. */
  modifyThreshold?: number;
  /** Minimum similarity for reporting a paragraph found elsewhere as a (modified) move. Default 0.6. */
  moveThreshold?: number;
}
