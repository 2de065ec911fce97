export { extractOutline, outlineOfUnits, type Outline, type OutlineHeading } from './extract';
export { findEnumerations, type Enumeration, type EnumerationItem, type EnumerationKind } from './enumerations';
export { lintDoc, lintText, templateFindings, type Finding, type FindingKind, type LintTemplate } from './lint';
export { docPunctuationEdits, fixDocPunctuation, fixHalfWidthPunctuation, halfWidthPunctuation, type DocPunctuationEdit, type PunctuationChange } from '../proofread/punctuation';
export { parseWrittenNumber, type WrittenNumber } from './numbering';
export { classifyRole, type RoleGuess } from './roles';
export { cleanDefectsText } from './seg';
export { splitPieces, type Piece } from './split';
export { textToDoc } from './toDoc';
