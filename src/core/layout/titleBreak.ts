// Breaking a long 公文 title into balanced lines: between words (Intl.Segmenter's Chinese word breaks,
// ICU's dictionary), never inside one, never leaving a function word (的、和、在、关于 …) at a line end where
// another break will do, in the shape the writer chose — 梯形 (each line no shorter than the one above) or
// 菱形 (the middle line longest). A title with a manual line break ("\n", Shift+Enter) is kept as written.

export type TitleShape = 'trapezoid' | 'diamond';

export const TITLE_SHAPE_LABELS: Record<TitleShape, string> = { trapezoid: '梯形（上短下长）', diamond: '菱形（中间长）' };

export interface TitleBreakOptions {
  /** Characters a title line holds (CJK = 1, ASCII = ½). */
  maxChars: number;
  shape?: TitleShape;
  /** Word segmentation (default Intl.Segmenter('zh', { granularity: 'word' })). */
  segment?: (text: string) => string[];
}

/** Words that must not end a line: particles, conjunctions and prepositions that belong to what follows. */
const NO_LINE_END = new Set(['的', '和', '与', '及', '暨', '并', '在', '关于', '对', '对于', '为', '于', '把', '同', '跟', '以', '就', '从', '向', '将', '而', '或', '及其', '等', '之', '地', '得']);
/** Words that read badly at a line start (they close the phrase before them). */
const NO_LINE_START = new Set(['的', '之', '地', '得', '等', '了', '上', '中']);
/** Prepositions a new line starts well with (在全市…会议上的讲话, 关于…, 为…而奋斗): the occasion or aim. */
const PHRASE_START = new Set(['在', '关于', '为', '以', '把', '对', '向', '从', '同', '与']);
/** Verbs and adverbs that open a clause of a title (进一步全面深化改革, 开创…新局面). */
const CLAUSE_START = new Set([
  '进一步', '全面', '深入', '推动', '推进', '深化', '加快', '加强', '坚持', '坚定不移', '奋力', '努力', '着力', '持续', '切实',
  '认真', '扎实', '建设', '开创', '夺取', '决胜', '实现', '打造', '构建', '落实', '贯彻', '学习', '争做', '创建', '服务', '高举', '沿着',
]);
/** Nouns a phrase of a title often ends with (…全会精神 / …高质量发展 / …伟大旗帜). */
const PHRASE_END = new Set(['精神', '发展', '旗帜', '大会', '会议', '局面', '工作', '建设', '社会', '思想', '事业', '胜利', '目标', '任务', '要求', '讲话', '报告']);
/** Fixed terms that must stay on one line. */
const FIXED_TERMS = [
  '中国特色社会主义', '习近平新时代中国特色社会主义思想', '新时代', '高质量', '现代化', '小康社会', '科学发展观', '全国人民代表大会',
  '政府工作报告', '党中央', '一中全会', '二中全会', '三中全会', '四中全会', '五中全会', '六中全会', '七中全会', '全体会议',
];
const CLOSING = /^[，、。；：！？”’）》〉】」』,.;:!?)\]]+$/;
const OPENING = /^[“‘（《〈【「『([]+$/;

let segmenter: Intl.Segmenter | undefined;
function defaultSegment(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return [...segmenter.segment(text)].map((s) => s.segment);
}

/** Display width: CJK and full-width characters 1, ASCII ½. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\x20-\x7e]/.test(ch) ? 0.5 : 1;
  return w;
}

interface Token {
  text: string;
  /** The word proper (punctuation and spaces stripped), for the function-word tests. */
  word: string;
  /** Followed by a space (a break there drops the space). */
  space: boolean;
}

/** Words with punctuation glued on (a closing mark to the word before, an opening one to the word after). */
function tokens(text: string, segment: (t: string) => string[]): Token[] {
  const out: Token[] = [];
  let pendingOpen = '';
  for (const seg of segment(text)) {
    if (/^\s+$/.test(seg)) {
      if (out.length) out[out.length - 1].space = true;
      continue;
    }
    if (CLOSING.test(seg) && out.length && !pendingOpen) {
      out[out.length - 1].text += seg;
      continue;
    }
    if (OPENING.test(seg)) {
      pendingOpen += seg;
      continue;
    }
    out.push({ text: pendingOpen + seg, word: seg, space: false });
    pendingOpen = '';
  }
  if (pendingOpen) out.push({ text: pendingOpen, word: pendingOpen, space: false });
  return out;
}

/** Offsets strictly inside a fixed term (a break there would split it). */
function insideTerms(title: string): Set<number> {
  const inside = new Set<number>();
  for (const term of FIXED_TERMS) {
    for (let at = title.indexOf(term); at >= 0; at = title.indexOf(term, at + 1)) {
      for (let k = at + 1; k < at + term.length; k++) inside.add(k);
    }
  }
  return inside;
}

/** Cost of breaking after token i (before i + 1); `offset` is where the break falls in the title. */
function breakCost(ts: Token[], i: number, offset: number, inside: Set<number>): number {
  const a = ts[i];
  const b = ts[i + 1];
  // A plain break between two words costs a little: the shape then decides among equals.
  let c = 6;
  if (a.space) c -= 26;
  else if (/[，、；：,;:]$/.test(a.text)) c -= 18;
  else if (/[—–-]$/.test(a.text) || /^[—–-]/.test(b.text)) c -= 12;
  if (inside.has(offset)) c += 80;
  if (NO_LINE_END.has(a.word)) c += 40;
  if (NO_LINE_START.has(b.word)) c += 25;
  if (PHRASE_START.has(b.word)) c -= b.word === '在' ? 16 : 10;
  else if (CLAUSE_START.has(b.word)) c -= 10;
  if (PHRASE_END.has(a.word)) c -= 6;
  // A one-character word is usually half of a compound the segmenter split (高|质量, 二十|届): keep it on.
  if ([...a.word].length === 1 && !NO_LINE_END.has(a.word) && !a.space) c += 14;
  if ([...b.word].length === 1 && !PHRASE_START.has(b.word)) c += 14;
  return c;
}

function shapeCost(widths: number[], shape: TitleShape): number {
  const mean = widths.reduce((s, w) => s + w, 0) / widths.length;
  let c = widths.reduce((s, w) => s + (w - mean) ** 2, 0) * 0.4;
  const n = widths.length;
  const wants = (i: number): 'up' | 'down' => (shape === 'diamond' && n >= 3 && i >= Math.floor((n - 1) / 2) ? 'down' : 'up');
  for (let i = 0; i + 1 < n; i++) {
    const d = widths[i + 1] - widths[i];
    const wrong = wants(i) === 'up' ? -d : d;
    if (wrong > 0) c += 4 + wrong * 2;
  }
  return c;
}

/** The title's lines. One line when it fits; a manual "\n" wins over any computed break. */
export function breakTitle(text: string, opts: TitleBreakOptions): string[] {
  if (text.includes('\n')) return text.split('\n');
  const title = text.trim();
  const max = Math.max(4, opts.maxChars);
  if (textWidth(title) <= max) return [title];
  const ts = tokens(title, opts.segment ?? defaultSegment);
  const widths = ts.map((t) => textWidth(t.text));
  const lineOf = (from: number, to: number): string =>
    ts
      .slice(from, to)
      .map((t, k, xs) => t.text + (t.space && k < xs.length - 1 ? ' ' : ''))
      .join('');
  const widthOf = (from: number, to: number): number => {
    let w = 0;
    for (let k = from; k < to; k++) w += widths[k] + (ts[k].space && k < to - 1 ? 0.5 : 0);
    return w;
  };
  const total = widthOf(0, ts.length);
  const inside = insideTerms(title);
  const offsets: number[] = [];
  for (let k = 0, pos = 0; k < ts.length; k++) {
    pos += ts[k].text.length;
    offsets.push(pos);
    if (ts[k].space) pos += title.slice(pos).length - title.slice(pos).trimStart().length;
  }
  const minLines = Math.ceil(total / max);
  let best: { cost: number; cuts: number[] } | null = null;
  for (let n = minLines; n <= Math.min(minLines + 1, ts.length); n++) {
    // Every choice of n − 1 cuts among the token boundaries (titles are short: a few thousand at most).
    const cuts: number[] = [];
    const walk = (from: number, left: number, cost: number, ws: number[]) => {
      if (best && cost >= best.cost) return;
      if (left === 0) {
        const w = widthOf(from, ts.length);
        if (w > max) return;
        const all = [...ws, w];
        const c = cost + shapeCost(all, opts.shape ?? 'trapezoid') + (n - minLines) * 30;
        if (!best || c < best.cost) best = { cost: c, cuts: [...cuts] };
        return;
      }
      for (let k = from + 1; k <= ts.length - left; k++) {
        const w = widthOf(from, k);
        if (w > max) break;
        cuts.push(k);
        walk(k, left - 1, cost + breakCost(ts, k - 1, offsets[k - 1], inside), [...ws, w]);
        cuts.pop();
      }
    };
    walk(0, n - 1, 0, []);
  }
  if (!best) return hardBreak(title, max);
  const cutsAt: number[] = (best as { cuts: number[] }).cuts;
  const bounds = [0, ...cutsAt, ts.length];
  return bounds.slice(1).map((to, i) => lineOf(bounds[i], to));
}

/** A title with a word longer than a line: cut by width alone (nothing better exists). */
function hardBreak(title: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of title) {
    if (textWidth(line + ch) > max) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

/** Offsets in `text` where each line after the first starts (for the editor's break hints). */
export function titleBreakOffsets(text: string, opts: TitleBreakOptions): number[] {
  if (text.includes('\n')) return [];
  const lines = breakTitle(text, opts);
  const out: number[] = [];
  let pos = text.length - text.trimStart().length;
  for (let i = 0; i < lines.length - 1; i++) {
    pos += lines[i].length;
    while (pos < text.length && text[pos] === ' ') pos++;
    out.push(pos);
  }
  return out;
}

/** Characters a title line holds at the layout's title size (a title does not snap to the character grid). */
export function titleCharsPerLine(textWidthPt: number, titleSizePt: number): number {
  return Math.floor(textWidthPt / titleSizePt);
}
