import { Blocks } from '../model/block';
import { docToText, locate } from '../model/text';
import type { HeadingLevel, SpeechDoc } from '../model/types';
import { chineseNumeral } from '../model/numbering';
import { findEnumerations, type Enumeration } from '../text/enumerations';
import { typedNumberPrefix } from '../text/numbers';
import { parseSpeech } from '../text/parse';
import { segOf, spanOf, type Seg } from '../text/seg';

export type FindingKind =
  /** Heading numbers or 一是/二是 markers skipped, repeated or out of order. */
  | 'numbering'
  /** A heading level skipped (一、 directly followed by 1.). */
  | 'level-skip'
  /** Different written forms of numbers at one level (`(一)` and `（一）`, `1.` and `1、`). */
  | 'mixed-style'
  /** GB/T 9704: no punctuation at the end of a heading. */
  | 'heading-punctuation'
  /** A heading with no body under it. */
  | 'empty-section'
  /** A template section missing from a draft made from the template. */
  | 'template-missing'
  /** Template sections in another order than the template's. */
  | 'template-order'
  /** A heading number typed into a heading's text (numbers are generated). */
  | 'typed-number';

export interface Finding {
  kind: FindingKind;
  severity: 'error' | 'warning' | 'info';
  /** Chinese, for the writer. */
  message: string;
  /** Text input: offsets in the text. */
  start?: number;
  end?: number;
  /** Document input: block and offset inside its text. */
  blockIndex?: number;
  offset?: number;
  length?: number;
}

/** What lint needs to know of a template (see src/core/templates). */
export interface LintTemplate {
  id: string;
  name?: string;
  sections: { id: string; heading: string; optional?: boolean }[];
}

const LEVEL_NAMES: Record<HeadingLevel, string> = { 1: '一级标题', 2: '二级标题', 3: '三级标题', 4: '四级标题' };
const END_PUNCT_RE = /[。，、；：！？,.;:!?]$/u;

function numLabel(level: HeadingLevel, v: number, style: string): string {
  const n = level <= 2 ? chineseNumeral(v) : String(v);
  return style.includes('X') ? style.replace('X', n) : style.includes('N') ? style.replace('N', n) : n;
}

interface Numbered {
  value: number;
  label: (v: number) => string;
  written: string;
  where: { start: number; end: number };
}

/** Check one sequence that should run 1, 2, 3 …; returns findings with the sequence's own wording. */
function checkSequence(items: Numbered[], what: string): Omit<Finding, 'kind'>[] {
  const out: Omit<Finding, 'kind'>[] = [];
  // A stack of runs: a `1` after other numbers opens a nested run (a list restarting inside a part, as in
  // the 1980s 政府工作报告); a number continuing an outer run closes the inner ones.
  const stack: number[] = [0];
  for (const it of items) {
    const prev = stack[stack.length - 1];
    const expected = prev + 1;
    if (it.value === expected) {
      stack[stack.length - 1] = it.value;
      continue;
    }
    if (it.value === 1) {
      stack.push(1);
      continue;
    }
    const outer = stack.length > 1 ? stack.lastIndexOf(it.value - 1, stack.length - 2) : -1;
    if (outer >= 0) {
      stack.length = outer + 1;
      stack[outer] = it.value;
      continue;
    }
    const missingList = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => `“${it.label(from + k)}”`).join('');
    if (it.value === prev) {
      out.push({ severity: 'error', message: `${what}编号重复：“${it.written}”与上一项相同，应为“${it.label(expected)}”`, ...it.where });
    } else if (it.value > expected) {
      out.push({ severity: 'error', message: `${what}编号跳号：“${it.written}”之前缺少${missingList(expected, it.value)}`, ...it.where });
    } else {
      out.push({ severity: 'error', message: `${what}编号顺序颠倒：“${it.written}”出现在“${it.label(prev)}”之后`, ...it.where });
    }
    stack[stack.length - 1] = Math.max(prev, it.value);
  }
  return out;
}

function enumerationFindings(e: Enumeration): Omit<Finding, 'kind'>[] {
  const label = (v: number) => (e.kind === '第一' ? `第${chineseNumeral(v)}` : `${chineseNumeral(v)}${e.kind === '一是' ? '是' : '要'}`);
  return checkSequence(
    e.items.map((it) => ({ value: it.value, label, written: it.marker.replace(/[，,、：:]$/u, ''), where: { start: it.start, end: it.start + it.marker.length } })),
    `“${e.kind}”列举`,
  );
}

