import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { ApiError } from '../../contract/define';
import { toOriginalRange, type OffsetMap } from '../../core/text/index';
import { ReuseIndex } from '../../core/reuse/index';
import { NEAR_DUP_MIN_CONTAINMENT, SketchIndex, sketchOf } from '../../core/reuse/nearDup';
import { writeFileAtomic } from '../workspace/atomic';
import { isLibraryFile, readLibrarySource, type SourcePart } from './sources';
import { FolderDocs } from './folderDocs';

/** A document of a library folder (used by the CLI's check and dedup). */
export interface FolderDoc {
  id: string;
  title: string;
  /** Path relative to the folder. */
  file: string;
  part?: number;
  line?: number;
  /** Cleaned text (indexed). */
  text: string;
  /** Cleaned offsets → offsets into the file's own text (decoded .txt without BOM, .docx text, .jsonl content). */
  offsetMap: OffsetMap;
  hash: string;
  /** Sampled fingerprints (nearDup.ts). */
  sketch: number[];
}

export interface FolderGroup {
  representative: string;
  ids: string[];
  similarity: number;
}

export interface FolderLibrary {
  dir: string;
  index: ReuseIndex;
  /** Read from the folder cache on first use (folderDocs.ts). */
  docs: FolderDocs;
  /** Near-duplicate groups (containment ≥ 0.8 of sampled fingerprints, see nearDup.ts); cached until a file changes. */
  groups: FolderGroup[];
  /** Non-representative members of duplicate groups: a group counts as one source. */
  excludeIds: string[];
  /** Sampled fingerprints of every document (built on first use). */
  sketches(): SketchIndex;
  problems: { file: string; line?: number; message: string }[];
  /** How many files were (re)read rather than taken from the cache. */
  filesRead: number;
  cacheDir: string;
}

const CACHE_VERSION = 3;

interface FileEntry {
  size: number;
  mtimeMs: number;
  cacheFile: string;
  /** One small cache file per document (same order as ids), so a check reads only the sources it verifies. */
  docFiles: string[];
  ids: string[];
  problems: { line?: number; message: string }[];
}

interface Manifest {
  version: number;
  files: Record<string, FileEntry>;
  /** indexed id → text hash */
  indexed: Record<string, string>;
  binSize: number;
  groups?: FolderGroup[];
}

const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

/** Cache folder for a library folder: SPEECHDRAFT_CACHE_DIR or the system temp folder, keyed by the folder's path. */
export function folderCacheDir(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  const root = env.SPEECHDRAFT_CACHE_DIR ? path.resolve(env.SPEECHDRAFT_CACHE_DIR) : path.join(os.tmpdir(), 'speechdraft-cache');
  return path.join(root, sha(path.resolve(dir)).slice(0, 20));
}

/** Library files under `dir`, recursively (hidden folders skipped), sorted. */
export async function listLibraryFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch (err) {
      throw new ApiError('not-found', `无法读取文件夹：${d}`, (err as Error).message);
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && isLibraryFile(e.name)) out.push(p);
    }
  }
  await walk(dir);
  return out.sort();
}

/** A document's id in a library folder: its path, plus #part (bundles) or #Lline (.jsonl). */
export function docIdOf(rel: string, p: SourcePart, single: boolean): string {
  const base = rel.split(path.sep).join('/');
  if (p.line !== undefined) return `${base}#L${p.line}`;
  if (p.part !== undefined && !single) return `${base}#${p.part}`;
  return base;
}

/**
 * Load a folder of library files into an index, reusing a cache: a file whose size and mtime are unchanged
 * is not read again, and only the documents of changed files are re-indexed. Files that cannot be read are
 * reported in `problems` (and through `onProblem` as they are met) and skipped.
 */
