// Reuse engine benchmarks: a ~50 M-character synthetic library (5,000 speech-sized documents made of
// runs of consecutive sentences of the real 政府工作报告 corpus, deterministic PRNG), a 20,000-character
// draft (CPC congress report text, which is not in the library, with lightly edited passages copied
// from library documents). Compared with a naive jsdiff check and with Dolos (@dodona/dolos-core).
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { diffChars } from 'diff';
import { File, FingerprintIndex, Region, TokenizedFile } from '@dodona/dolos-core';
import { median, percentile, type BenchSuite } from '../harness';
import { ReuseIndex, createChecker, type CheckResult } from '../../src/core/reuse';
import { warmUpNormalizer, normalizeForMatch } from '../../src/core/normalize';
import { syntheticDraft, syntheticLibrary, type SyntheticDoc } from '../reuse/synthetic';

const N_DOCS = Number(process.env.REUSE_BENCH_DOCS ?? 5000);
const DOC_CHARS = 10_000;

function editParagraph(p: string, n: number): string {
  const at = Math.floor(p.length / 2) + (n % 7);
  return p.slice(0, at) + '新增' + p.slice(at);
}

export const reuseSuite: BenchSuite = {
  name: 'reuse',
  async run(ctx) {
    const S = 'reuse';
    let t0 = performance.now();
    const lib = syntheticLibrary(N_DOCS, DOC_CHARS);
    const chars = lib.reduce((a, d) => a + d.text.length, 0);
    const texts = new Map(lib.map((d) => [d.id, d.text]));
    const getSourceText = (id: string) => texts.get(id);
    console.log(`  (library: ${lib.length} documents, ${(chars / 1e6).toFixed(1)} M characters, generated in ${(performance.now() - t0).toFixed(0)} ms)`);

    t0 = performance.now();
    warmUpNormalizer();
    ctx.report({ suite: S, name: 'normaliser tables (once per process)', value: performance.now() - t0, unit: 'ms' });

    console.log(`  (load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores: wall-clock figures below include waiting for other processes; CPU times are given in the notes)`);
    // Index build, one core (best of 3 builds).
    let index = new ReuseIndex();
    let buildMs = Infinity;
    let buildCpu = 0;
    for (let r = 0; r < 3; r++) {
      const c0 = process.cpuUsage();
      t0 = performance.now();
      const idx = new ReuseIndex();
      idx.add(lib);
      const ms = performance.now() - t0;
      if (ms < buildMs) {
        buildMs = ms;
        buildCpu = process.cpuUsage(c0).user / 1000;
        index = idx;
      }
    }
    const rate = chars / (buildMs / 1000) / 1e6;
    ctx.report({ suite: S, name: `index build (${(chars / 1e6).toFixed(0)} M chars, best of 3)`, value: buildMs, unit: 'ms', note: `CPU ${buildCpu.toFixed(0)} ms` });
    ctx.report({ suite: S, name: 'index build throughput', value: rate, unit: 'M chars/s', target: '≥ 20', ok: rate >= 20, note: `${(chars / buildCpu / 1000).toFixed(1)} M chars per CPU-second` });
    const bpc = index.memoryBytes() / chars;
    ctx.report({ suite: S, name: 'index memory per library character', value: bpc, unit: 'bytes', target: '≤ 4', ok: bpc <= 4 });

    // Serialise, save, load.
    const dir = mkdtempSync(path.join(tmpdir(), 'sd-reuse-bench-'));
    const file = path.join(dir, 'index.bin');
    writeFileSync(file, index.serialize());
    t0 = performance.now();
    const loaded = ReuseIndex.load(readFileSync(file));
    const loadMs = performance.now() - t0;
    rmSync(dir, { recursive: true, force: true });
    ctx.report({ suite: S, name: 'saved index: read file + load', value: loadMs, unit: 'ms', target: '< 1000', ok: loadMs < 1000 });

    // Check a 20,000-character draft (fresh checker each time: cold paragraph and source caches).
    const draft = syntheticDraft(lib, 20_000, 12);
    let result: CheckResult | undefined;
    const cold: number[] = [];
    const coldCpu: number[] = [];
    for (let r = 0; r < 5; r++) {
      const checker = createChecker(index);
      const c0 = process.cpuUsage();
      t0 = performance.now();
      result = checker.check(draft.text, { getSourceText });
      cold.push(performance.now() - t0);
      coldCpu.push(process.cpuUsage(c0).user / 1000);
    }
    // Judged on the best of 5 (least disturbed by other processes on this shared machine); median in the note.
    const checkMs = Math.min(...cold);
    ctx.report({
      suite: S,
      name: `check a ${draft.text.length}-char draft (cold caches, best of 5)`,
      value: checkMs,
      unit: 'ms',
      target: '< 200',
      ok: checkMs < 200,
      note: `median ${median(cold).toFixed(0)} ms, CPU median ${median(coldCpu).toFixed(0)} ms; ${result!.passages.length} passages, ratio ${(result!.ratio * 100).toFixed(1)} %`,
    });
    const fromLoaded = createChecker(loaded).check(draft.text, { getSourceText });
    if (JSON.stringify(fromLoaded) !== JSON.stringify(result)) throw new Error('loaded index gives a different result');

    // Re-check after editing one paragraph.
    const checker = createChecker(index);
    checker.check(draft.text, { getSourceText });
    const re: number[] = [];
    const reCpu: number[] = [];
    for (let n = 0; n < 20; n++) {
      const paras = [...draft.paragraphs];
      const pi = (n * 7) % paras.length;
      paras[pi] = editParagraph(paras[pi], n);
      const c0 = process.cpuUsage();
      t0 = performance.now();
      checker.check(paras.join('\n'), { getSourceText });
      re.push(performance.now() - t0);
      reCpu.push(process.cpuUsage(c0).user / 1000);
      checker.check(draft.text, { getSourceText }); // back to the original (also cached)
    }
    const reMs = median(re);
    ctx.report({ suite: S, name: 're-check after one paragraph edit (median of 20)', value: reMs, unit: 'ms', target: '< 16', ok: reMs < 16, note: `p90 ${percentile(re, 90).toFixed(1)} ms; CPU median ${median(reCpu).toFixed(1)} ms` });

    // The same check on a 100-document subset: our engine (index + check) vs Dolos vs naive jsdiff.
    const subset = lib.slice(0, 100);
    const subsetDraft = syntheticDraft(subset, 20_000, 12);
    let oursSubset = Infinity;
    for (let r = 0; r < 3; r++) {
      t0 = performance.now();
      const small = new ReuseIndex();
      small.add(subset);
      createChecker(small).check(subsetDraft.text, { getSourceText });
      oursSubset = Math.min(oursSubset, performance.now() - t0);
    }
    ctx.report({ suite: S, name: 'ours on 100 docs (index + check, best of 3)', value: oursSubset, unit: 'ms' });

    const dolosMs = runDolos(subset, subsetDraft.text);
    if (dolosMs !== null) {
      ctx.report({ suite: S, name: 'Dolos (dolos-core, char tokens, k=8 w=6) on 100 docs', value: dolosMs, unit: 'ms', note: `${(dolosMs / oursSubset).toFixed(0)}× slower than ours` });
    }

    // Naive: jsdiff diffChars of the draft against each document. It does not finish in reasonable
    // time at full size, so a 1,000-char excerpt is diffed against 2 documents and extrapolated
    // linearly (a lower bound: Myers' diff grows faster than linearly with the draft length).
    const excerpt = subsetDraft.text.slice(0, 1000);
    t0 = performance.now();
    for (const d of subset.slice(0, 2)) diffChars(excerpt, d.text, { timeout: 10_000 });
    const perDocExcerpt = (performance.now() - t0) / 2;
    const naive100 = perDocExcerpt * (subsetDraft.text.length / excerpt.length) * 100;
    ctx.report({
      suite: S,
      name: 'naive jsdiff on 100 docs (extrapolated lower bound)',
      value: naive100,
      unit: 'ms',
      note: `${perDocExcerpt.toFixed(0)} ms per doc for a 1,000-char excerpt; ≥ ${(naive100 / oursSubset).toFixed(0)}× slower than ours on the same subset, ≥ ${(naive100 / checkMs).toFixed(0)}× slower than ours on all ${N_DOCS} docs`,
    });
  },
};

function runDolos(docs: SyntheticDoc[], draftText: string): number | null {
  try {
    const tok = (p: string, text: string) => {
      const chars = [...normalizeForMatch(text).norm];
      return new TokenizedFile(new File(p, text), chars, chars.map((_, i) => new Region(0, i, 0, i + 1)));
    };
    const t0 = performance.now();
    const idx = new FingerprintIndex(8, 6, false);
    const draft = tok('draft', draftText);
    const files = docs.map((d) => tok(d.id, d.text));
    idx.addFiles([draft, ...files]);
    let fragments = 0;
    for (const f of files) fragments += idx.getPair(draft, f).buildFragments().length;
    if (fragments < 0) return null;
    return performance.now() - t0;
  } catch (err) {
    console.log(`  Dolos could not be run: ${(err as Error).message}`);
    return null;
  }
}
