// `npm run eval`: quality of the reuse engine on ../shared/corpus (see eval/lib.ts for the method).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readJsonl, SHARED_CORPUS as SHARED } from '../bench/corpus';
import { runEval, fmtMeasures, type Row } from './lib';
import { runProofreadEval } from './proofread';

if (!existsSync(path.join(SHARED, 'government_work_reports.jsonl'))) {
  console.error(`../shared/corpus not found at ${SHARED}`);
  process.exit(2);
}
const gov = readJsonl<Row>('government_work_reports.jsonl');
const cpc = readJsonl<Row>('cpc_congress_reports.jsonl');
const t0 = performance.now();
const years = gov.map((r) => Number(r.year)).filter((y) => y >= 2000).sort((a, b) => a - b);
console.log(`reuse engine evaluation — drafts: reports of ${years[0]}–${years[years.length - 1]} against all earlier reports; planted passages in CPC-report text`);
const rep = runEval(gov, cpc, { years, planted: 120, seed: 2024, log: (s) => console.log(s) });

const rows: [string, string, boolean][] = [];
const check = (name: string, ok: boolean, detail: string) => rows.push([name, detail, ok]);
console.log('\nverbatim reuse (real, consecutive years; truth = shared runs ≥ 13 chars by exact 13-gram matching)');
console.log('  passages            ' + fmtMeasures(rep.verbatimReal));
console.log('  identical ≥ 13      ' + fmtMeasures(rep.verbatimRealIdentical));
console.log('  (passages also bridge the small edits between shared runs — one passage per reused sentence —');
console.log('   which exact-match truth counts as false positives; "identical ≥ 13" scores the equal parts the');
console.log('   engine reports, i.e. the 13-character rule itself)');
console.log('verbatim reuse (planted copies of 13–300 chars)');
console.log('  passages            ' + fmtMeasures(rep.verbatimPlanted));
console.log('lightly edited passages (planted)');
for (const [k, m] of Object.entries(rep.edited)) console.log(`  ${k.padEnd(19)} ${fmtMeasures(m)}`);
console.log('  all edited          ' + fmtMeasures(rep.editedAll));
const ms = [...rep.checkMs].sort((a, b) => a - b);
console.log(`\ncheck time per draft: median ${ms[ms.length >> 1].toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms (${ms.length} drafts); total eval ${((performance.now() - t0) / 1000).toFixed(1)} s`);

check('verbatim recall ≥ 0.99 (real)', rep.verbatimReal.recall >= 0.99, rep.verbatimReal.recall.toFixed(4));
check('verbatim recall ≥ 0.99 (planted)', rep.verbatimPlanted.recall >= 0.99, rep.verbatimPlanted.recall.toFixed(4));
check('verbatim precision ≥ 0.98 (real, identical ≥ 13)', rep.verbatimRealIdentical.precision >= 0.98, rep.verbatimRealIdentical.precision.toFixed(4));
check('verbatim precision ≥ 0.98 (planted)', rep.verbatimPlanted.precision >= 0.98, rep.verbatimPlanted.precision.toFixed(4));
check('edited recall ≥ 0.9', rep.editedAll.recall >= 0.9, rep.editedAll.recall.toFixed(4));
check('edited granularity ≤ 1.1', rep.editedAll.granularity <= 1.1, rep.editedAll.granularity.toFixed(4));
// 校对 on the same reports (see eval/proofread.ts).
const pr = runProofreadEval(gov, { planted: 200, seed: 2024 });
const prFalse = pr.findings.filter((x) => !x.real);
console.log(`\n校对 on the 政府工作报告 (${gov.length} reports, ${(pr.chars / 1e6).toFixed(2)} M chars): ${pr.findings.length} findings, ${pr.findings.length - prFalse.length} judged real, ${prFalse.length} not judged real`);
for (const x of prFalse) console.log(`  not judged real: ${x.row.year ?? '?'} ${x.f.rule} “${x.f.text}” ${x.f.message}`);
console.log('校对, errors planted into clean paragraphs (found = same kind, exact offsets)');
for (const [k, m] of Object.entries(pr.planted)) console.log(`  ${k.padEnd(12)} ${m.found}/${m.planted} recall ${m.recall.toFixed(3)}`);
check('校对 findings that are not real ≤ 1 per 20,000 chars', pr.falsePerTwentyK <= 1, `${prFalse.length} (${pr.falsePerTwentyK.toFixed(3)} per 20k)`);
for (const [k, m] of Object.entries(pr.planted)) check(`校对 planted ${k} recall ≥ 0.9`, m.recall >= 0.9, m.recall.toFixed(3));
console.log('\ntargets:');
for (const [name, detail, ok] of rows) console.log(`  ${ok ? '✓' : '✗ MISSED'} ${name}: ${detail}`);
const missed = rows.filter((r) => !r[2]).length;
console.log(missed ? `${missed} target(s) missed` : 'all targets met');
process.exit(missed ? 1 : 0);
