export { alignTracked, bigramSimilarity, diffBlockText, type TrackedAlignment, type TrackedOp, type TrackedPart } from './align';
export { blockKind, exportedBlocks, type ExportedBlock } from './exported';
