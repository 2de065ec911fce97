// The documented limits of one document, checked before any work starts, the same on save as on load
// (nothing is written that cannot be read back). README「限制」 lists them.

export const LIMITS = {
  /** Characters of text in one document (a long speech is 20,000; a whole year's speeches are a few million). */
  maxDocChars: 20_000_000,
  /** Paragraphs (blocks) in one document. */
  maxBlocks: 200_000,
  /** Text leaves in one block. */
  maxLeavesPerBlock: 10_000,
  /** Nesting depth of the extra data a block or leaf may carry (marks, origin): JSON objects/arrays. */
  maxExtraDepth: 16,
  /** Values in the extra data of one block or leaf. */
  maxExtraNodes: 1_000,
  /** A draft or version file on disk (20 M characters of CJK text are 60 MB of UTF-8 plus the JSON around). */
  maxDraftFileBytes: 128 * 1024 * 1024,
  /** A user's file to import or read (.txt, .md, .docx). */
  maxImportBytes: 50 * 1024 * 1024,
  /** Bytes one .docx may inflate to over every part a reader opens (found through the package's relationships). */
  maxDocxInflatedBytes: 96 * 1024 * 1024,
  /** One inflated part of a .docx. */
  maxDocxPartBytes: 64 * 1024 * 1024,
  /** The settings file and other small workspace JSON files. */
  maxSmallJsonBytes: 1024 * 1024,
} as const;

/**
 * Depth and size of a JSON value, walked without recursion (a 5,000-deep array must not overflow the stack
 * of the check meant to refuse it). Returns the first limit passed, or null.
 */
export function jsonShapeProblem(value: unknown, maxDepth: number, maxNodes: number): string | null {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let nodes = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (++nodes > maxNodes) return `超过 ${maxNodes} 个值 (more than ${maxNodes} values)`;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return `嵌套超过 ${maxDepth} 层 (nested deeper than ${maxDepth})`;
    for (const c of Array.isArray(v) ? v : Object.values(v)) stack.push([c, depth + 1]);
  }
  return null;
}
