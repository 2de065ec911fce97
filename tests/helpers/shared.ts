import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared` next to the repository: the seed speeches and the corpus. */
export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = path.resolve(REPO_DIR, '../shared');
export const SEED_FILE = path.join(SHARED_DIR, 'seed/000_a5a9ba5a6d09eae4.txt');
export const GOV_REPORTS_FILE = path.join(SHARED_DIR, 'corpus/government_work_reports.jsonl');
export const CPC_REPORTS_FILE = path.join(SHARED_DIR, 'corpus/cpc_congress_reports.jsonl');

/** SPEECHDRAFT_NO_SHARED=1 runs the suite as on a machine without `../shared` (the synthetic fixtures only). */
export const hasShared = !process.env.SPEECHDRAFT_NO_SHARED && existsSync(SEED_FILE);
/** Use as `describe.skipIf(!hasShared)`; prints why once. */
if (!hasShared) console.warn(`[tests] ../shared ${process.env.SPEECHDRAFT_NO_SHARED ? 'hidden (SPEECHDRAFT_NO_SHARED)' : `not found at ${SHARED_DIR}`}: tests that read the seed or corpus are skipped`);

export function readSeed(): string {
  return readFileSync(SEED_FILE, 'utf8');
}

export interface CorpusRow {
  title: string;
  content: string;
  year?: number | string;
  [k: string]: unknown;
}

export function readCorpus(file: string = GOV_REPORTS_FILE): CorpusRow[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusRow);
}

/**
 * Small committed fixtures with the same kinds of defects, so the tests that matter run without `../shared`:
 * `mini-seed.txt` (five speeches: watermarks, page numbers inside words, broken lines, a glued heading,
 * 第四篇 a truncated copy of 第二篇, a （一）（三）（三） slip, the typos 推萎/松驰) and `mini-reports.jsonl`
 * (2022–2024 reports where 2024 reuses sentences of 2023 with edits; a zero-width space, full-width digits,
 * traditional characters; a row without a year).
 */
export const FIXTURES_DIR = path.join(REPO_DIR, 'tests/fixtures');
export const MINI_SEED_FILE = path.join(FIXTURES_DIR, 'mini-seed.txt');
export const MINI_REPORTS_FILE = path.join(FIXTURES_DIR, 'mini-reports.jsonl');

export function readMiniSeed(): string {
  return readFileSync(MINI_SEED_FILE, 'utf8');
}
