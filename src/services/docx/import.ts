// .docx → SpeechDoc. The file is checked first (encrypted / not a zip / damaged / zip bomb → a clear error),
// then its XML is read directly (wordRead.ts). Heading levels come from the paragraph's outline level, its
// heading style (heading N / 标题 N, or a style with an outline level), else from the text core's
// recognition of the written (or automatically numbered) number. Heading numbers are stripped: they are
// generated. Every conversion (numbers, tables, notes, comments, tracked changes…) is in the notes.
import { ApiError } from '../../contract/define';
import type { HeadingLevel, SpeechDoc } from '../../core/model/types';
import type { LineHint } from '../../core/text/parse';
import { paragraphsToDoc as recognise } from '../../core/text/toDoc';
import { readWordParagraphs, type DocxParagraph, type RevisionChoice, type WordReadStats } from './wordRead';

export type { DocxParagraph, RevisionChoice } from './wordRead';

// The zip-bomb guard lives in zipGuard.ts (it follows the package's relationships); re-exported here.
export { checkDocx, DOCX_LIMITS } from './zipGuard';
import { checkDocx } from './zipGuard';

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

/** What a paragraph's style says it is: outline level (paragraph, then style), heading style, Title… */
function hintOf(p: DocxParagraph): LineHint | undefined {
  if (p.source) return { role: 'paragraph' };
  if (p.outlineLevel !== undefined && p.outlineLevel >= 0 && p.outlineLevel <= 8) return { level: Math.min(4, p.outlineLevel + 1) as HeadingLevel };
  const level = headingLevelOfStyle(p);
  if (level) return { level };
  if (isStyle(p, 'Title', '标题')) return { role: 'title' };
  if (isStyle(p, 'Speech Byline', 'Subtitle', '副标题')) return { role: 'byline' };
  if (isStyle(p, 'Speech Salutation')) return { role: 'salutation' };
  if (p.outlineLevel === 9 && p.numberLabel) return { role: 'paragraph' };
  return undefined;
}

/** Paragraphs → document: styles and outline levels where the file has them, the text core's recognition otherwise. */
export function paragraphsToDoc(paragraphs: DocxParagraph[]): SpeechDoc {
  const ps = paragraphs
    .map((p) => ({ ...p, text: p.text.replace(/\r\n?/g, '\n').replace(/^[\s\u3000]+|[\s\u3000]+$/gu, '') }))
    .filter((p) => p.text !== '');
  // A centred first paragraph is the title, centred ones right after it the byline.
  let front = true;
  const hinted = ps.map((p, i) => {
    const hint = hintOf(p);
    if (hint || p.alignment !== 'center' || !front) {
      front = front && (hint?.role === 'title' || hint?.role === 'byline');
      return { text: p.text, hint };
    }
    return { text: p.text, hint: { role: i === 0 ? 'title' : 'byline' } as LineHint };
  });
  return recognise(hinted.map((p) => ({ text: p.hint?.role === 'title' ? p.text : p.text.replace(/\n/g, ''), hint: p.hint })));
}

export interface DocxImport {
  doc: SpeechDoc;
  /** The document's text, one paragraph a line (what offsets refer to). */
  text: string;
  notes: string[];
}

export interface DocxImportOptions {
  /** Tracked changes: `accept` all (default: the final text Word shows) or `reject` all (the original). */
  revisions?: RevisionChoice;
}

const clip = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The import report: one line per kind of conversion, nothing left unsaid. */
export function importNotes(paragraphs: DocxParagraph[], stats: WordReadStats, revisions: RevisionChoice): string[] {
  const body = paragraphs.filter((p) => !p.source && p.text.trim() !== '');
  const outline = body.filter((p) => p.outlineLevel !== undefined && p.outlineLevel <= 8 && headingLevelOfStyle(p) === null).length;
  const styled = body.some((p) => headingLevelOfStyle(p) !== null);
  const by = [styled ? '标题样式' : '', outline ? '大纲级别' : '', stats.numbered ? '自动编号' : '', '文字编号'].filter(Boolean).join('、');
  const notes = [`Word 文档：${body.length} 段，按${by}识别层级`];
  if (outline) notes.push(`大纲级别：${outline} 段按段落或样式的大纲级别作为标题`);
  if (stats.numbered) notes.push(`自动编号：${stats.numbered} 段的编号（如「一、」「（一）」「一是」）已写成文字；作标题编号的去掉（编号自动生成），正文里的「一是」等序号保留为文字`);
  if (stats.bullets) notes.push(`项目符号：${stats.bullets} 段的符号未导入，文字保留`);
  if (stats.tables) notes.push(`表格：${stats.tables} 个（${stats.tableRows} 行）已转为段落，每行一段，单元格之间以「；」分隔`);
  if (stats.footnotes || stats.endnotes) {
    notes.push(`脚注 ${stats.footnotes} 条、尾注 ${stats.endnotes} 条：已作为「注：」段落放在所在段落之后`);
  }
  if (stats.textboxes) notes.push(`文本框：${stats.textboxes} 个，其中的文字作为段落放在所在段落之后`);
  if (stats.images) notes.push(`图片：${stats.images} 个未导入（只导入文字）`);
  if (stats.insertions || stats.deletions || stats.formatChanges) {
    const counts = `插入 ${stats.insertions} 处、删除 ${stats.deletions} 处${stats.formatChanges ? `、格式修改 ${stats.formatChanges} 处` : ''}`;
    notes.push(
      revisions === 'accept'
        ? `修订：${counts}，已按「接受所有修订」导入（Word 显示的最终稿：插入的文字保留，删除的文字未导入${stats.formatChanges ? '，格式按修改后' : ''}）`
        : `修订：${counts}，已按「拒绝所有修订」导入（原稿：插入的文字未导入，删除的文字保留${stats.formatChanges ? '，格式按修改前（如标题层级）' : ''}）`,
    );
  }
  if (stats.comments.length) {
    notes.push(`批注：${stats.comments.length} 条（不进入正文），内容如下`);
    stats.comments.forEach((c, i) => notes.push(`  批注 ${i + 1}${c.author ? `（${c.author}）` : ''}：「${clip(c.text, 60)}」，批注于「${clip(c.anchor)}」`));
  }
  return notes;
}

/** The tracked changes of a .docx (checked as for import), so the writer can choose before importing. */
export async function docxRevisionCounts(bytes: Uint8Array, name = '文件'): Promise<{ insertions: number; deletions: number; formatChanges: number }> {
  const zip = await checkDocx(bytes, name);
  try {
    const { stats } = await readWordParagraphs(zip, name, 'accept');
    return { insertions: stats.insertions, deletions: stats.deletions, formatChanges: stats.formatChanges };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('damaged', `${name} 内容已损坏，无法读取，未作任何改动`, (err as Error).message);
  }
}

/** Read a .docx file's bytes into a document; refuses damaged, encrypted, non-zip and zip-bomb files. */
export async function importDocx(bytes: Uint8Array, name = '文件', opts: DocxImportOptions = {}): Promise<DocxImport> {
  const zip = await checkDocx(bytes, name);
  const revisions = opts.revisions ?? 'accept';
  let read;
  try {
    read = await readWordParagraphs(zip, name, revisions);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('damaged', `${name} 内容已损坏，无法读取，未作任何改动`, (err as Error).message);
  }
  const { paragraphs, stats } = read;
  const doc = paragraphsToDoc(paragraphs);
  const text = paragraphs
    .map((p) => p.text.trim())
    .filter((t) => t !== '')
    .join('\n');
  return { doc, text, notes: importNotes(paragraphs, stats, revisions) };
}
