// `npm run bench server`: the team library on PostgreSQL beside the embedded engine on the same library.
// Libraries of 10³, 10⁴ and 10⁵ documents (SERVER_BENCH_SIZES=1000,10000 for a shorter run) of ~3,000
// characters, made like the reuse suite's (runs of 1–8 consecutive sentences of the 政府工作报告 corpus,
// drawn at random positions with a seeded PRNG, grouped into paragraphs of 4–7 sentences — so documents
// share many sentences, as an archive does). A throw-away cluster (fsync on) is started for the run, or
// SERVER_BENCH_URL names an existing empty database. Figures: import throughput, database size per
// character, and the check of a 20,000-character draft (12 lightly edited passages planted), p50/p95 over
// 20 drafts, on the server and in the embedded engine. Each step loads in bulk (COPY with the fingerprint
// and search indexes built at the end, as `server import --bulk`); after the last step 300 more documents
// are imported the ordinary way (indexes kept up to date), as an office adds new speeches.
// SPEECHDRAFT_BENCH_SERVER_KEEP=/tmp/dir keeps the cluster in that folder: a later run starts it again, migrates
// it and imports only what a level lacks (the large levels are built once, the check measured many times);
// the ordinary import at the end is left out then, so the kept library stays as built.
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { baselineWorkload, median, percentile, type BenchSuite } from '../harness';
import { ReuseIndex, checkText, draftHashes } from '../../src/core/reuse';
import type { CheckResult } from '../../src/core/reuse/types';
import { warmUpNormalizer } from '../../src/core/normalize';
import { SourceCache, teamCheck } from '../../src/services/team/check';
import { newTimings } from '../../src/services/team/importer';
import { TeamLibrary } from '../../src/services/team/library';
import { PresenceFilter } from '../../src/services/team/presence';
import { startCluster, hasPostgres, type TestCluster } from '../../tests/helpers/pg';
import { syntheticDraft, syntheticLibrary, type SyntheticDoc } from '../reuse/synthetic';

// in a plain `npm run bench` (all suites) only the 10³ library
const SIZES = (process.env.SERVER_BENCH_SIZES ?? (process.argv.includes('server') ? '1000,10000,100000' : '1000')).split(',').map(Number);
const INCREMENTAL = 300;
const DOC_CHARS = Number(process.env.SERVER_BENCH_DOC_CHARS ?? 3000);
const DRAFTS = Number(process.env.SERVER_BENCH_DRAFTS ?? 20);
// the configuration docs/team-server.md recommends for a dedicated server: shared_buffers about 25% of the
// machine's memory (6 GB of 24 GB here), effective_cache_size about 75%; SERVER_BENCH_SHARED_BUFFERS=512MB for the old figures
const SHARED_BUFFERS = process.env.SERVER_BENCH_SHARED_BUFFERS ?? `${Math.max(128, Math.round(totalmem() / 4 / 1048576))}MB`;
/** SERVER_BENCH_PREWARM=0: measure the checks on a cold cache (the cluster just started). */
const PREWARM = process.env.SERVER_BENCH_PREWARM !== '0';
const EFFECTIVE_CACHE = `${Math.max(512, Math.round((totalmem() * 3) / 4 / 1048576))}MB`;

/** A check result as JSON, its sources in id order (sources of equal ratio are ordered by id, and the ids differ: names vs numbers). */
function comparable(r: CheckResult): string {
  return JSON.stringify({ ...r, sources: [...r.sources].sort((a, b) => a.id.localeCompare(b.id)) });
}

/** The measured drafts and one more for the client's first check, from the library's documents. */
function draftsOf(docs: SyntheticDoc[]): { drafts: string[]; firstDraft: string } {
  return { drafts: Array.from({ length: DRAFTS }, (_, k) => syntheticDraft(docs, 20_000, 12, 100 + k).text), firstDraft: syntheticDraft(docs, 20_000, 12, 99).text };
}

