import { ApiError } from '../../contract/define';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Decode a text file's bytes: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8, and if that
 * fails, GB18030 (a superset of GBK/GB2312, what government machines still write). Never guesses silently:
 * the encoding used is returned, and bytes that are neither are refused.
 */
export function decodeTextBytes(bytes: Uint8Array): { text: string; encoding: TextEncodingName; bom: boolean } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  }
  if (looksBinary(bytes)) {
    throw new ApiError('unsupported', '这不是文本文件 (not a text file)', 'NUL bytes found');
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    // not UTF-8: try GB18030 strictly
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030', bom: false };
  } catch {
    throw new ApiError('unsupported', '无法识别文件编码（既不是 UTF-8/UTF-16，也不是 GBK/GB18030）', 'undecodable text encoding');
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}
