// The .docx gate: what is not a readable, safe Word package is refused before any reader inflates it, with a
// message saying why (encrypted / legacy .doc / not a zip / damaged / zip bomb). The parts a reader will
// inflate are found the way the reader finds them — through the package's relationships (`_rels/.rels` →
// the main part, whatever its name; its `.rels` → styles, numbering, footnotes, headers…) — not by file
// name, and each is inflated here under a hard output cap, so a zip directory that lies about sizes, or a
// main part renamed to `word/main.dat`, cannot walk around the limits.
import { inflateRawSync } from 'node:zlib';
import path from 'node:path';
import JSZip from 'jszip';
import { ApiError } from '../../contract/define';
import { LIMITS } from '../../contract/limits';

export const DOCX_LIMITS = {
  /** Sum of the sizes the zip directory declares for all entries. */
  maxUncompressedBytes: 200 * 1024 * 1024,
  /** Size the directory declares for one entry, and the inflate cap of one part a reader opens. */
  maxEntryBytes: 100 * 1024 * 1024,
  /** Ratio uncompressed/compressed over the whole archive beyond which it is refused (when also > 10 MB). */
  maxRatio: 100,
  maxEntries: 5000,
  /** Bytes actually inflated, over every part a reader opens (measured here, not taken from the directory). */
  maxInflatedBytes: LIMITS.maxDocxInflatedBytes,
  /** Bytes actually inflated for one part a reader opens. */
  maxPartBytes: LIMITS.maxDocxPartBytes,
  /** Parts reachable through relationships that are followed. */
  maxParts: 500,
};
export type DocxLimits = typeof DOCX_LIMITS;

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const DEFLATE_MAGIC = '\x08\x00';
const STORE_MAGIC = '\x00\x00';
const OFFICE_DOCUMENT = /\/officeDocument$/;
/** Relationship types a reader never inflates here: images (not imported) and anything external. */
const NOT_READ = /\/(image|hyperlink|oleObject|package|video|audio|media)$/;

interface ZipEntryInternals {
  _data?: { compressedSize?: number; uncompressedSize?: number; compression?: { magic?: string }; compressedContent?: Uint8Array };
}

const mbOf = (n: number) => Math.round(n / 1048576);

class Inflater {
  total = 0;
  constructor(
    private readonly zip: JSZip,
    private readonly name: string,
    private readonly limits: DocxLimits,
  ) {}

  /** Inflate one entry with the caps; null if the package has no such entry. */
  inflate(part: string): Buffer | null {
    const e = this.zip.file(part);
    if (!e) return null;
    const d = (e as unknown as ZipEntryInternals)._data;
    const raw = d?.compressedContent;
    if (!raw || !(raw instanceof Uint8Array)) throw new ApiError('damaged', `${this.name} 已损坏（${part} 无法读取），未作任何改动`, `${part}: no compressed content`);
    const partCap = Math.min(this.limits.maxEntryBytes, this.limits.maxPartBytes);
    const cap = Math.min(partCap, this.limits.maxInflatedBytes - this.total);
    let out: Buffer;
    if (d?.compression?.magic === STORE_MAGIC) out = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    else if (d?.compression?.magic === DEFLATE_MAGIC) {
      try {
        out = inflateRawSync(raw, { maxOutputLength: Math.max(1, cap + 1) });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) this.tooLarge(part, cap === partCap);
        throw new ApiError('damaged', `${this.name} 已损坏（${part} 无法解压），未作任何改动`, (err as Error).message);
      }
    } else {
      throw new ApiError('damaged', `${this.name} 使用了不支持的压缩方式（${part}），未作任何改动`, `${part}: compression ${JSON.stringify(d?.compression?.magic)}`);
    }
    if (out.length > cap) this.tooLarge(part, cap === partCap);
    this.total += out.length;
    return out;
  }

  private tooLarge(part: string, perPart: boolean): never {
    throw new ApiError(
      'too-large',
      perPart
        ? `${this.name} 解压后过大（${part} 超过 ${mbOf(Math.min(this.limits.maxEntryBytes, this.limits.maxPartBytes))} MB），疑为压缩炸弹，已拒绝`
        : `${this.name} 解压后过大（要读取的部分合计超过 ${mbOf(this.limits.maxInflatedBytes)} MB），疑为压缩炸弹，已拒绝`,
      `${part}: inflated past the cap`,
    );
  }
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[2] ?? m[3]) : undefined;
}

/** The rels part of a part: `word/document.xml` → `word/_rels/document.xml.rels`; the package → `_rels/.rels`. */
function relsOf(part: string): string {
  return part === '' ? '_rels/.rels' : path.posix.join(path.posix.dirname(part), '_rels', path.posix.basename(part) + '.rels');
}

