import path from 'node:path';
import { ApiError } from '../../contract/define';
import type { SpeechDoc } from '../../core/model/types';
import { textToDoc } from '../../core/outline/toDoc';
import { checkTextLimits, decodeTextBytes } from './decode';
import { importDocx } from '../docx/import';

export interface ReadDocument {
  /** The document's text as decoded (for .txt: without BOM), the text all offsets refer to. */
  text: string;
  /** Structured content, recognised from the text or from the file's own structure (e.g. .docx styles). */
  doc: SpeechDoc;
  /** What was done to read it, e.g. the encoding detected. */
  notes: string[];
}

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Read a user's file (.txt, .md or .docx) into text and a document. */
export async function readDocument(name: string, bytes: Uint8Array): Promise<ReadDocument> {
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
      const r = await importDocx(bytes, name);
      return { text: r.text, doc: r.doc, notes: r.notes };
    }
    default:
      throw new ApiError('unsupported', `不支持的文件类型：${ext || name}（支持 .txt、.docx）`);
  }
}
