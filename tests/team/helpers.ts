// Shared pieces of the team-library tests: a cluster per test file with its own database, and the CLI
// run in-process.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { runCommand, type CliCommand } from '../../src/cli/command';
import { TeamLibrary } from '../../src/services/team/library';
import { startCluster, type TestCluster } from '../helpers/pg';
import type { SynthDoc } from './fixtures';

export interface TestServer {
  cluster: TestCluster;
  /** Superuser URL of the test database. */
  url: string;
  database: string;
  admin(): Promise<pg.Client>;
  stop(): void;
}

/** A cluster and a fresh UTF-8 database in it (not yet initialised). */
export async function startServer(database = 'speechdraft'): Promise<TestServer> {
  const cluster = await startCluster();
  try {
    const c = new pg.Client({ connectionString: cluster.url });
    await c.connect();
    await c.query(`CREATE DATABASE ${database} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`);
    await c.end();
  } catch (err) {
    cluster.stop();
    throw err;
  }
  const url = cluster.url.replace(/\/postgres$/, `/${database}`);
  return {
    cluster,
    url,
    database,
    async admin() {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      return a;
    },
    stop: () => cluster.stop(),
  };
}

/** A started server with an initialised team library and a connection to it; `stop` closes both. */
export async function startLibrary(): Promise<{ server: TestServer; lib: TeamLibrary; stop(): Promise<void> }> {
  const server = await startServer();
  try {
    await TeamLibrary.init(server.url);
    const lib = await TeamLibrary.connect(server.url);
    return {
      server,
      lib,
      async stop() {
        await lib.close();
        server.stop();
      },
    };
  } catch (err) {
    server.stop();
    throw err;
  }
}

export async function cli(cmd: CliCommand, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCommand(cmd, args, { stdout: (s) => (out += s), stderr: (s) => (err += s), env: process.env });
  return { code, out, err };
}

export async function writeFolder(dir: string, docs: SynthDoc[]): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const d of docs) {
    await fs.mkdir(path.dirname(path.join(dir, d.name)), { recursive: true });
    await fs.writeFile(path.join(dir, d.name), `${d.title}\n${d.text}\n`);
  }
}

/** Orphan fingerprints and text chunks, documents without fingerprints, duplicate contents; `countOff`: library_counts minus the documents. */
export async function consistency(db: pg.Client): Promise<{ orphans: number; bare: number; dupContent: number; docs: number; countOff: number }> {
  const r = await db.query<{ orphans: number; bare: number; dup: number; docs: number; off: number }>(`SELECT
    ((SELECT documents FROM library_counts) - (SELECT count(*) FROM documents))::int AS off,
    ((SELECT count(*) FROM fingerprints f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = f.doc))
      + (SELECT count(*) FROM doc_chunks c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = c.doc)))::int AS orphans,
    (SELECT count(*) FROM documents d WHERE norm_length >= 13 AND NOT EXISTS (SELECT 1 FROM fingerprints f WHERE f.doc = d.id))::int AS bare,
    (SELECT count(*) - count(DISTINCT md5(body)) FROM documents)::int AS dup,
    (SELECT count(*) FROM documents)::int AS docs`);
  const x = r.rows[0];
  return { orphans: x.orphans, bare: x.bare, dupContent: x.dup, docs: x.docs, countOff: x.off };
}
