import path from 'node:path';
import { ApiError } from '../../contract/define';
import { DOCUMENT_KINDS_LABEL } from '../../contract/fileKinds';
import type { SpeechDoc } from '../../core/model/types';
import { readHtml } from '../../core/text/html';
import { paragraphsToDoc, textToDoc } from '../../core/text/toDoc';
import { checkTextLimits, decodeTextBytes } from './decode';
import { importDocx, type DocxImportOptions } from '../docx/import';

export interface ReadDocument {
  /** The document's text as decoded (for .txt: without BOM), the text all offsets refer to. */
  text: string;
  /** Structured content, recognised from the text or from the file's own structure (e.g. .docx styles). */
  doc: SpeechDoc;
  /** What was done to read it, e.g. the encoding detected. */
  notes: string[];
  /** The blocks come from the file's own structure (.docx styles, HTML headings): outline and lint use `doc`. */
  structured?: boolean;
}

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Read a user's file (.txt, .md, .docx or .html: contract/fileKinds.ts DOCUMENT_EXTENSIONS) into text and a document. */
export async function readDocument(name: string, bytes: Uint8Array, opts: DocxImportOptions = {}): Promise<ReadDocument> {
  if (bytes.length > MAX_IMPORT_BYTES) throw new ApiError('too-large', `文件过大（超过 50 MB）：${name}`);
  const ext = path.extname(name).toLowerCase();
  switch (ext) {
    case '.txt':
    case '.text':
    case '.md': {
      const { text, encoding, bom } = decodeTextBytes(bytes);
      checkTextLimits(text, name);
      return { text, doc: textToDoc(text), notes: [`编码 encoding: ${encoding}${bom ? ' (BOM)' : ''}`] };
    }
    case '.docx': {
      const r = await importDocx(bytes, name, opts);
      return { text: r.text, doc: r.doc, notes: r.notes, structured: true };
    }
    case '.html':
    case '.htm': {
      const { text: html, encoding, bom } = decodeTextBytes(bytes);
      const r = readHtml(html);
      return {
        text: r.paragraphs.map((p) => p.text).join('\n'),
        doc: paragraphsToDoc(r.paragraphs),
        notes: [`网页 HTML：${r.paragraphs.length} 段，按标题标记、大纲级别和编号识别层级；编码 encoding: ${encoding}${bom ? ' (BOM)' : ''}`, ...r.notes],
        structured: true,
      };
    }
    default:
      throw new ApiError('unsupported', `不支持的文件类型：${ext || name}（支持 ${DOCUMENT_KINDS_LABEL}）`);
  }
}
