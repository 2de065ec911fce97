import path from 'node:path';
import { ApiError } from '../../contract/define';
import { DOCUMENT_KINDS_LABEL } from '../../contract/fileKinds';
import type { SpeechDoc } from '../../core/model/types';
import { readHtml } from '../../core/text/html';
import { paragraphsToDoc, textToDocReport, type DroppedLine } from '../../core/text/toDoc';
import { CLEANING_LABELS, type Cleaning, type CleaningKind } from '../../core/text/clean';
import { checkTextLimits, decodeTextBytes } from './decode';
import type { DocxImportOptions } from '../docx/import';

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
      // the structure is recognised when the document or the notes are first asked for: a command that only
      // needs the text (a check, a proofread) skips it (~20 ms for a 20,000-character speech)
      let report: ReturnType<typeof textToDocReport> | undefined;
      let notes: string[] | undefined;
      const recognised = () => (report ??= textToDocReport(text));
      return {
        text,
        get doc() {
          return recognised().doc;
        },
        get notes() {
          const { dropped, cleanings } = recognised();
          return (notes ??= [`编码 encoding: ${encoding}${bom ? ' (BOM)' : ''}`, ...cleaningNotes(cleanings), ...droppedNotes(dropped)]);
        },
      };
    }
    case '.docx': {
      // loaded for a .docx only: a command given text starts without the Word reader (zip, XML parser)
      const { importDocx } = await import('../docx/import');
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

/** Where and what, for a report line: the first ten as 第N行「text」 (text cut at 40 characters), then how many more. */
function atLines(items: { line: number; text?: string }[], unit: string): string {
  const one = (x: { line: number; text?: string }) =>
    x.text === undefined ? `第${x.line}行` : `第${x.line}行「${x.text.length > 40 ? `${x.text.slice(0, 40)}…` : x.text}」`;
  return items.slice(0, 10).map(one).join('；') + (items.length > 10 ? `；另 ${items.length - 10} ${unit}` : '');
}

/** Report lines: every line a .txt import left out, by line number and text (nothing is dropped unsaid). */
function droppedNotes(dropped: DroppedLine[]): string[] {
  const before = dropped.filter((d) => d.why === 'before-title');
  const repeated = dropped.filter((d) => d.why === 'repeated-title');
  const notes: string[] = [];
  if (before.length) notes.push(`标题前的 ${before.length} 行未导入（网站导航、简报报头等；原文件未改动）：${atLines(before, '行')}`);
  if (repeated.length) notes.push(`重复的标题行未导入：${atLines(repeated, '行')}`);
  return notes;
}

/** What removes text (named with lines and the text removed); the other cleanings only reshape it and are counted. */
const REMOVING: CleaningKind[] = ['watermark-line', 'watermark', 'page-number', 'page-number-line', 'duplicate-line', 'zero-width'];

/** Report lines for the defect cleaner's changes to a .txt: what was removed, where, and what only reshaped. */
function cleaningNotes(cleanings: Cleaning[]): string[] {
  const notes: string[] = [];
  for (const kind of REMOVING) {
    const cs = cleanings.filter((c) => c.kind === kind);
    if (!cs.length) continue;
    const where = cs.map((c) => ({ line: c.line, text: kind === 'zero-width' ? undefined : c.original.replace(/^\n+|\n+$/g, '').replace(/\n/g, '↵') }));
    notes.push(`${CLEANING_LABELS[kind]} ${cs.length} 处：${atLines(where, '处')}`);
  }
  const reshaped = (['heading-split', 'stray-space', 'line-join'] as const)
    .map((kind) => [kind, cleanings.filter((c) => c.kind === kind).length] as const)
    .filter(([, n]) => n > 0);
  if (reshaped.length) notes.push(`整理：${reshaped.map(([kind, n]) => `${CLEANING_LABELS[kind]} ${n} 处`).join('、')}`);
  return notes;
}
