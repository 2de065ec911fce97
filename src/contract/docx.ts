import { z } from 'zod';
import { method } from './define';
import { DraftIdSchema, ID_RE } from './common';
import { FONT_FALLBACKS } from '../core/layout/fonts';

// Word export in the 公文 layout. Import of .docx goes through `drafts.importFile`.

const mm = z.number().min(5).max(80);
const fontName = z.string().trim().min(1).max(60);

/** Layout settings (all optional; the defaults are GB/T 9704-2012, see core/layout/gongwen.ts). */
export const GongwenLayoutSchema = z.object({
  marginTopMm: mm.optional(),
  marginBottomMm: mm.optional(),
  marginLeftMm: mm.optional(),
  marginRightMm: mm.optional(),
  linesPerPage: z.number().int().min(5).max(60).optional(),
  charsPerLine: z.number().int().min(5).max(60).optional(),
  titleSizePt: z.number().min(8).max(48).optional(),
  bodySizePt: z.number().min(8).max(36).optional(),
  pageNumberSizePt: z.number().min(6).max(36).optional(),
  fontFallback: z.enum(FONT_FALLBACKS as unknown as ['windows', 'huawen']).optional(),
  fonts: z
    .object({
      title: fontName.optional(),
      byline: fontName.optional(),
      body: fontName.optional(),
      heading1: fontName.optional(),
      heading2: fontName.optional(),
      heading3: fontName.optional(),
      heading4: fontName.optional(),
      latin: fontName.optional(),
      pageNumber: fontName.optional(),
    })
    .optional(),
});

export const EXPORT_MODES = ['clean', 'review', 'revisions'] as const;
export type DocxExportMode = (typeof EXPORT_MODES)[number];
export const EXPORT_MODE_LABELS: Record<DocxExportMode, string> = { clean: '清稿', review: '审阅稿', revisions: '修订稿' };

/** Key in settings (settings.get/set) where the user's layout settings are kept. */
export const DOCX_LAYOUT_SETTINGS_KEY = 'docxLayout';

export interface DocxExportResult {
  /** Suggested file name, e.g. `在全市机关干部大会上的讲话（清稿）.docx`. */
  name: string;
  dataBase64: string;
  /** What was done, e.g. the automatic version saved before export, the number of comments. */
  notes: string[];
  comments: number;
  revisions: number;
}

export const docxContract = {
  'export.docx': method<DocxExportResult>()(
    z.object({
      draftId: DraftIdSchema,
      /**
       * Export a saved version of the draft instead of its current text (no automatic version is made then:
       * the version is already saved). 清稿 and 审阅稿 as for the draft; 修订稿 needs `againstVersionId`, another
       * version of the same draft, and shows the changes from that version to this one.
       */
      versionId: z.string().regex(ID_RE, '无效的版本编号').optional(),
      mode: z.enum(EXPORT_MODES).default('clean'),
      /** 修订稿: the earlier version the tracked changes are made against. */
      againstVersionId: z.string().regex(ID_RE, '无效的版本编号').optional(),
      /** Overrides of the saved layout settings. */
      settings: GongwenLayoutSchema.optional(),
      /** Author of comments and tracked changes (default: SpeechDraft). */
      author: z.string().trim().max(60).optional(),
    }),
  ),
};
