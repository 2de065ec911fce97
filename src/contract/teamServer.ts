import { z } from 'zod';
import { method } from './define';

// Which 素材库 a workspace uses: 本机 (the embedded store in the workspace folder, the default) or a
// 团队服务器 (the office's PostgreSQL team library). The connection settings are kept in the workspace
// settings under `teamServer`, without the password: in the desktop app the password is encrypted with
// the system's key store (Electron safeStorage) in the app's own folder; in browser mode it is held in
// the bridge process's memory for the session only.

export const LIBRARY_BACKEND_SETTINGS_KEY = 'libraryBackend';
export const TEAM_SERVER_SETTINGS_KEY = 'teamServer';

export const LibraryBackendKindSchema = z.enum(['local', 'team']);
export type LibraryBackendKind = z.infer<typeof LibraryBackendKindSchema>;

/** Host names and addresses: letters, digits, dots, dashes, colons (IPv6), no spaces or slashes. */
const HostSchema = z
  .string()
  .trim()
  .min(1, '请填写服务器地址')
  .max(253, '服务器地址过长')
  .regex(/^[A-Za-z0-9._:[\]-]+$/, '服务器地址只能包含字母、数字、点、短横线和冒号 (host name or address)');
/** PostgreSQL identifiers as an office would name them (no quoting needed). */
const NameSchema = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `请填写${what}`)
    .max(63, `${what}最长 63 个字符`)
    .regex(/^[A-Za-z_][A-Za-z0-9_$.-]*$/, `${what}只能包含字母、数字和下划线，并以字母或下划线开头`);

/** The connection settings of a team server (never the password). */
export const TeamServerSettingsSchema = z.object({
  host: HostSchema,
  port: z.number().int().min(1, '端口应在 1–65535 之间').max(65535, '端口应在 1–65535 之间'),
  database: NameSchema('数据库名'),
  user: NameSchema('用户名'),
  /** TLS on/off; with TLS the server's certificate is verified (against `caFile` when given). */
  tls: z.boolean(),
  /** CA certificate (PEM) to verify the server with; absolute path on this computer. */
  caFile: z.string().trim().max(1000, 'CA 证书路径过长').optional(),
});
export type TeamServerSettings = z.infer<typeof TeamServerSettingsSchema>;

export const PasswordSchema = z.string().max(1000, '密码过长');

/** Where the password of the team server is kept. */
export type PasswordKeeping = 'safeStorage' | 'memory';

export interface LibraryBackendStatus {
  backend: LibraryBackendKind;
  server?: TeamServerSettings;
  /** The team server is connected and its library in use. */
  connected: boolean;
  /** A password for these settings is kept (encrypted, or in memory for this session). */
  hasPassword: boolean;
  passwordKeeping: PasswordKeeping;
  /** Why the team library is not in use although chosen (e.g. no password yet this session, server down). */
  problem?: string;
  /** 管理员 (may import and delete) or 撰稿人 (reads, searches, checks), when connected. */
  role?: 'admin' | 'writer' | 'none';
}

export interface TeamServerTestResult {
  user: string;
  role: 'admin' | 'writer' | 'none';
  schema: number;
  serverVersion: string;
  documents: number;
  /** A one-line Chinese summary, what 测试连接 shows. */
  message: string;
}

const ServerInputSchema = z.object({
  server: TeamServerSettingsSchema,
  /** Omitted: the password kept for these settings, if any. */
  password: PasswordSchema.optional(),
});

export const teamServerContract = {
  /** The 素材库 this workspace uses and the state of its team-server connection. */
  'library.backend': method<LibraryBackendStatus>()(z.object({})),
  /** 测试连接: connect, check the schema, say who we are (clear Chinese errors: wrong password, server down, schema too old). */
  'library.testServer': method<TeamServerTestResult>()(ServerInputSchema),
  /**
   * Use 本机 or a team server: the workspace library is rebuilt (the old one disposed). Switching to a team
   * server connects first; a failure leaves the current library in use and says why.
   */
  'library.setBackend': method<LibraryBackendStatus>()(
    z.discriminatedUnion('backend', [
      z.object({ backend: z.literal('local') }),
      z.object({ backend: z.literal('team'), server: TeamServerSettingsSchema, password: PasswordSchema.optional() }),
    ]),
  ),
};
