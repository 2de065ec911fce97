import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { ApiError } from '../../contract/define';
import type { OffsetMap } from '../../core/text/index';
import { ReuseIndex } from '../../core/reuse/index';
import { NEAR_DUP_MIN_CONTAINMENT, SketchIndex, sketchOf } from '../../core/reuse/nearDup';
import { isLibraryFile, readLibrarySource, type SourcePart } from './sources';
import { FolderDocs } from './folderDocs';
import { PersistedIndex } from './persistedIndex';
import { updateIndex, type IndexedSource } from './indexKeeper';
import { keepFoldTable, useKeptFoldTable } from './foldTableCache';
import { markCacheUsed, pruneFolderCaches } from './folderCaches';

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

/** 5: segments in the order their documents were added (a check no longer depends on segmentation); older caches are rebuilt once. */
const CACHE_VERSION = 5;
/** The folder's persisted index (persistedIndex.ts): index, hashes, texts and document records in one file. */
const CACHE_FILE = 'library.sdpx';
/** What versions ≤ 3 kept in the cache folder (removed when the new file is written). */
const OLD_CACHE = ['manifest.json', 'index.bin', 'files'];

interface FileEntry {
  size: number;
  mtimeMs: number;
  /** Its documents (same order as read). */
  ids: string[];
  problems: { line?: number; message: string }[];
}

/** What the folder keeps in the persisted index's meta. */
interface FolderMeta {
  version: number;
  files: Record<string, FileEntry>;
  groups: FolderGroup[];
}

const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

/** Where library folders are cached: SPEECHDRAFT_CACHE_DIR or the system temp folder. */
function cacheRoot(env: NodeJS.ProcessEnv): string {
  return env.SPEECHDRAFT_CACHE_DIR ? path.resolve(env.SPEECHDRAFT_CACHE_DIR) : path.join(os.tmpdir(), 'speechdraft-cache');
}

/** Cache folder for a library folder, keyed by the folder's path. */
export function folderCacheDir(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheRoot(env), sha(path.resolve(dir)).slice(0, 20));
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

/** A folder's index is read far more often than changed: its postings stay in the file, read as lookups ask. */
const STORED = { postings: 'stored' } as const;

/**
 * Start reading the persisted index of a library folder (only reading: nothing is built or written), to pass
 * to loadFolderLibrary as `prefetched` — e.g. while the draft to check is read.
 */
