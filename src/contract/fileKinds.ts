// The one list of the files the app and the CLI read as documents (import, open, compare, 素材库): every file
// picker — the Electron open dialog's filters and the browser's <input type=file accept> — is built from it,
// and the services' readers (services/import/readDocument.ts, services/library/sources.ts) check against it.

/** Document files read by readDocument: plain text, Word, web pages (Word's 另存为网页, LibreOffice's HTML). */
export const DOCUMENT_EXTENSIONS = ['txt', 'text', 'md', 'docx', 'html', 'htm'] as const;

/** The 素材库 also reads .jsonl (one {"title","content",…} per line). */
export const LIBRARY_EXTENSIONS = [...DOCUMENT_EXTENSIONS, 'jsonl'] as const;

/** How a list of extensions is named in pickers and error messages. */
export const DOCUMENT_KINDS_LABEL = '.txt、.docx、.html';
export const LIBRARY_KINDS_LABEL = '.txt、.docx、.html、.jsonl';

const MIME_TYPES = ['text/plain', 'text/html', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'];

/** An `<input type=file>`'s accept attribute for these extensions (with the MIME types browsers report). */
export function acceptAttribute(extensions: readonly string[]): string {
  return [...extensions.map((e) => `.${e}`), ...MIME_TYPES].join(',');
}

/** The Electron open dialog's filter for documents (导入文件…). */
export const DOCUMENT_FILTER = { name: `文稿（${DOCUMENT_KINDS_LABEL}）`, extensions: [...DOCUMENT_EXTENSIONS] };

/** Whether a file name has one of these extensions (case-insensitive). */
export function hasExtension(name: string, extensions: readonly string[]): boolean {
  const m = /\.([^./\\]+)$/.exec(name);
  return !!m && extensions.includes(m[1].toLowerCase());
}
