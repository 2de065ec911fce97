import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared` next to the repository: the seed speeches and the corpus. */
export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = path.resolve(REPO_DIR, '../shared');
export const SEED_FILE = path.join(SHARED_DIR, 'seed/000_a5a9ba5a6d09eae4.txt');
export const GOV_REPORTS_FILE = path.join(SHARED_DIR, 'corpus/government_work_reports.jsonl');
export const CPC_REPORTS_FILE = path.join(SHARED_DIR, 'corpus/cpc_congress_reports.jsonl');

export const hasShared = existsSync(SEED_FILE);
/** Use as `describe.skipIf(!hasShared)`; prints why once. */
if (!hasShared) console.warn(`[tests] ../shared not found at ${SHARED_DIR}: tests that read the seed or corpus are skipped`);

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
