// .docx → SpeechDoc. The file is checked first (encrypted / not a zip / damaged / zip bomb → a clear error),
// then read with mammoth: paragraphs with Word heading styles become headings by style; a document
// without heading styles goes through the same recognition as pasted text (textToDoc). Heading numbers
// are stripped: they are generated.
import { inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { ApiError } from '../../contract/define';
import { Blocks } from '../../core/model/block';
import type { Block, HeadingLevel, SpeechDoc } from '../../core/model/types';
import { isSalutationLine } from '../../core/text/front';
import { stripWrittenNumber } from '../../core/text/numbers';
import { textToDoc } from '../../core/text/toDoc';

/** Limits against zip bombs: total uncompressed size of all entries, and the overall compression ratio. */
export const DOCX_LIMITS = {
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxEntryBytes: 100 * 1024 * 1024,
  /** Ratio uncompressed/compressed over the whole archive beyond which it is refused (when also > 10 MB). */
  maxRatio: 100,
  maxEntries: 5000,
};

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

interface ZipEntryInternals {
  _data?: { compressedSize?: number; uncompressedSize?: number; compression?: { magic?: string }; compressedContent?: Uint8Array };
}

const DEFLATE_MAGIC = '\x08\x00';
const STORE_MAGIC = '\x00\x00';

/**
 * The XML parts mammoth reads, inflated here with a hard output cap: a zip whose directory understates
 * the sizes (a lying zip bomb) is refused before mammoth inflates it without limit.
 */
function checkInflatedSizes(zip: JSZip, name: string, limits: typeof DOCX_LIMITS): void {
  let total = 0;
  for (const e of Object.values(zip.files)) {
    if (e.dir || !/\.(xml|rels)$/i.test(e.name)) continue;
    const d = (e as unknown as ZipEntryInternals)._data;
    const raw = d?.compressedContent;
    const magic = d?.compression?.magic;
    if (!raw || !(raw instanceof Uint8Array)) continue;
    let size: number;
    if (magic === STORE_MAGIC) size = raw.length;
    else if (magic === DEFLATE_MAGIC) {
      try {
        size = inflateRawSync(raw, { maxOutputLength: limits.maxEntryBytes }).length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
          throw new ApiError('too-large', `${name} 解压后过大（${e.name} 超过 ${Math.round(limits.maxEntryBytes / 1048576)} MB），疑为压缩炸弹，已拒绝`, `${e.name}: inflated past the cap`);
        }
        throw new ApiError('damaged', `${name} 已损坏（${e.name} 无法解压），未作任何改动`, (err as Error).message);
      }
    } else continue;
    total += size;
    if (total > limits.maxUncompressedBytes) {
      throw new ApiError('too-large', `${name} 解压后过大，疑为压缩炸弹，已拒绝`, `${total} bytes of XML`);
    }
  }
}

/** Refuse what is not a readable, safe .docx, with a message saying why. Returns the opened zip. */
export async function checkDocx(bytes: Uint8Array, name = '文件', limits: typeof DOCX_LIMITS = DOCX_LIMITS): Promise<JSZip> {
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
      throw new ApiError('too-large', `${name} 解压后过大（${e.name} 超过 100 MB），疑为压缩炸弹，已拒绝`, `${e.name}: ${u} bytes`);
    }
    total += u;
    compressed += c;
  }
  if (total > limits.maxUncompressedBytes) {
    throw new ApiError('too-large', `${name} 解压后过大（超过 200 MB），疑为压缩炸弹，已拒绝`, `${total} bytes uncompressed`);
  }
  if (total > 10 * 1024 * 1024 && total / Math.max(1, compressed) > limits.maxRatio) {
    throw new ApiError('too-large', `${name} 压缩比异常（${Math.round(total / Math.max(1, compressed))}:1），疑为压缩炸弹，已拒绝`, `${total}/${compressed}`);
  }
  if (!zip.file('word/document.xml')) {
    const enc = zip.file('EncryptionInfo') || zip.file('EncryptedPackage');
    throw new ApiError(
      enc ? 'unsupported' : 'damaged',
      enc ? `${name} 已加密，无法导入` : `${name} 不是 Word 文档（缺少 word/document.xml），未作任何改动`,
      'missing word/document.xml',
    );
  }
  checkInflatedSizes(zip, name, limits);
  return zip;
}

/** One paragraph as mammoth reads it. */
export interface DocxParagraph {
  text: string;
  styleId?: string;
  styleName?: string;
  alignment?: string;
}

interface MammothElement {
  type: string;
  value?: string;
  children?: MammothElement[];
  styleId?: string | null;
  styleName?: string | null;
  alignment?: string | null;
}

function textOf(el: MammothElement): string {
  switch (el.type) {
    case 'text':
      return el.value ?? '';
    case 'tab':
      return '\t';
    case 'break':
      return '\n';
    default:
      return (el.children ?? []).map(textOf).join('');
  }
}

