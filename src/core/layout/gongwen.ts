// The 公文 page layout of GB/T 9704-2012 as Word users set it, as plain settings plus the derived figures
// the .docx writer needs. Pure: shared by the exporter (services) and the export dialog (renderer).
import { FONT_FALLBACKS, type FontFallback } from './fonts';

export interface GongwenFonts {
  /** 标题：方正小标宋简体 二号. */
  title: string;
  /** 署名日期行：楷体_GB2312 三号. */
  byline: string;
  /** 正文：仿宋_GB2312 三号 (also salutation). */
  body: string;
  /** 一级标题 黑体, 二级 楷体_GB2312, 三级 仿宋_GB2312 加粗, 四级 仿宋_GB2312. */
  heading1: string;
  heading2: string;
  heading3: string;
  heading4: string;
  /** Latin letters and digits in every run (w:ascii / w:hAnsi). */
  latin: string;
  /** 页码：宋体 四号. */
  pageNumber: string;
}

export interface GongwenLayout {
  /** Page margins in millimetres (A4 portrait). */
  marginTopMm: number;
  marginBottomMm: number;
  marginLeftMm: number;
  marginRightMm: number;
  linesPerPage: number;
  charsPerLine: number;
  fonts: GongwenFonts;
  /** Font sizes in points. */
  titleSizePt: number;
  bodySizePt: number;
  pageNumberSizePt: number;
  /** 「对方电脑没有方正/GB2312字体时」: the substitutes named in the file's font table. */
  fontFallback: FontFallback;
}

export const DEFAULT_GONGWEN_FONTS: GongwenFonts = {
  title: '方正小标宋简体',
  byline: '楷体_GB2312',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  heading3: '仿宋_GB2312',
  heading4: '仿宋_GB2312',
  latin: 'Times New Roman',
  pageNumber: '宋体',
};

export const DEFAULT_GONGWEN_LAYOUT: GongwenLayout = {
  marginTopMm: 37,
  marginBottomMm: 35,
  marginLeftMm: 28,
  marginRightMm: 26,
  linesPerPage: 22,
  charsPerLine: 28,
  fonts: DEFAULT_GONGWEN_FONTS,
  titleSizePt: 22,
  bodySizePt: 16,
  pageNumberSizePt: 14,
  fontFallback: 'windows',
};

export const A4_WIDTH_MM = 210;
export const A4_HEIGHT_MM = 297;

/** Partial settings (as stored or sent by the UI) merged over the defaults. */
export type GongwenLayoutPatch = Partial<Omit<GongwenLayout, 'fonts'>> & { fonts?: Partial<GongwenFonts> };

export function resolveLayout(patch: GongwenLayoutPatch | undefined): GongwenLayout {
  const p = patch ?? {};
  const fonts: GongwenFonts = { ...DEFAULT_GONGWEN_FONTS };
  for (const [k, v] of Object.entries(p.fonts ?? {})) {
    if (typeof v === 'string' && v.trim()) fonts[k as keyof GongwenFonts] = v.trim();
  }
  const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  const D = DEFAULT_GONGWEN_LAYOUT;
  return {
    marginTopMm: num(p.marginTopMm, D.marginTopMm),
    marginBottomMm: num(p.marginBottomMm, D.marginBottomMm),
    marginLeftMm: num(p.marginLeftMm, D.marginLeftMm),
    marginRightMm: num(p.marginRightMm, D.marginRightMm),
    linesPerPage: Math.round(num(p.linesPerPage, D.linesPerPage)),
    charsPerLine: Math.round(num(p.charsPerLine, D.charsPerLine)),
    fonts,
    titleSizePt: num(p.titleSizePt, D.titleSizePt),
    bodySizePt: num(p.bodySizePt, D.bodySizePt),
    pageNumberSizePt: num(p.pageNumberSizePt, D.pageNumberSizePt),
    fontFallback: FONT_FALLBACKS.includes(p.fontFallback as FontFallback) ? (p.fontFallback as FontFallback) : D.fontFallback,
  };
}

