export { extractOutline, outlineOfUnits, type Outline, type OutlineHeading } from './extract';
export { lintDoc, lintText, templateFindings, type Finding, type FindingKind, type LintTemplate } from './lint';
export { docPunctuationEdits, fixDocPunctuation, fixHalfWidthPunctuation, halfWidthPunctuation, type DocPunctuationEdit, type PunctuationChange } from '../proofread/punctuation';
export { classifyRole, type RoleGuess } from './roles';
