// Many writers at once: 8 clients (each its own connection) import overlapping batches and check drafts
// for SPEECHDRAFT_TEAM_SECONDS seconds (10 in `npm test`; the stress run uses 30). Every document ends up
// once, no fingerprint is orphaned, every check finds its planted passages in the documents committed
// before it, and near-duplicate pairs imported by different clients end up in one group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeamLibrary } from '../../src/services/team/library';
import { hasPostgres } from '../helpers/pg';
import { countable, draftWith, nearCopy, rng, synthDocs, type SynthDoc } from './fixtures';
import { consistency, startServer, type TestServer } from './helpers';

const SECONDS = Number(process.env.SPEECHDRAFT_TEAM_SECONDS ?? 10);
const CLIENTS = 8;
const PUNCT = /[，。；、]/;

/**
 * Countable characters of the longest part of `piece` (taken from `original`) that `copy` holds unchanged:
 * the copy is the original with single characters replaced (same offsets), plus a line at its end.
 */
function unchangedRun(original: string, copy: string, piece: string): number {
  const o = original.indexOf(piece);
  let best = 0;
  let from = 0;
  for (let j = 0; j <= piece.length; j++) {
    if (j < piece.length && copy[o + j] === original[o + j]) continue;
    best = Math.max(best, countable(piece.slice(from, j)));
    from = j + 1;
  }
  return best;
}

describe.skipIf(!hasPostgres)(`team library under concurrency (${CLIENTS} clients, ${SECONDS} s)`, () => {
  let server: TestServer;
  const base = synthDocs(240, 21, 'c');
  // near-duplicate copies of the first 30 documents, imported by whichever client picks them
  const copies: SynthDoc[] = base.slice(0, 30).map((d, i) => ({ name: `copy-${i}.txt`, title: `${d.title}（修改）`, text: nearCopy(d.text, i + 1) }));
  const pool = [...base, ...copies];
  const familyOf = new Map<string, string[]>();
  const copyOf = new Map<string, SynthDoc>();
  base.slice(0, 30).forEach((d, i) => {
    familyOf.set(d.name, [d.name, copies[i].name]);
    familyOf.set(copies[i].name, [d.name, copies[i].name]);
    copyOf.set(d.name, copies[i]);
  });

  beforeAll(async () => {
    server = await startServer();
    await TeamLibrary.init(server.url);
  });

  afterAll(() => server?.stop());

  it('every document once, no orphans, every check correct, groups complete', async () => {
    const committed = new Set<string>();
    const stop = Date.now() + SECONDS * 1000;
    let checks = 0;
    let imports = 0;
    const failures: string[] = [];
    let planted = 0;
    let notRequired = 0;
    const client = async (c: number) => {
      const lib = await TeamLibrary.connect(server.url, { max: 1 });
      const r = rng(1000 + c);
      try {
        while (Date.now() < stop) {
          // import a batch of 6 random documents (others import the same ones at the same time)
          const batch = Array.from({ length: 6 }, () => pool[Math.floor(r() * pool.length)]);
          await lib.importDocs(batch);
          for (const d of batch) committed.add(d.name);
          imports++;
          // check a draft planted from documents committed before the check started
          const known = pool.filter((d) => committed.has(d.name));
          const draft = draftWith(known, Math.floor(r() * 1e9), 3);
          const res = await lib.check(draft.text);
          checks++;
          for (const p of draft.planted) {
            planted++;
            let a = p.start;
            let e = p.end;
            while (PUNCT.test(draft.text[a])) a++;
            while (PUNCT.test(draft.text[e - 1])) e--;
            const fam = familyOf.get(p.doc.name);
            // A near-duplicate pair counts as one source, its longer member (the copy), which differs here and
            // there from the original: a passage of the original need only be found where the copy (once
            // imported, the original is hidden) still holds 13 of its characters unchanged; elsewhere (the
            // copy's own passages, every other document) it must be covered whole by its own document.
            const piece = draft.text.slice(a, e);
            if (fam && fam[0] === p.doc.name && unchangedRun(p.doc.text, copyOf.get(p.doc.name)!.text, piece) < 13) {
              notRequired++;
              continue;
            }
            const ok =
              fam && fam[0] === p.doc.name
                ? res.passages.some((x) => x.start < e && x.end > a && fam.includes(x.sourceId))
                : res.passages.some((x) => x.start <= a && x.end >= e && x.sourceId === p.doc.name);
            if (!ok) failures.push(`client ${c}: ${p.doc.name} ${a}-${e} ${JSON.stringify(piece)} not found`);
          }
        }
      } finally {
        await lib.close();
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    expect(failures).toEqual([]);
    expect(planted).toBeGreaterThan(CLIENTS);
    expect(notRequired).toBeLessThan(planted * 0.02);
    expect(checks).toBeGreaterThan(CLIENTS);
    expect(imports).toBeGreaterThan(CLIENTS);

    const db = await server.admin();
    try {
      const c = await consistency(db);
      expect(c).toEqual({ orphans: 0, bare: 0, dupContent: 0, docs: committed.size, countOff: 0 });
      const names = (await db.query<{ name: string; grp: number; hidden: boolean }>('SELECT name, grp, hidden FROM documents')).rows;
      expect(new Set(names.map((n) => n.name))).toEqual(committed);
      // near-duplicate pairs: one group, one representative (the longer: the copy has "（有改动）" added)
      const byName = new Map(names.map((n) => [n.name, n]));
      let pairs = 0;
      base.slice(0, 30).forEach((d, i) => {
        const a = byName.get(d.name);
        const b = byName.get(copies[i].name);
        if (!a || !b) return;
        pairs++;
        expect(a.grp, d.name).toBe(b.grp);
        expect([a.hidden, b.hidden]).toEqual([true, false]);
      });
      expect(pairs).toBeGreaterThan(0);
      const groups = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents GROUP BY grp HAVING count(*) > 1')).rows;
      expect(groups.every((g) => g.n === 2)).toBe(true);
    } finally {
      await db.end();
    }
  }, 60_000 + SECONDS * 2000);
});
