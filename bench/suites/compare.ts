// Version comparison speed: two 30,000-character versions of the seed speeches with ~5% of paragraphs edited
// (and one paragraph moved) — target < 100 ms; two unrelated 30,000-character texts (government work reports of
// different years) — target < 1 s and no hang; plus the copied-passages scan and a single-paragraph worst case.
import { compareTexts, copiedPassages, copiedSummary } from '../../src/core/compare/index';
import { CPC_REPORTS_FILE, GOV_REPORTS_FILE, SEED_FILE, hasShared, readCorpus, readSeed } from '../../tests/helpers/shared';
import { timeIt, type BenchSuite } from '../harness';

const N = 30_000;

function corpusText(file: string, from: number): string {
  const rows = readCorpus(file);
  let s = '';
  for (let k = from; s.length < N && k < rows.length; k++) s += rows[k].content + '\n';
  return s.slice(0, N);
}

/** Edit about 5% of the paragraphs the way a reviser does: change a figure, add a clause, drop a clause; move one. */
export function editedVersion(text: string, every = 20): { text: string; edited: number; paragraphs: number } {
  const paras = text.split('\n');
  let edited = 0;
  for (let i = 3; i < paras.length; i += every) {
    const p = paras[i];
    if (p.length < 20) continue;
    const mid = Math.floor(p.length / 2);
    if (edited % 3 === 0) paras[i] = p.slice(0, mid) + '，要进一步强化责任落实' + p.slice(mid);
    else if (edited % 3 === 1) paras[i] = p.slice(0, 10) + p.slice(16);
    else paras[i] = p.replace(/[0-9]/, '8').replace('要', '必须');
    edited++;
  }
  const [moved] = paras.splice(7, 1);
  paras.splice(Math.min(paras.length, 40), 0, moved);
  return { text: paras.join('\n'), edited: edited + 1, paragraphs: paras.filter((l) => l.trim()).length };
}

export const compareSuite: BenchSuite = {
  name: 'compare',
  async run(ctx) {
    if (!hasShared) {
      ctx.report({ suite: 'compare', name: 'skipped', value: 0, unit: '', note: `../shared not found (${SEED_FILE})` });
      return;
    }
    const a = readSeed().slice(0, N);
    const ed = editedVersion(a);
    const r = compareTexts(a, ed.text);
    const t1 = await timeIt(() => compareTexts(a, ed.text), 9);
    ctx.report({
      suite: 'compare',
      name: `30,000 chars, ${ed.edited} of ${ed.paragraphs} paragraphs edited/moved (median of 9)`,
      value: t1.median,
      unit: 'ms',
      target: '< 100 ms',
      ok: t1.median < 100,
      note: `found ${r.stats.modifiedParagraphs} modified, ${r.stats.movedParagraphs} moved, +${r.stats.inserted}/-${r.stats.deleted} chars`,
    });
    const t1c = await timeIt(() => copiedPassages(a, ed.text, 13), 5);
    ctx.report({ suite: 'compare', name: 'copied passages (13+ chars), same pair', value: t1c.median, unit: 'ms' });

    const u1 = corpusText(GOV_REPORTS_FILE, 0);
    const u2 = corpusText(CPC_REPORTS_FILE, 0);
    const ru = compareTexts(u1, u2);
    const t2 = await timeIt(() => compareTexts(u1, u2), 5);
    ctx.report({
      suite: 'compare',
      name: 'two unrelated 30,000-char texts (政府工作报告 vs 党代会报告), max of 5',
      value: Math.max(...t2.all),
      unit: 'ms',
      target: '< 1000 ms',
      ok: Math.max(...t2.all) < 1000,
      note: `${ru.stats.paragraphsA}/${ru.stats.paragraphsB} paragraphs, ${ru.stats.equalParagraphs} equal, ${ru.paragraphs.filter((p) => p.coarse).length} coarse`,
    });
    const t2c = await timeIt(() => copiedPassages(u1, u2, 13), 5);
    ctx.report({ suite: 'compare', name: 'copied passages (exact), unrelated pair', value: t2c.median, unit: 'ms' });
    // What compare.run / `speechdraft diff` do: the comparison plus the copied-passages summary from the reuse engine.
    for (const [name, x, y] of [
      ['5%-edited pair', a, ed.text],
      ['unrelated pair', u1, u2],
    ] as const) {
      const t = await timeIt(() => {
        compareTexts(x, y);
        copiedSummary(x, y, 13);
      }, 3);
      const cs = copiedSummary(x, y, 13);
      ctx.report({
        suite: 'compare',
        name: `compare + copied summary (${cs.engine} engine), ${name}, max of 3`,
        value: Math.max(...t.all),
        unit: 'ms',
        target: '< 1000 ms',
        ok: Math.max(...t.all) < 1000,
        note: `${cs.passages.length} passages, ${(cs.ratioB * 100).toFixed(1)}% of B`,
      });
    }

    // Worst case: the whole text as one paragraph on each side (no line breaks), 5% edited.
    const one = a.replace(/\n/g, '');
    const oneEd = editedVersion(a).text.replace(/\n/g, '');
    const t3 = await timeIt(() => compareTexts(one, oneEd), 3);
    ctx.report({
      suite: 'compare',
      name: 'one 30,000-char paragraph each side (jsdiff timeout/maxEditLength path), max of 3',
      value: Math.max(...t3.all),
      unit: 'ms',
      target: '< 1000 ms',
      ok: Math.max(...t3.all) < 1000,
      note: `coarse: ${compareTexts(one, oneEd).paragraphs.map((p) => p.coarse ?? 'chars').join(',')}`,
    });
  },
};
