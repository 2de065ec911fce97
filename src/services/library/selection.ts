// Which library the workspace uses: 本机 (the embedded services, the default) or a 团队服务器. The choice
// and the connection settings (never the password) are in the workspace settings; the password is kept by
// a PasswordKeeper (the desktop app: encrypted with Electron safeStorage in the app's own folder; browser
// mode and the CLI: this process's memory). Switching rebuilds the library in use and disposes the old one.
// The team server is connected on first use, so opening a workspace never waits for the network.
import path from 'node:path';
import { ApiError } from '../../contract/define';
import {
  LIBRARY_BACKEND_SETTINGS_KEY,
  TEAM_SERVER_SETTINGS_KEY,
  TeamServerSettingsSchema,
  type LibraryBackendStatus,
  type PasswordKeeping,
  type TeamServerSettings,
  type TeamServerTestResult,
} from '../../contract/teamServer';
import { SearchService } from '../search/searchService';
import { TeamBackend, type WorkspaceSources } from '../team/appLibrary';
import type { TeamServerConfig } from '../team/connection';
import { TeamLibrary } from '../team/library';
import type { DraftStore } from '../workspace/draftStore';
import type { WorkspaceLayout } from '../workspace/layout';
import type { SettingsStore } from '../workspace/settings';
import { embeddedBackend, type LibraryBackend } from './backend';
import { ReuseService } from './reuseService';
import type { LibraryServices } from './services';
import { LibraryStore } from './store';

/** Where a team server's password is kept between uses. */
export interface PasswordKeeper {
  readonly keeping: PasswordKeeping;
  get(key: string): Promise<string | undefined>;
  set(key: string, password: string): Promise<void>;
}

/** Held in this process's memory only (browser mode, CLI): gone when the process ends. */
export class MemoryPasswords implements PasswordKeeper {
  readonly keeping = 'memory' as const;
  private readonly map = new Map<string, string>();
  async get(key: string) {
    return this.map.get(key);
  }
  async set(key: string, password: string) {
    this.map.set(key, password);
  }
}

/** After a failed connection, calls fail at once with the same error for this long, then it is tried again. */
const RETRY_AFTER_MS = 5000;

export const passwordKeyOf = (s: TeamServerSettings) => `${s.user}@${s.host}:${s.port}/${s.database}`;

const configOf = (s: TeamServerSettings, password: string | undefined): TeamServerConfig => ({
  host: s.host,
  port: s.port,
  database: s.database,
  user: s.user,
  ...(password !== undefined ? { password } : {}),
  tls: s.tls,
  ...(s.tls && s.caFile ? { caFile: s.caFile } : {}),
});

export class LibrarySelection {
  private readonly embedded: LibraryBackend;
  private team: { key: string; backend: TeamBackend; role: 'admin' | 'writer' | 'none' } | null = null;
  private connecting: Promise<TeamBackend> | null = null;
  private problem: string | undefined;
  /** The last failed connection (a server that is down is not asked again at every keystroke's check). */
  private failed: { key: string; at: number; err: unknown } | null = null;
  private ws: WorkspaceSources | null = null;

  constructor(
    private readonly layout: WorkspaceLayout,
    private readonly drafts: DraftStore,
    private readonly settings: SettingsStore,
    private readonly services: LibraryServices,
    readonly passwords: PasswordKeeper = new MemoryPasswords(),
  ) {
    this.embedded = embeddedBackend(services);
  }

  /** Drafts and template examples (the embedded services' extra sources) without the embedded library: what a team library is checked with. */
  private workspaceSources(): WorkspaceSources {
    if (!this.ws) {
      const dir = path.join(this.layout.cacheDir, 'team');
      const layout = { ...this.layout, libraryDir: path.join(dir, 'no-library'), cacheDir: dir };
      const empty = new LibraryStore(layout);
      const reuse = new ReuseService({ layout, library: empty, drafts: this.drafts, settings: this.settings, catalogue: this.services.catalogue, extraSources: this.services.extraSources });
      this.ws = { reuse, search: new SearchService(empty, this.services.catalogue) };
    }
    return this.ws;
  }

  private async chosen(): Promise<{ backend: 'local' } | { backend: 'team'; server: TeamServerSettings }> {
    const s = (await this.settings.get()) as unknown as Record<string, unknown>;
    if (s[LIBRARY_BACKEND_SETTINGS_KEY] !== 'team') return { backend: 'local' };
    const server = TeamServerSettingsSchema.safeParse(s[TEAM_SERVER_SETTINGS_KEY]);
    if (!server.success) return { backend: 'local' };
    return { backend: 'team', server: server.data };
  }

