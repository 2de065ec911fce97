// What a .docx tells Word and WPS about each font it uses (fontTable.xml): the alternative name to use
// when the font is missing, and the charset/panose/family/pitch hints their substitution goes by. Most
// Windows machines have 仿宋 and 楷体 but not the _GB2312 fonts of older 公文 templates, and no 方正小标宋简体.

/** 「对方电脑没有方正/GB2312字体时」: which installed fonts the file names as substitutes. */
export type FontFallback = 'windows' | 'huawen';

export const FONT_FALLBACKS: readonly FontFallback[] = ['windows', 'huawen'];

export const FONT_FALLBACK_LABELS: Record<FontFallback, string> = {
  windows: '改用仿宋、楷体、宋体（Windows 自带）',
  huawen: '改用仿宋、楷体、华文中宋（装有 Office 的电脑）',
};

export interface FontEntry {
  name: string;
  /** w:altName: the font Word and WPS take when `name` is not installed. */
  altName: string;
  /** w:charset (hex): 86 = GB2312, 00 = ANSI. */
  charset: string;
  family: 'roman' | 'swiss' | 'modern' | 'script' | 'decorative' | 'auto';
  pitch: 'fixed' | 'variable' | 'default';
  /** w:panose1, 10 bytes hex. */
  panose: string;
}

type Hints = Omit<FontEntry, 'name' | 'altName'>;

// Hints as Word itself writes them for these fonts (fontTable.xml of documents saved by Word on Windows).
const CJK_FIXED: Hints = { charset: '86', family: 'modern', pitch: 'fixed', panose: '02010609060101010101' };
const KNOWN: Record<string, Hints> = {
  仿宋_GB2312: { ...CJK_FIXED, panose: '02010609030101010101' },
  楷体_GB2312: { ...CJK_FIXED, panose: '02010609030101010101' },
  方正小标宋简体: { charset: '86', family: 'script', pitch: 'default', panose: '02000000000000000000' },
  仿宋: CJK_FIXED,
  楷体: CJK_FIXED,
  黑体: CJK_FIXED,
  宋体: { charset: '86', family: 'auto', pitch: 'variable', panose: '02010600030101010101' },
  华文中宋: { charset: '86', family: 'auto', pitch: 'variable', panose: '02010600040101010101' },
  'Times New Roman': { charset: '00', family: 'roman', pitch: 'variable', panose: '02020603050405020304' },
};
const UNKNOWN_CJK: Hints = { charset: '86', family: 'auto', pitch: 'variable', panose: '02010600030101010101' };
const UNKNOWN_LATIN: Hints = { charset: '00', family: 'auto', pitch: 'variable', panose: '00000000000000000000' };

// English names Word knows the built-in Chinese fonts by; Liberation Serif is metric-compatible with Times.
const ENGLISH: Record<string, string> = {
  仿宋: 'FangSong',
  楷体: 'KaiTi',
  黑体: 'SimHei',
  宋体: 'SimSun',
  华文中宋: 'STZhongsong',
  'Times New Roman': 'Liberation Serif',
};

/** The substitute of a font under a fallback choice: every font gets one (unknown ones 宋体 / Times New Roman). */
export function fontAltName(name: string, fallback: FontFallback): string {
  if (name === '仿宋_GB2312') return '仿宋';
  if (name === '楷体_GB2312') return '楷体';
  if (/^方正.*(小标宋|标宋|宋)/.test(name)) return fallback === 'huawen' ? '华文中宋' : '宋体';
  if (/^方正.*黑/.test(name)) return '黑体';
  if (/^方正.*楷/.test(name)) return '楷体';
  if (/^方正.*仿宋/.test(name)) return '仿宋';
  if (ENGLISH[name]) return ENGLISH[name];
  return isCjkName(name) ? '宋体' : 'Times New Roman';
}

const isCjkName = (name: string): boolean => /[^\x20-\x7e]/.test(name);

/** fontTable entries for the fonts a document uses (each once, in the order given). */
export function fontEntries(names: readonly string[], fallback: FontFallback): FontEntry[] {
  const out: FontEntry[] = [];
  for (const name of new Set(names)) {
    const hints = KNOWN[name] ?? (isCjkName(name) ? UNKNOWN_CJK : UNKNOWN_LATIN);
    out.push({ name, altName: fontAltName(name, fallback), ...hints });
  }
  return out;
}
