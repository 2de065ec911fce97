import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../contract/define';
import { docToText } from '../../core/model/text';
import { Blocks } from '../../core/model/block';
import type { SpeechDoc } from '../../core/model/types';
import type { CliCommand } from '../command';

export const newCommand: CliCommand = {
  name: 'new',
  summary: '新建文稿 create a draft',
  usage: 'speechdraft new --title T [--workspace DIR] [--json]',
  options: { title: { type: 'string' } },
  async run(io) {
    const title = (io.values.title as string | undefined) ?? '';
    const { handlers } = await io.services();
    const doc: SpeechDoc = { blocks: [Blocks.make('title', title), Blocks.make('salutation', '同志们：'), Blocks.paragraph('')] };
    const d = await handlers['drafts.create']({ name: title || undefined, doc });
    if (io.json) io.outJson({ id: d.id, name: d.name, createdAt: d.createdAt });
    else io.out(`已新建 created ${d.id}  ${d.name}`);
  },
};

export const listCommand: CliCommand = {
  name: 'list',
  summary: '列出文稿 list drafts',
  usage: 'speechdraft list [--workspace DIR] [--json]',
  async run(io) {
    const { handlers } = await io.services();
    const list = await handlers['drafts.list']({});
    if (io.json) return io.outJson(list);
    if (list.length === 0) return io.out('（没有文稿 no drafts）');
    for (const e of list) {
      if (e.status === 'ok') io.out(`${e.id}  ${e.name}  ${e.charCount}字  ${e.updatedAt}`);
      else io.out(`${e.id}  [已损坏 damaged] ${e.fileName}: ${e.reason}`);
    }
  },
};

export const showCommand: CliCommand = {
  name: 'show',
  summary: '显示文稿全文（含自动编号）show a draft as text with generated numbers',
  usage: 'speechdraft show ID [--workspace DIR] [--json]',
  async run(io) {
    const id = io.positionals[0];
    if (!id) throw new ApiError('invalid-input', '请给出文稿编号 (missing draft ID)');
    const { handlers } = await io.services();
    const d = await handlers['drafts.get']({ id });
    const { text } = docToText(d.doc, { numbers: true });
    if (io.json) io.outJson({ ...d, text });
    else io.out(text);
  },
};

export const openCommand: CliCommand = {
  name: 'open',
  summary: '把文本文件导入为文稿 make a draft from a .txt file',
  usage: 'speechdraft open FILE [--workspace DIR] [--json]',
  async run(io) {
    const file = io.positionals[0];
    if (!file) throw new ApiError('invalid-input', '请给出文件路径 (missing FILE)');
    const { handlers } = await io.services();
    const payload = await readPayload(file);
    const d = await handlers['drafts.importFile'](payload);
    if (io.json) io.outJson({ id: d.id, name: d.name, charCount: d.charCount });
    else io.out(`已导入 imported ${d.id}  ${d.name}  ${d.charCount}字`);
  },
};

export async function readPayload(file: string): Promise<{ name: string; dataBase64: string }> {
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ApiError(code === 'ENOENT' ? 'not-found' : 'invalid-input', `无法读取文件：${file}`, (err as Error).message);
  }
  return { name: path.basename(file), dataBase64: data.toString('base64') };
}
