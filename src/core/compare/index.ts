export * from './types';
export { compareTexts, statsOf, sideText } from './compare';
export { splitParagraphs, type Paragraph } from './paragraphs';
export { copiedPassages, copiedSummary, type CopiedPassage, type CopiedSummary } from './copied';
