/**
 * Reuse-detection engine (pure TypeScript). API:
 *
 *   const index = new ReuseIndex();                 // or ReuseIndex.load(bytes) (zero-copy views on bytes)
 *   index.add([{ id, title, text }, …]);            // one segment per call; re-adding an id replaces it
 *   index.remove(ids);                              // tombstones; index.compact() drops them for good
 *   index.has(id); index.docs(): ReuseDocMeta[]; index.size (live docs); index.version (bumps on change)
 *   const bytes: Uint8Array = index.serialize();
 *
 *   checkText(index, draftText, { minChars = 13, commonMinDocs = 5, commonFraction = 0.10,
 *             quoteRanges?, ignoreRanges?, excludeIds?, getSourceText(id) }) → CheckResult
 *   const checker = createChecker(index); checker.check(draftText, options)  // incremental: per-paragraph
 *             cache (paragraph = line); same result as checkText; follows index changes by itself
 *   createChecker(provider) / checkText(provider, …): the same check over any PostingProvider (postings of a
 *             k-gram hash + checkpoints of a source), e.g. postings fetched from a server; draftHashes(draft)
 *             lists every k-gram hash such a check looks up
 *   findNearDuplicates([{ id, text }, …], { ids?, minContainment = 0.8 }) → [{ ids, representative, similarity }]
 *             (sampled 12-character shingles, see nearDup.ts; SketchIndex/sketchOf for stored sketches)
 *
 *   normalizeForMatch(text) → { norm, map, ends }   (from src/core/normalize)
 *
 * All offsets are UTF-16 offsets into the ORIGINAL texts (getSourceText must return the text given to add, or a
 * SourceText reader of it: { length, slice(start, end) }, so stored texts are read only where a check looks).
 * CheckResult:
 *   { draft: { chars }, ratio, ratioExcludingQuotes, maxSourceRatio, sources: [{ id, title, ratio }],
 *     passages: [{ start, end, sourceId, sourceTitle, sourceStart, sourceEnd, similarity,
 *                  kind: 'reuse'|'common', parts: [{ op: 'equal'|'insert'|'delete', text }],
 *                  docFrequency, longestRun, chars, quoted }] }
 * How it works and why 13 characters are always found: README, "How reuse detection works".
 */
export * from './types';
export { ReuseIndex } from './reuseIndex';
export type { StoredPostings } from './segment';
export { checkText, createChecker } from './check';
export { IndexProvider, IntBuf, MAX_POSTINGS_PER_HASH, draftHashes } from './check';
export type { PostingProvider, SourceMeta } from './check';
export { findNearDuplicates, SketchIndex, sketchOf } from './nearDup';
export type { DupGroup, SketchDoc } from './nearDup';
export { normalizeForMatch } from '../normalize';
export type { Normalized } from '../normalize';
