import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../contract/define';
import { CLEANING_LABELS, type Cleaning } from '../../core/text/index';
import { countChars } from '../../core/model/count';
import { docToText } from '../../core/model/text';
import { checkText } from '../../core/reuse/index';
import type { CheckResult } from '../../core/reuse/types';
import { readInputFile, resolveInput } from '../../services/inputs/resolve';
import { libraryServicesOf } from '../../services/library/handlers';
import { newImportStatus, runImport, type ImportInput } from '../../services/library/importer';
import { folderGroups, listLibraryFiles, loadFolderLibrary, sourceRangeInFile } from '../../services/library/folderLibrary';
import { readLibrarySource } from '../../services/library/sources';
import type { CliCommand, CliIo } from '../command';
import { checkOnServer } from './server';
import { checkInWorkspace } from './checkWorkspace';

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** Progress of reading/indexing a library folder on stderr: only when it takes more than a second, at most twice a second. */
function folderProgress(io: CliIo): (phase: 'read' | 'index', done: number, total: number) => void {
  const start = Date.now();
  let last = 0;
  return (phase, done, total) => {
    const now = Date.now();
    if (now - start < 1000 || now - last < 500) return;
    last = now;
    io.err(phase === 'read' ? `读取素材 reading ${done}/${total} 文件` : `建立索引 indexing ${done}/${total} 篇`);
  };
}

/** The text to check, by the one resolver: a file's text as read, or the plain text of a draft (.json, ID, ID@VERSION). */
export async function readCheckedFile(io: CliIo, file: string): Promise<{ text: string; title: string }> {
  const input = await resolveInput(file, async () => (await io.services()).ctx, { what: '要检查的文件' });
  if (input.kind === 'file') return { text: input.text, title: input.fileName };
  return { text: docToText(input.doc).text, title: input.name };
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: '查重：检查文件与素材库中文稿的重复 check a file for reuse against a library folder',
  usage: 'speechdraft check FILE --library DIR [--json] [--min-chars N] | speechdraft check ID|FILE --workspace DIR [--json] [--min-chars N] [--include-family] | speechdraft check FILE --server postgres://… [--json]',
  options: { library: { type: 'string' }, 'min-chars': { type: 'string' }, 'include-family': { type: 'boolean' }, server: { type: 'string' }, ca: { type: 'string' } },
  async run(io: CliIo) {
    const file = io.positionals[0];
    const dir = io.values.library as string | undefined;
    if (!file) throw new ApiError('invalid-input', '请给出要检查的文件 (missing FILE)');
    const minRaw = io.values['min-chars'] as string | undefined;
    const minChars = minRaw === undefined ? undefined : Number(minRaw);
    if (minChars !== undefined && (!Number.isInteger(minChars) || minChars < 5 || minChars > 200)) throw new ApiError('invalid-input', `--min-chars 应为 5 到 200 之间的整数：${minRaw}`);
    if (io.values.server !== undefined && !dir) return checkOnServer(io, file, minChars ?? 13);
    if (!dir && typeof io.values.workspace === 'string') return checkInWorkspace(io, file, minChars);
    if (!dir) throw new ApiError('invalid-input', '请用 --library DIR 给出素材库文件夹，或用 --workspace DIR 对照该工作区的素材库和文稿，或用 --server postgres://… 给出团队服务器 (missing --library, --workspace or --server)');

    const { text } = await readCheckedFile(io, file);
    const lib = await loadFolderLibrary(dir, {
      onProblem: (p) => io.err(`警告 warning: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}（已跳过 skipped）`),
      onProgress: folderProgress(io),
    });
    // a FILE inside the library folder is not its own source
    const rel = path.relative(lib.dir, path.resolve(file)).split(path.sep).join('/');
    const self = rel.startsWith('..') || path.isAbsolute(rel) ? [] : lib.docs.idsOf(rel.split(path.sep).join('/'));
    // a group of near-duplicates counts as one source (its longest member)
    const result: CheckResult = checkText(lib.index, text, { minChars: minChars ?? 13, excludeIds: [...lib.excludeIds, ...self], getSourceText: (id) => lib.docs.sourceText(id) });
    const passages = result.passages.map((p) => {
      const doc = lib.docs.get(p.sourceId);
      const r = doc ? sourceRangeInFile(doc, p.sourceStart, p.sourceEnd) : { start: p.sourceStart, end: p.sourceEnd };
      return {
        start: p.start,
        end: p.end,
        sourceId: p.sourceId,
        sourceTitle: p.sourceTitle,
        sourceStart: r.start,
        sourceEnd: r.end,
        similarity: Math.round(p.similarity * 1000) / 1000,
        kind: p.kind,
        // a library folder has no 场合 / 对象: no passage is 高风险 here (see check --workspace)
        risk: 'normal' as const,
      };
    });
    const out = {
      draft: { chars: result.draft.chars },
      ratio: result.ratio,
      ratioExcludingQuotes: result.ratioExcludingQuotes,
      maxSourceRatio: result.maxSourceRatio,
      sources: result.sources.map((s) => ({ id: s.id, title: s.title, ratio: s.ratio })),
      passages,
    };
    if (io.json) return io.outJson(out);
    io.out(`总重复率 ${pct(out.ratio)}  去除引用后 ${pct(out.ratioExcludingQuotes)}  单一来源最高 ${pct(out.maxSourceRatio)}  （${out.draft.chars} 字，素材 ${lib.docs.size} 篇）`);
    for (const s of out.sources) io.out(`  来源 ${pct(s.ratio)}  ${s.title}  [${s.id}]`);
    for (const p of passages) {
      const snippet = text.slice(p.start, p.end).replace(/\s+/g, ' ');
      io.out(`${p.kind === 'common' ? '套话' : '重复'} ${p.start}-${p.end}  相似度 ${pct(p.similarity)}  ← ${p.sourceTitle} [${p.sourceId} ${p.sourceStart}-${p.sourceEnd}]`);
      io.out(`    ${snippet.length > 80 ? snippet.slice(0, 80) + '…' : snippet}`);
    }
    if (passages.length === 0) io.out('未发现重复段落 (no reused passages)');
  },
};