export const serverSuite: BenchSuite = {
  name: 'server',
  async run(ctx) {
    const S = 'server';
    if (!hasPostgres && !process.env.SERVER_BENCH_URL) {
      console.log('  PostgreSQL not installed (apt-get install postgresql): suite skipped');
      return;
    }
    warmUpNormalizer();
    console.log(`  (load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores; server and client on this machine)`);
    // made again when needed (deterministic): while the checks run this process holds no library, as the app does
    // with a team library (300 M characters of strings in the heap made every young-generation GC about twice as slow)
    const library = () => syntheticLibrary(Math.max(...SIZES) + INCREMENTAL, DOC_CHARS);
    let all: SyntheticDoc[] | null = library();
    let cluster: TestCluster | null = null;
    let url = process.env.SERVER_BENCH_URL;
    const keepDir = process.env.SPEECHDRAFT_BENCH_SERVER_KEEP;
    if (!url) {
      cluster = await startCluster({ durable: true, sharedBuffers: SHARED_BUFFERS, effectiveCacheSize: EFFECTIVE_CACHE, keepDir });
      url = cluster.url;
      console.log(`  (cluster: shared_buffers ${SHARED_BUFFERS}, effective_cache_size ${EFFECTIVE_CACHE})`);
      if (keepDir) console.log(`  (cluster kept in ${keepDir})`);
    }
    try {
      const m0 = performance.now();
      const { applied } = await TeamLibrary.init(url);
      if (applied.length && keepDir) console.log(`  (kept library migrated: version ${applied.join(', ')} in ${((performance.now() - m0) / 1000).toFixed(1)} s)`);
      const lib = await TeamLibrary.connect(url);
      let imported = (await lib.stats()).documents;
      for (const n of SIZES.sort((a, b) => a - b)) {
        if (imported > n) {
          console.log(`  ${n} docs: skipped (the kept library has ${imported} documents)`);
          continue;
        }
        all ??= library();
        // grow the library to n documents
        const add = all.slice(imported, n).map((d) => ({ name: d.id, title: d.title, text: d.text }));
        if (!add.length) console.log(`  ${n} docs: kept library, nothing imported`);
        if (add.length) {
          const chars = add.reduce((a, d) => a + d.text.length, 0);
          const phases = newTimings();
          const bulkTimes = { load: 0, indexes: 0 };
          const t0 = performance.now();
          await lib.bulk(() => lib.importDocs(add, phases), bulkTimes);
          const loadMs = performance.now() - t0;
          imported = n;
          // VACUUM (autovacuum in production) sets the visibility map the check's index-only scans need: counted in the import
          await lib.pool.query('VACUUM ANALYZE');
          const importMs = performance.now() - t0;
          const stats = await lib.stats();
          const rate = chars / (importMs / 1000) / 1e6;
          const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
          ctx.report({ suite: S, name: `${n} docs: bulk import throughput (+${add.length} docs, ${(chars / 1e6).toFixed(1)} M chars)`, value: rate, unit: 'M chars/s', target: '≥ 5', ok: rate >= 5, note: `${sec(bulkTimes.load)} COPY transactions + ${sec(bulkTimes.indexes)} building the indexes + ${sec(importMs - loadMs)} VACUUM ANALYZE` });
          const loadRate = chars / (bulkTimes.load / 1000) / 1e6;
          ctx.report({ suite: S, name: `${n} docs: of which COPY transactions (before the index builds)`, value: loadRate, unit: 'M chars/s', note: `client work not overlapped ${sec(phases.prepare)}, documents ${sec(phases.documents)}, fingerprints ${sec(phases.fingerprints)}, search postings ${sec(phases.search)}, near-duplicate groups ${sec(phases.groups)}, commits ${sec(phases.commit)}` });
          ctx.report({ suite: S, name: `${n} docs: database size per character`, value: stats.databaseBytes / stats.chars, unit: 'bytes', note: `${(stats.databaseBytes / 1048576).toFixed(0)} MB for ${(stats.chars / 1e6).toFixed(1)} M chars; fingerprints table ${(stats.tables.fingerprints / 1048576).toFixed(0)} MB, documents ${(stats.tables.documents / 1048576).toFixed(0)} MB, search postings ${((stats.tables.search_grams ?? 0) / 1048576).toFixed(0)} MB` });
        }
        imported = Math.max(imported, n);

        // the drafts; the server checks first, then the same library in the embedded engine (built only then:
        // a writer's machine checking against the team library holds no embedded index of it)
        const { drafts, firstDraft } = draftsOf(all.slice(0, n));
        all = null;
        const server: number[] = [];
        const embedded: number[] = [];
        const parts = { postings: [] as number[], docs: [] as number[], check: [] as number[], runs: [] as number[], fetched: [] as number[], sources: [] as number[], chars: [] as number[] };
        const warm: number[] = [];
        const cache = new SourceCache();
        const results: string[] = [];
        if (PREWARM) {
          // a server in service holds what the checks read in its shared_buffers (pg_prewarm's autoprewarm keeps them
          // over a restart, see docs/team-server.md); a cluster just started holds nothing: read it in first
          const w0 = performance.now();
          try {
            await lib.pool.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
            const rels = ['fingerprints_hash', 'hash_counts', 'hash_counts_pkey', 'doc_chunks', 'doc_chunks_pkey', 'documents', 'documents_pkey'];
            const r = await lib.pool.query<{ pages: string }>(`SELECT sum(pg_prewarm(c.oid))::text AS pages FROM pg_class c WHERE c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace`, [rels]);
            console.log(`  (${n} docs: the checks' tables and indexes read into shared_buffers with pg_prewarm: ${((Number(r.rows[0].pages) * 8192) / 1073741824).toFixed(2)} GB in ${((performance.now() - w0) / 1000).toFixed(1)} s)`);
          } catch (err) {
            console.log(`  (pg_prewarm not available, the checks start on a cold cache: ${(err as Error).message})`);
          }
        }
        // a long-lived client (the app) keeps the library's hash prefixes: read once here, then only new rows
        const presence = new PresenceFilter();
        const p0 = performance.now();
        await presence.refresh(lib.pool);
        const presenceMs = performance.now() - p0;
        const pr = (await lib.pool.query<{ rows: number; bytes: string }>('SELECT count(*)::int AS rows, coalesce(sum(length(prefixes)), 0)::text AS bytes FROM hash_presence')).rows[0];
        const sentShare = presence.filter(draftHashes(drafts[0])).length / draftHashes(drafts[0]).length;
        ctx.report({ suite: S, name: `${n} docs: the client's first read of the hash prefixes (hash_presence)`, value: presenceMs, unit: 'ms', note: `${pr.rows} rows, ${(Number(pr.bytes) / 1048576).toFixed(1)} MB; then ${(100 * sentShare).toFixed(0)} % of a draft's hashes are sent` });
        // a long-lived client checks with warm code: the first check of one more draft (its engine code still
        // cold, as after the app starts) is reported on its own, not among the measured ones
        const f0 = performance.now();
        await teamCheck(lib.pool, firstDraft, { presence });
        ctx.report({ suite: S, name: `${n} docs: the client's first server check (engine code cold; not among the measured)`, value: performance.now() - f0, unit: 'ms' });
        const busy = median([baselineWorkload(), baselineWorkload(), baselineWorkload()]);
        const load0 = loadavg()[0];
        for (const draft of drafts) {
          let c0 = performance.now();
          const r = await teamCheck(lib.pool, draft, { presence });
          server.push(performance.now() - c0);
          // compared with the embedded result by the documents' names (the server's ids are its own numbers)
          const name = (id: string) => r.names.get(id) ?? id;
          results.push(comparable({ ...r.result, passages: r.result.passages.map((p) => ({ ...p, sourceId: name(p.sourceId) })), sources: r.result.sources.map((x) => ({ ...x, id: name(x.id) })) }));
          parts.fetched.push(r.fetched);
          parts.sources.push(r.sources);
          parts.chars.push(r.chars);
          // the same draft with the sources kept from earlier checks (a re-check while writing, or a colleague's check of related text)
          await teamCheck(lib.pool, draft, { cache, presence });
          c0 = performance.now();
          await teamCheck(lib.pool, draft, { cache, presence });
          warm.push(performance.now() - c0);
          parts.postings.push(r.timings.postings);
          parts.docs.push(r.timings.docs);
          parts.check.push(r.timings.check);
          parts.runs.push(r.runs);
        }
        const load1 = loadavg()[0];
        all = library();
        const docs = all.slice(0, n);
        const index = new ReuseIndex();
        const b0 = performance.now();
        index.add(docs);
        const buildMs = performance.now() - b0;
        const texts = new Map(docs.map((d) => [d.id, d.text]));
        let same = 0;
        for (const [k, draft] of drafts.entries()) {
          const c0 = performance.now();
          const e = checkText(index, draft, { getSourceText: (id) => texts.get(id) });
          embedded.push(performance.now() - c0);
          if (comparable(e) === results[k]) same++;
          else console.log(`  ! draft ${k}: the server's result differs from the embedded engine's`);
        }
        const p95 = percentile(server, 95);
        ctx.report({ suite: S, name: `${n} docs: server check of 20,000 chars p50`, value: median(server), unit: 'ms', note: `figures and postings ${median(parts.postings).toFixed(0)} ms, sources ${median(parts.docs).toFixed(0)} ms, engine ${median(parts.check).toFixed(0)} ms in ${median(parts.runs)} runs; ${median(parts.sources)} sources, ${(median(parts.chars) / 1e6).toFixed(2)} M chars fetched; load ${load0.toFixed(1)}→${load1.toFixed(1)}, baseline ${busy.toFixed(0)} ms then` });
        ctx.report({ suite: S, name: `${n} docs: server re-check, sources cached, p50 / p95`, value: median(warm), unit: 'ms', note: `p95 ${percentile(warm, 95).toFixed(0)} ms` });
        ctx.report({ suite: S, name: `${n} docs: server check of 20,000 chars p95`, value: p95, unit: 'ms', target: '< 300 (at 10⁵ docs)', note: `each check in ms: ${server.map((x) => x.toFixed(0)).join(' ')}`, ...(n >= 100_000 ? { ok: p95 < 300 } : {}) });
        // the engine's code takes a client's first half-dozen checks to warm up (each draft is checked three
        // times, so the first two drafts come after 1 and 4 checks): the same checks without those two, apart
        const later = server.slice(2);
        if (later.length) ctx.report({ suite: S, name: `${n} docs: the same checks after the client's first 7, p50 / p95`, value: median(later), unit: 'ms', note: `p95 ${percentile(later, 95).toFixed(0)} ms over ${later.length} drafts (the first two: ${server.slice(0, 2).map((x) => x.toFixed(0)).join(', ')} ms)` });
        for (const q of ['改革', '高质量发展', '全面建设社会主义现代化国家']) {
          const times: number[] = [];
          let total = 0;
          for (let k = 0; k < 5; k++) {
            const s0 = performance.now();
            total = (await lib.search(q, { limit: 20 })).total;
            times.push(performance.now() - s0);
          }
          ctx.report({ suite: S, name: `${n} docs: search “${q}” (${q.length} chars) p50`, value: median(times), unit: 'ms', note: `${total} occurrences` });
        }
        ctx.report({ suite: S, name: `${n} docs: embedded check of 20,000 chars p50 / p95`, value: median(embedded), unit: 'ms', note: `p95 ${percentile(embedded, 95).toFixed(0)} ms; embedded index built in ${buildMs.toFixed(0)} ms, ${(index.memoryBytes() / 1048576).toFixed(0)} MB in memory; server results identical for ${same} of ${drafts.length} drafts; server p50 / embedded p50 ${(median(server) / median(embedded)).toFixed(1)}×` });
      }
      // the ordinary import into the full library: indexes kept up to date by each batch (not into a kept library)
      if (keepDir && !process.env.SERVER_BENCH_URL) {
        await lib.close();
        return;
      }
      const extra = (all ??= library()).slice(imported, imported + INCREMENTAL).map((d) => ({ name: d.id, title: d.title, text: d.text }));
      const extraChars = extra.reduce((a, d) => a + d.text.length, 0);
      const phases = newTimings();
      const t0 = performance.now();
      await lib.importDocs(extra, phases);
      const ms = performance.now() - t0;
      ctx.report({ suite: S, name: `${imported} docs: ordinary import (+${extra.length} docs, indexes kept up to date)`, value: extraChars / (ms / 1000) / 1e6, unit: 'M chars/s', note: `documents ${(phases.documents / 1000).toFixed(1)} s, fingerprints ${(phases.fingerprints / 1000).toFixed(1)} s, search postings ${(phases.search / 1000).toFixed(1)} s, groups ${(phases.groups / 1000).toFixed(1)} s` });
      await lib.close();
    } finally {
      cluster?.stop();
    }
  },
};
