// .docx → SpeechDoc. The file is checked first (encrypted / not a zip / damaged / zip bomb → a clear error),
// then read with mammoth: paragraphs with Word heading styles become headings by style; a document
// without heading styles goes through the same recognition as pasted text (textToDoc). Heading numbers
// are stripped: they are generated.
import mammoth from 'mammoth';
import { ApiError } from '../../contract/define';
import { Blocks } from '../../core/model/block';
import type { Block, HeadingLevel, SpeechDoc } from '../../core/model/types';
import { textToDoc } from '../../core/outline/toDoc';

// The zip-bomb guard lives in zipGuard.ts (it follows the package's relationships); re-exported here.
export { checkDocx, DOCX_LIMITS } from './zipGuard';
import { checkDocx } from './zipGuard';

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

/** A written heading number at the start of a heading's text (一、 （一） 1. （1） and variants), to strip. */
const WRITTEN_NUMBER =
  /^\s*(?:[一二三四五六七八九十百零〇两]{1,4}\s*[、．.]|[（(]\s*[一二三四五六七八九十百零〇两]{1,4}\s*[)）]|\d{1,2}\s*[.．、](?!\d)|[（(]\s*\d{1,2}\s*[)）]|[\u2460-\u2487])\s*/u;

export function stripWrittenNumber(text: string): string {
  return text.replace(WRITTEN_NUMBER, '');
}

const SALUTATION_RE = /^[^，。；！？,.;!?]{1,40}[：:]$/u;

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
    } else if (!bodyStarted && (isStyle(p, 'Speech Salutation') || SALUTATION_RE.test(p.text))) {
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
