// Connecting to the team library's PostgreSQL server: the connection settings (a postgres:// URL, the
// password from the URL or PGPASSWORD, TLS with an optional CA file) and PostgreSQL / network errors
// translated into clear Chinese messages (what 测试连接 shows).
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { ApiError } from '../../contract/define';

export interface TeamServerConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** TLS: off, or on. */
  tls: boolean;
  /** Verify the server's certificate (against `caFile` when given, else the system's CAs); as libpq: verify-ca/verify-full, or require with a CA file. */
  verify?: boolean;
  caFile?: string;
}

/**
 * Settings from a URL such as postgres://user:pass@host:5432/db?sslmode=require&sslrootcert=/path/ca.pem
 * (password also from PGPASSWORD; sslmode disable|prefer → off, require → encrypted, verify-ca|verify-full or a CA
 * file → encrypted and the server's certificate verified, as with libpq).
 */
export function parseServerUrl(url: string, env: NodeJS.ProcessEnv = process.env): TeamServerConfig {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ApiError('invalid-input', `团队服务器地址无效：${url}（应为 postgres://用户名@主机:端口/数据库）`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new ApiError('invalid-input', `团队服务器地址应以 postgres:// 开头：${url}`);
  const mode = u.searchParams.get('sslmode') ?? 'disable';
  if (!['disable', 'prefer', 'allow', 'require', 'verify-ca', 'verify-full'].includes(mode)) throw new ApiError('invalid-input', `不支持的 sslmode：${mode}`);
  const caFile = u.searchParams.get('sslrootcert') ?? undefined;
  const password = u.password ? decodeURIComponent(u.password) : env.PGPASSWORD;
  return {
    host: decodeURIComponent(u.hostname) || 'localhost',
    port: u.port ? Number(u.port) : 5432,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'speechdraft',
    user: decodeURIComponent(u.username) || env.PGUSER || 'speechdraft',
    ...(password ? { password } : {}),
    tls: mode === 'require' || mode === 'verify-ca' || mode === 'verify-full',
    verify: mode === 'verify-ca' || mode === 'verify-full' || (mode === 'require' && caFile !== undefined),
    ...(caFile ? { caFile } : {}),
  };
}

export function poolConfig(cfg: TeamServerConfig, max = 4): pg.PoolConfig {
  let ssl: pg.PoolConfig['ssl'] = false;
  if (cfg.tls) {
    if (cfg.caFile) {
      let ca: string;
      try {
        ca = readFileSync(cfg.caFile, 'utf8');
      } catch (err) {
        throw new ApiError('not-found', `无法读取 CA 证书文件：${cfg.caFile}`, (err as Error).message);
      }
      ssl = { ca, rejectUnauthorized: cfg.verify !== false };
    } else ssl = { rejectUnauthorized: cfg.verify === true };
  }
  return {
    host: cfg.host,
    port: cfg.port,
    database: cfg.database,
    user: cfg.user,
    ...(cfg.password !== undefined ? { password: cfg.password } : {}),
    ssl,
    max,
    connectionTimeoutMillis: 8000,
    application_name: 'speechdraft',
    // no JIT compilation: the check's queries are thousands of index probes the planner prices high, and
    // compiling them (inlining, optimisation) took longer than running them (180 of 330 ms at 10⁵ documents)
    options: '-c jit=off',
  };
}

/** A PostgreSQL or network error as an ApiError with a Chinese message (the original message as detail). */
export function serverError(err: unknown, cfg?: Pick<TeamServerConfig, 'host' | 'port' | 'database' | 'user'>): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as { code?: string; message?: string };
  const where = cfg ? `${cfg.host}:${cfg.port}` : '团队服务器';
  const detail = e.message ?? String(err);
  switch (e.code) {
    case '28P01':
    case '28000':
      return new ApiError('invalid-input', `登录团队服务器失败：用户名或密码错误（用户 ${cfg?.user ?? ''}）`, detail);
    case '3D000':
      return new ApiError('not-found', `团队服务器上没有数据库 ${cfg?.database ?? ''}`, detail);
    case '42501':
      return new ApiError('invalid-input', '没有权限：此账号是撰稿人（只能查看、搜索和查重），导入、修改和删除需要管理员账号', detail);
    case '42P01':
      return new ApiError('invalid-input', '团队服务器上的素材库尚未初始化：请管理员运行 speechdraft server init', detail);
    case '53300':
      return new ApiError('invalid-input', '团队服务器连接数已满，请稍后再试', detail);
    case '57P01':
    case '57P03':
      return new ApiError('invalid-input', `团队服务器 ${where} 正在关闭或启动，请稍后再试`, detail);
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new ApiError('not-found', `无法连接到团队服务器 ${where}：服务器未启动，或地址、端口有误`, detail);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ApiError('not-found', `找不到团队服务器 ${cfg?.host ?? ''}：主机名有误或网络不通`, detail);
    case 'ETIMEDOUT':
      return new ApiError('not-found', `连接团队服务器 ${where} 超时：请检查网络和防火墙`, detail);
  }
  if (/timeout/i.test(detail)) return new ApiError('not-found', `连接团队服务器 ${where} 超时：请检查网络和防火墙`, detail);
  if (/SSL|TLS|certificate|self.signed/i.test(detail)) return new ApiError('invalid-input', `与团队服务器 ${where} 的加密连接 (TLS) 失败：请检查 TLS 设置和 CA 证书`, detail);
  if (/password authentication|SASL|password must be a string/i.test(detail))
    return new ApiError('invalid-input', `登录团队服务器失败：用户名或密码错误（用户 ${cfg?.user ?? ''}）`, detail);
  return new ApiError('internal', `团队服务器出错：${detail}`, detail);
}
