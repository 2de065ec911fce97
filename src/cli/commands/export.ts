import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../contract/define';
import { EXPORT_MODES, type DocxExportMode } from '../../contract/docx';
import type { SpeechDoc } from '../../core/model/types';
import { buildDocx } from '../../services/docx/export';
import { exportFileName } from '../../services/docx/handlers';
import { loadFolderLibrary } from '../../services/library/folderLibrary';
import { checkText } from '../../core/reuse/index';
import { exportChecks, formatExportCheck } from '../../core/exportcheck/index';
import { reviewPassagesFromCheck, reviewText } from '../../services/docx/review';
import { writeFileAtomic } from '../../services/workspace/atomic';
import { call, type CliCommand, type CliIo } from '../command';
import { resolveInput, resolveVersionId } from '../../services/inputs/resolve';


/** 审阅稿 against a folder: the same check as `speechdraft check FILE --library DIR`. */
async function reviewWithLibrary(doc: SpeechDoc, name: string, dir: string, io: CliIo, author?: string): Promise<{ bytes: Buffer; notes: string[] }> {
  const lib = await loadFolderLibrary(dir, {
    onProblem: (p) => io.err(`警告 warning: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}（已跳过 skipped）`),
  });
  const pt = reviewText(doc);
  const result = checkText(lib.index, pt.text, { excludeIds: lib.excludeIds, getSourceText: (id) => lib.docs.get(id)?.text });
  const passages = reviewPassagesFromCheck(pt, result.passages);
  const built = await buildDocx(doc, { mode: 'review', passages, author, title: name });
  return { bytes: Buffer.from(built.bytes), notes: [`素材库：${lib.docs.size} 篇`, `批注 ${built.comments} 条`] };
}

export const exportCommand: CliCommand = {
  name: 'export',
  usage:
    'speechdraft export FILE -o OUT.docx [--mode clean|review|revisions|reading] [--against VERSION_OR_FILE] [--library DIR] [--author NAME] [--strict] [--force] [--workspace DIR] [--json]\n' +
    '  FILE: 文稿编号 draft id, ID@版本名或编号 (a saved version, e.g. d123@送审稿), 文稿 .json, .txt、.docx 或 .html\n' +
    '  --against: 修订稿的对照：同一文稿的版本名或编号，或一个文件\n' +
    '  导出前检查（未填的××、空章节、模板提示、格式错误）列在 stderr；--strict: 还有未解决的项时不导出（退出码 1）',
  options: {
    out: { type: 'string', short: 'o' },
    mode: { type: 'string' },
    against: { type: 'string' },
    library: { type: 'string' },
    author: { type: 'string' },
    force: { type: 'boolean' },
    strict: { type: 'boolean' },
  },
  async run(io) {
    const file = io.positionals[0];
    const out = io.values.out as string | undefined;
    if (!file) throw new ApiError('invalid-input', '请给出要导出的文稿编号或文件 (missing FILE)');
    if (!out) throw new ApiError('invalid-input', '请用 -o 给出输出文件 (missing -o OUT.docx)');
    if (path.extname(out).toLowerCase() !== '.docx') throw new ApiError('invalid-input', `输出文件须以 .docx 结尾：${out}`);
    const mode = ((io.values.mode as string | undefined) ?? 'clean') as DocxExportMode;
    if (!EXPORT_MODES.includes(mode)) throw new ApiError('invalid-input', `未知的导出方式：${mode}（可选 clean、review、revisions、reading）`);
    if (existsSync(out) && !io.values.force) throw new ApiError('conflict', `输出文件已存在，未覆盖：${out}（确需覆盖请加 --force）`);
    const against = io.values.against as string | undefined;
    const library = io.values.library as string | undefined;
    const author = io.values.author as string | undefined;
    if (mode === 'revisions' && !against) throw new ApiError('invalid-input', '修订稿需要 --against 早先的版本编号或文件');

    const ctx = async () => (await io.services()).ctx;
    // FILE | ID | ID@VERSION | draft .json, by the one resolver (as `diff`, `outline`, `check` take them).
    const input = await resolveInput(file, ctx, { what: '要导出的文稿编号或文件' });
    let bytes: Buffer;
    let notes: string[] = [];
    let name: string;
    // Before export: the same check list as the export dialog, on stderr; --strict refuses while any is left.
    const checks = exportChecks(input.doc);
    if (checks.length) io.err([`导出前检查 export checks: ${checks.length} 项`, ...checks.map((c) => `  ${formatExportCheck(c)}`)].join('\n'));
    if (checks.length && io.values.strict) {
      io.err(`未导出 not exported: 还有 ${checks.length} 项未解决（--strict）`);
      return 1;
    }
    const inWorkspace = input.kind === 'draft' || input.kind === 'version';
    if (inWorkspace && !(mode === 'review' && library) && !(mode === 'revisions' && against && existsSync(against))) {
      // A draft of the workspace: the service does it all (saved layout settings, version before export).
      const draftId = input.draftId;
      const againstVersionId = against ? await resolveVersionId(await ctx(), draftId, against) : undefined;
      const r = await call(io, 'export.docx', { draftId, versionId: input.kind === 'version' ? input.versionId : undefined, mode, againstVersionId, author });
      const exported = (await ctx()).exports.take(r.fileId);
      if (!exported) throw new ApiError('internal', '导出的文件已失效，请重试');
      bytes = Buffer.from(exported.bytes);
      notes = r.notes;
      name = r.name;
    } else {
      const doc: SpeechDoc = input.doc;
      const docName = input.name;
      const versionLabel = input.kind === 'version' ? input.label : undefined;
      if (versionLabel) notes.push(`导出版本：${versionLabel}`);
      if (mode === 'review') {
        if (!library) throw new ApiError('invalid-input', '为文件生成审阅稿需要 --library DIR（素材库文件夹）');
        const r = await reviewWithLibrary(doc, docName, library, io, author);
        bytes = r.bytes;
        notes.push(...r.notes);
      } else if (mode === 'revisions') {
        if (!against || !existsSync(against)) throw new ApiError('not-found', `找不到对照文件：${against}（文件的修订稿须对照一个文件）`);
        const before = await resolveInput(against, ctx, { what: '对照文件', accept: ['file', 'draftFile'] });
        const built = await buildDocx(doc, { mode, against: before.doc, author, title: docName });
        bytes = Buffer.from(built.bytes);
        notes.push(`对照文件：${against}`, `修订 ${built.revisions} 处`, ...built.notes);
      } else {
        const built = await buildDocx(doc, { mode, author, title: docName });
        bytes = Buffer.from(built.bytes);
        notes.push(...built.notes);
      }
      name = exportFileName(docName, mode, versionLabel);
    }
    await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true });
    await writeFileAtomic(out, bytes, { subject: '导出文件' });
    if (io.json) io.outJson({ out: path.resolve(out), name, mode, bytes: bytes.length, notes, checks });
    else io.out([`已导出 exported ${out}  (${mode}, ${bytes.length} 字节)`, ...notes.map((n) => `  ${n}`)].join('\n'));
  },
};
