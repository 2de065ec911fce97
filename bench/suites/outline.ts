// Outline extraction and structure lint speed: the five seed speeches (31,500 characters) and the whole
// 政府工作报告 corpus (72 reports, ~1.1 M characters). Targets: < 50 ms for the seed file (it runs on every
// import and the 检查 panel re-runs lint as the writer types), < 2 s for the corpus.
import { extractOutline, lintText } from '../../src/core/outline/index';
import { splitBundle, textToDoc } from '../../src/core/text/index';
import { lintDoc } from '../../src/core/outline/lint';
import { SEED_FILE, hasShared, readCorpus, readSeed } from '../../tests/helpers/shared';
import { timeIt, type BenchSuite } from '../harness';

export const outlineSuite: BenchSuite = {
  name: 'outline',
  async run(ctx) {
    if (!hasShared) {
      ctx.report({ suite: 'outline', name: 'skipped', value: 0, unit: '', note: `../shared not found (${SEED_FILE})` });
      return;
    }
    const seed = readSeed();
    const pieces = splitBundle(seed).map((p) => seed.slice(p.markerStart ?? p.start, p.end));
    const t1 = await timeIt(() => pieces.forEach((p) => extractOutline(p)), 9);
    ctx.report({ suite: 'outline', name: 'extractOutline, seed (5 speeches, 31.5k chars)', value: t1.median, unit: 'ms', target: '< 50 ms', ok: t1.median < 50 });
    const t2 = await timeIt(() => pieces.forEach((p) => lintText(p)), 9);
    ctx.report({ suite: 'outline', name: 'lintText, seed', value: t2.median, unit: 'ms', target: '< 50 ms', ok: t2.median < 50 });
    const docs = pieces.map((p) => textToDoc(p));
    const t3 = await timeIt(() => docs.forEach((d) => lintDoc(d)), 9);
    ctx.report({ suite: 'outline', name: 'lintDoc (检查 panel), seed as documents', value: t3.median, unit: 'ms', target: '< 30 ms', ok: t3.median < 30 });
    const rows = readCorpus().map((r) => r.content);
    const chars = rows.reduce((n, r) => n + r.length, 0);
    const t4 = await timeIt(() => rows.forEach((r) => (extractOutline(r), lintText(r))), 3);
    ctx.report({
      suite: 'outline',
      name: `outline + lint, 政府工作报告 corpus (${rows.length} docs, ${(chars / 1e6).toFixed(2)} M chars)`,
      value: t4.median,
      unit: 'ms',
      target: '< 2000 ms',
      ok: t4.median < 2000,
    });
  },
};