export const dedupCommand: CliCommand = {
  name: 'dedup',
  summary: '找出素材库文件夹中近似重复的文档 groups of near-duplicate documents in a library folder',
  usage: 'speechdraft dedup DIR [--json]',
  async run(io) {
    const dir = io.positionals[0];
    if (!dir) throw new ApiError('invalid-input', '请给出素材库文件夹 (missing DIR)');
    const lib = await loadFolderLibrary(dir, {
      onProblem: (p) => io.err(`警告 warning: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}（已跳过 skipped）`),
      onProgress: folderProgress(io),
    });
    const groups = folderGroups(lib).map((g) => ({
      similarity: Math.round(g.similarity * 1000) / 1000,
      representative: g.representative,
      documents: g.ids.map((id) => ({ id, title: lib.docs.get(id)?.title ?? id, chars: countChars(lib.docs.get(id)?.text ?? '') })),
    }));
    if (io.json) return io.outJson({ documents: lib.docs.size, groups });
    if (groups.length === 0) return io.out(`${lib.docs.size} 篇文档，未发现近似重复 (no near-duplicates)`);
    io.out(`${lib.docs.size} 篇文档，${groups.length} 组近似重复（每组只算一个来源）：`);
    groups.forEach((g, i) => {
      io.out(`组 ${i + 1}  相似度 ${pct(g.similarity)}`);
      for (const d of g.documents) io.out(`  ${d.id === g.representative ? '★' : ' '} ${d.title}  ${d.chars}字  [${d.id}]`);
    });
  },
};

