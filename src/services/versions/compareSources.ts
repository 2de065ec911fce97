import { ApiError } from '../../contract/define';
import type { CompareOutput, CompareSide, CompareSource } from '../../contract/versions';
import { compareTexts, copiedSummary } from '../../core/compare/index';
import { docToText } from '../../core/model/text';
import type { SpeechDoc } from '../../core/model/types';
import type { ServiceContext } from '../context';
import { readDocument } from '../import/readDocument';

/** Drafts and versions are compared as the text a reader sees: blocks one a line, heading numbers generated. */
export function docText(doc: SpeechDoc): string {
  return docToText(doc, { numbers: true }).text;
}

/** Local time to the minute, e.g. `2026-03-05 09:30` (version titles here, the CLI's lists). */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export async function resolveCompareSource(ctx: ServiceContext, src: CompareSource): Promise<CompareSide> {
  switch (src.kind) {
    case 'draft': {
      const d = await ctx.drafts.get(src.draftId);
      return { kind: 'draft', title: `${d.name}（当前稿）`, text: docText(d.doc) };
    }
    case 'version': {
      const v = await ctx.versions.get(src.draftId, src.versionId);
      return { kind: 'version', title: `${v.label}（${shortTime(v.createdAt)}）`, text: docText(v.doc) };
    }
    case 'library': {
      const doc = await (await ctx.libraries.current()).get(src.docId);
      return { kind: 'library', title: doc.label || doc.title || src.docId, text: doc.text };
    }
    case 'file': {
      const read = await readDocument(src.file.name, Buffer.from(src.file.dataBase64, 'base64'));
      return { kind: 'file', title: src.file.name, text: read.text };
    }
    case 'text':
      return { kind: 'text', title: src.title || '文本', text: src.text };
  }
}

/** Longest text compared (UTF-16 units): far beyond any speech; keeps a stray huge file from stalling the service. */
export const MAX_COMPARE_CHARS = 2_000_000;

/** The one comparison both the app (compare.run) and `speechdraft diff` use. */
export function compareSides(left: CompareSide, right: CompareSide, minChars = 13): CompareOutput {
  for (const side of [left, right]) {
    if (side.text.length > MAX_COMPARE_CHARS) {
      throw new ApiError('too-large', `文本过长，无法比较：${side.title}（${side.text.length.toLocaleString('en-US')} 字符，上限 200 万）`);
    }
  }
  const t0 = performance.now();
  const result = compareTexts(left.text, right.text);
  const copied = copiedSummary(left.text, right.text, minChars);
  return { left, right, result, copied, elapsedMs: Math.round(performance.now() - t0) };
}
