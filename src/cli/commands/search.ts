import { ApiError } from '../../contract/define';
import { LIBRARY_KINDS, type LibraryKind, type SearchFilters, type SearchHit, type SearchResult } from '../../contract/search';
import { sourceLabel } from '../../core/library/label';
import { recognizeMeta } from '../../core/library/recognize';
import { runQuery, snippetOf } from '../../core/search/query';
import { SearchIndex } from '../../core/search/searchIndex';
import { loadFolderLibrary } from '../../services/library/folderLibrary';
import { call, type CliCommand, type CliIo } from '../command';
import { searchOnServer } from './server';

function intOption(io: CliIo, name: string, min: number, max: number): number | undefined {
  const raw = io.values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ApiError('invalid-input', `--${name} 应为 ${min} 到 ${max} 之间的整数：${String(raw)}`);
  return n;
}

function filtersOf(io: CliIo): SearchFilters {
  const f: SearchFilters = {};
  const kind = io.values.kind as string | undefined;
  if (kind !== undefined) {
    if (!LIBRARY_KINDS.includes(kind as LibraryKind)) throw new ApiError('invalid-input', `--kind 应为 ${LIBRARY_KINDS.join('、')} 之一：${kind}`);
    f.kind = kind as LibraryKind;
  }
  if (typeof io.values.speaker === 'string') f.speaker = io.values.speaker;
  if (typeof io.values.occasion === 'string') f.occasion = io.values.occasion;
  const from = intOption(io, 'from', 1900, 2200);
  const to = intOption(io, 'to', 1900, 2200);
  if (from !== undefined) f.yearFrom = from;
  if (to !== undefined) f.yearTo = to;
  return f;
}

/** Search a library folder (no workspace): the folder's documents, cleaned as on import, indexed in memory. */
async function searchFolder(io: CliIo, dir: string, query: string, mode: 'phrase' | 'all', limit: number): Promise<SearchResult> {
  const f = filtersOf(io);
  if (f.kind || f.speaker || f.occasion || f.yearFrom || f.yearTo) throw new ApiError('invalid-input', '素材库文件夹没有类别、讲话人、场合、日期等信息：筛选只能用于 --workspace');
  const lib = await loadFolderLibrary(dir, { onProblem: (p) => io.err(`警告 warning: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}（已跳过 skipped）`) });
  const docs = lib.docs.values();
  const byId = new Map(docs.map((d) => [d.id, d]));
  const index = SearchIndex.build(docs.map((d) => ({ id: d.id, text: d.text })));
  const r = runQuery(index, query, { mode, getText: (id) => byId.get(id)?.text, getTitle: (id) => byId.get(id)?.title, mapLimit: limit });
  const hits: SearchHit[] = [];
  for (const d of r.docs) {
    const doc = byId.get(d.docId)!;
    const rec = recognizeMeta(doc.title, doc.text);
    const label = sourceLabel({ title: doc.title, ...(rec.speaker ? { speaker: rec.speaker } : {}), ...(rec.date ? { date: rec.date } : {}) });
    for (const h of d.hits) hits.push({ docId: d.docId, title: doc.title, label, start: h.start, end: h.end, snippet: snippetOf(doc.text, h.start, h.end), score: d.score, source: 'library' });
  }
  return { query, total: r.total, hits: hits.slice(0, limit) };
}

export const searchCommand: CliCommand = {
  name: 'search',
  usage: 'speechdraft search QUERY [--library DIR | --workspace DIR | --server postgres://…] [--all] [--kind 讲话|报告|文件|其他] [--speaker S] [--occasion 场合] [--from YEAR] [--to YEAR] [--limit N] [--json]',
  options: { library: { type: 'string' }, server: { type: 'string' }, ca: { type: 'string' }, all: { type: 'boolean' }, kind: { type: 'string' }, speaker: { type: 'string' }, occasion: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' } },
  async run(io) {
    const query = io.positionals.join(' ').trim();
    if (!query) throw new ApiError('invalid-input', '请给出要搜索的内容 (missing QUERY)');
    const dir = io.values.library as string | undefined;
    if (dir && typeof io.values.workspace === 'string') throw new ApiError('invalid-input', '--library 与 --workspace 只能选一个');
    const mode = io.values.all === true ? 'all' : 'phrase';
    const limit = intOption(io, 'limit', 1, 10_000) ?? 50;
    const server = io.values.server as string | undefined;
    if (server !== undefined && (dir || typeof io.values.workspace === 'string')) throw new ApiError('invalid-input', '--server 与 --library、--workspace 只能选一个');
    if (server !== undefined && mode === 'all') throw new ApiError('invalid-input', '团队服务器目前只支持整句搜索（不支持 --all）');
    const r = server !== undefined ? await searchOnServer(io, query, Math.min(limit, 200)) : dir ? await searchFolder(io, dir, query, mode, limit) : await call(io, 'search.query', { query, mode, filters: filtersOf(io), limit });
    if (io.json) return io.outJson(r);
    if (r.total === 0) return io.out(`未找到「${query}」(no match)`);
    io.out(`找到 ${r.total} 处${r.hits.length < r.total ? `，显示前 ${r.hits.length} 处` : ''}：`);
    for (const h of r.hits) {
      const s = h.snippet;
      io.out(`${h.label}  [${h.source === 'draft' ? '文稿 ' : ''}${h.docId} ${h.start}-${h.end}]`);
      io.out(`    ${s.text.slice(0, s.start)}【${s.text.slice(s.start, s.end)}】${s.text.slice(s.end)}`);
    }
  },
};
