// Roles and connection errors against a real server: a 撰稿人 (speechdraft_writer) may read, search and
// check, and PostgreSQL itself refuses its inserts, updates and deletes; a 管理员 (speechdraft_admin)
// imports. Wrong password, a server that is down, and a schema too old, too new or missing give clear
// Chinese errors (what 测试连接 shows).
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerUrl } from '../../src/services/team/connection';
import { TeamLibrary } from '../../src/services/team/library';
import { MIGRATIONS, migrate } from '../../src/services/team/migrations';
import { hasPostgres } from '../helpers/pg';
import { draftWith, synthDocs } from './fixtures';
import { startServer, type TestServer } from './helpers';

describe.skipIf(!hasPostgres)('team library roles and connection errors', () => {
  let server: TestServer;
  let writerUrl: string;
  let adminUrl: string;
  const docs = synthDocs(6, 5);

  beforeAll(async () => {
    server = await startServer();
    await TeamLibrary.init(server.url);
    const su = await server.admin();
    await su.query("CREATE ROLE zhang LOGIN PASSWORD 'writer-pw' IN ROLE speechdraft_writer");
    await su.query("CREATE ROLE li LOGIN PASSWORD 'admin-pw' IN ROLE speechdraft_admin");
    await su.end();
    writerUrl = server.cluster.urlFor('zhang', 'writer-pw', server.database);
    adminUrl = server.cluster.urlFor('li', 'admin-pw', server.database);
  });

  afterAll(() => server?.stop());

  it('管理员 imports; 撰稿人 checks and searches', async () => {
    const admin = await TeamLibrary.connect(adminUrl);
    expect(await admin.importDocs(docs)).toMatchObject({ added: 6 });
    expect((await admin.whoami()).role).toBe('admin');
    // a bulk load drops indexes: only the tables' owner may
    await expect(admin.bulk(async () => 0)).rejects.toThrow(/需要素材库表的所有者账号/);
    await admin.close();
    const writer = await TeamLibrary.connect(writerUrl);
    try {
      expect(await writer.whoami()).toMatchObject({ user: 'zhang', role: 'writer' });
      const draft = draftWith(docs, 3, 3);
      const r = await writer.check(draft.text);
      expect(r.passages.length).toBeGreaterThanOrEqual(3);
      expect((await writer.search(docs[0].text.slice(10, 16))).total).toBeGreaterThanOrEqual(1);
      // the library's own import refuses with a clear message, from PostgreSQL's refusal
      await expect(writer.importDocs(synthDocs(1, 99))).rejects.toThrow(/没有权限：此账号是撰稿人/);
    } finally {
      await writer.close();
    }
  });

  it('a 撰稿人 connection gets permission denied from PostgreSQL on insert, update and delete', async () => {
    const c = new pg.Client({ connectionString: writerUrl });
    await c.connect();
    try {
      const statements = [
        "INSERT INTO documents (content_hash, name, title, body, text_length, norm_length, checkpoints, sketch, grp) VALUES ('x', 'x', 'x', 'x', 1, 1, '{}', '{}', 0)",
        'INSERT INTO fingerprints (hash, doc, pos) VALUES (1, 1, 1)',
        "UPDATE documents SET title = '改'",
        'DELETE FROM documents',
        'DELETE FROM fingerprints',
        'TRUNCATE fingerprints',
        'DELETE FROM schema_migrations',
      ];
      for (const sql of statements) {
        const err = (await c.query(sql).then(
          () => null,
          (e: unknown) => e,
        )) as { code?: string; message?: string } | null;
        expect(err, sql).not.toBeNull();
        expect(err!.code, sql).toBe('42501');
        expect(err!.message).toMatch(/permission denied/);
      }
      const n = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
      expect(n.rows[0].n).toBe(6);
    } finally {
      await c.end();
    }
  });

  it('wrong password, server down, database missing: clear Chinese errors', async () => {
    await expect(TeamLibrary.connect(server.cluster.urlFor('zhang', 'wrong', server.database))).rejects.toThrow(/用户名或密码错误/);
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    await expect(TeamLibrary.connect(`postgres://zhang:x@127.0.0.1:${port}/speechdraft`)).rejects.toThrow(/无法连接到团队服务器 127\.0\.0\.1:\d+：服务器未启动/);
    await expect(TeamLibrary.connect(server.cluster.urlFor('zhang', 'writer-pw', 'nosuchdb'))).rejects.toThrow(/没有数据库 nosuchdb/);
    await expect(TeamLibrary.connect('http://example.org/x')).rejects.toThrow(/应以 postgres:\/\/ 开头/);
  });

  it('schema missing, too old, too new: clear Chinese errors; migrate brings it up to date', async () => {
    const su = await server.admin();
    await su.query("CREATE DATABASE blank ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0");
    await su.query("CREATE DATABASE old ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0");
    await su.end();
    const url = (db: string) => server.url.replace(/\/[^/]+$/, `/${db}`);
    await expect(TeamLibrary.connect(url('blank'))).rejects.toThrow(/尚未初始化：请管理员运行 speechdraft server init/);
    const old = new pg.Client({ connectionString: url('old') });
    await old.connect();
    await migrate(old, { createRoles: true, upTo: 1 });
    await expect(TeamLibrary.connect(url('old'))).rejects.toThrow(/结构版本过旧（第 1 版，需要第 \d+ 版）：请管理员运行 speechdraft server migrate/);
    expect((await TeamLibrary.migrate(url('old'))).applied).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    const lib = await TeamLibrary.connect(url('old'));
    await lib.close();
    await old.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')");
    await expect(TeamLibrary.connect(url('old'))).rejects.toThrow(/比本程序新（第 99 版/);
    await old.end();
  });
});

describe('team server URLs', () => {
  it('reads user, password (URL or PGPASSWORD), database and TLS like libpq', () => {
    expect(parseServerUrl('postgres://li:p%40ss@db.office:5433/archive', {})).toEqual({ host: 'db.office', port: 5433, database: 'archive', user: 'li', password: 'p@ss', tls: false, verify: false });
    expect(parseServerUrl('postgres://li@db/archive?sslmode=require', { PGPASSWORD: 'env-pw' })).toMatchObject({ password: 'env-pw', tls: true, verify: false });
    expect(parseServerUrl('postgres://li@db/archive?sslmode=verify-full&sslrootcert=/etc/ca.pem', {})).toMatchObject({ tls: true, verify: true, caFile: '/etc/ca.pem' });
    expect(() => parseServerUrl('postgres://li@db/x?sslmode=maybe', {})).toThrow(/不支持的 sslmode/);
    expect(() => parseServerUrl('not a url', {})).toThrow(/团队服务器地址无效/);
  });
});
