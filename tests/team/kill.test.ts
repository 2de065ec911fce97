// kill -9 of an importing process: a child imports batches (one transaction each) and is killed with
// SIGKILL while a batch is in flight (seen by its advisory lock on the server). Afterwards the database
// holds whole documents only: every committed batch, nothing of the killed one, no orphan fingerprint,
// every document with exactly its fingerprints.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintText } from '../../src/core/reuse/fingerprint';
import { IMPORT_LOCK } from '../../src/services/team/importer';
import { TeamLibrary } from '../../src/services/team/library';
import { hasPostgres } from '../helpers/pg';
import { consistency, startServer, type TestServer } from './helpers';
import { waitFor } from '../helpers/waitFor';

describe.skipIf(!hasPostgres)('kill -9 during a team-library import', () => {
  let server: TestServer;
  let tmp: string;
  let child: string;

  beforeAll(async () => {
    server = await startServer();
    await TeamLibrary.init(server.url);
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'sd-team-kill-'));
    child = path.join(tmp, 'importChild.cjs');
    await build({ entryPoints: [path.join(__dirname, 'fixtures/importChild.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: child, logLevel: 'error', external: ['pg-native'] });
  });

  afterAll(async () => {
    server?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('leaves the database consistent after each of 4 kills', async () => {
    const db = await server.admin();
    try {
      for (let k = 0; k < 4; k++) {
        const before = (await consistency(db)).docs;
        const proc = spawn(process.execPath, [child, server.url, String(k + 1)], { stdio: ['ignore', 'pipe', 'pipe'] });
        let committed = 0;
        let stderr = '';
        proc.stdout.setEncoding('utf8').on('data', (s: string) => {
          const m = [...s.matchAll(/committed (\d+)/g)].pop();
          if (m) committed = Number(m[1]);
        });
        proc.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
        const exited = new Promise<NodeJS.Signals | null>((r) => proc.on('exit', (_c, sig) => r(sig)));
        await waitFor('two committed batches', async () => committed >= 25 * (1 + (k % 2)) || proc.exitCode !== null);
        expect(stderr).toBe('');
        // a batch in flight: its transaction holds the import lock
        await waitFor('a batch in flight', async () => {
          const r = await db.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted", [IMPORT_LOCK]);
          return r.rows[0].n > 0;
        });
        proc.kill('SIGKILL');
        expect(await exited).toBe('SIGKILL');
        // the server notices the dead connection and rolls its transaction back
        await waitFor('the killed backend to end', async () => {
          const r = await db.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'speechdraft' AND pid <> pg_backend_pid()");
          return r.rows[0].n === 0;
        });
        const c = await consistency(db);
        expect(c).toMatchObject({ orphans: 0, bare: 0, dupContent: 0, countOff: 0 });
        // whole batches only: what the child reported, or one more batch if it was killed between COMMIT and its report
        expect([before + committed, before + committed + 25]).toContain(c.docs);
      }
      // every document has exactly its fingerprints
      const rows = await db.query<{ body: string; n: number }>('SELECT d.body, (SELECT count(*)::int FROM fingerprints f WHERE f.doc = d.id) AS n FROM documents d');
      for (const r of rows.rows) expect(r.n).toBe(fingerprintText(r.body).hashes.length);
    } finally {
      await db.end();
    }
  }, 120_000);
});
