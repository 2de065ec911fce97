import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = 'work-meeting.json';

function moduleDir(): string | null {
  // ESM (tsx, vitest): import.meta.url; CommonJS bundle (Electron main via esbuild): __dirname.
  try {
    const url = import.meta.url;
    if (url) return path.dirname(fileURLToPath(url));
  } catch {
    /* not ESM */
  }
  return typeof __dirname === 'string' ? __dirname : null;
}

/**
 * The built-in templates folder (the repository's `templates/`): an explicit folder, else
 * SPEECHDRAFT_TEMPLATES_DIR, else found next to this module (dev, tests, the CLI, the esbuild bundle in
 * dist-electron/), inside a packaged app (process.resourcesPath/app.asar/templates, as electron-builder's
 * `files: templates/**` packs it), or under the current directory. Null if none is found.
 */
export function resolveBuiltinTemplatesDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (explicit) return path.resolve(explicit);
  if (env.SPEECHDRAFT_TEMPLATES_DIR) return path.resolve(env.SPEECHDRAFT_TEMPLATES_DIR);
  const candidates: string[] = [];
  const here = moduleDir();
  if (here) {
    let d = here;
    for (let i = 0; i < 6; i++) {
      candidates.push(path.join(d, 'templates'));
      const up = path.dirname(d);
      if (up === d) break;
      d = up;
    }
  }
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) candidates.push(path.join(resources, 'app.asar', 'templates'), path.join(resources, 'app', 'templates'), path.join(resources, 'templates'));
  candidates.push(path.join(process.cwd(), 'templates'));
  for (const c of candidates) if (existsSync(path.join(c, MARKER))) return c;
  return null;
}
