// Findings of 校对 on the 政府工作报告 corpus that were read in context and judged real errors of the text (the
// truth of the evaluation; eval/proofread.ts counts every other finding as not a real error). A key is the
// report's year, the rule, the flagged text and the eight characters after it (spaces and line breaks left out). Re-judge when the corpus or the
// checks change: a finding that is not here is counted against the target until someone has read it.
import type { ProofFinding } from '../src/core/proofread/types';

export function judgedKey(row: { content: string; year?: number | string }, f: ProofFinding): string {
  return `${row.year ?? '?'}|${f.rule}|${f.text}|${row.content.slice(f.end, f.end + 40).replace(/\s+/gu, '').slice(0, 8)}`;
}

export const JUDGED_REAL = new Set<string>([
  // half-width marks in Chinese text (transcription of the printed report)
  "?|half-width|!|本作品来自中华人",
  "2010|half-width|\"|三河三湖\"等重点",
  "2010|half-width|\"|等重点流域水污染",
  "2003|half-width|:|本届政府1998",
  "2003|half-width|!|本作品是中华人民",
  "2002|half-width|!|我们也清醒地看到",
  "2002|half-width|,|必须坚持以市场需",
  "2002|half-width|(|处)级以上领导干",
  "2002|half-width|)|级以上领导干部和",
  "2002|half-width|!|今年政府工作的任",
  "2002|half-width|!|本作品是中华人民",
  "1959|half-width|,|我们伟大的祖国—",
  // ，，
  "2006|doubled-mark|，，|更加扎实的工作作",
  // mismatched quotation marks or a 书名号 without its pair (”五讲四美三热爱”, “六五’, 纲要（草案）》)
  "2006|unmatched|》|对“十一五”时期",
  "2006|unmatched|“|纲要（草案）》把",
  "2006|unmatched|》|把解决“三农”问",
  "1986|unmatched|“|六五’时期的年平",
  "1986|unmatched|’|时期的年平均增长",
  "1986|unmatched|“|六五’期间，通过",
  "1986|unmatched|’|期间，通过调整和",
  "1982|unmatched|”|五讲四美三热爱”",
  "1982|unmatched|”|的统一的活动。这",
  // 当家做主 for 当家作主
  "1982|variant|人民当家做主|的权利。要继续打",
  // 和和 (一个“和”多余)
  "1978|doubled-char|和和|效力的机会的。”",
  // 一九五零年: 〇, GB/T 15835
  "1959|year-zero|一九五零年|的一百七十亿元作",
  // 复盖 for 覆盖 (森林复盖面职)
  "1958|confusion|复盖|面职的具体规划，",
  // 一、二年 / 五、六倍: GB/T 15835 writes 一二年 / 五六倍 (the report predates the standard)
  "1955|estimate-comma|一、二|年内，如果办得不",
  "1955|estimate-comma|五、六|倍（在使用上，二",
]);
