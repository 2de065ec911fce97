// Documents of the team library as the app shows them: the library contract's LibraryDocMeta (title,
// 讲话人, 日期, 类别, 场合, 对象, 字数, cleaning report) read from the documents table, metadata edits,
// and the near-duplicate groups kept by the imports (grp / hidden) in the contract's DuplicateGroup shape.
// Metadata never set (NULL, e.g. documents loaded with `speechdraft server import`) is recognised from
// the title and the first lines, as the embedded store does; '' is a field the writer cleared.
import type pg from 'pg';
import { ApiError } from '../../contract/define';
import type { DuplicateGroup, LibraryDoc, LibraryDocMeta, LibraryMetaPatch } from '../../contract/library';
import type { Cleaning } from '../../core/text/clean';
import { LIBRARY_KINDS, sourceLabel, type LibraryKind } from '../../core/library/label';
import { recognizeMeta } from '../../core/library/recognize';
import { SketchIndex } from '../../core/reuse/nearDup';
import { serverIdOf, teamIdOf } from './appCheck';

export interface MetaRow {
  id: number;
  name: string;
  title: string;
  speaker: string | null;
  date: string | null;
  kind: string | null;
  occasion: string | null;
  audience: string | null;
  origin_file: string | null;
  part: number | null;
  line: number | null;
  text_length: number;
  chars: number | null;
  imported_at: Date;
  encoding: string | null;
  ncleanings: number | null;
  grp: number;
  hidden: boolean;
  /** The first characters of the text, only when some metadata was never set. */
  head: string | null;
}

export const META_COLUMNS = `id, name, title, speaker, date, kind, occasion, audience, origin_file, part, line, text_length, chars, imported_at, encoding,
  jsonb_array_length(cleanings) AS ncleanings, grp, hidden,
  CASE WHEN speaker IS NULL OR date IS NULL OR kind IS NULL THEN left(body, 1500) END AS head`;

const isKind = (k: string | null): k is LibraryKind => k !== null && (LIBRARY_KINDS as readonly string[]).includes(k);

export function metaOfRow(r: MetaRow, group?: { id: string; representative: number }): LibraryDocMeta {
  const rec = r.speaker === null || r.date === null || !isKind(r.kind) ? recognizeMeta(r.title, r.head ?? '') : undefined;
  const speaker = r.speaker ?? rec?.speaker;
  const date = r.date ?? rec?.date;
  return {
    id: teamIdOf(r.id),
    title: r.title,
    label: sourceLabel({ title: r.title, ...(speaker ? { speaker } : {}), ...(date ? { date } : {}) }),
    ...(speaker ? { speaker } : {}),
    ...(date ? { date } : {}),
    kind: isKind(r.kind) ? r.kind : rec!.kind,
    ...(r.occasion ? { occasion: r.occasion } : {}),
    ...(r.audience ? { audience: r.audience } : {}),
    originFile: r.origin_file ?? r.name,
    ...(r.part !== null ? { part: r.part } : {}),
    ...(r.line !== null ? { line: r.line } : {}),
    chars: r.chars ?? r.text_length,
    importedAt: new Date(r.imported_at).toISOString(),
    ...(r.encoding ? { encoding: r.encoding } : {}),
    cleanings: r.ncleanings ?? 0,
    ...(group ? { groupId: group.id, ...(group.representative !== r.id ? { duplicateOf: teamIdOf(group.representative) } : {}) } : {}),
  };
}

const groupIdOf = (grp: number) => 'G' + grp;

function requireId(id: string): number {
  const n = serverIdOf(id);
  if (n === undefined) throw new ApiError('not-found', `团队素材库中没有这篇文档：${id}`);
  return n;
}

/** Every document (ordered as imported) and the near-duplicate groups. */
export async function listDocs(db: pg.Pool): Promise<{ docs: LibraryDocMeta[]; groups: DuplicateGroup[] }> {
  const r = await db.query<MetaRow>(`SELECT ${META_COLUMNS} FROM documents ORDER BY id`);
  const groups = await groupsOf(db, r.rows);
  const byGrp = new Map(groups.map((g) => [g.id, g]));
  const docs = r.rows.map((row) => {
    const g = byGrp.get(groupIdOf(row.grp));
    return metaOfRow(row, g ? { id: g.id, representative: serverIdOf(g.representative)! } : undefined);
  });
  return { docs, groups };
}

