import { ApiError } from '../../contract/define';
import { VERSION_REASON_LABELS, type CompareOutput, type CompareSide } from '../../contract/versions';
import type { ParagraphDiff } from '../../core/compare/index';
import { docToText } from '../../core/model/text';
import { lastAtOrBefore } from '../../core/model/sorted';
import { compareSides, docText, resolveCompareSource, shortTime } from '../../services/versions/compareSources';
import { resolveInput } from '../../services/inputs/resolve';
import { call, type CliCommand, type CliIo } from '../command';


/**
 * A diff operand, by the one resolver: a .txt / .docx / .html file, a draft .json file, a draft id, or
 * `ID@VERSION` where VERSION is a version id or label (the newest version with that label, e.g. `d123@送审稿`).
 */
export async function resolveOperand(io: CliIo, arg: string): Promise<CompareSide> {
  const ctx = async () => (await io.services()).ctx;
  const input = await resolveInput(arg, ctx);
  switch (input.kind) {
    case 'file':
      return { kind: 'file', title: input.fileName, text: input.text };
    case 'draftFile':
      return { kind: 'draft', title: `${input.name}（${input.fileName}）`, text: docText(input.doc) };
    case 'draft':
      return resolveCompareSource(await ctx(), { kind: 'draft', draftId: input.draftId });
    case 'version':
      return resolveCompareSource(await ctx(), { kind: 'version', draftId: input.draftId, versionId: input.versionId });
  }
}

// ---- readable output -------------------------------------------------------------------------------------

interface Paint {
  ins(s: string): string;
  del(s: string): string;
  head(s: string): string;
  dim(s: string): string;
}
const plain: Paint = { ins: (s) => `{+${s}+}`, del: (s) => `[-${s}-]`, head: (s) => s, dim: (s) => s };
const colour: Paint = {
  ins: (s) => `\x1b[32m${s}\x1b[0m`,
  del: (s) => `\x1b[31;9m${s}\x1b[0m`,
  head: (s) => `\x1b[1;36m${s}\x1b[0m`,
  dim: (s) => `\x1b[2m${s}\x1b[0m`,
};

const OP_LABELS: Record<ParagraphDiff['op'], string> = { equal: '相同', insert: '新增', delete: '删除', modify: '修改', move: '移动' };

function lineOf(starts: number[], offset: number): number {
  return lastAtOrBefore(starts, offset) + 1;
}

function lineStarts(text: string): number[] {
  const s = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) s.push(i + 1);
  return s;
}

/** Shorten long unchanged stretches inside a changed paragraph to their ends. */
function clip(text: string, first: boolean, last: boolean, keep = 16): string {
  const cps = [...text];
  if (cps.length <= keep * 2 + 1) return text;
  if (first) return '…' + cps.slice(-keep).join('');
  if (last) return cps.slice(0, keep).join('') + '…';
  return cps.slice(0, keep).join('') + '…' + cps.slice(-keep).join('');
}

export function formatCompare(out: CompareOutput, paint: Paint): string {
  const { stats } = out.result;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const lines: string[] = [];
  lines.push(paint.head(`比较 A：${out.left.title}  →  B：${out.right.title}`));
  lines.push(
    `新增 ${fmt(stats.inserted)} 字（${stats.insertedParagraphs} 段）  删除 ${fmt(stats.deleted)} 字（${stats.deletedParagraphs} 段）  ` +
      `修改 ${stats.modifiedParagraphs} 段  移动 ${stats.movedParagraphs} 段（${fmt(stats.moved)} 字）  未变 ${fmt(stats.unchanged)} 字（${stats.equalParagraphs} 段）`,
  );
  const c = out.copied;
  lines.push(
    `相同段落（${c.minChars} 字以上）：${c.passages.length} 处，共 ${fmt(c.copiedCharsB)} 字，占 B 的 ${(c.ratioB * 100).toFixed(1)}%`,
  );
  const aStarts = lineStarts(out.left.text);
  const bStarts = lineStarts(out.right.text);
  const changed = out.result.paragraphs.filter((p) => p.op !== 'equal');
  if (changed.length === 0) lines.push('', '两份文本相同 (no differences)');
  for (const p of changed) {
    const where = [p.a ? `A 第${lineOf(aStarts, p.a[0])}行` : '', p.b ? `B 第${lineOf(bStarts, p.b[0])}行` : ''].filter(Boolean).join(' → ');
    const extra = p.op === 'move' && p.parts.some((x) => x.op !== 'equal') ? '（并有改动）' : '';
    lines.push('', paint.head(`[${OP_LABELS[p.op]}${extra}] ${where}`) + (p.coarse ? paint.dim(`  (粗略比较 ${p.coarse})`) : ''));
    let body = '';
    p.parts.forEach((part, i) => {
      if (part.op === 'insert') body += paint.ins(part.text);
      else if (part.op === 'delete') body += paint.del(part.text);
      else if (p.op === 'move' && p.parts.length === 1) body += clip(part.text, false, false, 30);
      else body += paint.dim(clip(part.text, i === 0, i === p.parts.length - 1));
    });
    lines.push('  ' + body);
  }
  return lines.join('\n');
}

