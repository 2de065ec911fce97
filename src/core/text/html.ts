import type { HeadingLevel } from '../model/types';
import { isTitleLike } from './front';
import type { LineHint } from './parse';
import { paragraphsToBlocks, type SourceParagraph } from './toDoc';
import type { Block } from '../model/types';

// HTML → paragraphs with the hints their markup gives, by plain string parsing (no DOM: this runs in the
// core, for `speechdraft open FILE.html`, .html import and the editor's paste alike). Understands Word's
// clipboard HTML and 「另存为网页」 files: <h1>–<h4>, mso-outline-level, MsoTitle/MsoSubtitle, list
// numbers Word writes as text (<![if !supportLists]>一、<![endif]>), tables (one paragraph per row), and
// footnotes/endnotes as Word (_ftn1, mso-element:footnote) and LibreOffice (sdfootnote1) write them: the
// reference mark is dropped and the note follows its paragraph as a 「注：」 paragraph, as in Word import.

export interface HtmlRead {
  paragraphs: SourceParagraph[];
  /** What was converted, for the import report. */
  notes: string[];
}

const ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’',
  mdash: '—', ndash: '–', hellip: '…', middot: '·', emsp: ' ', ensp: ' ', thinsp: ' ', times: '×', divide: '÷',
  copy: '©', reg: '®', bull: '•', laquo: '«', raquo: '»', yen: '¥', deg: '°', plusmn: '±',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/gu, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const BLOCK_TAGS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'section', 'article', 'header', 'footer', 'center', 'dt', 'dd', 'address', 'caption']);
const SKIP_TAGS = new Set(['style', 'script', 'head', 'xml', 'template', 'noscript', 'title', 'svg', 'object']);
const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef“”‘’';
const CJK_SPACE = new RegExp(`(?<=[${CJK}]) (?=[${CJK}])`, 'gu');

interface Open {
  tag: string;
  hint?: LineHint;
}

