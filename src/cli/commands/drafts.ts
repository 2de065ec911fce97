import path from 'node:path';
import { ApiError } from '../../contract/define';
import { docToText } from '../../core/model/text';
import { Blocks } from '../../core/model/block';
import type { SpeechDoc } from '../../core/model/types';
import { readInputFile } from '../../services/inputs/resolve';
import { shortTime } from '../../services/versions/compareSources';
import { call, type CliCommand, type CliIo } from '../command';

/** Exactly `n` positional arguments, else a usage error naming what is missing or extra. */
function positionals(io: CliIo, names: string[]): string[] {
  const got = io.positionals;
  if (got.length < names.length) throw new ApiError('invalid-input', `缺少参数：${names.slice(got.length).join(' ')} (missing ${names.slice(got.length).join(' ')})`);
  if (got.length > names.length) throw new ApiError('invalid-input', `多余的参数：${got.slice(names.length).join(' ')} (unexpected argument)`);
  return got;
}

export const newCommand: CliCommand = {
  name: 'new',
  usage: 'speechdraft new --title T [--workspace DIR] [--json]',
  options: { title: { type: 'string' } },
  async run(io) {
    positionals(io, []);
    const title = ((io.values.title as string | undefined) ?? '').trim();
    if (title.length > 200) throw new ApiError('invalid-input', '标题过长（最多 200 字）(title too long)');
    const doc: SpeechDoc = { blocks: [Blocks.make('title', title), Blocks.make('salutation', '同志们：'), Blocks.paragraph('')] };
    // Named after the title, and following it until renamed.
    const d = await call(io, 'drafts.create', { doc });
    const { layout } = (await io.services()).ctx;
    const file = path.join(layout.draftsDir, `${d.id}.json`);
    if (io.json) io.outJson({ id: d.id, name: d.name, createdAt: d.createdAt, revision: d.revision, file });
    else io.out(`已新建 created ${d.id}  ${d.name}\n  ${file}`);
  },
};

export const listCommand: CliCommand = {
  name: 'list',
  usage: 'speechdraft list [--workspace DIR] [--json]',
  async run(io) {
    positionals(io, []);
    const list = await call(io, 'drafts.list', {});
    if (io.json) return io.outJson(list);
    if (list.length === 0) return io.out(`（没有文稿 no drafts）  ${(await io.services()).ctx.layout.draftsDir}`);
    for (const e of list) {
      if (e.status === 'ok') io.out(`${e.id}  ${e.name}  ${e.charCount}字  ${shortTime(e.updatedAt)}`);
      else io.out(`${e.id}  [已损坏 damaged] ${e.fileName}: ${e.reason}`);
    }
  },
};

export const showCommand: CliCommand = {
  name: 'show',
  usage: 'speechdraft show ID [--workspace DIR] [--json]',
  async run(io) {
    const [id] = positionals(io, ['ID']);
    const d = await call(io, 'drafts.get', { id });
    const { text } = docToText(d.doc, { numbers: true });
    if (io.json) io.outJson({ ...d, text });
    else io.out(text);
  },
};

export const openCommand: CliCommand = {
  name: 'open',
  usage: 'speechdraft open FILE [--revisions accept|reject] [--workspace DIR] [--json]   (FILE: .txt, .docx, .html)',
  options: { revisions: { type: 'string' } },
  async run(io) {
    const [file] = positionals(io, ['FILE']);
    const revisions = io.values.revisions as string | undefined;
    if (revisions !== undefined && revisions !== 'accept' && revisions !== 'reject') {
      throw new ApiError('invalid-input', `--revisions 只能是 accept（接受所有修订，默认）或 reject（拒绝所有修订）：${revisions}`);
    }
    const payload = await readPayload(file);
    const d = await call(io, 'drafts.importFile', { ...payload, ...(revisions ? { revisions } : {}) });
    // tracked changes accepted by default: say how to import the original instead
    if (!revisions && d.notes.some((n) => n.startsWith('修订：'))) d.notes.push(`要导入原稿（拒绝所有修订）：speechdraft open ${file} --revisions reject`);
    if (io.json) io.outJson({ id: d.id, name: d.name, charCount: d.charCount, notes: d.notes });
    else io.out(`已导入 imported ${d.id}  ${d.name}  ${d.charCount}字${d.notes.length ? `\n  ${d.notes.join('\n  ')}` : ''}`);
  },
};

export const deleteCommand: CliCommand = {
  name: 'delete',
  usage: 'speechdraft delete ID [--workspace DIR] [--json]',
  async run(io) {
    const [id] = positionals(io, ['ID']);
    const r = await call(io, 'drafts.delete', { id });
    if (io.json) io.outJson(r);
    else io.out(`已移到回收站 moved to trash: ${r.trashId}\n  恢复 restore: speechdraft restore ${r.trashId}`);
  },
};

export const trashCommand: CliCommand = {
  name: 'trash',
  usage: 'speechdraft trash [--workspace DIR] [--json]',
  async run(io) {
    positionals(io, []);
    const list = await call(io, 'drafts.listTrash', {});
    if (io.json) return io.outJson(list);
    if (list.length === 0) return io.out('（回收站是空的 trash is empty）');
    for (const e of list) {
      if (e.status === 'ok') io.out(`${e.trashId}  ${e.name}  ${e.charCount}字  删除于 ${shortTime(e.deletedAt)}`);
      else io.out(`${e.trashId}  [已损坏 damaged] ${e.reason}`);
    }
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'speechdraft restore TRASH_ID [--workspace DIR] [--json]',
  async run(io) {
    const [trashId] = positionals(io, ['TRASH_ID']);
    const m = await call(io, 'drafts.restore', { trashId });
    if (io.json) io.outJson(m);
    else io.out(`已恢复 restored ${m.id}  ${m.name}`);
  },
};

export async function readPayload(file: string): Promise<{ name: string; dataBase64: string }> {
  const data = await readInputFile(file);
  return { name: path.basename(file), dataBase64: data.toString('base64') };
}
