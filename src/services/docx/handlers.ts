import { ApiError, type HandlersOf } from '../../contract/define';
import { DOCX_LAYOUT_SETTINGS_KEY, EXPORT_MODE_LABELS, type DocxExportMode, type DocxExportResult, type docxContract } from '../../contract/docx';
import { resolveLayout, validateLayout, type GongwenLayoutPatch } from '../../core/layout/gongwen';
import type { SpeechDoc } from '../../core/model/types';
import type { ServiceContext } from '../context';
import { buildDocx, type ReviewPassage } from './export';
import { DOCX_MIME } from './outbox';
import { reviewPassagesFromCheck, reviewText } from './review';
import { withFamilyProperties } from './family';

export function mergeLayout(stored: unknown, override: GongwenLayoutPatch | undefined): GongwenLayoutPatch {
  const base = stored && typeof stored === 'object' ? (stored as GongwenLayoutPatch) : {};
  const o = override ?? {};
  return { ...base, ...o, fonts: { ...(base.fonts ?? {}), ...(o.fonts ?? {}) } };
}

/** Name text without path separators or characters Windows refuses. */
function safeName(name: string, max: number): string {
  return [...name]
    .filter((c) => c.charCodeAt(0) >= 0x20 && !'\\/:*?"<>|'.includes(c))
    .join('')
    .trim()
    .slice(0, max);
}

/**
 * A file name from the draft's name, e.g. `讲话（清稿）.docx`; for a version its label goes in too:
 * `讲话（送审稿·清稿）.docx`.
 */
export function exportFileName(name: string, mode: DocxExportMode, versionLabel?: string): string {
  const base = safeName(name, 80) || '讲稿';
  const label = versionLabel ? safeName(versionLabel, 40) : '';
  return `${base}（${label ? `${label}·` : ''}${EXPORT_MODE_LABELS[mode]}）.docx`;
}

export function docxHandlers(ctx: ServiceContext): HandlersOf<typeof docxContract> {
  const { versions } = ctx;
  return {
    'export.docx': async ({ draftId, versionId, mode, againstVersionId, settings, author }): Promise<DocxExportResult> => {
      const draft = await ctx.drafts.get(draftId);
      const allSettings = await ctx.settings.get();
      const stored = allSettings[DOCX_LAYOUT_SETTINGS_KEY];
      const layout = mergeLayout(stored, settings);
      const problems = validateLayout(resolveLayout(layout));
      if (problems.length) throw new ApiError('invalid-input', `版式设置无效：${problems.join('；')}`);
      const notes: string[] = [];
      // What is exported: the draft's current text, or one of its saved versions.
      let doc = draft.doc;
      let name = draft.name;
      let versionLabel: string | undefined;
      if (versionId) {
        const version = await versions.get(draftId, versionId);
        doc = version.doc;
        versionLabel = version.label;
        name = version.draftName || draft.name;
        notes.push(`导出版本：${versionLabel}`);
      }
      let against: SpeechDoc | undefined;
      let passages: ReviewPassage[] | undefined;
      if (mode === 'revisions') {
        if (!againstVersionId) throw new ApiError('invalid-input', '修订稿需要选择一个早先的版本作对照');
        if (versionId && againstVersionId === versionId) throw new ApiError('invalid-input', '修订稿的对照版本不能是要导出的版本本身');
        const version = await versions.get(draftId, againstVersionId);
        against = version.doc;
        notes.push(`对照版本：${version.label}`);
      } else if (mode === 'review') {
        const pt = reviewText(doc);
        // With the draft's id: the draft itself is no source, and the writer's 忽略/引用 marks apply.
        const result = await (await ctx.libraries.current()).check({ draftId, text: pt.text });
        passages = reviewPassagesFromCheck(pt, result.passages, result.states ?? []);
      }
      // A version is already a saved text: only an export of the current text is versioned first.
      if (!versionId) {
        await versions.snapshot(draftId, `导出前（${EXPORT_MODE_LABELS[mode]}）`, 'before-export');
        notes.push('已在导出前自动保存版本');
      }
      const built = await buildDocx(doc, { mode, layout, against, passages, author, title: name, charsPerMinute: allSettings.charsPerMinute });
      if (mode === 'review') notes.push(`批注 ${built.comments} 条`);
      if (mode === 'revisions') notes.push(`修订 ${built.revisions} 处`);
      notes.push(...built.notes);
      const fileName = exportFileName(name, mode, versionLabel);
      // The draft and family ids as custom document properties: a re-import joins the draft's family.
      const bytes = await withFamilyProperties(built.bytes, draft);
      const fileId = ctx.exports.put({ name: fileName, bytes, type: DOCX_MIME });
      return {
        name: fileName,
        fileId,
        downloadPath: `/download/${fileId}`,
        bytes: bytes.length,
        notes,
        comments: built.comments,
        revisions: built.revisions,
      };
    },
  };
}