function describeCleaning(c: Cleaning): string {
  const shown = (s: string) => JSON.stringify(s.length > 60 ? s.slice(0, 60) + '…' : s);
  return `${CLEANING_LABELS[c.kind]} 第${c.line}行: ${shown(c.original)}${c.replacement ? ` → ${shown(c.replacement)}` : ''}${c.count ? ` ×${c.count}` : ''}`;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: '清理并导入文稿到素材库 clean a file or folder (and add it to the workspace library)',
  usage: 'speechdraft import FILE|DIR [--json] [--workspace DIR]  (with --workspace: also add to that workspace library)',
  async run(io) {
    const target = io.positionals[0];
    if (!target) throw new ApiError('invalid-input', '请给出文件或文件夹 (missing FILE)');
    let st;
    try {
      st = await fs.stat(target);
    } catch {
      throw new ApiError('not-found', `找不到：${target}`);
    }
    const files = st.isDirectory() ? await listLibraryFiles(target) : [target];
    const addToLibrary = typeof io.values.workspace === 'string';

    if (!addToLibrary) {
      const documents: unknown[] = [];
      const problems: { file: string; line?: number; message: string }[] = [];
      for (const f of files) {
        const name = st.isDirectory() ? path.relative(target, f) : path.basename(f);
        try {
          const read = await readLibrarySource(name, await readInputFile(f));
          for (const p of read.problems) problems.push({ file: name, ...p });
          for (const p of read.parts) {
            documents.push({ title: p.title, file: name, ...(p.part ? { part: p.part } : {}), ...(p.line ? { line: p.line } : {}), chars: countChars(p.text), encoding: read.encoding, text: p.text, cleanings: p.cleanings });
            if (!io.json) {
              io.out(`《${p.title}》 ${name}${p.part ? ` 第${p.part}篇` : ''}${p.line ? ` 第${p.line}行` : ''}  ${countChars(p.text)}字${read.encoding ? `  ${read.encoding}` : ''}`);
              for (const c of p.cleanings) io.out(`  - ${describeCleaning(c)}`);
              if (p.cleanings.length === 0) io.out('  （无需清理 nothing to clean）');
            }
          }
        } catch (err) {
          problems.push({ file: name, message: ApiError.from(err).message });
        }
      }
      for (const p of problems) io.err(`警告 warning: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
      if (io.json) io.outJson({ documents, problems });
      return problems.length > 0 && documents.length === 0 ? 1 : 0;
    }

    const { ctx } = await io.services();
    const { library, reuse } = libraryServicesOf(ctx);
    const inputs: ImportInput[] = [];
    for (const f of files) {
      const size = (await fs.stat(f)).size;
      inputs.push({ name: st.isDirectory() ? path.relative(target, f) : path.basename(f), size, read: () => readInputFile(f) });
    }
    let last = 0;
    const status = await runImport(inputs, { library, reuse }, newImportStatus(), {
      onProgress: (s) => {
        const now = Date.now();
        if (now - last < 200 && s.state === 'running') return;
        last = now;
        const p = s.totalBytes ? Math.round((s.doneBytes / s.totalBytes) * 100) : 100;
        io.err(`导入 importing ${s.doneFiles}/${s.totalFiles} 文件 ${p}%${s.currentFile ? `  ${s.currentFile}` : ''}`);
      },
    });
    await reuse.flush();
    for (const p of status.problems) io.err(`警告 warning: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    if (io.json) return io.outJson(status);
    for (const d of status.imported) {
      io.out(`${d.alreadyPresent ? '已在库中' : '已导入'} ${d.id}  《${d.title}》 ${d.chars}字  ${d.originFile}`);
      for (const c of d.cleanings) io.out(`  - ${describeCleaning(c)}`);
    }
    for (const g of status.duplicates) {
      io.out(`近似重复（相似度 ${pct(g.similarity)}，算作一个来源）：${g.members.map((m) => `《${m.title}》[${m.id}]`).join(' ≈ ')}`);
    }
    io.out(status.message ?? '');
    // Nothing imported and every file refused (e.g. a full disk): a failure, like the run without --workspace.
    return status.state === 'failed' || (status.imported.length === 0 && status.problems.length > 0) ? 1 : 0;
  },
};