/** Near-duplicate groups of the given rows (or of the whole library): members named by their label. */
export async function groupsOf(db: pg.Pool, rows?: MetaRow[]): Promise<DuplicateGroup[]> {
  const all = rows ?? (await db.query<MetaRow>(`SELECT ${META_COLUMNS} FROM documents WHERE grp IN (SELECT grp FROM documents GROUP BY grp HAVING count(*) > 1) ORDER BY id`)).rows;
  const byGrp = new Map<number, MetaRow[]>();
  for (const row of all) byGrp.set(row.grp, [...(byGrp.get(row.grp) ?? []), row]);
  const multi = [...byGrp.entries()].filter(([, m]) => m.length > 1);
  if (!multi.length) return [];
  const sk = await db.query<{ id: number; sketch: number[] }>('SELECT id, sketch FROM documents WHERE grp = ANY($1::int4[])', [multi.map(([g]) => g)]);
  const sketchOf = new Map(sk.rows.map((x) => [x.id, Uint32Array.from(x.sketch, (v) => v >>> 0).sort()]));
  return multi.map(([grp, members]) => {
    const rep = members.find((m) => !m.hidden) ?? [...members].sort((a, b) => b.text_length - a.text_length)[0];
    const found = new SketchIndex(members.map((m) => ({ id: String(m.id), length: m.text_length, sketch: sketchOf.get(m.id) ?? new Uint32Array() }))).groups({ minContainment: 0.8 });
    return {
      id: groupIdOf(grp),
      representative: teamIdOf(rep.id),
      members: [rep, ...members.filter((m) => m !== rep)].map((m) => ({ id: teamIdOf(m.id), title: metaOfRow(m).label, chars: m.chars ?? m.text_length })),
      similarity: found.length ? Math.min(...found.map((x) => x.similarity)) : 0.8,
    };
  });
}

export async function getDoc(db: pg.Pool, id: string): Promise<LibraryDoc> {
  const sid = requireId(id);
  const r = await db.query<MetaRow & { body: string; cleanings: Cleaning[] | null }>(`SELECT ${META_COLUMNS}, body, cleanings FROM documents WHERE id = $1`, [sid]);
  const row = r.rows[0];
  if (!row) throw new ApiError('not-found', `团队素材库中没有这篇文档：${id}`);
  const groups = await db.query<{ n: number; rep: number }>('SELECT count(*)::int AS n, min(id) FILTER (WHERE NOT hidden) AS rep FROM documents WHERE grp = $1', [row.grp]);
  const g = groups.rows[0].n > 1 ? { id: groupIdOf(row.grp), representative: groups.rows[0].rep ?? row.id } : undefined;
  return { ...metaOfRow({ ...row, head: row.body.slice(0, 1500) }, g), text: row.body, cleaningReport: row.cleanings ?? [] };
}

/** Metadata of some documents by server id (the sources of a check: labels, 场合 for the risk). */
export async function metasById(db: pg.Pool, ids: number[]): Promise<Map<number, LibraryDocMeta>> {
  if (!ids.length) return new Map();
  const r = await db.query<MetaRow>(`SELECT ${META_COLUMNS} FROM documents WHERE id = ANY($1::int4[])`, [ids]);
  return new Map(r.rows.map((row) => [row.id, metaOfRow(row)]));
}

/** Edit metadata ('' clears a field; every field is stored explicitly from then on, as in the embedded store). */
export async function updateDoc(db: pg.Pool, id: string, patch: LibraryMetaPatch): Promise<LibraryDocMeta> {
  const sid = requireId(id);
  const cur = await db.query<MetaRow>(`SELECT ${META_COLUMNS} FROM documents WHERE id = $1`, [sid]);
  if (!cur.rows[0]) throw new ApiError('not-found', `团队素材库中没有这篇文档：${id}`);
  const m = metaOfRow(cur.rows[0]);
  const pick = (v: string | undefined, was: string | undefined) => (v !== undefined ? v.trim() : (was ?? ''));
  await db.query('UPDATE documents SET title = $2, speaker = $3, date = $4, kind = $5, occasion = $6, audience = $7 WHERE id = $1', [
    sid,
    patch.title?.trim() || m.title,
    pick(patch.speaker, m.speaker),
    pick(patch.date, m.date),
    patch.kind ?? m.kind,
    pick(patch.occasion, m.occasion),
    pick(patch.audience, m.audience),
  ]);
  const r = await db.query<MetaRow>(`SELECT ${META_COLUMNS} FROM documents WHERE id = $1`, [sid]);
  const g = await db.query<{ n: number; rep: number }>('SELECT count(*)::int AS n, min(id) FILTER (WHERE NOT hidden) AS rep FROM documents WHERE grp = $1', [r.rows[0].grp]);
  return metaOfRow(r.rows[0], g.rows[0].n > 1 ? { id: groupIdOf(r.rows[0].grp), representative: g.rows[0].rep ?? sid } : undefined);
}
