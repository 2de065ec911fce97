import { docToText } from '../../core/model/text';
import { describeSources, roundSimilarity } from '../../core/reuse/report';
import { readFamilyOrigin } from '../../services/docx/family';
import { resolveInput } from '../../services/inputs/resolve';
import { call, type CliIo } from '../command';
import { pct, printCheckReport, ratiosLine } from './checkReport';


/**
 * `check ID|FILE --workspace DIR`: the app's check — against that workspace's 素材库, its other drafts and
 * the template examples, with the family rule (a draft's copies and re-imports, a .docx exported from one of
 * its drafts) and the 场合 / 对象 risk.
 */
export async function checkInWorkspace(io: CliIo, target: string, minChars: number | undefined): Promise<void> {
  const includeFamily = io.values['include-family'] === true;
  let draftId: string | undefined;
  let text: string | undefined;
  let familyId: string | undefined;
  const input = await resolveInput(target, async () => (await io.services()).ctx, { what: '要检查的文稿或文件' });
  if (input.kind === 'draft') draftId = input.draftId;
  else if (input.kind === 'file') {
    text = input.text;
    familyId = (await readFamilyOrigin(input.fileName, input.bytes))?.familyId;
  } else {
    // a version is checked as its draft (the draft, its family and its own versions are no sources); a draft .json by its text
    text = docToText(input.doc).text;
    if (input.kind === 'version') draftId = input.draftId;
  }
  const r = await call(io, 'reuse.check', {
    ...(draftId ? { draftId } : {}),
    ...(text !== undefined ? { text } : {}),
    ...(familyId ? { familyId } : {}),
    ...(minChars !== undefined ? { minChars } : {}),
    ...(includeFamily ? { includeFamily } : {}),
  });
  const checked = text ?? r.checkedText ?? '';
  const passages = r.passages
    .map((p) => ({
      start: p.start,
      end: p.end,
      sourceId: p.sourceId,
      sourceTitle: p.sourceTitle,
      sourceStart: p.sourceStart,
      sourceEnd: p.sourceEnd,
      similarity: roundSimilarity(p.similarity),
      kind: p.kind,
      quoted: p.quoted,
      risk: p.risk === 'high' ? ('high' as const) : ('normal' as const),
      ...(p.riskReason ? { riskReason: p.riskReason } : {}),
    }))
    // 高风险 first, then in text order
    .sort((a, b) => (a.risk === b.risk ? a.start - b.start : a.risk === 'high' ? -1 : 1));
  const out = {
    draft: { chars: r.draft.chars },
    ratio: r.ratio,
    ratioExcludingQuotes: r.ratioExcludingQuotes,
    maxSourceRatio: r.maxSourceRatio,
    highRisk: r.highRisk,
    ...(r.occasion ? { occasion: r.occasion } : {}),
    familyExcluded: r.familyExcluded ?? 0,
    sourceCount: r.sourceCount,
    sourceKinds: r.sourceKinds,
    sources: r.sources.map((s) => ({ id: s.id, title: s.title, ratio: s.ratio })),
    passages,
  };
  if (io.json) return io.outJson(out);
  printCheckReport(
    io,
    out,
    checked,
    `${ratiosLine(out)}  高风险 ${out.highRisk.passages} 处 ${pct(out.highRisk.ratio)}  （${out.draft.chars} 字，来源：${describeSources(out.sourceKinds)}${out.familyExcluded ? `，同一文稿家族 ${out.familyExcluded} 篇不计` : ''}）`,
  );
}
