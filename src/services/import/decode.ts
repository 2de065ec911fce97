// Text files are decoded, never guessed: UTF-8 (with or without BOM), UTF-16 with a BOM and GB18030 (GBK,
// GB2312: what government machines still write) are accepted when they decode without a single invalid
// byte AND look like text in that encoding. Anything else — UTF-32, UTF-16 without a BOM, Big5, Shift-JIS,
// EUC-KR, NUL bytes anywhere, control characters — is refused with a message naming what was found and how
// to convert it. Every test below is on bytes or on the strictly decoded text; nothing is decoded leniently.
import { ApiError } from '../../contract/define';
import { LIMITS } from '../../contract/limits';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

const CONVERT = '请在记事本或 WPS 中「另存为」，编码选 UTF-8，再导入（或用 iconv 转换：iconv -f 原编码 -t UTF-8）';

function refuse(found: string, detail: string): never {
  throw new ApiError('unsupported', `无法导入：文件编码是${found}，不是支持的编码（UTF-8、带 BOM 的 UTF-16、GBK/GB18030）。${CONVERT}`, detail);
}

function strict(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Share of C0 control characters other than tab, newline, CR, form feed (and of U+FFFD): a text file has ~none. */
function controlShare(text: string): number {
  if (!text.length) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) bad++;
  }
  return bad / text.length;
}

function looksLikeText(text: string): boolean {
  return controlShare(text) <= 0.001 && !text.includes('\0');
}

/** Where NUL bytes are: UTF-16/32 without a BOM put them in a fixed column; binary files anywhere. */
function describeNuls(bytes: Uint8Array): string {
  const n = Math.min(bytes.length, 1 << 20);
  const col2 = [0, 0];
  const col4 = [0, 0, 0, 0];
  let nuls = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    nuls++;
    col2[i & 1]++;
    col4[i & 3]++;
  }
  const asText = (label: string) => {
    const t = strict(label, bytes.subarray(0, n - (n % 2)));
    return t !== null && controlShare(t) <= 0.001;
  };
  if (nuls >= 4 && col4[0] < nuls * 0.05 && nuls > n / 2.5 && asText('utf-16le') === false) return ' UTF-32 LE（无 BOM）';
  if (nuls >= 2 && col2[1] / nuls > 0.9 && asText('utf-16le')) return ' UTF-16 LE（无 BOM，Windows「Unicode」）';
  if (nuls >= 2 && col2[0] / nuls > 0.9 && asText('utf-16be')) return ' UTF-16 BE（无 BOM）';
  return '二进制数据（含 NUL 字节，不是文本文件）';
}

interface GbStats {
  /** Two-byte sequences in the GB2312 area (lead A1–F7, trail A1–FE): almost all of real simplified Chinese. */
  gb2312: number;
  /** Two-byte GBK-extension sequences (trail 40–A0 or lead 81–A0): rare in simplified text, most of Big5/Shift-JIS. */
  extension: number;
  /** Four-byte GB18030 sequences (rare characters). */
  fourByte: number;
  /** GB2312 hanzi whose lead byte is B0–C8 (the only rows EUC-KR's Hangul occupy). */
  lowRows: number;
  hanzi: number;
  /** An ASCII space between two double-byte characters (Korean writes one between words; Chinese none). */
  spacedPairs: number;
}

function gbStats(bytes: Uint8Array): GbStats {
  const s: GbStats = { gb2312: 0, extension: 0, fourByte: 0, lowRows: 0, hanzi: 0, spacedPairs: 0 };
  let lastWasDouble = false;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b === 0x20 && lastWasDouble && i + 1 < bytes.length && bytes[i + 1] >= 0x81) s.spacedPairs++;
      lastWasDouble = false;
      i++;
      continue;
    }
    const t = bytes[i + 1] ?? 0;
    if (t >= 0x30 && t <= 0x39) {
      s.fourByte++;
      i += 4;
    } else {
      if (b >= 0xa1 && b <= 0xf7 && t >= 0xa1) {
        s.gb2312++;
        if (b >= 0xb0) {
          s.hanzi++;
          if (b <= 0xc8) s.lowRows++;
        }
      } else s.extension++;
      i += 2;
    }
    lastWasDouble = true;
  }
  return s;
}

function countIn(text: string, re: RegExp): number {
  return (text.match(re) ?? []).length;
}

