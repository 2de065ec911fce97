// A throw-away PostgreSQL cluster for the team-library tests: initdb into a temp folder, listen on
// 127.0.0.1 at a random port (and a Unix socket in the same folder), stop and delete it afterwards.
// PostgreSQL refuses to run as root: as root the server runs as the `postgres` system user.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, chmodSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

const CANDIDATE_BIN_DIRS = [process.env.PG_BIN, '/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'].filter(Boolean) as string[];

/** Folder holding initdb/pg_ctl/postgres, or null when PostgreSQL is not installed. */
export const PG_BIN: string | null = CANDIDATE_BIN_DIRS.find((d) => existsSync(path.join(d, 'initdb')) && existsSync(path.join(d, 'pg_ctl'))) ?? null;
export const hasPostgres = PG_BIN !== null;
if (!hasPostgres) console.warn('[tests] PostgreSQL not found (apt-get install postgresql): the team-library tests are skipped');

export interface TestCluster {
  port: number;
  dir: string;
  /** Superuser connection URL (trust authentication on 127.0.0.1 for the superuser only). */
  url: string;
  /** URL for another role with a password. */
  urlFor(user: string, password: string, database?: string): string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
function asPg(cmd: string, args: string[]): string[] {
  return isRoot ? ['runuser', '-u', 'postgres', '--', cmd, ...args] : [cmd, ...args];
}
function run(cmd: string, args: string[]): void {
  const [c, ...a] = asPg(cmd, args);
  execFileSync(c, a, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Start a cluster; the superuser `speechdraft_test` trusts 127.0.0.1, every other role needs its password (scram). */
export async function startCluster(
  opts: {
    /** Durable writes (benchmarks); tests run with fsync off. */ durable?: boolean;
    sharedBuffers?: string;
    /** The planner's assumption of the memory caching the database (shared_buffers and the OS cache). */
    effectiveCacheSize?: string;
    /** Keep the cluster in this folder (created when missing, started again when it holds one; stop() does not delete it). */
    keepDir?: string;
  } = {},
): Promise<TestCluster> {
  if (!PG_BIN) throw new Error('PostgreSQL not installed');
  const keep = opts.keepDir ? path.resolve(opts.keepDir) : null;
  if (keep) mkdirSync(keep, { recursive: true });
  const dir = keep ?? mkdtempSync(path.join(os.tmpdir(), 'sd-pg-'));
  chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  if (isRoot) execFileSync('chown', ['postgres', dir]);
  const pwfile = path.join(dir, 'pw');
  writeFileSync(pwfile, 'test\n');
  if (isRoot) execFileSync('chown', ['postgres', pwfile]);
  if (!existsSync(path.join(data, 'PG_VERSION'))) run(path.join(PG_BIN, 'initdb'), ['-D', data, '-U', 'speechdraft_test', '-E', 'UTF8', '--locale=C.UTF-8', '-A', 'scram-sha-256', '--pwfile', pwfile]);
  // the superuser connects without a password from 127.0.0.1; others with their password
  writeFileSync(
    path.join(dir, 'hba'),
    ['local all speechdraft_test trust', 'host all speechdraft_test 127.0.0.1/32 trust', 'local all all scram-sha-256', 'host all all 127.0.0.1/32 scram-sha-256', ''].join('\n'),
  );
  execFileSync('cp', [path.join(dir, 'hba'), path.join(data, 'pg_hba.conf')]);
  if (isRoot) execFileSync('chown', ['postgres', path.join(data, 'pg_hba.conf')]);
  const port = await freePort();
  const flags = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${opts.durable ? 'on' : 'off'} -c shared_buffers=${opts.sharedBuffers ?? '64MB'} -c max_connections=60${opts.effectiveCacheSize ? ` -c effective_cache_size=${opts.effectiveCacheSize}` : ''}`;
  run(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-o', flags, '-l', path.join(dir, 'log'), '-w', 'start']);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    const [c, ...a] = asPg(path.join(PG_BIN!, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    spawnSync(c, a, { stdio: 'ignore' });
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  return {
    port,
    dir,
    url: `postgres://speechdraft_test@127.0.0.1:${port}/postgres`,
    urlFor: (user, password, database = 'postgres') => `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop,
  };
}
