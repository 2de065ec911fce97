// The team library (团队服务器): one PostgreSQL database for the whole office. A TeamLibrary is a small
// connection pool plus the operations of the library interface — import, check, near-duplicate groups,
// search, stats — each a query or a transaction on the server; the check runs the core engine locally.
import path from 'node:path';
import { promises as fs } from 'node:fs';
import pg from 'pg';
import { ApiError } from '../../contract/define';
import { SketchIndex } from '../../core/reuse/nearDup';
import { docIdOf, listLibraryFiles } from '../library/folderLibrary';
import { readLibrarySource } from '../library/sources';
import { SourceCache, teamCheckJson, type TeamCheckOptions } from './check';
import { parseServerUrl, poolConfig, serverError, type TeamServerConfig } from './connection';
import { IMPORT_LOCK, importBatch, sketchFromRow, type ImportBatchResult, type ImportTimings } from './importer';
import type { TeamDocInput } from './prepare';
import { BatchPreparer } from './preparer';
import { REBUILD_HASH_COUNTS_SQL } from './hashCounts';
import { ADMIN_ROLE, BULK_INDEXES, WRITER_ROLE, migrate, requireSchema, schemaVersion } from './migrations';
import { LibrarySketches } from './sketches';
import { searchDocuments, type TeamSearchResult } from './search';

export interface TeamGroup {
  representative: string;
  ids: string[];
  similarity: number;
}

export interface ImportProgress {
  files: number;
  totalFiles: number;
  added: number;
  existing: number;
  chars: number;
  problems: { file: string; line?: number; message: string }[];
}

const BATCH_CHARS = 2_000_000;
const BATCH_DOCS = 500;
/**
 * Batches of a bulk load: larger (fewer search rows — a gram has one row a batch —, fewer commits); two
 * batches are in memory at once (one prepared while the other is written). SPEECHDRAFT_BULK_BATCH_CHARS
 * (a whole number ≥ 100,000) sets another size, for measuring; anything else is ignored.
 */
const BULK_BATCH_CHARS = ((v) => (Number.isInteger(v) && v >= 100_000 ? v : 6_000_000))(Number(process.env.SPEECHDRAFT_BULK_BATCH_CHARS));
const BULK_BATCH_DOCS = 2_000;

/**
 * The batches of an import: up to `maxChars` characters or `maxDocs` documents each, the first two smaller (1/4,
 * 1/2 of the size: the first transaction starts sooner, the pipeline fills).
 */
async function* batchesOf(docs: Iterable<TeamDocInput> | AsyncIterable<TeamDocInput>, maxChars: number, maxDocs: number): AsyncGenerator<TeamDocInput[]> {
  let batch: TeamDocInput[] = [];
  let chars = 0;
  let made = 0;
  for await (const d of docs) {
    batch.push(d);
    chars += d.text.length;
    const share = Math.min(1, 2 ** (made - 2));
    if (chars >= maxChars * share || batch.length >= maxDocs * share) {
      yield batch;
      made++;
      batch = [];
      chars = 0;
    }
  }
  if (batch.length) yield batch;
}

export class TeamLibrary {
  /** Sources fetched by earlier checks (documents never change under their id). */
  readonly sourceCache = new SourceCache();
  /** The library's near-duplicate sketches, read on the first import and kept up to date by the imports. */
  private readonly sketches = new LibrarySketches();
  /** Inside bulk(): batches commit without waiting for the disk. */
  private bulkLoading = false;

  private constructor(
    readonly pool: pg.Pool,
    readonly config: TeamServerConfig,
  ) {}