/** The body paragraphs of a .docx (after `checkDocx`), via mammoth. */
export async function readDocxParagraphs(bytes: Uint8Array, name = '文件'): Promise<{ paragraphs: DocxParagraph[]; messages: string[] }> {
  const paragraphs: DocxParagraph[] = [];
  let result;
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // Images are never read (nothing of them is imported): their bytes are not even inflated.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        transformDocument: (document: MammothElement) => {
          const walk = (el: MammothElement): void => {
            if (el.type === 'paragraph') {
              paragraphs.push({ text: textOf(el), styleId: el.styleId ?? undefined, styleName: el.styleName ?? undefined, alignment: el.alignment ?? undefined });
              return;
            }
            for (const c of el.children ?? []) walk(c);
          };
          walk(document);
          return document;
        },
      },
    );
  } catch (err) {
    throw new ApiError('damaged', `${name} 内容已损坏，无法读取，未作任何改动`, (err as Error).message);
  }
  return { paragraphs, messages: result.messages.map((m) => m.message) };
}

/** Heading level from a paragraph style (Word's built-in "heading N", 标题 N), or null. */
export function headingLevelOfStyle(p: DocxParagraph): HeadingLevel | null {
  for (const s of [p.styleName, p.styleId]) {
    if (!s) continue;
    const m = /^(?:heading|标题)\s*([1-9])$/iu.exec(s.trim());
    if (m) {
      const n = Number(m[1]);
      return (n <= 4 ? n : 4) as HeadingLevel;
    }
  }
  return null;
}

const isStyle = (p: DocxParagraph, ...names: string[]) =>
  names.some((n) => p.styleName?.toLowerCase() === n.toLowerCase() || p.styleId?.toLowerCase() === n.replace(/\s+/g, '').toLowerCase());

/** Paragraphs → document: by style where the file has heading styles, otherwise by text recognition. */
export function paragraphsToDoc(paragraphs: DocxParagraph[]): SpeechDoc {
  const ps = paragraphs.map((p) => ({ ...p, text: p.text.replace(/\r\n?/g, '\n').replace(/^[\s\u3000]+|[\s\u3000]+$/gu, '') })).filter((p) => p.text !== '');
  const styled = ps.some((p) => headingLevelOfStyle(p) !== null || isStyle(p, 'Title', 'Speech Byline', 'Speech Salutation'));
  if (!styled) return textToDoc(ps.map((p) => p.text.replace(/\n/g, '')).join('\n'));
  const blocks: Block[] = [];
  let bodyStarted = false;
  for (const p of ps) {
    const level = headingLevelOfStyle(p);
    if (level) {
      blocks.push(Blocks.heading(level, stripWrittenNumber(p.text)));
      bodyStarted = true;
    } else if (!bodyStarted && (isStyle(p, 'Title') || (blocks.length === 0 && p.alignment === 'center'))) {
      // A title set on several lines (w:br) keeps its line breaks.
      const last = blocks[blocks.length - 1];
      if (last?.type === 'title') last.children[0].text += '\n' + p.text;
      else blocks.push(Blocks.make('title', p.text));
    } else if (!bodyStarted && (isStyle(p, 'Speech Byline') || (p.alignment === 'center' && blocks.some((b) => b.type === 'title')))) {
      blocks.push(Blocks.make('byline', p.text));
    } else if (!bodyStarted && (isStyle(p, 'Speech Salutation') || isSalutationLine(p.text))) {
      blocks.push(Blocks.make('salutation', p.text));
      bodyStarted = true;
    } else {
      blocks.push(Blocks.paragraph(p.text));
      bodyStarted = true;
    }
  }
  return { blocks: blocks.length ? blocks : [Blocks.make('title', ''), Blocks.paragraph('')] };
}

export interface DocxImport {
  doc: SpeechDoc;
  /** The document's text, one paragraph a line (what offsets refer to). */
  text: string;
  notes: string[];
}

/** Read a .docx file's bytes into a document; refuses damaged, encrypted, non-zip and zip-bomb files. */
export async function importDocx(bytes: Uint8Array, name = '文件'): Promise<DocxImport> {
  await checkDocx(bytes, name);
  const { paragraphs, messages } = await readDocxParagraphs(bytes, name);
  const doc = paragraphsToDoc(paragraphs);
  const text = paragraphs
    .map((p) => p.text.trim())
    .filter((t) => t !== '')
    .join('\n');
  const styled = paragraphs.some((p) => headingLevelOfStyle(p) !== null);
  const notes = [`Word 文档：${paragraphs.length} 段，${styled ? '按标题样式识别层级' : '按编号识别层级'}`];
  const shown = messages.filter((m) => !/^Unrecognised (paragraph|run) style/.test(m));
  if (shown.length) notes.push(`读取提示：${[...new Set(shown)].slice(0, 5).join('；')}`);
  return { doc, text, notes };
}
