// Encodings are decoded, never guessed. Bytes are generated here: UTF-16/32 by hand from code units, the
// legacy CJK encodings as known byte sequences (hex) of a few sentences each.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/contract/define';
import { decodeTextBytes } from '../../src/services/import/decode';

const ZH = '同志们：今年以来，我们坚持稳中求进工作总基调，统筹推进经济社会发展各项工作，取得了显著成绩。\n下面，我讲三点意见。\n';
const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)));
const GBK = hex('cdacd6bec3c7a3babdf1c4ead2d4c0b4a3acced2c3c7bce1b3d6cec8d6d0c7f3bdf8b9a4d7f7d7dcbbf9b5f7a3accdb3b3efcdc6bdf8beadbcc3c9e7bbe1b7a2d5b9b8f7cfeeb9a4d7f7a3acc8a1b5c3c1cbcfd4d6f8b3c9bca8a1a30acfc2c3e6a3acced2bdb2c8fdb5e3d2e2bcfba1a30a');
/** The same speech opening in traditional characters, Big5. */
const BIG5 = hex('a650a7d3adcca147a4b5a67ea548a8d3a141a7daadccb0edabf9c3ada4a4a844b669a475a740c160b0f2bdd5a141b2cec477b1c0b669b867c0d9aac0b77cb56fae69a655b6b5a475a740a141a8fab16fa446c5e3b5dba6a8c15aa1430aa455adb1a141a7dac1bfa454c249b74ea8a3a1430a');
/** 皆さん、こんにちは。今年も一年間、本当にお疲れさまでした。… in Shift-JIS. */
const SJIS = hex('8a4682b382f1814182b182f182c982bf82cd81428da1944e82e088ea944e8ad48141967b939682c982a894e682ea82b382dc82c582b582bd81429788944e82e082c782a482bc82e682eb82b582ad82a88ae882a282a282bd82b582dc82b781420a');
/** 여러분 안녕하십니까. 올해도 정말 수고 많으셨습니다. … in EUC-KR. */
const EUCKR = hex('bfa9b7afbad020bec8b3e7c7cfbdcab4cfb1ee2e20bfc3c7d8b5b520c1a4b8bb20bcf6b0ed20b8b9c0b8bcccbdc0b4cfb4d92e20b3bbb3e2bfa1b5b520c0df20bacec5b9b5e5b8b3b4cfb4d92e20b0a8bbe7c7d5b4cfb4d92e0a');

function utf16(text: string, le: boolean, bom: boolean): Uint8Array {
  const out: number[] = bom ? (le ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out.push(...(le ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
  }
  return Uint8Array.from(out);
}

function utf32(text: string, le: boolean, bom: boolean): Uint8Array {
  const out: number[] = [];
  const put = (cp: number) => out.push(...(le ? [cp & 0xff, (cp >> 8) & 0xff, (cp >> 16) & 0xff, cp >>> 24] : [cp >>> 24, (cp >> 16) & 0xff, (cp >> 8) & 0xff, cp & 0xff]));
  if (bom) put(0xfeff);
  for (const ch of text) put(ch.codePointAt(0)!);
  return Uint8Array.from(out);
}

function refused(bytes: Uint8Array): ApiError {
  try {
    decodeTextBytes(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('unsupported');
    expect((err as ApiError).message).toContain('另存为');
    return err as ApiError;
  }
  throw new Error('expected the bytes to be refused');
}

describe('accepted encodings', () => {
  it('UTF-8 with and without BOM', () => {
    const bytes = new TextEncoder().encode(ZH);
    expect(decodeTextBytes(bytes)).toEqual({ text: ZH, encoding: 'utf-8', bom: false });
    expect(decodeTextBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]))).toEqual({ text: ZH, encoding: 'utf-8', bom: true });
  });

  it('UTF-16 LE and BE with BOM', () => {
    expect(decodeTextBytes(utf16(ZH, true, true))).toEqual({ text: ZH, encoding: 'utf-16le', bom: true });
    expect(decodeTextBytes(utf16(ZH, false, true))).toEqual({ text: ZH, encoding: 'utf-16be', bom: true });
  });

  it('GBK / GB18030 Chinese text', () => {
    expect(decodeTextBytes(GBK)).toEqual({ text: ZH, encoding: 'gb18030', bom: false });
    // A long one, repeated, still plausible.
    const many = new Uint8Array(GBK.length * 200);
    for (let i = 0; i < 200; i++) many.set(GBK, i * GBK.length);
    expect(decodeTextBytes(many).encoding).toBe('gb18030');
  });
});

describe('refused, naming what was found', () => {
  it('Big5 (traditional Chinese) is not read as GBK mojibake', () => {
    expect(refused(BIG5).message).toContain('Big5');
  });

  it('Shift-JIS (Japanese)', () => {
    expect(refused(SJIS).message).toContain('Shift-JIS');
  });

  it('EUC-KR (Korean)', () => {
    expect(refused(EUCKR).message).toContain('EUC-KR');
  });

  it('UTF-32 with BOM (LE and BE) is not taken for UTF-16', () => {
    expect(refused(utf32(ZH, true, true)).message).toContain('UTF-32 LE');
    expect(refused(utf32(ZH, false, true)).message).toContain('UTF-32 BE');
  });

  it('UTF-16 without BOM, LE and BE', () => {
    expect(refused(utf16('Dear colleagues,\n各位同事：\n' + ZH, true, false)).message).toContain('UTF-16 LE');
    expect(refused(utf16('Dear colleagues,\n各位同事：\n' + ZH, false, false)).message).toContain('UTF-16 BE');
  });

  it('NUL bytes anywhere, also far past the first 8 KB', () => {
    const text = new TextEncoder().encode(ZH.repeat(200));
    const bytes = new Uint8Array(text.length + 3);
    bytes.set(text);
    bytes.set([0x00, 0x41, 0x00], text.length);
    expect(bytes.length).toBeGreaterThan(20_000);
    expect(refused(bytes).message).toMatch(/NUL|UTF-16/);
  });

  it('control characters and invalid bytes after a BOM', () => {
    refused(new TextEncoder().encode('正文\x01\x02\x03\x04'.repeat(10)));
    refused(Uint8Array.from([0xef, 0xbb, 0xbf, 0xc3, 0x28]));
    refused(Uint8Array.from([0xff, 0xfe, 0x41]));
  });

  it('random bytes', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let k = 0; k < 20; k++) refused(Uint8Array.from({ length: 4096 }, () => rnd() | 0x01));
  });
});
