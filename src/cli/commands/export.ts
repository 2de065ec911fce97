import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../contract/define';
import { EXPORT_MODES, type DocxExportMode } from '../../contract/docx';
import { SpeechDocSchema } from '../../contract/common';
import type { SpeechDoc } from '../../core/model/types';
import { buildDocx } from '../../services/docx/export';
import { exportFileName } from '../../services/docx/handlers';
import { readDocument } from '../../services/import/readDocument';
import { loadFolderLibrary } from '../../services/library/folderLibrary';
import { checkText } from '../../core/reuse/index';
import { reviewPassagesFromCheck, reviewText } from '../../services/docx/review';
import { writeFileAtomic } from '../../services/workspace/atomic';
import { DraftFileSchema } from '../../services/workspace/draftFile';
import { parseJsonText } from '../../services/workspace/jsonFile';
import { STORE_ID_RE } from '../../services/workspace/keyedLock';
import { call, type CliCommand, type CliIo } from '../command';
import { resolveVersionId, resolveVersionRef } from './versions';
import { readUserFile } from '../../services/workspace/safeRead';


/** A document from a file: a draft .json (a draft file or `{ blocks }`), .txt or .docx. */
export async function readDocFile(file: string): Promise<{ doc: SpeechDoc; name: string }> {
  const bytes = await readUserFile(file);
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  if (path.extname(file).toLowerCase() === '.json') {
    let json: unknown;
    try {
      json = parseJsonText(bytes.toString('utf8'));
    } catch (err) {
      throw new ApiError('damaged', `不是有效的 JSON 文稿：${file}`, (err as Error).message);
    }
    const d = DraftFileSchema.safeParse(json);
    if (d.success) return { doc: d.data.doc as SpeechDoc, name: d.data.name };
    const r = SpeechDocSchema.safeParse(json);
    if (!r.success) throw new ApiError('damaged', `不是 SpeechDraft 文稿：${file}`, r.error.message);
    return { doc: r.data, name: base };
  }
  const r = await readDocument(path.basename(file), bytes);
  return { doc: r.doc, name: base };
}

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
  summary: '导出 Word 公文版式 export a draft or file as .docx (清稿/审阅稿/修订稿)',
  usage:
    'speechdraft export FILE -o OUT.docx [--mode clean|review|revisions] [--against VERSION_OR_FILE] [--library DIR] [--author NAME] [--force] [--workspace DIR] [--json]\n' +
    '  FILE: 文稿编号 draft id, ID@版本名或编号 (a saved version, e.g. d123@送审稿), 文稿 .json, .txt 或 .docx\n' +
    '  --against: 修订稿的对照：同一文稿的版本名或编号，或一个文件',
  options: {
    out: { type: 'string', short: 'o' },
    mode: { type: 'string' },
    against: { type: 'string' },
    library: { type: 'string' },
    author: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run(io) {
    const file = io.positionals[0];
    const out = io.values.out as string | undefined;
    if (!file) throw new ApiError('invalid-input', '请给出要导出的文稿编号或文件 (missing FILE)');
    if (!out) throw new ApiError('invalid-input', '请用 -o 给出输出文件 (missing -o OUT.docx)');
    if (path.extname(out).toLowerCase() !== '.docx') throw new ApiError('invalid-input', `输出文件须以 .docx 结尾：${out}`);
    const mode = ((io.values.mode as string | undefined) ?? 'clean') as DocxExportMode;
    if (!EXPORT_MODES.includes(mode)) throw new ApiError('invalid-input', `未知的导出方式：${mode}（可选 clean、review、revisions）`);
    if (existsSync(out) && !io.values.force) throw new ApiError('conflict', `输出文件已存在，未覆盖：${out}（确需覆盖请加 --force）`);
    const against = io.values.against as string | undefined;
    const library = io.values.library as string | undefined;
    const author = io.values.author as string | undefined;
    if (mode === 'revisions' && !against) throw new ApiError('invalid-input', '修订稿需要 --against 早先的版本编号或文件');

    const isFile = existsSync(file);
    // `ID@VERSION`: a saved version of a draft (VERSION = version id or label, as in `speechdraft diff`).
    const ref = isFile ? null : await resolveVersionRef(io, file);
    const draftId = ref?.draftId ?? file;
    let bytes: Buffer;
    let notes: string[] = [];
    let name: string;
    if (!isFile && !ref && !STORE_ID_RE.test(file)) throw new ApiError('not-found', `找不到文件或文稿：${file}`);
    if (!isFile && !(mode === 'review' && library) && !(mode === 'revisions' && against && existsSync(against))) {
      // A draft of the workspace: the service does it all (saved layout settings, version before export).
      const againstVersionId = against ? await resolveVersionId((await io.services()).ctx, draftId, against) : undefined;
      const r = await call(io, 'export.docx', { draftId, versionId: ref?.versionId, mode, againstVersionId, author });
      bytes = Buffer.from(r.dataBase64, 'base64');
      notes = r.notes;
      name = r.name;
    } else {
      let doc: SpeechDoc;
      let docName: string;
      let versionLabel: string | undefined;
      if (isFile) ({ doc, name: docName } = await readDocFile(file));
      else if (ref) {
        const v = await call(io, 'versions.get', ref);
        doc = v.doc;
        docName = v.draftName;
        versionLabel = v.label;
        notes.push(`导出版本：${v.label}`);
      } else {
        const d = await call(io, 'drafts.get', { id: file });
        doc = d.doc;
        docName = d.name;
      }
      if (mode === 'review') {
        if (!library) throw new ApiError('invalid-input', '为文件生成审阅稿需要 --library DIR（素材库文件夹）');
        const r = await reviewWithLibrary(doc, docName, library, io, author);
        bytes = r.bytes;
        notes.push(...r.notes);
      } else if (mode === 'revisions') {
        if (!against || !existsSync(against)) throw new ApiError('not-found', `找不到对照文件：${against}（文件的修订稿须对照一个文件）`);
        const before = await readDocFile(against);
        const built = await buildDocx(doc, { mode, against: before.doc, author, title: docName });
        bytes = Buffer.from(built.bytes);
        notes.push(`对照文件：${against}`, `修订 ${built.revisions} 处`);
      } else {
        bytes = Buffer.from((await buildDocx(doc, { mode, author, title: docName })).bytes);
      }
      name = exportFileName(docName, mode, versionLabel);
    }
    await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true });
    await writeFileAtomic(out, bytes, { subject: '导出文件' });
    if (io.json) io.outJson({ out: path.resolve(out), name, mode, bytes: bytes.length, notes });
    else io.out([`已导出 exported ${out}  (${mode}, ${bytes.length} 字节)`, ...notes.map((n) => `  ${n}`)].join('\n'));
  },
};