/** What else bytes that are not GB2312-like Chinese look like, if a strict decoder of another encoding takes them. */
function otherEncoding(bytes: Uint8Array, s: GbStats): string | null {
  const sjis = strict('shift_jis', bytes);
  if (sjis !== null && looksLikeText(sjis) && countIn(sjis, /[\u3040-\u30ff]/g) >= Math.max(2, sjis.length * 0.03)) return ' Shift-JIS（日文）';
  const kr = strict('euc-kr', bytes);
  if (kr !== null && looksLikeText(kr)) {
    const hangul = countIn(kr, /[\uac00-\ud7a3]/g);
    const koreanPattern = s.hanzi >= 10 && s.lowRows / s.hanzi > 0.9 && s.spacedPairs >= s.hanzi * 0.08;
    if (hangul >= 5 && koreanPattern) return ' EUC-KR（韩文）';
  }
  const big5 = strict('big5', bytes);
  if (big5 !== null && looksLikeText(big5) && s.extension > 0) return ' Big5（繁体中文）';
  return null;
}

/**
 * Decode a text file's bytes, or refuse them with the reason (ApiError 'unsupported'). The encoding used is
 * returned; `bom` says whether a byte-order mark decided it.
 */
export function decodeTextBytes(bytes: Uint8Array): { text: string; encoding: TextEncodingName; bom: boolean } {
  const b = bytes;
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) refuse(' UTF-32 LE（带 BOM）', 'UTF-32 LE BOM');
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) refuse(' UTF-32 BE（带 BOM）', 'UTF-32 BE BOM');
  const boms: Array<[number[], TextEncodingName]> = [
    [[0xef, 0xbb, 0xbf], 'utf-8'],
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ];
  for (const [mark, encoding] of boms) {
    if (b.length < mark.length || !mark.every((x, i) => b[i] === x)) continue;
    const body = b.subarray(mark.length);
    if (encoding !== 'utf-8' && body.length % 2 === 1) refuse(`${encoding.toUpperCase()}（带 BOM），但字节数为奇数，文件不完整`, 'odd length after UTF-16 BOM');
    const text = strict(encoding, body);
    if (text === null) refuse(`声明为 ${encoding.toUpperCase()}（带 BOM）但含无效字节的文件`, `invalid ${encoding} after BOM`);
    if (!looksLikeText(text)) refuse(`${encoding.toUpperCase()}（带 BOM），但内容含 NUL 或控制字符，不像文本`, 'control characters');
    return { text, encoding, bom: true };
  }
  if (b.includes(0)) refuse(describeNuls(b), 'NUL bytes found');

  const utf8 = strict('utf-8', b);
  if (utf8 !== null) {
    if (!looksLikeText(utf8)) refuse('含控制字符的数据（不像文本）', 'control characters in UTF-8');
    return { text: utf8, encoding: 'utf-8', bom: false };
  }

  const s = gbStats(b);
  const gb = strict('gb18030', b);
  const pairs = s.gb2312 + s.extension;
  const plausibleGb =
    gb !== null &&
    looksLikeText(gb) &&
    s.extension <= Math.max(2, pairs * 0.1) &&
    s.fourByte <= Math.max(2, pairs * 0.02) &&
    !(s.hanzi >= 10 && s.lowRows / s.hanzi > 0.9 && s.spacedPairs >= s.hanzi * 0.08);
  if (plausibleGb) return { text: gb, encoding: 'gb18030', bom: false };
  const other = otherEncoding(b, s);
  if (other) refuse(other, `looks like${other}`);
  if (gb !== null) refuse('无法确定的编码（按 GBK 解读时不像中文文本）', `gb18030 decodes but implausibly: ${JSON.stringify(s)}`);
  refuse('无法识别的编码（既不是 UTF-8/UTF-16，也不是 GBK/GB18030）', 'undecodable text encoding');
}

/**
 * The document limits (LIMITS) on a decoded text, checked before any recognition runs: characters, and lines
 * (each line becomes at most one paragraph).
 */
export function checkTextLimits(text: string, name: string): void {
  if (text.length > LIMITS.maxDocChars) {
    throw new ApiError('too-large', `${name} 超过单篇 ${LIMITS.maxDocChars / 10000} 万字的上限（${Math.round(text.length / 10000)} 万字），未导入`, `${text.length} characters > LIMITS.maxDocChars`);
  }
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (++lines > LIMITS.maxBlocks * 2) break;
  }
  if (lines > LIMITS.maxBlocks * 2) {
    throw new ApiError('too-large', `${name} 行数过多（超过 ${(LIMITS.maxBlocks * 2) / 10000} 万行），超出单篇 ${LIMITS.maxBlocks / 10000} 万段的上限，未导入`, 'too many lines');
  }
}
