// Importing from the app into the team library, and removing documents. The files are read and cleaned
// exactly as for 本机 (services/library/sources.ts), their speaker/date/kind recognised the same way; each
// batch of documents is one transaction of the team importer (no half document, no orphan fingerprint,
// one document per content however many writers import it), and the metadata is written right after.
// Progress and cancel follow the embedded import's contract (ImportStatus, cancel between batches).
import type pg from 'pg';
import { ApiError } from '../../contract/define';
import type { ImportStatus } from '../../contract/library';
import { countChars } from '../../core/model/count';
import { fingerprintText } from '../../core/reuse/fingerprint';
import { docIdOf } from '../library/folderLibrary';
import { importSummary, prefill, type ImportInput } from '../library/importer';
import { readLibrarySource } from '../library/sources';
import { serverIdOf, teamIdOf } from './appCheck';
import { groupsOf } from './appMeta';
import { IMPORT_LOCK } from './importer';
import { contentHash, type TeamDocInput } from './prepare';
import { int4Array } from './int4';
import { adjustHashCounts } from './hashCounts';
import type { TeamLibrary } from './library';

/** Documents per transaction from the app (a speech file is a handful; a .jsonl archive many). */
const PARTS_PER_BATCH = 200;

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

export async function runTeamImport(lib: TeamLibrary, inputs: ImportInput[], status: ImportStatus, opts: { isCancelled?: () => boolean } = {}): Promise<ImportStatus> {
  const db = lib.pool;
  const cancelled = () => opts.isCancelled?.() === true;
  status.totalFiles = inputs.length;
  status.totalBytes = inputs.reduce((n, f) => n + f.size, 0);
  try {
    for (const input of inputs) {
      if (cancelled()) break;
      status.currentFile = input.name;
      const before = status.doneBytes;
      try {
        const read = await readLibrarySource(input.name, await input.read());
        for (const p of read.problems) status.problems.push({ file: input.name, ...p });
        if (read.parts.length === 0) status.problems.push({ file: input.name, message: '文件中没有可导入的文本' });
        const single = read.parts.length === 1;
        for (let k = 0; k < read.parts.length; k += PARTS_PER_BATCH) {
          if (cancelled()) break;
          const batch = read.parts.slice(k, k + PARTS_PER_BATCH);
          const hashes = batch.map((p) => contentHash(p.text));
          const had = new Set((await db.query<{ h: string }>('SELECT content_hash AS h FROM documents WHERE content_hash = ANY($1)', [hashes])).rows.map((r) => r.h));
          const docs: TeamDocInput[] = batch.map((p) => ({
            name: docIdOf(input.name, p, single),
            title: p.title,
            text: p.text,
            originFile: input.name,
            offsetMap: p.offsetMap,
            ...(p.part !== undefined ? { part: p.part } : {}),
            ...(p.line !== undefined ? { line: p.line } : {}),
          }));
          await lib.importDocs(docs);
          const ids = await db.query<{ id: number; h: string; set: boolean }>('SELECT id, content_hash AS h, (cleanings IS NOT NULL) AS set FROM documents WHERE content_hash = ANY($1)', [hashes]);
          const byHash = new Map(ids.rows.map((r) => [r.h, r]));
          for (const [j, p] of batch.entries()) {
            const row = byHash.get(hashes[j]);
            if (!row) continue;
            if (!row.set && !had.has(hashes[j])) {
              const m = prefill(p);
              await db.query('UPDATE documents SET speaker = $2, date = $3, kind = $4, encoding = $5, cleanings = $6, chars = $7 WHERE id = $1 AND cleanings IS NULL', [
                row.id,
                m.speaker ?? null,
                m.date ?? null,
                m.kind,
                read.encoding ?? null,
                JSON.stringify(p.cleanings),
                countChars(p.text),
              ]);
            }
            const alreadyPresent = had.has(hashes[j]);
            status.imported.push({ id: teamIdOf(row.id), title: p.title, originFile: input.name, chars: countChars(p.text), cleanings: p.cleanings, ...(alreadyPresent ? { alreadyPresent } : {}) });
          }
          status.doneBytes = before + Math.round((input.size * Math.min(read.parts.length, k + PARTS_PER_BATCH)) / read.parts.length);
          await yieldToLoop();
        }
      } catch (err) {
        status.problems.push({ file: input.name, message: ApiError.from(err).message });
      }
      status.doneBytes = before + input.size;
      if (!cancelled()) status.doneFiles++;
      await yieldToLoop();
    }
    status.currentFile = undefined;
    if (status.imported.length > 0) {
      const importedIds = new Set(status.imported.map((d) => d.id));
      status.duplicates = (await groupsOf(db)).filter((g) => g.members.some((m) => importedIds.has(m.id)));
    }
    status.state = cancelled() ? 'cancelled' : 'done';
    status.message = importSummary(status, '到团队素材库');
  } catch (err) {
    status.state = 'failed';
    status.message = ApiError.from(err).message;
  }
  return status;
}

/**
 * Remove documents in one transaction under the import lock: their fingerprints (found through the
 * B-tree by the document's own hashes, never by scanning the table), the rows, and their groups' new
 * representative (the longest member left; a group of one is no group).
 */
export async function removeTeamDocs(db: pg.Pool, ids: string[]): Promise<string[]> {
  const sids = [...new Set(ids.map(serverIdOf).filter((n): n is number => n !== undefined))];
  if (!sids.length) return [];
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      const docs = await client.query<{ id: number; body: string; grp: number }>('SELECT id, body, grp FROM documents WHERE id = ANY($1::int4[]) FOR UPDATE', [sids]);
      for (const d of docs.rows) {
        const hashes = fingerprintText(d.body).hashes;
        if (hashes.length) await client.query('DELETE FROM fingerprints WHERE hash = ANY($1::int4[]) AND doc = $2', [int4Array(hashes), d.id]);
        await adjustHashCounts(client, hashes, -1);
      }
      await client.query('DELETE FROM doc_chunks WHERE doc = ANY($1::int4[])', [sids]);
      await client.query('DELETE FROM documents WHERE id = ANY($1::int4[])', [sids]);
      for (const grp of new Set(docs.rows.map((d) => d.grp))) {
        const left = await client.query<{ id: number; name: string; text_length: number }>('SELECT id, name, text_length FROM documents WHERE grp = $1', [grp]);
        const rep = [...left.rows].sort((a, b) => b.text_length - a.text_length || a.name.localeCompare(b.name))[0];
        if (rep) await client.query('UPDATE documents SET hidden = (id <> $2) WHERE grp = $1', [grp, rep.id]);
      }
      await client.query('COMMIT');
      return docs.rows.map((d) => teamIdOf(d.id));
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    client.release();
  }
}
