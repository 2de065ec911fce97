import { ApiError, type HandlersOf } from '../../contract/define';
import { DOCX_LAYOUT_SETTINGS_KEY, EXPORT_MODE_LABELS, type DocxExportMode, type DocxExportResult, type docxContract } from '../../contract/docx';
import { resolveLayout, validateLayout, type GongwenLayoutPatch } from '../../core/layout/gongwen';
import type { SpeechDoc } from '../../core/model/types';
import type { ServiceContext } from '../context';
import { buildDocx, type ReviewPassage } from './export';
import { reviewPassagesFromCheck, reviewText, type CheckedPassage, type PassageDecision } from './review';

/** What the export needs of the versions store (ctx.versions, when the versions capability is present). */
export interface VersionsLike {
  get(draftId: string, versionId: string): Promise<{ doc: SpeechDoc; label?: string }>;
  snapshot?(draftId: string, label: string, reason?: 'before-export'): Promise<{ id?: string; label?: string; reused?: boolean } | unknown>;
}

type ReuseCheck = (input: { draftId?: string; text?: string }) => Promise<{ passages: CheckedPassage[]; states?: PassageDecision[] }>;

/** Handlers of other capabilities, looked up when called (review mode uses `reuse.check`). */
export type HandlerLookup = () => Record<string, unknown>;

export function mergeLayout(stored: unknown, override: GongwenLayoutPatch | undefined): GongwenLayoutPatch {
  const base = stored && typeof stored === 'object' ? (stored as GongwenLayoutPatch) : {};
  const o = override ?? {};
  return { ...base, ...o, fonts: { ...(base.fonts ?? {}), ...(o.fonts ?? {}) } };
}

/** A file name from the draft's name (no path separators or characters Windows refuses). */
export function exportFileName(name: string, mode: DocxExportMode): string {
  const base =
    [...name]
      .filter((c) => c.charCodeAt(0) >= 0x20 && !'\\/:*?"<>|'.includes(c))
      .join('')
      .trim()
      .slice(0, 80) || '讲稿';
  return `${base}（${EXPORT_MODE_LABELS[mode]}）.docx`;
}

export function docxHandlers(ctx: ServiceContext, lookup: HandlerLookup = () => ({})): HandlersOf<typeof docxContract> {
  const versions = (): VersionsLike | undefined => (ctx as ServiceContext & { versions?: VersionsLike }).versions;
  return {
    'export.docx': async ({ draftId, mode, againstVersionId, settings, author }): Promise<DocxExportResult> => {
      const draft = await ctx.drafts.get(draftId);
      const stored = (await ctx.settings.get())[DOCX_LAYOUT_SETTINGS_KEY];
      const layout = mergeLayout(stored, settings);
      const problems = validateLayout(resolveLayout(layout));
      if (problems.length) throw new ApiError('invalid-input', `版式设置无效：${problems.join('；')}`);
      const notes: string[] = [];
      let against: SpeechDoc | undefined;
      let passages: ReviewPassage[] | undefined;
      if (mode === 'revisions') {
        if (!againstVersionId) throw new ApiError('invalid-input', '修订稿需要选择一个早先的版本作对照');
        const v = versions();
        if (!v) throw new ApiError('unsupported', '版本功能尚不可用，无法生成修订稿');
        const version = await v.get(draftId, againstVersionId);
        against = version.doc;
        notes.push(`对照版本：${version.label ?? againstVersionId}`);
      } else if (mode === 'review') {
        const check = lookup()['reuse.check'] as ReuseCheck | undefined;
        if (!check) throw new ApiError('unsupported', '查重功能尚不可用，无法生成审阅稿');
        const pt = reviewText(draft.doc);
        const result = await check({ draftId, text: pt.text });
        passages = reviewPassagesFromCheck(pt, result.passages, result.states ?? []);
      }
      const snap = versions()?.snapshot;
      if (snap) {
        await snap.call(versions(), draftId, `导出前（${EXPORT_MODE_LABELS[mode]}）`, 'before-export');
        notes.push('已在导出前自动保存版本');
      }
      const built = await buildDocx(draft.doc, { mode, layout, against, passages, author, title: draft.name });
      if (mode === 'review') notes.push(`批注 ${built.comments} 条`);
      if (mode === 'revisions') notes.push(`修订 ${built.revisions} 处`);
      return {
        name: exportFileName(draft.name, mode),
        dataBase64: Buffer.from(built.bytes).toString('base64'),
        notes,
        comments: built.comments,
        revisions: built.revisions,
      };
    },
  };
}