/** Structure findings on a plain-text speech (numbering as written, enumerations, headings, sections). */
export function lintText(text: string): Finding[] {
  const { units } = parseSpeech(text);
  const out: Finding[] = [];

  // Numbering sequences: each level restarts under a new heading of a shallower level.
  const counters: Numbered[][] = [[], [], [], [], []];
  const flushLevel = (level: number) => {
    for (let l = level; l <= 4; l++) {
      const seq = counters[l];
      if (seq.length) out.push(...checkSequence(seq, LEVEL_NAMES[l as HeadingLevel]).map((f) => ({ kind: 'numbering' as const, ...f })));
      counters[l] = [];
    }
  };
  let prevLevel = 0;
  const styles = new Map<number, { style: string; written: string }>();
  for (const h of units) {
    // Numbered list items (paragraphs starting with a number) continue the sequence of their level, but
    // being inside a section they do not restart deeper levels.
    if (h.kind === 'paragraph' && h.num) {
      const n = h.num;
      counters[n.level].push({ value: n.value, label: (v) => numLabel(n.level, v, n.style), written: n.numbering, where: spanOf(h.seg, 0, n.length) });
      continue;
    }
    if (h.kind !== 'heading') continue;
    flushLevel(h.level + 1);
    const where = spanOf(h.seg);
    counters[h.level].push({ value: h.num.value, label: (v) => numLabel(h.level, v, h.num.style), written: h.num.numbering, where });
    if (h.level > prevLevel + 1 && (prevLevel > 0 || h.level >= 3)) {
      out.push({
        kind: 'level-skip',
        severity: 'warning',
        message: `标题层级跳级：“${h.num.numbering}”（${LEVEL_NAMES[h.level]}）直接出现在${prevLevel ? LEVEL_NAMES[prevLevel as HeadingLevel] + '之后' : '文首'}，缺少${LEVEL_NAMES[(h.level - 1) as HeadingLevel]}`,
        ...where,
      });
    }
    prevLevel = h.level;
    const first = styles.get(h.level);
    if (!first) styles.set(h.level, { style: h.num.style, written: h.num.numbering });
    else if (first.style !== h.num.style) {
      out.push({
        kind: 'mixed-style',
        severity: 'warning',
        message: `同一层级编号写法不一致：“${h.num.numbering}”与前文“${first.written}”不同`,
        ...where,
      });
    }
    if (h.endPunct) {
      out.push({
        kind: 'heading-punctuation',
        severity: 'warning',
        message: `标题末尾不应有标点（GB/T 9704）：“${h.textSeg.text.slice(-12)}”`,
        start: where.end - 1,
        end: where.end,
      });
    }
  }
  flushLevel(1);

  // Empty sections: a heading followed by a heading of the same or a shallower level, or by the end.
  units.forEach((u, i) => {
    if (u.kind !== 'heading') return;
    const next = units.slice(i + 1).find((n) => n.kind === 'heading' || n.kind === 'paragraph');
    if (!next || (next.kind === 'heading' && next.level <= u.level)) {
      out.push({ kind: 'empty-section', severity: 'warning', message: `“${u.num.numbering}${u.textSeg.text.slice(0, 20)}”下没有正文`, ...spanOf(u.seg) });
    }
  });

  // Enumerations, per section.
  let paras: Seg[] = [];
  const flushParas = () => {
    for (const e of findEnumerations(paras)) out.push(...enumerationFindings(e).map((f) => ({ kind: 'numbering' as const, ...f })));
    paras = [];
  };
  for (const u of units) {
    if (u.kind === 'heading') flushParas();
    else if (u.kind === 'paragraph') paras.push(u.seg);
  }
  flushParas();

  return out.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}