/** A note reference (`ref`) or a note's own back-link mark (`sym`) in Word's or LibreOffice's HTML. */
function noteAnchor(attrs: string): { kind: 'ref' | 'sym'; key: string } | null {
  const lo = /class\s*=\s*["']?sd(foot|end)note(anc|sym)\b/iu.exec(attrs);
  const href = /href\s*=\s*["']?#_?(sd(?:foot|end)note\d+|ftn\d+|edn\d+|ftnref\d+|ednref\d+)(?:anc|sym)?\b/iu.exec(attrs)?.[1];
  if (lo && href) return { kind: lo[2].toLowerCase() === 'anc' ? 'ref' : 'sym', key: href.toLowerCase() };
  if (!href) return null;
  const w = /^(ftn|edn)(ref)?(\d+)$/iu.exec(href);
  return w ? { kind: w[2] ? 'sym' : 'ref', key: `${w[1].toLowerCase()}${w[3]}` } : null;
}

/** The key of a note's body (<div id="sdfootnote1"> or Word's <div style='mso-element:footnote' id=ftn1>), or null. */
function noteBody(tag: string, attrs: string): string | null {
  if (tag !== 'div') return null;
  const id = /\bid\s*=\s*["']?(sd(?:foot|end)note\d+|ftn\d+|edn\d+)\b/iu.exec(attrs)?.[1];
  if (!id) return null;
  return /^sd/iu.test(id) || /mso-element\s*:\s*(foot|end)note\b/iu.test(attrs) ? id.toLowerCase() : null;
}

function hintOfTag(tag: string, attrs: string): LineHint | undefined {
  const h = /^h([1-6])$/u.exec(tag);
  const cls = /\bclass\s*=\s*["']?([\w\s-]+)/iu.exec(attrs)?.[1] ?? '';
  const outline = /mso-outline-level\s*:\s*(\d)/iu.exec(attrs);
  if (/\bMsoTitle\b/iu.test(cls)) return { role: 'title' };
  if (/\bMsoSubtitle\b/iu.test(cls)) return { role: 'byline' };
  if (outline) return { level: Math.min(4, Math.max(1, Number(outline[1]))) as HeadingLevel };
  if (h) return { level: Math.min(4, Number(h[1])) as HeadingLevel };
  return undefined;
}

/** Read HTML (a file or the clipboard's text/html) into paragraphs. */
export function readHtml(html: string): HtmlRead {
  // LibreOffice writes a document's comments (批注) as HTML comments inside the text: listed in the report.
  const body = html.search(/<body\b/iu);
  const comments = /<meta\s[^>]*content\s*=\s*["']?LibreOffice/iu.test(html) && body >= 0
    ? [...html.slice(body).matchAll(/<!--([\s\S]*?)-->/gu)].map((m) => decodeEntities(m[1]).replace(/\s+/gu, ' ').trim()).filter((c) => c !== '' && !/^\[(?:if|endif)/iu.test(c))
    : [];
  // Word's clipboard fragment markers and conditional comments: keep what is inside <![if …]> (list
  // numbers), drop real comments (<!--[if gte mso 9]><xml>…</xml><![endif]--> and others).
  const src = html
    .replace(/<!--\s*(?:StartFragment|EndFragment)\s*-->/giu, '')
    .replace(/<!\[(?:if[^\]]*|endif)\]>/giu, '')
    .replace(/<!--[\s\S]*?-->/gu, '')
    .replace(/<!DOCTYPE[^>]*>/giu, '');
  const paragraphs: SourceParagraph[] = [];
  let tables = 0;
  let rows = 0;
  let images = 0;
  let text = '';
  let cells: string[] | null = null;
  let skip = 0;
  const stack: Open[] = [];
  // notes: references waiting for their paragraph, paragraph index → note keys, each note's paragraphs
  let pendingRefs: string[] = [];
  const refsAfter = new Map<number, string[]>();
  const noteTexts = new Map<string, string[]>();
  let note: { key: string; depth: number } | null = null;
  let inMark = false;
  const attachRefs = () => {
    if (pendingRefs.length === 0 || paragraphs.length === 0) return;
    const at = paragraphs.length - 1;
    refsAfter.set(at, [...(refsAfter.get(at) ?? []), ...pendingRefs]);
    pendingRefs = [];
  };
  const currentHint = () => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i].hint) return stack[i].hint;
    return undefined;
  };
  const flush = () => {
    const t = text.replace(/[ \t\r\n\f]+/gu, ' ').replace(CJK_SPACE, '');
    text = '';
    if (cells) {
      if (t.trim() !== '') cells.push(t.trim());
      return;
    }
    if (note) {
      if (t.trim() !== '') noteTexts.set(note.key, [...(noteTexts.get(note.key) ?? []), t.replace(/\s*\n\s*/gu, '').trim()]);
      return;
    }
    const hint = currentHint();
    // <br> inside a paragraph separates its lines
    for (const line of t.split('\n')) {
      const l = line.trim();
      if (l !== '') paragraphs.push(hint ? { text: l, hint } : { text: l });
    }
    attachRefs();
  };
  const re = /<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+)|(<)/gu;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (m[4] !== undefined || m[5] !== undefined) {
      if (!skip && !inMark) text += decodeEntities((m[4] ?? m[5]).replace(/\u00a0/gu, ' '));
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    const attrs = m[3] ?? '';
    if (SKIP_TAGS.has(tag)) {
      if (!/\/\s*$/u.test(attrs)) skip = Math.max(0, skip + (closing ? -1 : 1));
      continue;
    }
    if (skip) continue;
    if (tag === 'br') {
      text += '\n';
      continue;
    }
    if (tag === 'a') {
      const a = closing ? null : noteAnchor(attrs);
      if (closing) inMark = false;
      else if (a) {
        inMark = true; // the mark ([1], ¹) is not text: the note follows its paragraph
        if (a.kind === 'ref' && !note) pendingRefs.push(a.key);
      }
      continue;
    }
    if (tag === 'img') {
      images++;
      continue;
    }
    if (tag === 'table' && !closing) tables++;
    if (tag === 'tr') {
      flush();
      if (!closing) cells = [];
      else if (cells) {
        const row = cells.join('；');
        cells = null;
        if (row !== '') {
          rows++;
          paragraphs.push({ text: row, hint: { role: 'paragraph' } });
          attachRefs();
        }
      }
      continue;
    }
    if (tag === 'td' || tag === 'th') {
      flush();
      continue;
    }
    if (BLOCK_TAGS.has(tag)) {
      flush();
      if (closing) {
        const at = stack.map((o) => o.tag).lastIndexOf(tag);
        if (at >= 0) stack.length = at;
        if (note && stack.length <= note.depth) note = null;
      } else {
        const key: string | null = note ? null : noteBody(tag, attrs);
        if (key) note = { key, depth: stack.length };
        stack.push({ tag, hint: hintOfTag(tag, attrs) });
      }
    }
  }
  flush();
  note = null;
  attachRefs();
  // Each note after the paragraph that refers to it (a note nobody refers to: at the end), as 「注：…」.
  let footnotes = 0;
  let endnotes = 0;
  if (noteTexts.size) {
    const placed = new Set<string>();
    const out: SourceParagraph[] = [];
    const put = (key: string) => {
      const t = noteTexts.get(key);
      if (!t || placed.has(key)) return;
      placed.add(key);
      if (/edn|endnote/u.test(key)) endnotes++;
      else footnotes++;
      out.push({ text: `注：${t.join('')}`, hint: { role: 'paragraph' } });
    };
    paragraphs.forEach((p, i) => {
      out.push(p);
      for (const k of refsAfter.get(i) ?? []) put(k);
    });
    for (const k of noteTexts.keys()) put(k);
    paragraphs.splice(0, paragraphs.length, ...out);
  }
  // A first <h1> that reads like a title (web pages put the title there) is the title.
  const first = paragraphs[0];
  if (first?.hint?.level === 1 && isTitleLike(first.text) && !paragraphs.some((p) => p.hint?.role === 'title')) paragraphs[0] = { text: first.text, hint: { role: 'title' } };
  const notes: string[] = [];
  if (tables) notes.push(`表格：${tables} 个（${rows} 行）已转为段落，每行一段，单元格之间以「；」分隔`);
  if (images) notes.push(`图片：${images} 个未导入（只导入文字）`);
  if (footnotes || endnotes) notes.push(`脚注 ${footnotes} 条、尾注 ${endnotes} 条：已作为「注：」段落放在所在段落之后`);
  if (comments.length) {
    notes.push(`批注：${comments.length} 条（不进入正文），内容如下`);
    comments.forEach((c, i) => notes.push(`  批注 ${i + 1}：「${c.length > 60 ? `${c.slice(0, 60)}…` : c}」`));
  }
  return { paragraphs, notes };
}

/** HTML → blocks, by the same recognition as text and Word import. */
export function htmlToBlocks(html: string): Block[] {
  return paragraphsToBlocks(readHtml(html).paragraphs);
}
