// The incremental checker: checking a draft against a PostingProvider — candidate retrieval by
// fingerprints (never all pairs), seed-and-extend to exact maximal matches on the normalised texts,
// clustering of nearby matches into one passage, jsdiff on the small gaps between them.
//
// Incremental: everything up to verified exact matches is computed per paragraph (line) and cached
// by the paragraph's text; only the k-grams that cross paragraph boundaries (their postings are kept
// by hash), the stitching of matches across boundaries, clustering and the passages (their diffs are
// kept by text) are recomputed on every check. A full check is the same code path with empty caches,
// so both give the same result. When only the sources' texts changed (a remote provider fetched what a run
// lacked), the paragraphs' lookups and chains are kept and only their verification runs again.
//
// Phases, one file each: paragraphs (seeds → chains → verified matches, cached) → draft (the
// paragraphs joined) → matches (boundaries, per-document dedup) → clustering → passages → figures.
import { K, ReuseIndex } from '../reuseIndex';
import type { CheckOptions, CheckResult, Checker } from '../types';
import { chooseCandidates } from './clustering';
import { assembleDraft, type DraftScratch } from './draft';
import { figures } from './figures';
import { collectMatches, type BoundaryLookups } from './matches';
import { finishPara, preparePara, splitLines, type ParaData, type ParaPrep } from './paragraphs';
import { buildPassages, type PassageCaches } from './passages';
import { IndexProvider, type PostingProvider } from './provider';
import { SourceDoc, type SourceFn } from './sourceWindows';

export class ReuseChecker implements Checker {
  private paraCache = new Map<string, ParaData>();
  /**
   * Preparations (lookups, chains) of the draft's paragraphs: when the documents' texts changed (version
   * moved: the results are dropped) — a remote provider fetched the sources a run lacked — the next check
   * verifies the paragraphs without looking their k-grams up again. Kept, as the lookups of k-grams across
   * paragraph boundaries (`lookups`), while the provider's postings (postingsVersion) and the check's key
   * stay the same; only the last check's paragraphs are kept, and only for a provider that names a
   * postingsVersion (for the others a new version means new postings: nothing would be reused).
   */
  private prepCache = new Map<string, ParaPrep>();
  private prepVersion = -1;
  private sourceCache = new Map<number, SourceDoc | null>();
  private lookups: BoundaryLookups = new Map();
  private caches: PassageCaches = { parts: new Map(), edges: new Map() };
  private version = -1;
  private cacheKey = '';
  private scratch: DraftScratch = { codes: new Uint16Array(0), starts: new Int32Array(1), ends: new Int32Array(0), hot: new Uint32Array(0) };
  private readonly provider: PostingProvider;

  constructor(source: ReuseIndex | PostingProvider) {
    this.provider = source instanceof ReuseIndex ? new IndexProvider(source) : source;
  }

  reset(): void {
    this.prepCache.clear();
    this.lookups.clear();
    this.prepVersion = -1;
    this.dropResults();
  }

  /** Drop what depends on the documents' texts (the preparations stay: see prepCache). */
  private dropResults(): void {
    this.paraCache.clear();
    this.sourceCache.clear();
    this.caches = { parts: new Map(), edges: new Map() };
    this.version = this.provider.version;
  }

  private source(key: number, getSourceText: CheckOptions['getSourceText']): SourceDoc | null {
    let s = this.sourceCache.get(key);
    if (s !== undefined) return s;
    const m0 = this.provider.misses;
    const meta = this.provider.doc(key);
    const text = meta ? getSourceText(meta.id) : undefined;
    s = meta && text !== undefined ? new SourceDoc(text, meta) : null;
    if (this.sourceCache.size > 4000) this.sourceCache.clear();
    // a source not at hand yet is asked for again once fetched
    if (s || this.provider.misses === m0) this.sourceCache.set(key, s);
    return s;
  }

  check(draftText: string, options: CheckOptions): CheckResult {
    const provider = this.provider;
    const excluded = new Set<number>();
    for (const id of options.excludeIds ?? []) {
      const key = provider.keyOf(id);
      if (key !== undefined) excluded.add(key);
    }
    const minChars = Math.max(K, options.minChars ?? 13);
    const cacheKey = `${minChars}|${[...excluded].sort((a, b) => a - b).join(',')}`;
    const keyChanged = cacheKey !== this.cacheKey;
    if (this.version !== provider.version || keyChanged) {
      this.dropResults();
      this.cacheKey = cacheKey;
    }
    const postingsVersion = provider.postingsVersion ?? provider.version;
    if (this.prepVersion !== postingsVersion || keyChanged) {
      this.prepCache.clear();
      this.lookups.clear();
      this.prepVersion = postingsVersion;
    }
    const sourceFn: SourceFn = (key) => this.source(key, options.getSourceText);

    // Paragraphs, cached by text.
    const lines = splitLines(draftText);
    const paras: ParaData[] = [];
    const nextCache = new Map<string, ParaData>();
    const nextPrep = new Map<string, ParaPrep>();
    const keepPreps = provider.postingsVersion !== undefined;
    const misses = provider.misses;
    for (const line of lines) {
      let pd = nextCache.get(line.text) ?? this.paraCache.get(line.text);
      const kept = keepPreps ? (nextPrep.get(line.text) ?? this.prepCache.get(line.text)) : undefined;
      if (kept) nextPrep.set(line.text, kept);
      if (!pd) {
        const m0 = provider.misses;
        const prep = kept ?? preparePara(provider, line.text, excluded);
        if (keepPreps) nextPrep.set(line.text, prep);
        pd = finishPara(prep, sourceFn, minChars);
        // computed while a source was not at hand: verified again next time (from the same preparation)
        if (provider.misses !== m0) {
          paras.push(pd);
          continue;
        }
      }
      nextCache.set(line.text, pd);
      paras.push(pd);
    }
    this.paraCache = nextCache;
    this.prepCache = nextPrep;
    const draft = assembleDraft(draftText, lines, paras, this.scratch);
    const byDoc = collectMatches(provider, draft, paras, excluded, sourceFn, minChars, this.lookups);
    const { chosen, covered } = chooseCandidates(byDoc, draft.total, minChars);
    const quoteRanges = options.quoteRanges ?? [];
    const { passages, next } = buildPassages(
      {
        draftText,
        draft,
        paras,
        chosen,
        covered,
        sourceFn,
        liveDocs: Math.max(0, provider.liveDocs - excluded.size),
        keyCount: provider.keyCount,
        quoteRanges,
        ignoreRanges: options.ignoreRanges ?? [],
        commonMinDocs: options.commonMinDocs ?? 5,
        commonFraction: options.commonFraction ?? 0.1,
      },
      this.caches,
    );
    // passages built while a source was not at hand are not kept either
    this.caches = provider.misses === misses ? next : { parts: new Map(), edges: new Map() };
    return figures(passages, draft.starts, draft.total, quoteRanges);
  }
}

/** A checker keeps per-paragraph lookups and normalised sources between calls (incremental re-check). */
export function createChecker(source: ReuseIndex | PostingProvider): Checker {
  return new ReuseChecker(source);
}

/** One-off check of a draft (same code path as the incremental checker, cold caches). */
export function checkText(source: ReuseIndex | PostingProvider, draftText: string, options: CheckOptions): CheckResult {
  return new ReuseChecker(source).check(draftText, options);
}
