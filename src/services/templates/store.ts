import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../contract/define';
import { parseTemplate, type Template } from '../../core/templates/schema';
import { writeFileAtomic } from '../workspace/atomic';
import { resolveBuiltinTemplatesDir } from './locate';

export type TemplateOrigin = 'builtin' | 'user';

export interface LoadedTemplate {
  template: Template;
  origin: TemplateOrigin;
  file: string;
}

export interface TemplateLoadError {
  file: string;
  origin: TemplateOrigin;
  message: string;
}

export interface TemplateLoadResult {
  templates: LoadedTemplate[];
  errors: TemplateLoadError[];
}

/** Load every `*.json` in `dir`; a broken file is reported (naming file and field) and skipped. */
export function loadTemplateDir(dir: string | null, origin: TemplateOrigin): TemplateLoadResult {
  const out: TemplateLoadResult = { templates: [], errors: [] };
  if (!dir || !existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json') || name.startsWith('.')) continue;
    const file = path.join(dir, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      out.errors.push({ file: name, origin, message: `无法读取模板文件 ${name}：${(err as Error).message}` });
      continue;
    }
    const r = parseTemplate(text, name);
    if (r.ok) out.templates.push({ template: r.template, origin, file });
    else out.errors.push({ file: name, origin, message: r.error });
  }
  return out;
}

/** What loadTemplateDir would read, as one string of `name:size:mtime:inode` (empty for a missing folder). */
async function dirSignature(dir: string | null): Promise<string> {
  if (!dir) return '';
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return '';
  }
  const parts = await Promise.all(
    names
      .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
      .sort()
      .map(async (n) => {
        try {
          const st = await fs.stat(path.join(dir, n));
          return `${n}:${st.size}:${st.mtimeMs}:${st.ino}`;
        } catch {
          return `${n}:gone`;
        }
      }),
  );
  return `${dir}|${parts.join('|')}`;
}

/** Built-in templates (read-only, from the app) and the user's templates (the workspace's templates/). */
export class TemplateStore {
  readonly builtinDir: string | null;
  /** The last load() and the folders' signature it was read at (see loadCached). */
  private cache: { sig: string; result: TemplateLoadResult } | null = null;

  constructor(
    readonly userDir: string,
    builtinDir?: string | null,
  ) {
    this.builtinDir = builtinDir === undefined ? resolveBuiltinTemplatesDir() : builtinDir;
  }

  /** Everything, loaded fresh (template files are small and few); user templates never shadow built-ins. */
  load(): TemplateLoadResult {
    const b = loadTemplateDir(this.builtinDir, 'builtin');
    const u = loadTemplateDir(this.userDir, 'user');
    const seen = new Set(b.templates.map((t) => t.template.id));
    const errors = [...b.errors, ...u.errors];
    const templates = [...b.templates];
    for (const t of u.templates) {
      if (seen.has(t.template.id)) {
        errors.push({ file: path.basename(t.file), origin: 'user', message: `用户模板 ${path.basename(t.file)} 的 id“${t.template.id}”与内置模板重复，已跳过` });
        continue;
      }
      seen.add(t.template.id);
      templates.push(t);
    }
    return { templates, errors };
  }

  /**
   * Like load(), but reuses the last result while neither folder's template files changed (names, sizes, mtimes
   * and inodes, by stat calls only); every 查重 asks for the template examples and must not re-read the folders.
   */
  async loadCached(): Promise<TemplateLoadResult> {
    const sig = (await Promise.all([dirSignature(this.builtinDir), dirSignature(this.userDir)])).join('\n');
    if (this.cache?.sig === sig) return this.cache.result;
    const result = this.load();
    this.cache = { sig, result };
    return result;
  }

  get(id: string): LoadedTemplate {
    const t = this.load().templates.find((x) => x.template.id === id);
    if (!t) throw new ApiError('not-found', `找不到模板：${id}`);
    return t;
  }

  /** Save a user template as `<id>.json` in the workspace (never into the built-in folder). */
  async saveUser(t: Template): Promise<LoadedTemplate> {
    const check = parseTemplate(JSON.stringify(t), `${t.id}.json`);
    if (!check.ok) throw new ApiError('invalid-input', check.error);
    if (this.load().templates.some((x) => x.template.id === t.id && x.origin === 'builtin')) {
      throw new ApiError('conflict', `模板 id 与内置模板重复：${t.id}`);
    }
    await fs.mkdir(this.userDir, { recursive: true });
    const file = path.join(this.userDir, `${t.id}.json`);
    await writeFileAtomic(file, JSON.stringify(check.template, null, 2) + '\n');
    this.cache = null;
    return { template: check.template, origin: 'user', file };
  }
}