/** Problems that make a layout impossible (empty when fine); messages are Chinese. */
export function validateLayout(l: GongwenLayout): string[] {
  const errs: string[] = [];
  const m = [l.marginTopMm, l.marginBottomMm, l.marginLeftMm, l.marginRightMm];
  if (m.some((x) => x < 5 || x > 80)) errs.push('页边距应在 5–80 毫米之间');
  if (l.linesPerPage < 5 || l.linesPerPage > 60) errs.push('每页行数应在 5–60 之间');
  if (l.charsPerLine < 5 || l.charsPerLine > 60) errs.push('每行字数应在 5–60 之间');
  if (l.bodySizePt < 8 || l.bodySizePt > 36 || l.titleSizePt < 8 || l.titleSizePt > 48) errs.push('字号超出范围');
  if (l.pageNumberSizePt < 6 || l.pageNumberSizePt > 36) errs.push('页码字号超出范围');
  if (errs.length === 0) {
    const g = layoutMetrics(l);
    if (g.condensePt > l.bodySizePt / 4) errs.push('每行字数过多，版心放不下');
    if (g.linePitchPt < l.bodySizePt) errs.push('每页行数过多，版心放不下');
  }
  return errs;
}

/** 1 mm in twips (1/20 pt). */
export const mmToTwip = (mm: number): number => Math.round((mm * 72 * 20) / 25.4);
export const mmToPt = (mm: number): number => (mm * 72) / 25.4;

export interface LayoutMetrics {
  pageWidthTwip: number;
  pageHeightTwip: number;
  margin: { top: number; bottom: number; left: number; right: number };
  textWidthPt: number;
  textHeightPt: number;
  /** Document grid line pitch and exact line spacing (twips): 579 for 22 lines in 225 mm. */
  linePitchTwip: number;
  linePitchPt: number;
  /** Word's document grid charSpace: (character pitch − body size) × 4096 (≈ −848 for 28 chars). */
  charSpace: number;
  /**
   * How much each body character is condensed (pt, multiple of 0.05 as Word stores twentieths), so that
   * exactly `charsPerLine` characters fit a line whether or not a reader applies the grid's charSpace the
   * way Word does: 0.3 pt for 28 characters in 156 mm (measured with LibreOffice 7.4).
   */
  condensePt: number;
  /** First-line indent of two characters, in twips of the condensed character width. */
  firstLineIndentTwip: number;
  /** Footer distance from the page's bottom edge, twips: the 一字线 sits 7 mm below the text block. */
  footerTwip: number;
  /** One character of the page number font, twips (the 空一字 of odd/even page numbers). */
  pageNumberIndentTwip: number;
}

export function layoutMetrics(l: GongwenLayout): LayoutMetrics {
  const textWidthPt = mmToPt(A4_WIDTH_MM - l.marginLeftMm - l.marginRightMm);
  const textHeightPt = mmToPt(A4_HEIGHT_MM - l.marginTopMm - l.marginBottomMm);
  const linePitchTwip = Math.floor((textHeightPt * 20) / l.linesPerPage);
  const pitchPt = textWidthPt / l.charsPerLine;
  const charSpace = Math.round((pitchPt - l.bodySizePt) * 4096);
  // Condense so that N characters fit a line in every reader: Word lays out the grid's pitch, LibreOffice
  // rounds the grid cell down to whole twips and needs the characters strictly narrower than that.
  const cellTw = Math.floor(pitchPt * 20);
  const condenseTw = Math.max(0, Math.round(l.bodySizePt * 20) - cellTw + 1);
  const condensePt = condenseTw / 20;
  const charWidthTw = l.bodySizePt * 20 - condenseTw;
  // The 一字线 of the page number (the middle of the footer line, about 1.3 × its size high) sits 7 mm
  // below the text block; the footer distance is measured to the bottom of that line.
  const footerTwip = Math.max(0, mmToTwip(l.marginBottomMm - 7) - Math.round((l.pageNumberSizePt * 20 * 1.3) / 2));
  return {
    pageWidthTwip: mmToTwip(A4_WIDTH_MM),
    pageHeightTwip: mmToTwip(A4_HEIGHT_MM),
    margin: {
      top: mmToTwip(l.marginTopMm),
      bottom: mmToTwip(l.marginBottomMm),
      left: mmToTwip(l.marginLeftMm),
      right: mmToTwip(l.marginRightMm),
    },
    textWidthPt,
    textHeightPt,
    linePitchTwip,
    linePitchPt: linePitchTwip / 20,
    charSpace,
    condensePt,
    firstLineIndentTwip: 2 * charWidthTw,
    footerTwip,
    pageNumberIndentTwip: Math.round(l.pageNumberSizePt * 20),
  };
}