// ---- commands --------------------------------------------------------------------------------------------

export const diffCommand: CliCommand = {
  name: 'diff',
  usage: 'speechdraft diff A B [--json] [--color] [--min-chars N]   (A, B: FILE.txt | FILE.docx | DRAFT.json | ID | ID@版本名或编号)',
  options: { color: { type: 'boolean' }, 'min-chars': { type: 'string' } },
  async run(io) {
    const [a, b] = io.positionals;
    if (!a || !b || io.positionals.length > 2) throw new ApiError('invalid-input', '请给出两个要比较的文件或文稿 (usage: speechdraft diff A B)');
    const minRaw = io.values['min-chars'] as string | undefined;
    const minChars = minRaw === undefined ? 13 : Number(minRaw);
    if (!Number.isInteger(minChars) || minChars < 5 || minChars > 100) throw new ApiError('invalid-input', '--min-chars 应为 5–100 的整数');
    const [left, right] = [await resolveOperand(io, a), await resolveOperand(io, b)];
    const out = compareSides(left, right, minChars);
    if (io.json) {
      io.outJson({
        stats: out.result.stats,
        paragraphs: out.result.paragraphs,
        a: { title: left.title, length: left.text.length },
        b: { title: right.title, length: right.text.length },
        copied: out.copied,
      });
      return;
    }
    const tty = io.values.color === true || (process.stdout.isTTY === true && !process.env.NO_COLOR);
    io.out(formatCompare(out, tty ? colour : plain));
  },
};

export const versionsCommand: CliCommand = {
  name: 'versions',
  usage: 'speechdraft versions ID [--workspace DIR] [--json]',
  async run(io) {
    const id = io.positionals[0];
    if (!id) throw new ApiError('invalid-input', '请给出文稿编号 (missing draft ID)');
    await call(io, 'drafts.get', { id });
    const list = await call(io, 'versions.list', { draftId: id });
    if (io.json) return io.outJson(list);
    if (list.length === 0) return io.out('（没有版本 no versions）');
    for (const e of list) {
      if (e.status === 'ok') io.out(`${e.id}  ${e.label}  ${shortTime(e.createdAt)}  ${e.charCount}字  ${VERSION_REASON_LABELS[e.reason]}`);
      else io.out(`${e.id}  [已损坏 damaged] ${e.fileName}: ${e.error}`);
    }
  },
};

export const versionCommand: CliCommand = {
  name: 'version',
  usage: 'speechdraft version save ID --label 送审稿 | version show ID VERSION | version restore ID VERSION  [--json]',
  options: { label: { type: 'string' } },
  async run(io) {
    const [sub, id, ver] = io.positionals;
    if (!sub || !id) throw new ApiError('invalid-input', '用法 usage: speechdraft version save ID --label 名称');
    switch (sub) {
      case 'save': {
        const label = (io.values.label as string | undefined)?.trim();
        if (!label) throw new ApiError('invalid-input', '请用 --label 给出版本名称（如 初稿、送审稿）');
        const v = await call(io, 'versions.save', { draftId: id, label });
        if (io.json) return io.outJson(v);
        return io.out(`已保存版本 saved ${v.id}  ${v.label}  ${v.charCount}字`);
      }
      case 'show': {
        if (!ver) throw new ApiError('invalid-input', '请给出版本编号 (missing VERSION)');
        const v = await call(io, 'versions.get', { draftId: id, versionId: ver });
        const { text } = docToText(v.doc, { numbers: true });
        if (io.json) return io.outJson({ ...v, text });
        return io.out(text);
      }
      case 'restore': {
        if (!ver) throw new ApiError('invalid-input', '请给出版本编号 (missing VERSION)');
        const r = await call(io, 'versions.restore', { draftId: id, versionId: ver });
        if (io.json) return io.outJson(r);
        return io.out(`已恢复 restored「${r.restored.label}」；恢复前的文本已存为版本 ${r.backup.id}（${r.backup.label}）`);
      }
      default:
        throw new ApiError('invalid-input', `未知的子命令：${sub}（save、show、restore）`);
    }
  },
};