  /** Connect and check the schema (clear Chinese errors: wrong password, server down, schema too old). */
  static async connect(target: string | TeamServerConfig, opts: { max?: number; env?: NodeJS.ProcessEnv; skipSchemaCheck?: boolean } = {}): Promise<TeamLibrary> {
    const config = typeof target === 'string' ? parseServerUrl(target, opts.env) : target;
    const pool = new pg.Pool(poolConfig(config, opts.max ?? 4));
    pool.on('error', () => undefined); // idle clients losing the server: the next query reports it
    const lib = new TeamLibrary(pool, config);
    try {
      if (!opts.skipSchemaCheck) await requireSchema(pool);
      else await pool.query('SELECT 1');
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw serverError(err, config);
    }
    return lib;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw serverError(err, this.config);
    }
  }

  /** Create (or bring up to date) the schema and the group roles; needs a role that may create tables and roles. */
  static async init(target: string | TeamServerConfig, env?: NodeJS.ProcessEnv): Promise<{ applied: number[]; version: number }> {
    const lib = await TeamLibrary.connect(target, { max: 1, env, skipSchemaCheck: true });
    try {
      return await lib.run(async () => {
        const client = await lib.pool.connect();
        try {
          const applied = await migrate(client, { createRoles: true });
          return { applied, version: await schemaVersion(client) };
        } finally {
          client.release();
        }
      });
    } finally {
      await lib.close();
    }
  }

  static async migrate(target: string | TeamServerConfig, env?: NodeJS.ProcessEnv): Promise<{ applied: number[]; version: number }> {
    const lib = await TeamLibrary.connect(target, { max: 1, env, skipSchemaCheck: true });
    try {
      return await lib.run(async () => {
        const client = await lib.pool.connect();
        try {
          if ((await schemaVersion(client)) === 0) throw new ApiError('unsupported', '团队服务器上的素材库尚未初始化：请先运行 speechdraft server init --url …');
          const applied = await migrate(client);
          return { applied, version: await schemaVersion(client) };
        } finally {
          client.release();
        }
      });
    } finally {
      await lib.close();
    }
  }

  /** Who we are on the server: 管理员, 撰稿人, or neither (测试连接). */
  async whoami(): Promise<{ user: string; role: 'admin' | 'writer' | 'none'; schema: number; server: string }> {
    return this.run(async () => {
      const r = await this.pool.query<{ u: string; a: boolean; w: boolean; v: string }>(
        `SELECT current_user AS u, pg_has_role(current_user, $1, 'MEMBER') AS a, pg_has_role(current_user, $2, 'MEMBER') AS w, current_setting('server_version') AS v`,
        [ADMIN_ROLE, WRITER_ROLE],
      );
      const row = r.rows[0];
      return { user: row.u, role: row.a ? 'admin' : row.w ? 'writer' : 'none', schema: await schemaVersion(this.pool), server: row.v };
    });
  }

  /**
   * Bulk mode for loading an archive: drop the fingerprint and trigram indexes, run `load`, build them again
   * by sorting (much faster than inserting into them row by row), the two at once on two connections. Needs
   * the tables' owner (the role that ran `server init`); while it runs, checks and searches are slow (no
   * index). Its batches commit without waiting for the disk (synchronous_commit off: a crash of the server
   * may lose the last batches, whole, never leave half of one). Interrupted, `server migrate` or the next
   * bulk import builds the indexes again.
   */
  async bulk<T>(load: () => Promise<T>, timings?: { load: number; indexes: number }): Promise<T> {
    await this.run(async () => {
      const owner = await this.pool.query<{ ok: boolean }>("SELECT pg_has_role(current_user, (SELECT tableowner FROM pg_tables WHERE tablename = 'fingerprints' AND schemaname = 'public'), 'USAGE') AS ok");
      if (!owner.rows[0]?.ok) throw new ApiError('invalid-input', '批量导入（--bulk）需要素材库表的所有者账号（运行 server init 的账号）');
      for (const name of Object.keys(BULK_INDEXES)) await this.pool.query(`DROP INDEX IF EXISTS ${name}`);
      // the batches of a bulk load leave hash_counts alone: emptied now (a hash without a row is counted live), built at the end
      // (DELETE, not TRUNCATE: checks reading it never wait)
      await this.pool.query('DELETE FROM hash_counts');
    });
    const t0 = performance.now();
    this.bulkLoading = true;
    let result: T;
    try {
      result = await load();
    } finally {
      this.bulkLoading = false;
    }
    const t1 = performance.now();
    await this.run(() =>
      Promise.all(
        Object.values(BULK_INDEXES).map(async (sql) => {
          const client = await this.pool.connect();
          try {
            await client.query("SET maintenance_work_mem = '256MB'");
            await client.query(sql);
          } finally {
            await client.query('RESET maintenance_work_mem').catch(() => undefined);
            client.release();
          }
        }),
      ),
    );
    await this.run(() => this.rebuildHashCounts());
    if (timings) {
      timings.load += t1 - t0;
      timings.indexes += performance.now() - t1;
    }
    return result;
  }

  /**
   * Fill hash_counts again from the fingerprints, in one transaction under the import lock (a batch committed
   * meanwhile would find no rows to add to, and the rows built would miss its postings); checks go on reading
   * the rows of before until it commits.
   */
  private async rebuildHashCounts(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
        await client.query('DELETE FROM hash_counts');
        await client.query(REBUILD_HASH_COUNTS_SQL);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
      await client.query('ANALYZE hash_counts');
    } finally {
      client.release();
    }
  }

  /**
   * Import documents in batches (each batch one transaction). A pipeline: while the current batch's
   * transaction waits for the server, the next batch is read from `docs` (a folder's files, see
   * importFolder) and prepared (prepare.ts: fingerprints, sketches, search lists, rows; from the second
   * batch on in a worker thread, preparer.ts). `onBatch` hears of each batch committed.
   */
  async importDocs(docs: Iterable<TeamDocInput> | AsyncIterable<TeamDocInput>, timings?: ImportTimings, onBatch?: (r: ImportBatchResult) => void): Promise<{ added: number; existing: number; chars: number }> {
    return this.run(async () => {
      const client = await this.pool.connect();
      const [maxChars, maxDocs] = this.bulkLoading ? [BULK_BATCH_CHARS, BULK_BATCH_DOCS] : [BATCH_CHARS, BATCH_DOCS];
      const batches = batchesOf(docs, maxChars, maxDocs);
      const preparer = new BatchPreparer();
      try {
        const total = { added: 0, existing: 0, chars: 0 };
        const take = async () => {
          const n = await batches.next();
          return n.done ? null : preparer.prepare(n.value);
        };
        let next = take();
        for (;;) {
          const t0 = performance.now();
          const pre = await next;
          if (!pre) break;
          if (timings) timings.prepare += performance.now() - t0;
          next = take();
          // a failed batch leaves the next one unread: its failure is not an unhandled rejection
          next.catch(() => undefined);
          const r = await importBatch(client, pre, { sketches: this.sketches, timings, asyncCommit: this.bulkLoading, countsLater: this.bulkLoading });
          total.added += r.added;
          total.existing += r.existing;
          total.chars += r.chars;
          onBatch?.(r);
        }
        return total;
      } finally {
        await preparer.close();
        // an import that failed stops reading its documents
        void batches.return(undefined).catch(() => undefined);
        client.release();
      }
    });
  }

  /**
   * Import a folder of library files (.txt/.docx/.jsonl, read and cleaned like a library folder); names are
   * paths relative to `dir`. The files are read as the import goes (one pipeline, see importDocs).
   */
  async importFolder(dir: string, onProgress?: (p: ImportProgress) => void): Promise<ImportProgress> {
    const abs = path.resolve(dir);
    const files = await listLibraryFiles(abs);
    const progress: ImportProgress = { files: 0, totalFiles: files.length, added: 0, existing: 0, chars: 0, problems: [] };
    async function* read(): AsyncGenerator<TeamDocInput> {
      for (const file of files) {
        const rel = path.relative(abs, file);
        let parts: TeamDocInput[] = [];
        try {
          const r = await readLibrarySource(rel, await fs.readFile(file));
          for (const p of r.problems) progress.problems.push({ file: rel, ...p });
          const single = r.parts.length === 1;
          parts = r.parts.map((p) => ({
            name: docIdOf(rel, p, single),
            title: p.title,
            text: p.text,
            originFile: rel.split(path.sep).join('/'),
            offsetMap: p.offsetMap,
            ...(p.part !== undefined ? { part: p.part } : {}),
            ...(p.line !== undefined ? { line: p.line } : {}),
          }));
        } catch (err) {
          const e = ApiError.from(err);
          progress.problems.push({ file: rel, message: e.code === 'internal' ? `文件已损坏或无法读取：${(err as Error).message}` : e.message });
        }
        progress.files++;
        yield* parts;
      }
    }
    await this.importDocs(read(), undefined, (r) => {
      progress.added += r.added;
      progress.existing += r.existing;
      progress.chars += r.chars;
      onProgress?.(progress);
    });
    onProgress?.(progress);
    return progress;
  }

  /** The JSON of `speechdraft check` (same shape as with --library). */
  async check(text: string, opts: TeamCheckOptions = {}) {
    return this.run(() => teamCheckJson(this.pool, text, { cache: this.sourceCache, ...opts }));
  }

  /** Near-duplicate groups (containment ≥ 0.8), longest member first; ids are document names. */
  async groups(): Promise<TeamGroup[]> {
    return this.run(async () => {
      const r = await this.pool.query<{ grp: number; name: string; text_length: number; sketch: number[] }>(
        `SELECT grp, name, text_length, sketch FROM documents WHERE grp IN (SELECT grp FROM documents GROUP BY grp HAVING count(*) > 1) ORDER BY grp, id`,
      );
      const byGroup = new Map<number, { id: string; length: number; sketch: Uint32Array }[]>();
      for (const row of r.rows) {
        const l = byGroup.get(row.grp) ?? [];
        l.push({ id: row.name, length: row.text_length, sketch: sketchFromRow(row.sketch) });
        byGroup.set(row.grp, l);
      }
      const out: TeamGroup[] = [];
      for (const members of byGroup.values()) {
        const g = new SketchIndex(members).groups({ minContainment: 0.8 });
        const ids = [...members].sort((a, b) => b.length - a.length || a.id.localeCompare(b.id)).map((m) => m.id);
        out.push({ representative: ids[0], ids, similarity: g.length ? Math.min(...g.map((x) => x.similarity)) : 0.8 });
      }
      return out.sort((a, b) => a.representative.localeCompare(b.representative));
    });
  }

  async search(query: string, opts: { limit?: number } = {}): Promise<TeamSearchResult> {
    return this.run(() => searchDocuments(this.pool, query, opts));
  }

  async stats(): Promise<{ schema: number; documents: number; chars: number; fingerprints: number; groups: number; databaseBytes: number; tables: Record<string, number> }> {
    return this.run(async () => {
      const r = await this.pool.query<{ d: number; c: string; f: string; g: number; db: string }>(
        `SELECT (SELECT count(*) FROM documents)::int AS d, (SELECT coalesce(sum(text_length), 0) FROM documents) AS c,
                (SELECT count(*) FROM fingerprints) AS f,
                (SELECT count(*) FROM (SELECT grp FROM documents GROUP BY grp HAVING count(*) > 1) x)::int AS g,
                pg_database_size(current_database()) AS db`,
      );
      const t = await this.pool.query<{ name: string; bytes: string }>(
        "SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'",
      );
      const row = r.rows[0];
      return {
        schema: await schemaVersion(this.pool),
        documents: row.d,
        chars: Number(row.c),
        fingerprints: Number(row.f),
        groups: row.g,
        databaseBytes: Number(row.db),
        tables: Object.fromEntries(t.rows.map((x) => [x.name, Number(x.bytes)])),
      };
    });
  }
}
