// `npm run bench`: runs every suite (or those named on the command line) and prints a table.
import { baselineWorkload, median, type BenchRow } from './harness';
import { suites } from './suites/index';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const warm = [baselineWorkload(), baselineWorkload(), baselineWorkload(), baselineWorkload(), baselineWorkload()];
  const baselineMs = median(warm);
  console.log(`baseline workload: ${baselineMs.toFixed(2)} ms (ratios below are value / baseline where the unit is ms)`);
  const rows: BenchRow[] = [];
  for (const suite of suites) {
    if (only.length && !only.includes(suite.name)) continue;
    console.log(`\n## ${suite.name}`);
    await suite.run({
      baselineMs,
      report(row) {
        rows.push(row);
        const ratio = row.unit === 'ms' ? `  (${(row.value / baselineMs).toFixed(3)}× baseline)` : '';
        const verdict = row.ok === undefined ? '' : row.ok ? '  ✓' : '  ✗ MISSED';
        console.log(`  ${row.name}: ${fmt(row.value)} ${row.unit}${ratio}${row.target ? `  target ${row.target}` : ''}${verdict}${row.note ? `  — ${row.note}` : ''}`);
      },
    });
  }
  const missed = rows.filter((r) => r.ok === false);
  console.log(`\n${rows.length} figures, ${missed.length} targets missed`);
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