  /** The library in use (connecting to the team server on first use; its errors are the server's, in Chinese). */
  async current(): Promise<LibraryBackend> {
    const c = await this.chosen();
    if (c.backend === 'local') return this.embedded;
    const key = passwordKeyOf(c.server) + (c.server.tls ? `#tls:${c.server.caFile ?? ''}` : '');
    if (this.team?.key === key) return this.team.backend;
    if (this.connecting) return this.connecting;
    if (this.failed?.key === key && Date.now() - this.failed.at < RETRY_AFTER_MS) throw this.failed.err;
    this.connecting = (async () => {
      try {
        const password = await this.passwords.get(passwordKeyOf(c.server));
        if (password === undefined && this.passwords.keeping === 'memory') {
          throw new ApiError('unsupported', '团队服务器的密码只在本次运行中保存：请在 设置 → 素材库 中输入密码并连接');
        }
        const lib = await TeamLibrary.connect(configOf(c.server, password));
        const who = await lib.whoami();
        await this.dropTeam();
        this.team = { key, backend: new TeamBackend(lib, this.workspaceSources()), role: who.role };
        this.problem = undefined;
        this.failed = null;
        return this.team.backend;
      } catch (err) {
        this.problem = ApiError.from(err).message;
        this.failed = { key, at: Date.now(), err };
        throw err;
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  private async dropTeam(): Promise<void> {
    const t = this.team;
    this.team = null;
    this.failed = null;
    if (t) await t.backend.dispose();
  }

  async status(): Promise<LibraryBackendStatus> {
    const c = await this.chosen();
    const keeping = this.passwords.keeping;
    if (c.backend === 'local') {
      const raw = TeamServerSettingsSchema.safeParse(((await this.settings.get()) as unknown as Record<string, unknown>)[TEAM_SERVER_SETTINGS_KEY]);
      const server = raw.success ? raw.data : undefined;
      return { backend: 'local', ...(server ? { server } : {}), connected: false, hasPassword: server ? (await this.passwords.get(passwordKeyOf(server))) !== undefined : false, passwordKeeping: keeping };
    }
    await this.current().catch(() => undefined);
    const hasPassword = (await this.passwords.get(passwordKeyOf(c.server))) !== undefined;
    return {
      backend: 'team',
      server: c.server,
      connected: this.team !== null,
      hasPassword,
      passwordKeeping: keeping,
      ...(this.team ? { role: this.team.role } : this.problem ? { problem: this.problem } : {}),
    };
  }

  /** 测试连接 (nothing is saved or switched). */
  async test(server: TeamServerSettings, password?: string): Promise<TeamServerTestResult> {
    const pw = password ?? (await this.passwords.get(passwordKeyOf(server)));
    const lib = await TeamLibrary.connect(configOf(server, pw), { max: 1 });
    try {
      const who = await lib.whoami();
      const stats = await lib.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
      const documents = stats.rows[0].n;
      const role = who.role === 'admin' ? '管理员（可导入、修改和删除）' : who.role === 'writer' ? '撰稿人（可查看、搜索和查重）' : '未分配角色（请管理员授予 speechdraft_admin 或 speechdraft_writer）';
      return {
        user: who.user,
        role: who.role,
        schema: who.schema,
        serverVersion: who.server,
        documents,
        message: `连接成功：${server.host}:${server.port}/${server.database}，用户 ${who.user}，${role}，团队素材库共 ${documents} 篇文档（PostgreSQL ${who.server}，结构第 ${who.schema} 版）`,
      };
    } finally {
      await lib.close().catch(() => undefined);
    }
  }

  /** Switch: 本机, or a team server (tested first; on failure nothing changes). */
  async set(input: { backend: 'local' } | { backend: 'team'; server: TeamServerSettings; password?: string }): Promise<LibraryBackendStatus> {
    if (input.backend === 'local') {
      await this.settings.set({ [LIBRARY_BACKEND_SETTINGS_KEY]: 'local' });
      await this.dropTeam();
      this.problem = undefined;
      return this.status();
    }
    const server = TeamServerSettingsSchema.parse(input.server);
    await this.test(server, input.password);
    const key = passwordKeyOf(server);
    await this.passwords.set(key, input.password ?? (await this.passwords.get(key)) ?? '');
    await this.settings.set({ [LIBRARY_BACKEND_SETTINGS_KEY]: 'team', [TEAM_SERVER_SETTINGS_KEY]: server });
    await this.dropTeam();
    await this.current();
    return this.status();
  }

  async dispose(): Promise<void> {
    await this.dropTeam();
    await this.ws?.reuse.flush();
  }
}