export function prefetchFolderIndex(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<PersistedIndex | null> {
  return PersistedIndex.load(path.join(folderCacheDir(path.resolve(dir), env), CACHE_FILE), STORED);
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
    /** The folder's persisted index, being read already (prefetchFolderIndex). */
    prefetched?: Promise<PersistedIndex | null>;
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
  const cacheFile = path.join(cacheDir, CACHE_FILE);
  const root = cacheRoot(opts.env ?? process.env);
  const keptTable = opts.noCache ? false : useKeptFoldTable(root);
  // the folder is listed and its files stat'ed while the persisted index is read (tens of megabytes)
  const listing = listLibraryFiles(abs).then(async (files) => ({ files, stats: await Promise.all(files.map((f) => fs.stat(f).catch((err: Error) => err))) }));
  listing.catch(() => undefined); // awaited below, after the index
  let store = opts.noCache ? null : await (opts.prefetched ?? PersistedIndex.load(cacheFile, STORED));
  if (!opts.noCache && !(await keptTable)) await keepFoldTable(root);
  // a cache in use is the last to be pruned (folderCaches.ts)
  const marked = store ? markCacheUsed(cacheDir) : undefined;
  const meta = store?.meta as FolderMeta | undefined;
  if (store && (meta?.version !== CACHE_VERSION || typeof meta.files !== 'object' || !Array.isArray(meta.groups))) {
    store.close();
    store = null;
  }
  const cachedFiles = store ? (meta as FolderMeta).files : {};
  const index = store?.index ?? new ReuseIndex();
  /** indexed id → hash of the text indexed */
  const indexed = new Map(store?.hashes ?? []);

  const problems: FolderLibrary['problems'] = [];
  const report = (p: { file: string; line?: number; message: string }) => {
    problems.push(p);
    opts.onProblem?.(p);
  };
  const docs = new FolderDocs(store);
  const nextFiles: Record<string, FileEntry> = {};
  let filesRead = 0;
  let changed = false;

  const { files: allFiles, stats } = await listing.catch((err: unknown) => {
    store?.close();
    throw err;
  });
  for (const [fileNo, file] of allFiles.entries()) {
    opts.onProgress?.('read', fileNo, allFiles.length);
    const rel = path.relative(abs, file);
    const st = stats[fileNo];
    if (st instanceof Error) {
      report({ file: rel, message: `无法读取：${st.message}` });
      continue;
    }
    const cached = Object.hasOwn(cachedFiles, rel) ? cachedFiles[rel] : undefined;
    const relKey = rel.split(path.sep).join('/');
    if (store && cached && cached.size === st.size && cached.mtimeMs === st.mtimeMs && cached.ids.every((id) => store.hasText(id))) {
      // unchanged: its documents are read from the persisted index only if a check or a listing asks for them
      for (const p of cached.problems) report({ file: rel, ...p });
      nextFiles[rel] = cached;
      docs.addStored(relKey, cached.ids);
      continue;
    }
    filesRead++;
    changed = true;
    try {
      const bytes = await fs.readFile(file);
      const read = await readLibrarySource(rel, bytes);
      for (const p of read.problems) report({ file: rel, ...p });
      const single = read.parts.length === 1;
      const entryDocs: FolderDoc[] = read.parts.map((p) => ({
        id: docIdOf(rel, p, single),
        title: p.title,
        file: relKey,
        ...(p.part !== undefined ? { part: p.part } : {}),
        ...(p.line !== undefined ? { line: p.line } : {}),
        text: p.text,
        offsetMap: p.offsetMap,
        hash: sha(p.text),
        sketch: Array.from(sketchOf(p.text)),
      }));
      nextFiles[rel] = { size: st.size, mtimeMs: st.mtimeMs, ids: entryDocs.map((d) => d.id), problems: read.problems };
      docs.addLoaded(relKey, entryDocs);
    } catch (err) {
      const e = ApiError.from(err);
      report({ file: rel, message: e.code === 'internal' ? `文件已损坏或无法读取：${(err as Error).message}` : e.message });
    }
  }

  // bring the index up to date: only the documents whose text changed (indexKeeper.ts); the documents kept in
  // the persisted index carry the hash they were indexed with, so they are neither removed nor added
  const sources: IndexedSource[] = docs.ids().map((id) => ({
    id,
    hash: (docs.isLoaded(id) ? docs.get(id)?.hash : indexed.get(id)) ?? '',
    doc: () => {
      const d = docs.get(id)!;
      return { id, title: d.title, text: d.text };
    },
  }));
  const onAdded = (done: number, total: number) => opts.onProgress?.('index', done, total);
  // one segment, so a check's lookups search one hash table (the result is the same however the index is
  // segmented; see ReuseIndex)
  if (await updateIndex(index, indexed, sources, { onAdded, oneSegment: true })) changed = true;
  if (Object.keys(cachedFiles).some((rel) => !nextFiles[rel])) changed = true;

  let sketchIndex: SketchIndex | null = null;
  const sketches = () => (sketchIndex ??= new SketchIndex(docs.sketchDocs()));
  let groups = changed || !meta ? undefined : meta.groups;
  if (!groups) {
    groups = sketches().groups({ minContainment: NEAR_DUP_MIN_CONTAINMENT }).map((g) => ({ representative: g.representative, ids: g.ids, similarity: g.similarity }));
    changed = true;
  }
  if (changed && !opts.noCache) {
    await fs.mkdir(cacheDir, { recursive: true });
    const next: FolderMeta = { version: CACHE_VERSION, files: nextFiles, groups };
    await PersistedIndex.save(cacheFile, index, docs.persisted(), next);
    await Promise.all(OLD_CACHE.map((f) => fs.rm(path.join(cacheDir, f), { recursive: true, force: true })));
    // a new or grown cache: the caches of the folders least recently checked beyond the newest few go
    await pruneFolderCaches(root, cacheDir);
  }
  await marked;
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
