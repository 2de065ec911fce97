// The one result type of a text diff. Offsets elsewhere are UTF-16 offsets; parts carry the text itself.
export type PartOp = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  op: PartOp;
  text: string;
}

export interface TextDiffOptions {
  /** Bound of each jsdiff call in ms (default 40); 0 skips the character diff; Infinity: no time bound, so the result never depends on the machine's load (give a small maxEditLength then). */
  timeoutMs?: number;
  /** Give up beyond this many edits (default ~70% of the combined length). */
  maxEditLength?: number;
  /** What to do when the character diff gives up: a word diff, then a replace (default); a replace; nothing. */
  fallback?: 'words' | 'replace' | 'none';
  /** Tidy the parts (merge, fold short equalities, slide edits); default true. */
  cleanup?: boolean;
}

/** A diff that covers both texts. */
export interface CompleteTextDiff {
  parts: DiffPart[];
  /** Set when the result is coarser than a character diff, saying how. */
  coarse?: 'words' | 'replace';
}

/** With fallback 'none' the character diff may give up, and says so. */
export type TextDiff = CompleteTextDiff | { parts: null; coarse: 'gave-up' };
