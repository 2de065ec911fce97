import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Vitest global setup: a test run's temp files live in a folder of its own (TMPDIR, which os.tmpdir() reads),
// removed when the run ends, and so do the caches of library folders (SPEECHDRAFT_CACHE_DIR, see
// services/library/folderLibrary.ts). Before, every test that checked against a folder left an index behind in
// the user's own cache under the system temp folder (1,863 of them, 1.1 GB, after a few weeks of runs), and
// tests that forgot to remove a temp folder left it. The test processes inherit both variables. The folder is
// readable by others: PostgreSQL's test clusters run as the postgres user inside it (tests/helpers/pg.ts).
export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'speechdraft-test-'));
  chmodSync(root, 0o755);
  process.env.TMPDIR = root;
  process.env.SPEECHDRAFT_CACHE_DIR = path.join(root, 'speechdraft-cache');
  return () => rmSync(root, { recursive: true, force: true });
}
