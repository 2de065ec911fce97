// The held-in eval cases (eval/lib.ts, real reuse between consecutive years: draft = the report of year
// Y, library = every earlier report) on both backends: the embedded ReuseIndex and the team library on
// PostgreSQL must give the same passages, so the 13-character guarantee holds on the server exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReuseIndex, checkText } from '../../src/core/reuse/index';
import { teamCheck } from '../../src/services/team/check';
import { TeamLibrary } from '../../src/services/team/library';
import { hasPostgres } from '../helpers/pg';
import { hasShared, readCorpus } from '../helpers/shared';
import { startLibrary } from './helpers';

describe.skipIf(!hasPostgres || !hasShared)('held-in eval cases: the same passages on both backends', () => {
  let lib: TeamLibrary;
  let stop: (() => Promise<void>) | undefined;
  const reports = hasShared
    ? readCorpus()
        .filter((r) => r.year !== undefined && r.year !== null && String(r.year) !== '')
        .map((r) => ({ y: Number(r.year), title: r.title, content: r.content }))
        .sort((a, b) => a.y - b.y)
    : [];

  beforeAll(async () => {
    ({ lib, stop } = await startLibrary());
    await lib.importDocs(reports.map((r) => ({ name: String(r.y), title: r.title, text: r.content })));
  }, 120_000);

  afterAll(() => stop?.());

  it('reports of 2010, 2016, 2019 and 2024 against all earlier reports', async () => {
    const index = new ReuseIndex();
    index.add(reports.map((r) => ({ id: String(r.y), title: r.title, text: r.content })));
    const texts = new Map(reports.map((r) => [String(r.y), r.content]));
    const ids = new Map((await lib.pool.query<{ id: number; name: string; hidden: boolean }>('SELECT id, name, hidden FROM documents')).rows.map((r) => [r.name, r]));
    const hidden = [...ids.values()].filter((r) => r.hidden).map((r) => r.name);
    let passages = 0;
    for (const y of [2010, 2016, 2019, 2024]) {
      const draft = reports.find((r) => r.y === y)!;
      const later = reports.filter((r) => r.y >= y).map((r) => String(r.y));
      const embedded = checkText(index, draft.content, { excludeIds: [...later, ...hidden], getSourceText: (id) => texts.get(id) });
      const team = await teamCheck(lib.pool, draft.content, { excludeIds: later.map((n) => String(ids.get(n)!.id)) });
      const names = new Map([...ids.values()].map((r) => [String(r.id), r.name]));
      const fromTeam = team.result.passages.map((p) => ({ ...p, sourceId: names.get(p.sourceId)! }));
      expect(fromTeam).toEqual(embedded.passages);
      expect(team.result.ratio).toBe(embedded.ratio);
      passages += embedded.passages.length;
    }
    expect(passages).toBeGreaterThan(100);
  }, 120_000);
});
