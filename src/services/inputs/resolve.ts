// The one resolver of what a command is given: FILE (.txt/.md/.docx/.html, read by readDocument), a draft
// .json file, a draft ID, or ID@VERSION (a version id or label). Every CLI command resolves its operands
// here, so the same inputs are accepted everywhere, with the same error for the same fault.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../contract/define';
import type { SpeechDoc } from '../../core/model/types';
import type { ServiceContext } from '../context';
import { readDocument } from '../import/readDocument';
import { readUserFile } from '../workspace/safeRead';
import { parseJsonText } from '../workspace/jsonFile';
import { STORE_ID_RE } from '../workspace/keyedLock';

export type ResolvedInput =
  /** A document file: its text as read (what offsets refer to) and the blocks `open` makes of it. */
  | { kind: 'file'; path: string; fileName: string; name: string; bytes: Buffer; text: string; doc: SpeechDoc; notes: string[]; structured: boolean }
  /** A draft .json file (a draft file, `{ doc }` or a bare `{ blocks }` document). */
  | { kind: 'draftFile'; path: string; fileName: string; name: string; doc: SpeechDoc }
  | { kind: 'draft'; draftId: string; name: string; doc: SpeechDoc; templateId?: string }
  | { kind: 'version'; draftId: string; versionId: string; label: string; createdAt: string; name: string; doc: SpeechDoc };

export type InputKind = ResolvedInput['kind'];

export interface ResolveOptions {
  /** What the argument is called in the error for a missing one (default 文件路径或文稿编号). */
  what?: string;
  /** The kinds this command accepts (default all). */
  accept?: InputKind[];
}

/** A path-like argument: it has a directory part or a file extension (so it is no draft id). */
const looksLikePath = (arg: string) => /[\\/]/u.test(arg) || /\.[A-Za-z0-9]{1,5}$/u.test(arg);

async function statFile(p: string): Promise<'file' | 'other' | null> {
  try {
    return (await fs.stat(p)).isFile() ? 'file' : 'other';
  } catch {
    return null;
  }
}

/** A file's bytes, with the resolver's errors (not a file / cannot be read / not found). */
export async function readInputFile(file: string): Promise<Buffer> {
  if ((await statFile(file)) === 'other') throw new ApiError('invalid-input', `不是文件：${file}`);
  return readBytes(file);
}

/** A bounded regular file (safeRead: a FIFO, device or directory is named, never waited on). */
async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readUserFile(file);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'not-found') throw new ApiError('not-found', `无法读取文件：${file}（找不到文件 not found）`, err.detail);
    throw err;
  }
}

/**
 * A draft .json file's document. The schemas are loaded here, on first use: building them costs a command
 * that reads a text file some 15 ms.
 */
export async function parseDraftJson(text: string, file: string): Promise<{ doc: SpeechDoc; name: string | null }> {
  const [{ DraftFileSchema }, { SpeechDocSchema }] = await Promise.all([import('../workspace/draftFile'), import('../../contract/common')]);
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (err) {
    throw new ApiError('invalid-input', `不是有效的文稿文件：${file}（JSON 格式错误）`, (err as Error).message);
  }
  const d = DraftFileSchema.safeParse(json);
  if (d.success) return { doc: d.data.doc as SpeechDoc, name: d.data.name };
  const wrapped = !!json && typeof json === 'object' && 'doc' in json;
  const r = SpeechDocSchema.safeParse(wrapped ? (json as { doc: unknown }).doc : json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = [...(wrapped ? ['doc'] : []), ...(issue?.path ?? [])].join('.');
    throw new ApiError('invalid-input', `不是有效的文稿文件：${file}（不是 SpeechDraft 文稿${where ? `：${where} ${issue?.message ?? ''}` : ''}）`, r.error.message);
  }
  return { doc: r.data as SpeechDoc, name: null };
}

