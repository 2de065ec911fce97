import { ApiError } from '../../contract/define';
import { LIBRARY_KINDS, type LibraryKind } from '../../contract/search';
import type { LibraryMetaPatch } from '../../contract/library';
import { CLEANING_LABELS } from '../../core/text/index';
import { call, type CliCommand, type CliIo } from '../command';

const META_OPTIONS = {
  title: { type: 'string' },
  speaker: { type: 'string' },
  date: { type: 'string' },
  kind: { type: 'string' },
  occasion: { type: 'string' },
  audience: { type: 'string' },
} as const;

/** --title/--speaker/--date/--occasion/--audience/--kind as a metadata patch ('' clears a field). */
export function metaPatchOf(io: CliIo, fields: readonly (keyof typeof META_OPTIONS)[]): LibraryMetaPatch {
  const patch: Record<string, string> = {};
  for (const f of fields) {
    const v = io.values[f];
    if (typeof v === 'string') patch[f] = v;
  }
  if (patch.kind !== undefined && !LIBRARY_KINDS.includes(patch.kind as LibraryKind)) {
    throw new ApiError('invalid-input', `--kind 应为 ${LIBRARY_KINDS.join('、')} 之一：${patch.kind}`);
  }
  if (Object.keys(patch).length === 0) throw new ApiError('invalid-input', `请至少给出一项要修改的内容（${fields.map((f) => '--' + f).join(' ')}）`);
  return patch as LibraryMetaPatch;
}

export { META_OPTIONS };

const USAGE = 'speechdraft library list|show ID|set ID [--title T] [--speaker S] [--date YYYY-MM-DD] [--kind 讲话|报告|文件|其他] [--occasion 场合] [--audience 对象] [--workspace DIR] [--json]';

export const libraryCommand: CliCommand = {
  name: 'library',
  usage: USAGE,
  options: META_OPTIONS,
  async run(io) {
    const [sub, id, ...extra] = io.positionals;
    if (extra.length) throw new ApiError('invalid-input', `多余的参数：${extra.join(' ')} (unexpected argument)`);
    if (sub === 'list') {
      if (id) throw new ApiError('invalid-input', `多余的参数：${id} (unexpected argument)`);
      const { docs, groups, damaged } = await call(io, 'library.list', {});
      if (io.json) return io.outJson({ docs, groups, damaged });
      if (docs.length === 0) io.out('（素材库为空 the library is empty）');
      for (const d of docs) {
        const extra = [d.kind, d.occasion && `场合:${d.occasion}`, d.audience && `对象:${d.audience}`].filter(Boolean).join('  ');
        io.out(`${d.id}  ${d.label}  ${d.chars}字  ${extra}${d.duplicateOf ? `  ≈${d.duplicateOf}` : ''}`);
      }
      for (const f of damaged) io.err(`警告 warning: ${f.file}: ${f.reason}（已跳过 skipped）`);
      return;
    }
    if (sub !== 'show' && sub !== 'set') throw new ApiError('invalid-input', `未知的子命令：${sub ?? ''}\n用法 usage: ${USAGE}`);
    if (!id) throw new ApiError('invalid-input', '缺少参数：ID (missing ID)');
    if (sub === 'set') {
      const meta = await call(io, 'library.update', { id, patch: metaPatchOf(io, ['title', 'speaker', 'date', 'kind', 'occasion', 'audience']) });
      if (io.json) return io.outJson(meta);
      return io.out(`已修改 updated ${meta.id}  ${meta.label}  ${meta.kind}${meta.occasion ? `  场合:${meta.occasion}` : ''}${meta.audience ? `  对象:${meta.audience}` : ''}`);
    }
    const doc = await call(io, 'library.get', { id });
    if (io.json) return io.outJson(doc);
    io.out(`${doc.label}  [${doc.id}]`);
    io.out(`类别 ${doc.kind}  场合 ${doc.occasion ?? '—'}  对象 ${doc.audience ?? '—'}  ${doc.chars}字  来自 ${doc.originFile}${doc.part ? ` 第${doc.part}篇` : ''}`);
    if (doc.cleaningReport.length) io.out(`清理 ${doc.cleaningReport.length} 处：${[...new Set(doc.cleaningReport.map((c) => CLEANING_LABELS[c.kind]))].join('、')}`);
    io.out('');
    io.out(doc.text);
  },
};

export const setCommand: CliCommand = {
  name: 'set',
  usage: 'speechdraft set ID [--occasion 场合] [--audience 对象] [--date YYYY-MM-DD] [--workspace DIR] [--json]',
  options: { occasion: { type: 'string' }, audience: { type: 'string' }, date: { type: 'string' } },
  async run(io) {
    const [id, ...extra] = io.positionals;
    if (!id) throw new ApiError('invalid-input', '缺少参数：ID (missing ID)');
    if (extra.length) throw new ApiError('invalid-input', `多余的参数：${extra.join(' ')} (unexpected argument)`);
    const patch = metaPatchOf(io, ['occasion', 'audience', 'date']);
    const m = await call(io, 'drafts.setMeta', { id, ...patch });
    if (io.json) return io.outJson(m);
    io.out(`已设置 updated ${m.id}  ${m.name}  场合:${m.occasion ?? '—'}  对象:${m.audience ?? '—'}  日期:${m.date ?? '—'}`);
  },
};
