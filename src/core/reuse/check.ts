// Checking a draft against the library: the phases live in ./check/ (checker.ts reads top to bottom);
// the PostingProvider seam lets the same verification and alignment run over the embedded ReuseIndex
// or over postings fetched from a server.
export { ReuseChecker, checkText, createChecker } from './check/checker';
export { IndexProvider, MAX_POSTINGS_PER_HASH } from './check/provider';
export type { PostingProvider, SourceMeta } from './check/provider';
export { IntBuf } from './check/buffers';
export { draftHashes } from './check/paragraphs';
