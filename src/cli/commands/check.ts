// `speechdraft check`: a file (or draft) against a library folder, whose index is cached (folderLibrary.ts);
// with --workspace against a workspace (checkWorkspace.ts), with --server against a team server (server.ts),
// those two loaded only when asked for, so that the folder check starts with no more than it uses.
import path from 'node:path';
import { ApiError } from '../../contract/define';
import { docToText } from '../../core/model/text';
import { checkText } from '../../core/reuse/index';
import { checkReport } from '../../core/reuse/report';
import type { CheckResult } from '../../core/reuse/types';
import { resolveInput } from '../../services/inputs/resolve';
import { loadFolderLibrary, prefetchFolderIndex } from '../../services/library/folderLibrary';
import { toOriginalRange } from '../../core/text/index';
import type { CliCommand, CliIo } from '../command';
import { printCheckReport, ratiosLine } from './checkReport';

/** Progress of reading/indexing a library folder on stderr: only when it takes more than a second, at most twice a second. */
export function folderProgress(io: CliIo): (phase: 'read' | 'index', done: number, total: number) => void {
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
  usage: 'speechdraft check FILE --library DIR [--json] [--min-chars N] | speechdraft check ID|FILE --workspace DIR [--json] [--min-chars N] [--include-family] | speechdraft check FILE --server postgres://… [--json]',
  options: { library: { type: 'string' }, 'min-chars': { type: 'string' }, 'include-family': { type: 'boolean' }, server: { type: 'string' }, ca: { type: 'string' } },
  async run(io: CliIo) {
    const file = io.positionals[0];
    const dir = io.values.library as string | undefined;
    if (!file) throw new ApiError('invalid-input', '请给出要检查的文件 (missing FILE)');
    const minRaw = io.values['min-chars'] as string | undefined;
    const minChars = minRaw === undefined ? undefined : Number(minRaw);
    if (minChars !== undefined && (!Number.isInteger(minChars) || minChars < 5 || minChars > 200)) throw new ApiError('invalid-input', `--min-chars 应为 5 到 200 之间的整数：${minRaw}`);
    // the team server's and the workspace's checks are loaded only when asked for (the folder check starts without them)
    if (io.values.server !== undefined && !dir) return (await import('./server')).checkOnServer(io, file, minChars ?? 13);
    if (!dir && typeof io.values.workspace === 'string') return (await import('./checkWorkspace')).checkInWorkspace(io, file, minChars);
    if (!dir) throw new ApiError('invalid-input', '请用 --library DIR 给出素材库文件夹，或用 --workspace DIR 对照该工作区的素材库和文稿，或用 --server postgres://… 给出团队服务器 (missing --library, --workspace or --server)');

    // the folder's cached index (tens of megabytes) is read while the draft is
    const prefetched = prefetchFolderIndex(dir);
    const { text } = await readCheckedFile(io, file);
    const lib = await loadFolderLibrary(dir, {
      onProblem: (p) => io.err(`警告 warning: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}（已跳过 skipped）`),
      onProgress: folderProgress(io),
      prefetched,
    });
    // a FILE inside the library folder is not its own source
    const rel = path.relative(lib.dir, path.resolve(file)).split(path.sep).join('/');
    const self = rel.startsWith('..') || path.isAbsolute(rel) ? [] : lib.docs.idsOf(rel.split(path.sep).join('/'));
    // a group of near-duplicates counts as one source (its longest member)
    const result: CheckResult = checkText(lib.index, text, { minChars: minChars ?? 13, excludeIds: [...lib.excludeIds, ...self], getSourceText: (id) => lib.docs.sourceText(id) });
    const out = checkReport(result, {
      rangeOf: (p) => {
        // the record only: the passages' source texts are not read again
        const map = lib.docs.offsetMap(p.sourceId);
        return map ? toOriginalRange(map, p.sourceStart, p.sourceEnd) : { start: p.sourceStart, end: p.sourceEnd };
      },
    });
    if (io.json) return io.outJson(out);
    printCheckReport(io, out, text, `${ratiosLine(out)}  （${out.draft.chars} 字，素材 ${lib.docs.size} 篇）`);
  },
};
