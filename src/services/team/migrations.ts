// The team library's schema, as versioned migrations recorded in `schema_migrations`, and the two
// group roles: speechdraft_admin (管理员: import, edit metadata, delete) and speechdraft_writer
// (撰稿人: read, search, check). PostgreSQL enforces the roles through the GRANTs below.
import type pg from 'pg';
import { ApiError } from '../../contract/define';
import { fillChunks } from './chunks';
import { REBUILD_HASH_COUNTS_SQL } from './hashCounts';
import { buildPresenceRows } from './presence';
import { IMPORT_LOCK } from './importer';
import { buildAllSearchRows } from './searchRows';

export const ADMIN_ROLE = 'speechdraft_admin';
export const WRITER_ROLE = 'speechdraft_writer';

/**
 * The indexes a bulk import drops and builds again at its end (building by sorting is much faster than
 * inserting row by row): the fingerprints' B-tree and the search postings' B-tree (schema 6 on).
 */
export const BULK_INDEXES = {
  fingerprints_hash: 'CREATE INDEX IF NOT EXISTS fingerprints_hash ON fingerprints (hash, doc, pos)',
  search_grams_gram: 'CREATE INDEX IF NOT EXISTS search_grams_gram ON search_grams (gram, batch)',
};
/** The schema version that created each bulk index's table. */
const BULK_INDEX_SINCE: Record<keyof typeof BULK_INDEXES, number> = { fingerprints_hash: 1, search_grams_gram: 6 };

/** Schema 1–5 searched with pg_trgm (a GIN on documents.body); schema 6 drops it. */
const TRGM_INDEX = 'CREATE INDEX IF NOT EXISTS documents_body_trgm ON documents USING gin (body gin_trgm_ops) WITH (fastupdate = on, gin_pending_list_limit = 32768)';

interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Work done after `sql` in the same transaction (filling new tables from the stored documents). */
  run?: (db: pg.ClientBase) => Promise<void>;
}

