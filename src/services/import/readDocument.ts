import path from 'node:path';
import { ApiError } from '../../contract/define';
import { DOCUMENT_KINDS_LABEL } from '../../contract/fileKinds';
import type { SpeechDoc } from '../../core/model/types';
import { readHtml } from '../../core/text/html';
import { paragraphsToDoc, textToDocReport, type DroppedLine } from '../../core/text/toDoc';
import { CLEANING_LABELS, type Cleaning, type CleaningKind } from '../../core/text/clean';
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
      const { doc, dropped, cleanings } = textToDocReport(text);
      return { text, doc, notes: [`编码 encoding: ${encoding}${bom ? ' (BOM)' : ''}`, ...cleaningNotes(cleanings), ...droppedNotes(dropped)] };
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

/** Report lines: every line a .txt import left out, by line number and text (nothing is dropped unsaid). */
export function droppedNotes(dropped: DroppedLine[]): string[] {
  const show = (d: DroppedLine) => `第${d.line}行「${d.text.length > 40 ? `${d.text.slice(0, 40)}…` : d.text}」`;
  const list = (ds: DroppedLine[]) => ds.slice(0, 10).map(show).join('；') + (ds.length > 10 ? `；另 ${ds.length - 10} 行` : '');
  const before = dropped.filter((d) => d.why === 'before-title');
  const repeated = dropped.filter((d) => d.why === 'repeated-title');
  const notes: string[] = [];
  if (before.length) notes.push(`标题前的 ${before.length} 行未导入（网站导航、简报报头等；原文件未改动）：${list(before)}`);
  if (repeated.length) notes.push(`重复的标题行未导入：${list(repeated)}`);
  return notes;
}

/** What removes text (named with lines and the text removed); the other cleanings only reshape it and are counted. */
const REMOVING: CleaningKind[] = ['watermark-line', 'watermark', 'page-number', 'page-number-line', 'duplicate-line', 'zero-width'];

/** Report lines for the defect cleaner's changes to a .txt: what was removed, where, and what only reshaped. */
export function cleaningNotes(cleanings: Cleaning[]): string[] {
  const notes: string[] = [];
  const shown = (t: string) => (t.length > 30 ? `${t.slice(0, 30)}…` : t).replace(/\n/g, '↵');
  for (const kind of REMOVING) {
    const cs = cleanings.filter((c) => c.kind === kind);
    if (!cs.length) continue;
    const where = cs
      .slice(0, 10)
      .map((c) => {
        const line = c.line + (/^\n*/.exec(c.original)?.[0].length ?? 0); // a removed line is recorded from the break before it
        return kind === 'zero-width' ? `第${line}行` : `第${line}行「${shown(c.original.replace(/^\n+|\n+$/g, ''))}」`;
      })
      .join('；');
    notes.push(`${CLEANING_LABELS[kind]} ${cs.length} 处：${where}${cs.length > 10 ? `；另 ${cs.length - 10} 处` : ''}`);
  }
  const reshaped = (['heading-split', 'stray-space', 'line-join'] as const)
    .map((kind) => [kind, cleanings.filter((c) => c.kind === kind).length] as const)
    .filter(([, n]) => n > 0);
  if (reshaped.length) notes.push(`整理：${reshaped.map(([kind, n]) => `${CLEANING_LABELS[kind]} ${n} 处`).join('、')}`);
  return notes;
}
