import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Vitest global setup: a test run keeps the caches of library folders (SPEECHDRAFT_CACHE_DIR, see
// services/library/folderLibrary.ts) in a temp folder of its own, removed when the run ends. Without it every
// test that checks against a folder left an index behind in the user's own cache (the system temp folder's
// speechdraft-cache): 1,800 of them, 1.1 GB, after a few weeks of runs. The test processes inherit the variable.
export default function setup(): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'speechdraft-test-cache-'));
  process.env.SPEECHDRAFT_CACHE_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
