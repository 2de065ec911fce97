// Shared by the benchmarks (bench/) and the quality evaluation (eval/): a seeded PRNG, sentence splitting
// and reading the JSONL corpus in ../shared/corpus.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { GOV_REPORTS_FILE, readCorpus } from '../tests/helpers/shared';

export const SHARED_CORPUS = path.dirname(GOV_REPORTS_FILE);

/** Deterministic PRNG (mulberry32): numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SentenceOptions {
  /** Also end a sentence after a line break (default true). */
  atNewlines?: boolean;
  /** Remove all whitespace inside sentences instead of trimming the ends (default false). */
  dropSpaces?: boolean;
  /** Shortest and longest sentence kept (default 4 and 400). */
  minLength?: number;
  maxLength?: number;
}

/** Sentences ending in 。！？； (and line breaks), whitespace trimmed, outside the length bounds dropped. */
export function sentencesOf(text: string, opts: SentenceOptions = {}): string[] {
  const { atNewlines = true, dropSpaces = false, minLength = 4, maxLength = 400 } = opts;
  return text
    .split(atNewlines ? /(?<=[。！？；\n])/ : /(?<=[。！？；])/)
    .map((s) => (dropSpaces ? s.replace(/\s+/g, '') : s.trim()))
    .filter((s) => s.length >= minLength && s.length <= maxLength);
}

/** Rows of a JSONL file of the shared corpus ([] when the file is not there). */
export function readJsonl<T = { title: string; content: string }>(file: string): T[] {
  const p = path.join(SHARED_CORPUS, file);
  return existsSync(p) ? (readCorpus(p) as T[]) : [];
}
