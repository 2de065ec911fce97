// Public types of the reuse-detection engine (see src/core/reuse/index.ts for the API overview).

/** A document to add to the index. `text` is the (cleaned) text whose offsets are reported as sourceStart/sourceEnd. */
export interface ReuseDocInput {
  /** Stable id chosen by the caller (e.g. library doc id or `draft:<id>`). Re-adding an id replaces it. */
  id: string;
  title: string;
  text: string;
}

export interface ReuseDocMeta {
  id: string;
  title: string;
  /** Number of countable (normalised) characters. */
  normLength: number;
  /** Number of winnowed fingerprints stored for the document. */
  fingerprints: number;
}

/** [start, end) UTF-16 offsets into the original draft text. */
export interface TextRange {
  start: number;
  end: number;
}

export interface CheckOptions {
  /** Minimal run of identical normalised characters that flags a passage (知网 rule: 13). */
  minChars?: number;
  /** A passage is `common` (套话) when it occurs in at least this many library documents… */
  commonMinDocs?: number;
  /** …and in more than this fraction of them. */
  commonFraction?: number;
  /** Ranges of the draft marked as quotation (标为引用): excluded from ratioExcludingQuotes. */
  quoteRanges?: TextRange[];
  /** Ranges the writer chose to ignore (忽略): passages mostly inside them are dropped. */
  ignoreRanges?: TextRange[];
  /** Source ids to leave out of this check (e.g. the current draft's own versions). */
  excludeIds?: string[];
  /** The text of an indexed document, exactly as it was given to `add` (needed to align): whole, or a reader of its parts (a folder cache reads windows from disk; the team server holds only fetched parts). */
  getSourceText: (id: string) => string | SourceText | undefined;
}

/**
 * A source's original text, whole (a string is one) or in parts: a store that fetches only the parts of
 * a document around candidate positions answers `slice` with undefined for a part it does not hold (the
 * window is then unknown, as if the text no longer matched the index).
 */
export interface SourceText {
  readonly length: number;
  slice(start: number, end: number): string | undefined;
  /** Told the part [start, end) a check needed and did not find (to be fetched before the check runs again). */
  want?(start: number, end: number): void;
  /** Nothing of the text is held yet (a source not fetched): the checker only tells `want` what it would read. */
  readonly lacksAll?: boolean;
}

export type DiffOp = 'equal' | 'insert' | 'delete';

/** One piece of the character diff draft-vs-source: `insert` = only in the draft, `delete` = only in the source. */
export interface DiffPart {
  op: DiffOp;
  text: string;
}

export interface Passage {
  /** UTF-16 offsets into the original draft text: draftText.slice(start, end) is the passage. */
  start: number;
  end: number;
  sourceId: string;
  sourceTitle: string;
  /** UTF-16 offsets into the original source text. */
  sourceStart: number;
  sourceEnd: number;
  /** 2·equal / (draft chars + source chars), over normalised characters, 0..1. */
  similarity: number;
  kind: 'reuse' | 'common';
  /** Number of library documents containing the passage (used for `common`). */
  docFrequency: number;
  /** Longest run of identical normalised characters shared with the source. */
  longestRun: number;
  /** Countable (normalised) characters of the draft inside the passage. */
  chars: number;
  /** Whether the passage lies mostly inside a quote range. */
  quoted: boolean;
  /** Character diff (original text; punctuation is attached to the neighbouring piece). */
  parts: DiffPart[];
  /** Set by the services after the check (core/reuse/risk.ts): the source shares the draft's 场合 or 对象 within the period. */
  risk?: 'high';
  /** e.g. 「与2024年同一会议讲话重复」. */
  riskReason?: string;
}

export interface SourceSummary {
  id: string;
  title: string;
  /** Countable draft chars attributed to this source (reuse only) / countable chars of the draft. */
  ratio: number;
}

export interface CheckResult {
  draft: { chars: number };
  ratio: number;
  ratioExcludingQuotes: number;
  maxSourceRatio: number;
  sources: SourceSummary[];
  passages: Passage[];
}

export interface NearDuplicateGroup {
  /** Longest member first. */
  ids: string[];
  /** The longest member (ids[0]). */
  representative: string;
  /** Smallest estimated containment linking the group (0..1; 1 = one is contained in the other). */
  similarity: number;
}

export interface NearDuplicateOptions {
  /** Only the groups containing these ids, with all their members (default: every group). */
  ids?: string[];
  /** Containment |A∩B| / min(|A|,|B|) over sampled fingerprints needed to group two documents (default 0.8). */
  minContainment?: number;
}

export interface Checker {
  /** Full check, reusing per-paragraph results from earlier calls (paragraphs = lines). */
  check(draftText: string, options: CheckOptions): CheckResult;
  /** Drop caches (call after the index changed). */
  reset(): void;
}
