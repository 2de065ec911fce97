import { ApiError } from '../../contract/define';
import type { CompareOutput, CompareSide, CompareSource } from '../../contract/versions';
import { compareTexts, copiedSummary } from '../../core/compare/index';
import { docToText } from '../../core/model/text';
import type { SpeechDoc } from '../../core/model/types';
import type { ServiceContext } from '../context';
import { readDocument } from '../import/readDocument';
import { libraryServicesOf } from '../library/handlers';

/** What compare needs from the library (provided by the library service when present in the context). */
interface LibraryLike {
  get(id: string): Promise<{ title?: string; text: string }>;
}

function libraryOf(ctx: ServiceContext): LibraryLike | null {
  const lib = (ctx as unknown as { library?: Partial<LibraryLike> }).library;
  if (lib && typeof lib.get === 'function') return lib as LibraryLike;
  return libraryServicesOf(ctx).library;
}

/** Drafts and versions are compared as the text a reader sees: blocks one a line, heading numbers generated. */
export function docText(doc: SpeechDoc): string {
  return docToText(doc, { numbers: true }).text;
}

function shortTime(iso: string): string {
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
      const lib = libraryOf(ctx);
      if (!lib) throw new ApiError('unsupported', '素材库尚不可用，无法与素材库文档比较');
      const doc = await lib.get(src.docId);
      return { kind: 'library', title: doc.title || src.docId, text: doc.text };
    }
    case 'file': {
      const read = await readDocument(src.file.name, Buffer.from(src.file.dataBase64, 'base64'));
      return { kind: 'file', title: src.file.name, text: read.text };
    }
    case 'text':
      return { kind: 'text', title: src.title || '文本', text: src.text };
  }
}

/** The one comparison both the app (compare.run) and `speechdraft diff` use. */
/** Longest text compared (UTF-16 units): far beyond any speech; keeps a stray huge file from stalling the service. */
export const MAX_COMPARE_CHARS = 2_000_000;

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
