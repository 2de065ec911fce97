export { DEFAULT_MATCH_LIMIT, findMatches, foldCase, matchAtOrAfter, type FindOptions, type TextMatch, type TextPosition } from './match';
