// The one text core (pure TypeScript): numbers, bundles, cleaning with an offset map, front matter,
// structure recognition and text → blocks. Everything that reads a speech's text goes through it.
export { parseWrittenNumber, stripWrittenNumber, typedNumberPrefix, startsWithNumber, type WrittenNumber, type LabelKind } from './numbers';
export { splitBundle, guessTitle, BUNDLE_MARKER_RE, type BundlePart } from './bundle';
export { cleanText, cleanSeg, blockText, CLEANING_LABELS, type CleanResult, type Cleaning, type CleaningKind, type CleanOptions } from './clean';
export { toOriginalOffset, toOriginalRange, sliceMap, identityMap, mapFromOrigins, type OffsetMap } from './offsetMap';
export { isTitleLike, isSalutationLine, frontLineOf } from './front';
export { findEnumerations, type Enumeration, type EnumerationItem, type EnumerationKind } from './enumerations';
export { parseSpeech, parseParagraphs, type Unit, type ParsedSpeech, type LineHint } from './parse';
export { textToDoc, textToDocReport, type DroppedLine, unitsToBlocks, paragraphsToBlocks, paragraphsToDoc, type SourceParagraph } from './toDoc';
export { segOf, spanOf, sliceSeg, type Seg } from './seg';
export { readHtml, htmlToBlocks, decodeEntities, type HtmlRead } from './html';
export { clipboardBlocks, pasteReplacesDraft, fitPastedFront } from './paste';
export { parseDoc } from './fromDoc';