/**
 * Fingerprints are one row per (hash, doc, pos) with a B-tree on (hash, doc, pos): a check reads the first
 * postings of each of its hashes in key order by an index-only scan; an import appends rows (no row is
 * rewritten, unlike one row per hash with a postings array). Hashes are the engine's uint32 as int4.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'documents, fingerprints, near-duplicate groups, search',
    sql: `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE documents (
  id serial PRIMARY KEY,
  content_hash text NOT NULL UNIQUE,
  name text NOT NULL,
  title text NOT NULL,
  origin_file text,
  part int,
  line int,
  body text NOT NULL,
  text_length int NOT NULL,
  offset_map jsonb,
  norm_length int NOT NULL,
  checkpoints int4[] NOT NULL,
  sketch int4[] NOT NULL,
  -- near-duplicate group (the id of one member); hidden: a member other than the group's representative
  grp int NOT NULL,
  hidden boolean NOT NULL DEFAULT false,
  imported_by text NOT NULL DEFAULT current_user,
  imported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_grp ON documents (grp);
CREATE INDEX documents_hidden ON documents (id) WHERE hidden;
CREATE INDEX documents_sketch ON documents USING gin (sketch);
${TRGM_INDEX};
CREATE TABLE fingerprints (
  hash int4 NOT NULL,
  doc int4 NOT NULL,
  pos int4 NOT NULL
);
${BULK_INDEXES.fingerprints_hash};
`,
  },
  {
    version: 2,
    name: 'documents by name (打开来源, names in check results)',
    sql: 'CREATE INDEX documents_name ON documents (name);',
  },
  {
    version: 3,
    name: 'metadata of the app (讲话人, 日期, 类别, 场合, 对象, cleaning report)',
    // NULL: never set (recognised from the title and text when read); '' : cleared by the writer
    sql: `ALTER TABLE documents ADD COLUMN speaker text, ADD COLUMN date text, ADD COLUMN kind text, ADD COLUMN occasion text,
  ADD COLUMN audience text, ADD COLUMN encoding text, ADD COLUMN cleanings jsonb, ADD COLUMN chars int;`,
  },
  {
    version: 4,
    name: 'texts with characters outside the BMP (the check fetches parts of texts by position)',
    // text_length counts UTF-16 units, char_length characters: they differ exactly when the text has
    // characters outside the BMP; a generated column, so every way of importing fills it
    sql: 'ALTER TABLE documents ADD COLUMN astral boolean GENERATED ALWAYS AS (char_length(body) <> text_length) STORED;',
  },
  {
    version: 5,
    name: 'import: sketches matched in the importer (no GIN on sketch), texts compressed with lz4',
    // the GIN on sketch was kept up to date by every import and read only by the import's old candidate query;
    // lz4 compresses and decompresses the texts several times faster than the default pglz (servers built
    // without lz4 keep pglz)
    sql: `DROP INDEX IF EXISTS documents_sketch;
DO $$ BEGIN
  ALTER TABLE documents ALTER COLUMN body SET COMPRESSION lz4, ALTER COLUMN offset_map SET COMPRESSION lz4, ALTER COLUMN checkpoints SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN NULL;
END $$;`,
  },
  {
    version: 6,
    name: 'search by bigram postings computed on the client (search_grams) instead of pg_trgm',
    // one row per (gram, import batch): the exact bigram postings of the batch's normalised texts
    // (core/search/gramPostings); rows of removed documents are dropped when read
    sql: `CREATE TABLE search_grams (gram int4 NOT NULL, batch int4 NOT NULL, postings bytea NOT NULL);
DROP INDEX IF EXISTS documents_body_trgm;`,
    run: async (db) => {
      // under the import lock: a batch of an older program committed while the rows are built would have none
      await db.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      await buildAllSearchRows(db);
      await db.query(BULK_INDEXES.search_grams_gram);
    },
  },
  {
    version: 7,
    name: 'check: source texts in chunks at checkpoints (a part of a source is an index probe, not a whole text decompressed); posting counts of the frequent hashes',
    // chunks of ~128 normalised characters are a few hundred bytes: below the TOAST threshold, kept
    // uncompressed in the table's own pages; the texts imported before are cut by version 9 (which made
    // the bodies UTF-16LE bytes; version 7 cut them on the server as text)
    sql: `CREATE TABLE doc_chunks (
  doc int4 NOT NULL,
  n int4 NOT NULL,
  start int4 NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (doc, n)
);
CREATE TABLE hash_counts (
  hash int4 PRIMARY KEY,
  n int4 NOT NULL
);
${REBUILD_HASH_COUNTS_SQL};
ANALYZE hash_counts;`,
  },
  {
    version: 8,
    name: 'check: the prefixes of the hashes in the library (hash_presence), so that a client sends only hashes that may have postings',
    // one row per import batch (presence.ts); a library imported before is covered by rows built here
    sql: 'CREATE TABLE hash_presence (id bigserial PRIMARY KEY, prefixes bytea NOT NULL)',
    run: async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      await buildPresenceRows(db);
    },
  },
  {
    version: 9,
    name: 'check: source text chunks as UTF-16LE bytes (read back without decoding UTF-8, a Chinese character in 2 bytes instead of 3)',
    // the texts are cut again on the client (the server cannot write UTF-16): 32 s for 10⁵ documents of
    // 3,000 characters on the 2-core test machine, imports waiting meanwhile (the lock taken before the
    // table is dropped: an import that began first ends first, one that begins later waits for the new table)
    sql: `SELECT pg_advisory_xact_lock(${IMPORT_LOCK});
DROP TABLE doc_chunks;
CREATE TABLE doc_chunks (
  doc int4 NOT NULL,
  n int4 NOT NULL,
  start int4 NOT NULL,
  body bytea NOT NULL,
  PRIMARY KEY (doc, n)
);`,
    run: async (db) => {
      await fillChunks(db);
      await db.query('ANALYZE doc_chunks');
    },
  },
  {
    version: 10,
    name: 'check: the number of documents kept in library_counts by triggers (a check read it with count(*), a scan of the whole table)',
    // statement-level triggers with transition tables: one UPDATE per INSERT, COPY or DELETE statement,
    // in its transaction; imports and removals take the import lock, so the row is never contended
    sql: `CREATE TABLE library_counts (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), documents int8 NOT NULL);
INSERT INTO library_counts (documents) SELECT count(*) FROM documents;
CREATE FUNCTION library_counts_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE library_counts SET documents = documents + (SELECT count(*) FROM added); RETURN NULL; END $$;
CREATE FUNCTION library_counts_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE library_counts SET documents = documents - (SELECT count(*) FROM removed); RETURN NULL; END $$;
CREATE FUNCTION library_counts_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE library_counts SET documents = 0; RETURN NULL; END $$;
CREATE TRIGGER documents_added AFTER INSERT ON documents REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION library_counts_added();
CREATE TRIGGER documents_removed AFTER DELETE ON documents REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION library_counts_removed();
CREATE TRIGGER documents_emptied AFTER TRUNCATE ON documents FOR EACH STATEMENT EXECUTE FUNCTION library_counts_emptied();`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Schema version on the server (0: the team library was never initialised). */
export async function schemaVersion(db: pg.ClientBase | pg.Pool): Promise<number> {
  const t = await db.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (!t.rows[0].t) return 0;
  const r = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return r.rows[0].v ?? 0;
}