/** Structure findings on a document (heading numbers are generated, so only their levels can go wrong). */
export function lintDoc(doc: SpeechDoc, opts: { template?: LintTemplate | null } = {}): Finding[] {
  const out: Finding[] = [];
  const blocks = doc.blocks;
  let prevLevel = 0;
  blocks.forEach((b, i) => {
    if (!Blocks.isHeading(b)) return;
    const text = Blocks.text(b);
    const trimmed = text.trim();
    if (b.level > prevLevel + 1 && (prevLevel > 0 || b.level >= 3)) {
      out.push({
        kind: 'level-skip',
        severity: 'warning',
        message: `标题层级跳级：${LEVEL_NAMES[b.level]}直接出现在${prevLevel ? LEVEL_NAMES[prevLevel as HeadingLevel] + '之后' : '文首'}`,
        blockIndex: i,
        offset: 0,
        length: text.length,
      });
    }
    prevLevel = b.level;
    const typed = typedNumberPrefix(trimmed);
    if (typed && trimmed.length > typed.length) {
      out.push({
        kind: 'typed-number',
        severity: 'info',
        message: `标题中手工输入了编号“${typed.numbering}”，编号会自动生成，请删去`,
        blockIndex: i,
        offset: text.indexOf(typed.numbering),
        length: typed.numbering.length,
      });
    }
    if (trimmed && END_PUNCT_RE.test(trimmed)) {
      const at = text.lastIndexOf(trimmed[trimmed.length - 1]);
      out.push({ kind: 'heading-punctuation', severity: 'warning', message: `标题末尾不应有标点（GB/T 9704）：“${trimmed.slice(-12)}”`, blockIndex: i, offset: at, length: 1 });
    }
    // Empty section: nothing with text before the next heading of the same or a shallower level.
    let hasBody = false;
    let placeholder = false;
    for (let k = i + 1; k < blocks.length; k++) {
      const n = blocks[k];
      if (n.guidance && Blocks.isEmpty(n)) placeholder = true;
      if (Blocks.isHeading(n)) {
        if (n.level <= b.level) break;
        hasBody = true;
        break;
      }
      if (!Blocks.isEmpty(n)) {
        hasBody = true;
        break;
      }
    }
    if (!hasBody) {
      out.push({
        kind: 'empty-section',
        severity: trimmed && !placeholder ? 'warning' : 'info',
        message: placeholder
          ? `“${trimmed.slice(0, 20)}”下还没有正文（按灰色提示填写）`
          : trimmed
            ? `“${trimmed.slice(0, 20)}”下没有正文`
            : `第${i + 1}段是空标题，下面也没有正文`,
        blockIndex: i,
        offset: 0,
        length: text.length,
      });
    }
  });

  // Enumerations per section, located through the plain text.
  const pt = docToText(doc);
  let paras: Seg[] = [];
  const flushParas = () => {
    for (const e of findEnumerations(paras)) {
      for (const f of enumerationFindings(e)) {
        const loc = locate(pt, f.start ?? 0);
        out.push({ kind: 'numbering', severity: f.severity, message: f.message, blockIndex: loc?.blockIndex, offset: loc?.offset, length: (f.end ?? 0) - (f.start ?? 0) });
      }
    }
    paras = [];
  };
  blocks.forEach((b, i) => {
    if (Blocks.isHeading(b)) return flushParas();
    if (b.type !== 'paragraph') return;
    const span = pt.spans[i];
    paras.push(segOf(pt.text, span.start, span.end));
  });
  flushParas();

  if (opts.template) out.push(...templateFindings(doc, opts.template));
  return out.sort((a, b) => (a.blockIndex ?? 0) - (b.blockIndex ?? 0) || (a.offset ?? 0) - (b.offset ?? 0));
}

/** Compare the draft's level-1 sections (by sectionId) with the template's sections. */
export function templateFindings(doc: SpeechDoc, template: LintTemplate): Finding[] {
  const out: Finding[] = [];
  const present: { id: string; blockIndex: number }[] = [];
  doc.blocks.forEach((b, i) => {
    if (Blocks.isHeading(b) && b.level === 1 && b.sectionId) present.push({ id: b.sectionId, blockIndex: i });
  });
  const order = template.sections.map((s) => s.id);
  const tname = template.name ? `模板“${template.name}”` : '模板';
  for (const s of template.sections) {
    if (s.optional || present.some((p) => p.id === s.id)) continue;
    // Anchor at the heading that should follow it, else at the end.
    const after = present.find((p) => order.indexOf(p.id) > order.indexOf(s.id));
    const anchor = after?.blockIndex ?? Math.max(0, doc.blocks.length - 1);
    out.push({ kind: 'template-missing', severity: 'warning', message: `缺少${tname}中的“${s.heading}”部分`, blockIndex: anchor, offset: 0, length: 0 });
  }
  let maxPos = -1;
  let maxId = '';
  for (const p of present) {
    const pos = order.indexOf(p.id);
    if (pos < 0) continue;
    if (pos < maxPos) {
      const s = template.sections[pos];
      const before = template.sections[order.indexOf(maxId)];
      out.push({
        kind: 'template-order',
        severity: 'warning',
        message: `“${s.heading}”部分按${tname}应在“${before.heading}”之前`,
        blockIndex: p.blockIndex,
        offset: 0,
        length: Blocks.text(doc.blocks[p.blockIndex]).length,
      });
    } else {
      maxPos = pos;
      maxId = p.id;
    }
  }
  return out;
}
