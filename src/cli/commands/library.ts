import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../contract/define';
import { CLEANING_LABELS, type Cleaning } from '../../core/text/index';
import { countChars } from '../../core/model/count';
import { readInputFile } from '../../services/inputs/resolve';
import { libraryServicesOf } from '../../services/library/handlers';
import { newImportStatus, runImport, type ImportInput } from '../../services/library/importer';
import { folderGroups, listLibraryFiles, loadFolderLibrary } from '../../services/library/folderLibrary';
import { readLibrarySource } from '../../services/library/sources';
import type { CliCommand } from '../command';
import { folderProgress } from './check';
import { pct } from './checkReport';

// `check` lives in ./check (a module of its own, so that it starts without the import machinery below).
export { checkCommand, readCheckedFile } from './check';


export const dedupCommand: CliCommand = {
  name: 'dedup',
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