/** The internal relationships of `part` (target resolved to a package path, type). */
function relationshipsOf(rels: Buffer, part: string): Array<{ target: string; type: string }> {
  const xml = rels.toString('utf8');
  const out: Array<{ target: string; type: string }> = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const tag = m[0];
    if ((attr(tag, 'TargetMode') ?? '').toLowerCase() === 'external') continue;
    let target = attr(tag, 'Target');
    if (!target) continue;
    try {
      target = decodeURIComponent(target);
    } catch {
      // keep as written
    }
    const base = part === '' ? '' : path.posix.dirname(part);
    const resolved = target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(base, target));
    if (resolved.startsWith('..')) continue;
    out.push({ target: resolved.replace(/^\.\//, ''), type: attr(tag, 'Type') ?? '' });
  }
  return out;
}

/** Refuse what is not a readable, safe .docx, with a message saying why. Returns the opened zip. */
export async function checkDocx(bytes: Uint8Array, name = '文件', limits: DocxLimits = DOCX_LIMITS): Promise<JSZip> {
  if (bytes.length >= 8 && OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
    throw new ApiError(
      'unsupported',
      `${name} 已加密（设置了打开密码）或是旧版 Word .doc 文件，无法导入。请在 Word/WPS 中取消密码并另存为 .docx 后再试`,
      'OLE compound file (D0 CF 11 E0): an encrypted OOXML package or a legacy .doc',
    );
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new ApiError('damaged', `${name} 不是有效的 .docx 文件（不是 zip 压缩包），未作任何改动`, 'no PK signature');
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch (err) {
    throw new ApiError('damaged', `${name} 已损坏，无法打开（zip 结构错误），未作任何改动`, (err as Error).message);
  }
  const entries = Object.values(zip.files);
  if (entries.length > limits.maxEntries) {
    throw new ApiError('too-large', `${name} 含有过多的内部文件，疑为恶意压缩包，已拒绝`, `${entries.length} entries`);
  }
  let total = 0;
  let compressed = 0;
  for (const e of entries) {
    const d = (e as unknown as ZipEntryInternals)._data;
    const u = d?.uncompressedSize ?? 0;
    const c = d?.compressedSize ?? 0;
    if (u > limits.maxEntryBytes) {
      throw new ApiError('too-large', `${name} 解压后过大（${e.name} 超过 ${mbOf(limits.maxEntryBytes)} MB），疑为压缩炸弹，已拒绝`, `${e.name}: ${u} bytes`);
    }
    total += u;
    compressed += c;
  }
  if (total > limits.maxUncompressedBytes) {
    throw new ApiError('too-large', `${name} 解压后过大（超过 ${mbOf(limits.maxUncompressedBytes)} MB），疑为压缩炸弹，已拒绝`, `${total} bytes uncompressed`);
  }
  if (total > 10 * 1024 * 1024 && total / Math.max(1, compressed) > limits.maxRatio) {
    throw new ApiError('too-large', `${name} 压缩比异常（${Math.round(total / Math.max(1, compressed))}:1），疑为压缩炸弹，已拒绝`, `${total}/${compressed}`);
  }
  checkReadParts(zip, name, limits);
  return zip;
}

/** Inflate, under the caps, every part a reader opens: found by following relationships from the package. */
function checkReadParts(zip: JSZip, name: string, limits: DocxLimits): void {
  const inflater = new Inflater(zip, name, limits);
  inflater.inflate('[Content_Types].xml');
  const rootRels = inflater.inflate(relsOf(''));
  const mains = rootRels ? relationshipsOf(rootRels, '').filter((r) => OFFICE_DOCUMENT.test(r.type)).map((r) => r.target) : [];
  // Without a package relationship readers fall back to the conventional name.
  const main = mains.find((m) => zip.file(m)) ?? (zip.file('word/document.xml') ? 'word/document.xml' : undefined);
  if (!main) {
    const enc = zip.file('EncryptionInfo') || zip.file('EncryptedPackage');
    throw new ApiError(
      enc ? 'unsupported' : 'damaged',
      enc ? `${name} 已加密，无法导入` : `${name} 不是 Word 文档（缺少主文档 word/document.xml），未作任何改动`,
      mains.length ? `main part ${mains[0]} is missing` : 'missing word/document.xml',
    );
  }
  const seen = new Set<string>();
  const queue = [main];
  while (queue.length) {
    const part = queue.shift()!;
    if (seen.has(part)) continue;
    seen.add(part);
    if (seen.size > limits.maxParts) throw new ApiError('too-large', `${name} 引用的内部部件过多，疑为恶意文件，已拒绝`, `${seen.size} parts`);
    if (!inflater.inflate(part)) continue; // a dangling relationship: readers skip it too
    const rels = inflater.inflate(relsOf(part));
    if (!rels) continue;
    for (const r of relationshipsOf(rels, part)) if (!NOT_READ.test(r.type) && !seen.has(r.target)) queue.push(r.target);
  }
}

/** The parts an importer reads, found as checkDocx found them: by the package's relationships. */
export interface WordParts {
  main: string;
  styles?: string;
  numbering?: string;
  footnotes?: string;
  endnotes?: string;
  comments?: string;
}

/** Locate the main part and its styles, numbering, notes and comments parts (by relationship type). */
export async function wordParts(zip: JSZip): Promise<WordParts> {
  const rootRels = await zip.file(relsOf(''))?.async('nodebuffer');
  const mains = rootRels ? relationshipsOf(rootRels, '').filter((r) => OFFICE_DOCUMENT.test(r.type)).map((r) => r.target) : [];
  const main = mains.find((m) => zip.file(m)) ?? 'word/document.xml';
  const rels = await zip.file(relsOf(main))?.async('nodebuffer');
  const related = rels ? relationshipsOf(rels, main) : [];
  const byType = (kind: string): string | undefined => related.find((r) => r.type.endsWith('/' + kind) && zip.file(r.target))?.target;
  // Without a relationship readers fall back to the conventional names next to the main part.
  const near = (file: string): string | undefined => {
    const p = path.posix.join(path.posix.dirname(main), file);
    return zip.file(p) ? p : undefined;
  };
  return {
    main,
    styles: byType('styles') ?? near('styles.xml'),
    numbering: byType('numbering') ?? near('numbering.xml'),
    footnotes: byType('footnotes') ?? near('footnotes.xml'),
    endnotes: byType('endnotes') ?? near('endnotes.xml'),
    comments: byType('comments') ?? near('comments.xml'),
  };
}
