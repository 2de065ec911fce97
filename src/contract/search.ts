import { z } from 'zod';
import { method } from './define';
import { LIBRARY_KINDS } from '../core/library/label';

// Search over the 素材库 and the workspace's drafts (and, with `search --server`, a team library).
// One result shape for every backend: the CLI's `search --json` prints exactly a SearchResult.

export { LIBRARY_KINDS, type LibraryKind } from '../core/library/label';
export const LibraryKindSchema = z.enum(LIBRARY_KINDS);

export const SearchModeSchema = z.enum(['phrase', 'all']);
/** `phrase`: the query as one exact run (after normalisation); `all`: every space-separated word somewhere in the document. */
export type SearchMode = z.infer<typeof SearchModeSchema>;

export const SearchFiltersSchema = z.object({
  kind: LibraryKindSchema.optional(),
  /** Exact speaker (after trimming). */
  speaker: z.string().max(100).optional(),
  /** Inclusive year range of the document's date. Documents without a date are left out when a range is given. */
  yearFrom: z.number().int().min(1900).max(2200).optional(),
  yearTo: z.number().int().min(1900).max(2200).optional(),
  /** 场合: exact occasion. */
  occasion: z.string().max(200).optional(),
  /** Where to look: default both. */
  source: z.enum(['library', 'draft']).optional(),
});
export type SearchFilters = z.infer<typeof SearchFiltersSchema>;

export const SearchInputSchema = z.object({
  query: z.string().trim().min(1, '请输入要搜索的内容').max(500),
  mode: SearchModeSchema.optional(),
  filters: SearchFiltersSchema.optional(),
  /** Most hits returned (default 50); `total` still counts every hit. */
  limit: z.number().int().min(1).max(10_000).optional(),
});
export type SearchInput = z.infer<typeof SearchInputSchema>;

export const SearchHitSchema = z.object({
  docId: z.string(),
  title: z.string(),
  /** Title + speaker + date (see core/library/label.ts): tells two speeches with one title apart. */
  label: z.string(),
  /** UTF-16 offsets into the document's text (`library show ID --json`'s `text`, or the draft's plain text). */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** A piece of the text around the hit; `start`/`end` are the hit inside `snippet.text`. */
  snippet: z.object({ text: z.string(), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }),
  score: z.number(),
  source: z.enum(['library', 'draft']),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchResultSchema = z.object({
  query: z.string(),
  total: z.number().int().nonnegative(),
  hits: z.array(SearchHitSchema),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const SimilarInputSchema = z.object({
  /** The paragraph at the caret. */
  text: z.string().trim().min(2).max(20_000),
  limit: z.number().int().min(1).max(50).optional(),
  /** The open draft: its own family is not offered. */
  draftId: z.string().max(64).optional(),
});

export interface SimilarParagraph {
  docId: string;
  title: string;
  label: string;
  /** The paragraph's UTF-16 offsets in the document's text. */
  start: number;
  end: number;
  text: string;
  /** 0..1: Dice coefficient of the distinct character bigrams of the two (normalised) paragraphs. */
  score: number;
  source: 'library' | 'draft';
}

export const searchContract = {
  'search.query': method<SearchResult>()(SearchInputSchema),
  /** 「相似素材」: the library paragraphs most like a paragraph (also below the 13-character rule). */
  'search.similar': method<{ paragraphs: SimilarParagraph[] }>()(SimilarInputSchema),
};
