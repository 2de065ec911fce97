// Word's automatic numbering (word/numbering.xml): the label each numbered paragraph shows (`一、`
// `（二）` `3.` `一是`), computed from the level's format, text pattern, start value and restarts, as
// Word counts them. The label becomes part of the paragraph's text; the text core then decides whether
// it is a heading number (stripped, generated again) or content (一是 labels stay).
import { chineseNumeral } from '../../core/model/numbering';
import { attr, children, child, type XmlElement } from './wordXml';

interface Level {
  start: number;
  format: string;
  text: string;
  /** Restart after a level ≤ this (0-based) is used; -1: never. Default: after any higher level. */
  restart: number | null;
}

interface Abstract {
  levels: Map<number, Level>;
}

interface NumInstance {
  abstractId: string;
  overrides: Map<number, number>;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const PARENS = '⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇';
const TIANGAN = '甲乙丙丁戊己庚辛壬癸';

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
    [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

function letters(n: number): string {
  const c = String.fromCharCode(97 + ((n - 1) % 26));
  return c.repeat(Math.floor((n - 1) / 26) + 1);
}

/** A counter value in a numFmt (`decimal`, `chineseCounting`, `decimalEnclosedCircle` …). */
export function formatCounter(n: number, format: string): string {
  switch (format) {
    case 'none':
      return '';
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographDigital':
      return chineseNumeral(n);
    case 'ideographTraditional':
      return TIANGAN[(n - 1) % 10] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return CIRCLED[n - 1] ?? String(n);
    case 'decimalEnclosedParen':
      return PARENS[n - 1] ?? String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    default:
      return String(n);
  }
}

/** The numbering definitions of a document and the running counters, read in document order. */
export class WordNumbering {
  private abstracts = new Map<string, Abstract>();
  private nums = new Map<string, NumInstance>();
  private counters = new Map<string, number[]>();
  private started = new Set<string>();
  /** Paragraphs whose label is a bullet (a symbol, not text). */
  bullets = 0;

  constructor(root: XmlElement | null) {
    if (!root) return;
    for (const a of children(root, 'abstractNum')) {
      const levels = new Map<number, Level>();
      for (const l of children(a, 'lvl')) {
        const restartEl = child(l, 'lvlRestart');
        levels.set(Number(attr(l, 'ilvl') ?? 0), {
          start: Number(attr(child(l, 'start'), 'val') ?? 1),
          format: attr(child(l, 'numFmt'), 'val') ?? 'decimal',
          text: attr(child(l, 'lvlText'), 'val') ?? '',
          restart: restartEl ? Number(attr(restartEl, 'val') ?? 0) - 1 : null,
        });
      }
      this.abstracts.set(attr(a, 'abstractNumId') ?? '', { levels });
    }
    for (const n of children(root, 'num')) {
      const overrides = new Map<number, number>();
      for (const o of children(n, 'lvlOverride')) {
        const s = attr(child(o, 'startOverride'), 'val');
        if (s !== null) overrides.set(Number(attr(o, 'ilvl') ?? 0), Number(s));
      }
      this.nums.set(attr(n, 'numId') ?? '', { abstractId: attr(child(n, 'abstractNumId'), 'val') ?? '', overrides });
    }
  }

  /** The label of the next paragraph numbered (numId, ilvl), advancing the counters; null when none. */
  next(numId: string, ilvl: number): { label: string; format: string } | null {
    if (numId === '0') return null;
    const num = this.nums.get(numId);
    const abs = num && this.abstracts.get(num.abstractId);
    const level = abs?.levels.get(ilvl);
    if (!num || !abs || !level) return null;
    const key = num.overrides.size > 0 ? `n${numId}` : `a${num.abstractId}`;
    let c = this.counters.get(key);
    if (!c) {
      c = [];
      this.counters.set(key, c);
    }
    if (!this.started.has(key)) {
      this.started.add(key);
      for (const [lvl, start] of num.overrides) c[lvl] = start - 1;
    }
    const startOf = (l: number) => abs.levels.get(l)?.start ?? 1;
    c[ilvl] = (c[ilvl] ?? startOf(ilvl) - 1) + 1;
    // deeper levels restart (unless their lvlRestart says otherwise)
    for (const [l, def] of abs.levels) {
      if (l <= ilvl) continue;
      if (def.restart === -1) continue;
      if (def.restart === null || def.restart >= ilvl) c[l] = startOf(l) - 1;
    }
    if (level.format === 'bullet') {
      this.bullets++;
      return { label: '', format: 'bullet' };
    }
    const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const def = abs.levels.get(l);
      return formatCounter(c![l] ?? startOf(l), def?.format ?? 'decimal');
    });
    return { label, format: level.format };
  }
}