/** A version of a draft by its id or label (the newest version with that label). */
export async function resolveVersionId(ctx: ServiceContext, draftId: string, ver: string, shown = `${draftId}@${ver}`): Promise<string> {
  if (STORE_ID_RE.test(ver)) {
    try {
      await fs.access(ctx.versions.fileOf(draftId, ver));
      return ver;
    } catch {
      // not a version id: try it as a label
    }
  }
  const hit = (await ctx.versions.list(draftId)).find((e) => e.status === 'ok' && e.label === ver);
  if (!hit) throw new ApiError('not-found', `找不到版本：${shown}`);
  return hit.id;
}

/** `ID@VERSION` → draft and version ids; null when `arg` is no such reference. */
export async function resolveVersionRef(ctx: () => Promise<ServiceContext>, arg: string): Promise<{ draftId: string; versionId: string } | null> {
  const at = arg.indexOf('@');
  if (at <= 0) return null;
  const draftId = arg.slice(0, at);
  const ver = arg.slice(at + 1);
  if (!STORE_ID_RE.test(draftId)) throw new ApiError('not-found', `找不到文件或文稿：${arg}`);
  if (!ver) throw new ApiError('invalid-input', `请在 @ 后给出版本名称或编号：${arg}`);
  return { draftId, versionId: await resolveVersionId(await ctx(), draftId, ver, arg) };
}

/**
 * Resolve a command's operand. `ctx` is asked for only when the operand is a draft or a version (a file
 * needs no workspace).
 */
export async function resolveInput(arg: string | undefined, ctx: () => Promise<ServiceContext>, opts: ResolveOptions = {}): Promise<ResolvedInput> {
  if (!arg) throw new ApiError('invalid-input', `请给出${opts.what ?? '文件路径或文稿编号'} (missing FILE or draft id)`);
  const out = await resolveAny(arg, ctx);
  if (opts.accept && !opts.accept.includes(out.kind)) {
    const names: Record<InputKind, string> = { file: '文件', draftFile: '文稿 .json 文件', draft: '文稿编号', version: '文稿版本（ID@VERSION）' };
    throw new ApiError('invalid-input', `这里不接受${names[out.kind]}：${arg}（可用：${opts.accept.map((k) => names[k]).join('、')}）`);
  }
  return out;
}

async function resolveAny(arg: string, ctx: () => Promise<ServiceContext>): Promise<ResolvedInput> {
  const st = await statFile(arg);
  if (st === 'other') throw new ApiError('invalid-input', `不是文件：${arg}`);
  if (st === 'file') {
    const fileName = path.basename(arg);
    const base = fileName.replace(/\.[^.]+$/u, '');
    const bytes = await readBytes(arg);
    if (path.extname(arg).toLowerCase() === '.json') {
      const { doc, name } = await parseDraftJson(bytes.toString('utf8'), arg);
      return { kind: 'draftFile', path: arg, fileName, name: name ?? base, doc };
    }
    const read = await readDocument(fileName, bytes);
    // the document and the notes as readDocument gives them: a .txt's structure is recognised when asked for
    return {
      kind: 'file',
      path: arg,
      fileName,
      name: base,
      bytes,
      text: read.text,
      get doc() {
        return read.doc;
      },
      get notes() {
        return read.notes;
      },
      structured: read.structured === true,
    };
  }
  const ref = await resolveVersionRef(ctx, arg);
  if (ref) {
    const v = await (await ctx()).versions.get(ref.draftId, ref.versionId);
    return { kind: 'version', ...ref, label: v.label, createdAt: v.createdAt, name: v.draftName, doc: v.doc };
  }
  if (STORE_ID_RE.test(arg) && !looksLikePath(arg)) {
    try {
      const d = await (await ctx()).drafts.get(arg);
      return { kind: 'draft', draftId: arg, name: d.name, doc: d.doc, templateId: d.templateId };
    } catch (err) {
      if (err instanceof ApiError && err.code === 'not-found') throw new ApiError('not-found', `找不到文件或文稿：${arg}`);
      throw err;
    }
  }
  if (looksLikePath(arg)) throw new ApiError('not-found', `无法读取文件：${arg}（找不到文件 not found）`);
  throw new ApiError('not-found', `找不到文件或文稿：${arg}`);
}
