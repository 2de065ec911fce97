import path from 'node:path';
import { ApiError } from '../../contract/define';
import { hasExtension, LIBRARY_EXTENSIONS, LIBRARY_KINDS_LABEL } from '../../contract/fileKinds';
import { cleanText, splitBundle, sliceMap, type Cleaning, type OffsetMap } from '../../core/text/index';
import { decodeTextBytes } from '../import/decode';
import { readDocument, MAX_IMPORT_BYTES } from '../import/readDocument';

/** One document read from a library file, cleaned, with the way back to the file's own text. */
export interface SourcePart {
  title: string;
  /** Cleaned text: what is indexed and shown. */
  text: string;
  /** Cleaned offsets of `text` → offsets in the file's text (see `rawKind`). */
  offsetMap: OffsetMap;
  cleanings: Cleaning[];
  /** 第N篇 of a bundled .txt. */
  part?: number;
  /** 1-based line of a .jsonl file. */
  line?: number;
  /** Given by a .jsonl row (speaker/author, date/year). */
  speaker?: string;
  date?: string;
}

export interface ReadSourceResult {
  parts: SourcePart[];
  /** Lines of a .jsonl that could not be read; the rest was read. */
  problems: { line?: number; message: string }[];
  encoding?: string;
  /** What the offsets of offsetMap refer to: the decoded file text, a .docx's or web page's extracted text, or a .jsonl line's `content`. */
  rawKind: 'text' | 'docx-text' | 'html-text' | 'jsonl-content';
}

/** A file the 素材库 reads (contract/fileKinds.ts: the documents import reads, and .jsonl). */
export function isLibraryFile(name: string): boolean {
  return hasExtension(name, LIBRARY_EXTENSIONS);
}

function baseTitle(name: string): string {
  return path.basename(name).replace(/\.[^.]+$/, '') || '未命名文档';
}

/** Clean a text and split it into its bundled speeches, keeping each part's map back to the raw text. */
export function cleanAndSplit(raw: string, fallbackTitle: string): SourcePart[] {
  const cleaned = cleanText(raw);
  const parts = splitBundle(cleaned.text, fallbackTitle);
  return parts
    .filter((p) => p.text.trim() !== '')
    .map((p, i, all) => {
      // a cleaning belongs to the part whose raw range contains it (anything between two parts to the first)
      const map = sliceMap(cleaned.offsetMap, p.start, p.end);
      const rawStart = i === 0 ? 0 : map.r[0];
      const next = all[i + 1];
      const rawEnd = next ? sliceMap(cleaned.offsetMap, next.start, next.end).r[0] : raw.length + 1;
      const cleanings = cleaned.changes.filter((c) => c.at >= rawStart && c.at < rawEnd);
      return { title: p.title, text: p.text, offsetMap: map, cleanings, ...(p.number ? { part: p.number } : {}) };
    });
}

/**
 * Read one library file: .txt (UTF-8, UTF-16 with BOM, GB18030/GBK; bundles split), .docx, .html, or .jsonl
 * (one {"title","content",…} per line; bad lines reported by number and skipped).
 */
export async function readLibrarySource(name: string, bytes: Uint8Array): Promise<ReadSourceResult> {
  if (bytes.length > MAX_IMPORT_BYTES * 4) throw new ApiError('too-large', `文件过大：${name}`);
  const ext = path.extname(name).toLowerCase();
  const fallback = baseTitle(name);
  if (ext === '.jsonl') return readJsonl(name, bytes);
  if (ext === '.docx') {
    const read = await readDocument(name, bytes);
    return { parts: cleanAndSplit(read.text, fallback), problems: [], rawKind: 'docx-text' };
  }
  if (ext === '.html' || ext === '.htm') {
    // a web page (Word's 另存为网页, LibreOffice's HTML): its paragraphs' text, one a line, as import reads it
    const read = await readDocument(name, bytes);
    return { parts: cleanAndSplit(read.text, fallback), problems: [], rawKind: 'html-text' };
  }
  if (ext === '.txt' || ext === '.text' || ext === '.md') {
    const { text, encoding, bom } = decodeTextBytes(bytes);
    return { parts: cleanAndSplit(text, fallback), problems: [], encoding: `${encoding}${bom ? ' (BOM)' : ''}`, rawKind: 'text' };
  }
  throw new ApiError('unsupported', `不支持的文件类型：${ext || name}（素材库支持 ${LIBRARY_KINDS_LABEL}）`);
}

function readJsonl(name: string, bytes: Uint8Array): ReadSourceResult {
  const { text, encoding } = decodeTextBytes(bytes);
  const parts: SourcePart[] = [];
  const problems: { line?: number; message: string }[] = [];
  const lines = text.split('\n');
  lines.forEach((rawLine, i) => {
    const line = i + 1;
    if (rawLine.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(rawLine);
    } catch (err) {
      problems.push({ line, message: `第 ${line} 行不是有效的 JSON (${(err as Error).message.slice(0, 80)})` });
      return;
    }
    if (!row || typeof row !== 'object' || typeof (row as { content?: unknown }).content !== 'string') {
      problems.push({ line, message: `第 ${line} 行缺少文本字段 content` });
      return;
    }
    const r = row as { title?: unknown; content: string; speaker?: unknown; author?: unknown; date?: unknown; year?: unknown };
    if (r.content.trim() === '') {
      problems.push({ line, message: `第 ${line} 行的 content 为空` });
      return;
    }
    const title = typeof r.title === 'string' && r.title.trim() ? r.title.trim() : `${baseTitle(name)} 第${line}行`;
    const cleaned = cleanText(r.content);
    const speaker = [r.speaker, r.author].find((v): v is string => typeof v === 'string' && v.trim() !== '')?.trim();
    const date = typeof r.date === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(r.date.trim()) ? r.date.trim() : /^\d{4}$/.test(String(r.year ?? '')) ? String(r.year) : undefined;
    parts.push({ title, text: cleaned.text, offsetMap: cleaned.offsetMap, cleanings: cleaned.changes, line, ...(speaker ? { speaker } : {}), ...(date ? { date } : {}) });
  });
  return { parts, problems, encoding, rawKind: 'jsonl-content' };
}