/** Refuse a server whose schema is not the one this program knows (the error says what to do). */
export async function requireSchema(db: pg.ClientBase | pg.Pool): Promise<void> {
  const v = await schemaVersion(db);
  if (v === 0) throw new ApiError('unsupported', '团队服务器上的素材库尚未初始化：请管理员运行 speechdraft server init --url …');
  if (v < SCHEMA_VERSION) throw new ApiError('unsupported', `团队服务器上的素材库结构版本过旧（第 ${v} 版，需要第 ${SCHEMA_VERSION} 版）：请管理员运行 speechdraft server migrate --url …`);
  if (v > SCHEMA_VERSION) throw new ApiError('unsupported', `团队服务器上的素材库结构比本程序新（第 ${v} 版，本程序支持第 ${SCHEMA_VERSION} 版）：请更新讲稿助手`);
}

async function ensureRoles(db: pg.ClientBase): Promise<void> {
  for (const role of [ADMIN_ROLE, WRITER_ROLE]) {
    const r = await db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (r.rowCount === 0) await db.query(`CREATE ROLE ${role} NOLOGIN`);
  }
}

/** GRANTs for every table of the schema (run after each migration, so new tables are covered). */
async function grantAll(db: pg.ClientBase): Promise<void> {
  await db.query(`GRANT USAGE ON SCHEMA public TO ${ADMIN_ROLE}, ${WRITER_ROLE}`);
  await db.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${WRITER_ROLE}`);
  await db.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${WRITER_ROLE}`);
  await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${ADMIN_ROLE}`);
  await db.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${ADMIN_ROLE}`);
  await db.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${ADMIN_ROLE}`);
}

/**
 * Apply the migrations not yet applied, each in its own transaction, under an advisory lock (two
 * administrators running migrate at once apply each migration once). Returns the versions applied.
 */
export async function migrate(db: pg.ClientBase, opts: { createRoles?: boolean; /** Stop after this version (tests of older schemas). */ upTo?: number } = {}): Promise<number[]> {
  const applied: number[] = [];
  await db.query('SELECT pg_advisory_lock(74201)');
  try {
    await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    if (opts.createRoles) await ensureRoles(db);
    const done = new Set((await db.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    if (done.size && Math.max(...done) > SCHEMA_VERSION) await requireSchema(db);
    for (const m of MIGRATIONS) {
      if (done.has(m.version) || m.version > (opts.upTo ?? Infinity)) continue;
      await db.query('BEGIN');
      try {
        await db.query(m.sql);
        if (m.run) await m.run(db);
        await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await db.query('COMMIT');
      } catch (err) {
        await db.query('ROLLBACK');
        throw err;
      }
      applied.push(m.version);
    }
    // an interrupted bulk import leaves its indexes dropped: migrate builds them again
    const version = Math.max(0, ...done, ...applied);
    for (const [name, sql] of Object.entries(BULK_INDEXES)) if (version >= BULK_INDEX_SINCE[name as keyof typeof BULK_INDEXES]) await db.query(sql);
    // and hash_counts empty: filled again (under the import lock, see hashCounts.ts)
    if (version >= 7 && !(await db.query('SELECT 1 FROM hash_counts LIMIT 1')).rowCount) {
      await db.query('BEGIN');
      try {
        await db.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
        await db.query(REBUILD_HASH_COUNTS_SQL);
        await db.query('COMMIT');
      } catch (err) {
        await db.query('ROLLBACK');
        throw err;
      }
    }
    const roles = await db.query('SELECT 1 FROM pg_roles WHERE rolname = ANY($1)', [[ADMIN_ROLE, WRITER_ROLE]]);
    if (roles.rowCount === 2) await grantAll(db);
  } finally {
    await db.query('SELECT pg_advisory_unlock(74201)');
  }
  return applied;
}
