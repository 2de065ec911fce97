// Cleaning of imported speech texts (pure TypeScript): see cleanText and splitBundle.
export { cleanText, CLEANING_LABELS, type CleanResult, type Cleaning, type CleaningKind, type CleanOptions } from './cleanText';
export { splitBundle, guessTitle, type BundlePart } from './bundle';
export { toOriginalOffset, toOriginalRange, sliceMap, identityMap, mapFromOrigins, type OffsetMap } from './offsetMap';