export async function loadFolderLibrary(
  dir: string,
  opts: {
    env?: NodeJS.ProcessEnv;
    onProblem?: (p: { file: string; line?: number; message: string }) => void;
    /** Called as files are read and documents indexed (phase 'read' | 'index'). */
    onProgress?: (phase: 'read' | 'index', done: number, total: number) => void;
    noCache?: boolean;
  } = {},
): Promise<FolderLibrary> {
  const abs = path.resolve(dir);
  try {
    const st = await fs.stat(abs);
    if (!st.isDirectory()) throw new ApiError('invalid-input', `不是文件夹：${dir}`);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('not-found', `找不到素材库文件夹：${dir}`);
  }
  const cacheDir = folderCacheDir(abs, opts.env);
  const filesDir = path.join(cacheDir, 'files');
  await fs.mkdir(filesDir, { recursive: true });
  let manifest: Manifest = { version: CACHE_VERSION, files: {}, indexed: {}, binSize: 0 };
  let index: ReuseIndex | null = null;
  if (!opts.noCache) {
    try {
      const m = JSON.parse(await fs.readFile(path.join(cacheDir, 'manifest.json'), 'utf8')) as Manifest;
      if (m.version === CACHE_VERSION) {
        const bytes = await fs.readFile(path.join(cacheDir, 'index.bin'));
        if (bytes.length === m.binSize) {
          index = ReuseIndex.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
          manifest = m;
        }
      }
    } catch {
      // no usable cache
    }
  }
  if (!index) manifest = { version: CACHE_VERSION, files: {}, indexed: {}, binSize: 0 };
  index ??= new ReuseIndex();

  const problems: FolderLibrary['problems'] = [];
  const report = (p: { file: string; line?: number; message: string }) => {
    problems.push(p);
    opts.onProblem?.(p);
  };
  const docs = new FolderDocs(filesDir);
  const nextFiles: Record<string, FileEntry> = {};
  let filesRead = 0;
  let changed = false;

  const allFiles = await listLibraryFiles(abs);
  for (const [fileNo, file] of allFiles.entries()) {
    opts.onProgress?.('read', fileNo, allFiles.length);
    const rel = path.relative(abs, file);
    let st;
    try {
      st = await fs.stat(file);
    } catch (err) {
      report({ file: rel, message: `无法读取：${(err as Error).message}` });
      continue;
    }
    const cached = manifest.files[rel];
    const relKey = rel.split(path.sep).join('/');
    let entryDocs: FolderDoc[] | null = null;
    if (cached && cached.size === st.size && cached.mtimeMs === st.mtimeMs && cached.ids.every((id) => id in manifest.indexed)) {
      // unchanged and indexed: its documents are read only if a check or a listing asks for them
      for (const p of cached.problems) report({ file: rel, ...p });
      nextFiles[rel] = cached;
      docs.addLazy(relKey, cached.cacheFile, cached.ids, cached.docFiles);
      continue;
    }
    if (cached && cached.size === st.size && cached.mtimeMs === st.mtimeMs) {
      try {
        entryDocs = JSON.parse(await fs.readFile(path.join(filesDir, cached.cacheFile), 'utf8')) as FolderDoc[];
        for (const p of cached.problems) report({ file: rel, ...p });
        nextFiles[rel] = cached;
      } catch {
        entryDocs = null;
      }
    }
    if (!entryDocs) {
      filesRead++;
      changed = true;
      try {
        const bytes = await fs.readFile(file);
        const read = await readLibrarySource(rel, bytes);
        for (const p of read.problems) report({ file: rel, ...p });
        const single = read.parts.length === 1;
        entryDocs = read.parts.map((p) => ({
          id: docIdOf(rel, p, single),
          title: p.title,
          file: rel.split(path.sep).join('/'),
          ...(p.part !== undefined ? { part: p.part } : {}),
          ...(p.line !== undefined ? { line: p.line } : {}),
          text: p.text,
          offsetMap: p.offsetMap,
          hash: sha(p.text),
          sketch: Array.from(sketchOf(p.text)),
        }));
        const cacheFile = sha(rel).slice(0, 24) + '.json';
        await writeFileAtomic(path.join(filesDir, cacheFile), JSON.stringify(entryDocs));
        // Per document too (a cache: plain writes; a damaged one falls back to the file's cache above).
        const docFiles = entryDocs.map((d) => 'd-' + sha(d.id).slice(0, 24) + '.json');
        await Promise.all(entryDocs.map((d, i) => fs.writeFile(path.join(filesDir, docFiles[i]), JSON.stringify(d))));
        nextFiles[rel] = { size: st.size, mtimeMs: st.mtimeMs, cacheFile, docFiles, ids: entryDocs.map((d) => d.id), problems: read.problems };
      } catch (err) {
        const e = ApiError.from(err);
        report({ file: rel, message: e.code === 'internal' ? `文件已损坏或无法读取：${(err as Error).message}` : e.message });
        continue;
      }
    }
    docs.addLoaded(relKey, entryDocs);
  }

  // bring the index up to date: only the documents whose text changed
  // (the documents registered lazily are indexed with their current text: neither removed nor added)
  const toRemove = Object.keys(manifest.indexed).filter((id) => !docs.has(id) || (docs.isLoaded(id) && docs.get(id)?.hash !== manifest.indexed[id]));
  const toAdd = docs.loadedValues().filter((d) => manifest.indexed[d.id] !== d.hash);
  if (toRemove.length) index.remove(toRemove);
  for (const id of toRemove) delete manifest.indexed[id];
  for (let i = 0; i < toAdd.length; i += 500) {
    const batch = toAdd.slice(i, i + 500);
    index.add(batch.map((d) => ({ id: d.id, title: d.title, text: d.text })));
    for (const d of batch) manifest.indexed[d.id] = d.hash;
    opts.onProgress?.('index', Math.min(toAdd.length, i + 500), toAdd.length);
  }
  if (toRemove.length || toAdd.length) changed = true;
  if (Object.keys(manifest.files).some((rel) => !nextFiles[rel])) changed = true;

  let sketchIndex: SketchIndex | null = null;
  const sketches = () => (sketchIndex ??= new SketchIndex([...docs.values()].map((d) => ({ id: d.id, length: d.text.length, sketch: d.sketch }))));
  let groups = changed ? undefined : manifest.groups;
  if (!groups) {
    groups = sketches().groups({ minContainment: NEAR_DUP_MIN_CONTAINMENT }).map((g) => ({ representative: g.representative, ids: g.ids, similarity: g.similarity }));
    changed = true;
  }
  if (changed && !opts.noCache) {
    const bytes = index.serialize();
    const next: Manifest = { version: CACHE_VERSION, files: nextFiles, indexed: manifest.indexed, binSize: bytes.length, groups };
    await writeFileAtomic(path.join(cacheDir, 'index.bin'), bytes);
    await writeFileAtomic(path.join(cacheDir, 'manifest.json'), JSON.stringify(next));
  }
  const excludeIds = groups.flatMap((g) => g.ids.filter((id) => id !== g.representative));
  return { dir: abs, index, docs, groups, excludeIds, sketches, problems, filesRead, cacheDir };
}

/**
 * Near-duplicate groups of the folder (containment ≥ 0.8; the longest member represents its group):
 * all of them, or those containing any of `ids` (with all their members).
 */
export function folderGroups(lib: FolderLibrary, ids?: string[]): FolderGroup[] {
  if (!ids) return lib.groups;
  return lib.sketches().groups({ ids, minContainment: NEAR_DUP_MIN_CONTAINMENT }).map((g) => ({ representative: g.representative, ids: g.ids, similarity: g.similarity }));
}

/** A passage's source range in the source file's own text (see FolderDoc.offsetMap). */
export function sourceRangeInFile(doc: FolderDoc, start: number, end: number): { start: number; end: number } {
  return toOriginalRange(doc.offsetMap, start, end);
}
