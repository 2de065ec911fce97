// Worker threads that run a script of this program: found beside the calling module's own file (a bundle
// next to the bundle that starts it, a .ts source next to its source), and, in a packaged Electron app, in
// app.asar.unpacked (a worker cannot load its script from inside an asar archive). A .ts script runs
// through tsx inside the worker (development, tests, bench).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * The script `baseName` (.cjs, .js or .ts) in the folder of `moduleFile` (the caller's __filename or
 * import.meta.url), or null when this build does not ship it.
 */
export function findWorkerScript(moduleFile: string | undefined, baseName: string): string | null {
  if (!moduleFile) return null;
  let here: string;
  try {
    here = moduleFile.startsWith('file:') ? fileURLToPath(moduleFile) : moduleFile;
  } catch {
    return null;
  }
  const dir = path.dirname(here);
  const dirs = dir.includes(`app.asar${path.sep}`) || dir.endsWith('app.asar') ? [dir.replace(/app\.asar(?=$|[\\/])/, 'app.asar.unpacked')] : [dir];
  for (const d of dirs) {
    for (const ext of ['.cjs', '.js', '.ts']) {
      const f = path.join(d, baseName + ext);
      if (existsSync(f)) return f;
    }
  }
  return null;
}

/** Start a worker on `entry`; `workerData.entry` and `.parent` are set for the tsx loader. */
export function startScriptWorker(entry: string, workerData: Record<string, unknown>, resourceLimits?: ResourceLimits): Worker {
  const data = { ...workerData, entry, parent: pathToFileURL(entry).href };
  if (entry.endsWith('.ts')) {
    const code = `const { workerData } = require('node:worker_threads'); import('tsx/esm/api').then((m) => m.tsImport(workerData.entry, workerData.parent));`;
    return new Worker(code, { eval: true, workerData: data, resourceLimits });
  }
  return new Worker(entry, { workerData: data, resourceLimits });
}
