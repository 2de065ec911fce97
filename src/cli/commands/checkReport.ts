// The text form of `speechdraft check` (folder, team server, workspace): the summary line the caller
// gives, then the sources and the passages with a piece of the checked text.
import type { CheckReport } from '../../core/reuse/report';
import type { CliIo } from '../command';

export const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** The summary's first part: the three ratios. */
export const ratiosLine = (out: CheckReport) => `总重复率 ${pct(out.ratio)}  去除引用后 ${pct(out.ratioExcludingQuotes)}  单一来源最高 ${pct(out.maxSourceRatio)}`;

export function printCheckReport(io: CliIo, out: CheckReport, text: string, summary: string): void {
  io.out(summary);
  for (const s of out.sources) io.out(`  来源 ${pct(s.ratio)}  ${s.title}  [${s.id}]`);
  for (const p of out.passages) {
    const snippet = text.slice(p.start, p.end).replace(/\s+/g, ' ');
    const kind = p.risk === 'high' ? `高风险（${p.riskReason}）` : p.kind === 'common' ? '套话' : '重复';
    io.out(`${kind} ${p.start}-${p.end}  相似度 ${pct(p.similarity)}  ← ${p.sourceTitle} [${p.sourceId} ${p.sourceStart}-${p.sourceEnd}]`);
    io.out(`    ${snippet.length > 80 ? snippet.slice(0, 80) + '…' : snippet}`);
  }
  if (out.passages.length === 0) io.out('未发现重复段落 (no reused passages)');
}
