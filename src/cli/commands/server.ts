import { ApiError } from '../../contract/define';
import type { SearchResult } from '../../contract/search';
import { parseServerUrl, type TeamServerConfig } from '../../services/team/connection';
import { TeamLibrary } from '../../services/team/library';
import type { CliCommand, CliIo } from '../command';
import { pct, printCheckReport, ratiosLine } from './checkReport';
import { readCheckedFile } from './library';

const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;

/** The server from --url/--server (password in the URL or PGPASSWORD; TLS: ?sslmode=require, CA file by ?sslrootcert= or --ca). */
export function serverConfig(io: CliIo, flag: 'url' | 'server'): TeamServerConfig {
  const url = io.values[flag] as string | undefined;
  if (!url) throw new ApiError('invalid-input', `请用 --${flag} postgres://用户名@主机:端口/数据库 给出团队服务器 (missing --${flag})`);
  const cfg = parseServerUrl(url);
  const ca = io.values.ca as string | undefined;
  return ca ? { ...cfg, tls: true, verify: true, caFile: ca } : cfg;
}

const SUBCOMMANDS = 'init | migrate | import DIR | stats | groups | test';

export const serverCommand: CliCommand = {
  name: 'server',
  usage: `speechdraft server ${SUBCOMMANDS} [--bulk: import an archive with the indexes built at the end] --url postgres://user[:password]@host[:port]/db[?sslmode=require] [--ca FILE] [--json]`,
  options: { url: { type: 'string' }, ca: { type: 'string' }, bulk: { type: 'boolean' } },
  async run(io) {
    const [sub, arg] = io.positionals;
    const cfg = serverConfig(io, 'url');
    if (sub === 'init' || sub === 'migrate') {
      const r = sub === 'init' ? await TeamLibrary.init(cfg) : await TeamLibrary.migrate(cfg);
      if (io.json) return io.outJson(r);
      io.out(r.applied.length ? `已应用结构版本 applied: ${r.applied.join(', ')}；当前第 ${r.version} 版` : `素材库结构已是最新（第 ${r.version} 版）`);
      if (sub === 'init') io.out('已建立角色 speechdraft_admin（管理员）与 speechdraft_writer（撰稿人）；为每位同事建登录账号，例如：\n  CREATE ROLE zhangsan LOGIN PASSWORD \'…\' IN ROLE speechdraft_writer;');
      return;
    }
    const lib = await TeamLibrary.connect(cfg);
    try {
      if (sub === 'import') {
        if (!arg) throw new ApiError('invalid-input', '请给出要导入的文件夹 (missing DIR)');
        const t0 = Date.now();
        let last = 0;
        const importing = () => lib.importFolder(arg, (p) => {
          const now = Date.now();
          if (now - last < 500 && p.files < p.totalFiles) return;
          last = now;
          const s = (now - t0) / 1000;
          io.err(`导入 importing ${p.files}/${p.totalFiles} 文件  新增 ${p.added} 篇  已有 ${p.existing} 篇  ${(p.chars / 1e4).toFixed(0)} 万字  ${s > 0 ? (p.chars / s / 1e6).toFixed(2) : '–'} M字/秒`);
        });
        const r = io.values.bulk
          ? await lib.bulk(async () => {
              const x = await importing();
              io.err('建立索引 building indexes…');
              return x;
            })
          : await importing();
        for (const p of r.problems) io.err(`警告 warning: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}（已跳过 skipped）`);
        if (io.json) return io.outJson(r);
        return io.out(`导入完成：${r.totalFiles} 个文件，新增 ${r.added} 篇，已在库中 ${r.existing} 篇，共 ${r.chars} 字`);
      }
      if (sub === 'stats') {
        const s = await lib.stats();
        if (io.json) return io.outJson(s);
        io.out(`结构版本 ${s.schema}  文档 ${s.documents} 篇  ${s.chars} 字  指纹 ${s.fingerprints} 条  近似重复 ${s.groups} 组`);
        io.out(`数据库 ${mb(s.databaseBytes)}（${s.chars ? (s.databaseBytes / s.chars).toFixed(1) : '–'} 字节/字）`);
        for (const [t, b] of Object.entries(s.tables)) io.out(`  ${t}  ${mb(b)}`);
        return;
      }
      if (sub === 'groups') {
        const groups = await lib.groups();
        if (io.json) return io.outJson({ groups });
        if (!groups.length) return io.out('未发现近似重复 (no near-duplicates)');
        groups.forEach((g, i) => io.out(`组 ${i + 1}  相似度 ${pct(g.similarity)}  ${g.ids.map((id) => (id === g.representative ? `★${id}` : id)).join('  ')}`));
        return;
      }
      if (sub === 'test') {
        const w = await lib.whoami();
        if (io.json) return io.outJson({ ok: true, ...w });
        return io.out(`连接成功：PostgreSQL ${w.server}，用户 ${w.user}（${w.role === 'admin' ? '管理员' : w.role === 'writer' ? '撰稿人' : '无素材库角色'}），结构第 ${w.schema} 版`);
      }
      throw new ApiError('invalid-input', `未知的 server 子命令：${sub ?? '（无）'}（可用：${SUBCOMMANDS}）`);
    } finally {
      await lib.close();
    }
  },
};

/** `speechdraft check FILE --server URL`: the same JSON and text as `check --library DIR`. */
export async function checkOnServer(io: CliIo, file: string, minChars: number): Promise<void> {
  const { text } = await readCheckedFile(io, file);
  const lib = await TeamLibrary.connect(serverConfig(io, 'server'));
  try {
    const out = await lib.check(text, { minChars });
    if (io.json) return io.outJson(out);
    const docs = (await lib.stats()).documents;
    printCheckReport(io, out, text, `${ratiosLine(out)}  （${out.draft.chars} 字，团队素材 ${docs} 篇）`);
  } finally {
    await lib.close();
  }
}

/** `speechdraft search QUERY --server URL`: the team library's search, the same JSON as a folder or workspace search. */
export async function searchOnServer(io: CliIo, query: string, limit: number): Promise<SearchResult> {
  const lib = await TeamLibrary.connect(serverConfig(io, 'server'));
  try {
    return await lib.search(query, { limit });
  } finally {
    await lib.close();
  }
}
