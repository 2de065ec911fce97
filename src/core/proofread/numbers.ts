import type { ProofFinding } from './types';

/**
 * 数字用法 (GB/T 15835-2011) within one paragraph. The checks across paragraphs (one form of writing years in a
 * document, a number split across a line break) are in document.ts.
 */

const CN_DIGIT: Record<string, string> = { '〇': '0', '○': '0', '零': '0', '一': '1', '二': '2', '三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9' };
const DIGIT_CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CN_UNITS = ['', '十', '二十', '三十', '四十', '五十', '六十', '七十', '八十', '九十'];

/** A year written with Chinese numerals (二〇〇九年) or digits (2009年), as found in a paragraph. */
export interface YearForm {
  start: number;
  end: number;
  text: string;
  /** The four digits. */
  year: string;
  form: 'cn' | 'digits';
}

const CN_YEAR_RE = /[一二三四五六七八九][〇○零一二三四五六七八九]{3}年(?!远景)/gu;
const DIGIT_YEAR_RE = /(?<![0-9.．])[12][0-9]{3}年(?!远景)/gu;

export function yearForms(text: string): YearForm[] {
  const out: YearForm[] = [];
  for (const m of text.matchAll(CN_YEAR_RE)) {
    const year = [...m[0].slice(0, 4)].map((c) => CN_DIGIT[c]).join('');
    out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], year, form: 'cn' });
  }
  for (const m of text.matchAll(DIGIT_YEAR_RE)) out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], year: m[0].slice(0, 4), form: 'digits' });
  return out.sort((a, b) => a.start - b.start);
}

export function yearAs(year: string, form: 'cn' | 'digits'): string {
  return form === 'digits' ? `${year}年` : `${[...year].map((d) => DIGIT_CN[Number(d)]).join('')}年`;
}

function f(rule: string, message: string, start: number, text: string, fix: string | null, confidence: number): ProofFinding {
  return { kind: 'number', rule, message, start, end: start + text.length, text, fix, confidence };
}

/** 10几 → 十几, 20几 → 二十几 (概数 with 几 in Chinese numerals). */
const DIGIT_JI_RE = /(?<![0-9.])([1-9]0)几/gu;
/** 3～5% → 3%～5% (both ends of a percentage range carry %). */
const PCT_RANGE_RE = /(?<![0-9.%])([0-9]+(?:\.[0-9]+)?)([～~])([0-9]+(?:\.[0-9]+)?)%/gu;
/** 千分撇 in the wrong places: 1,0000 or 12,34 (groups of three digits only), or a full-width comma. */
const BAD_GROUP_RE = /(?<![0-9.,，])[0-9]{1,3}(?:,[0-9]{3})*,(?:[0-9]{1,2}|[0-9]{4,})(?![0-9])/gu;
/** 零 in a year written in Chinese numerals: 二零零九年 → 二〇〇九年. */
const ZERO_YEAR_RE = /[一二三四五六七八九][〇○零一二三四五六七八九]{3}年/gu;
/** 三、四个 → 三四个: neighbouring numbers as an estimate take no 顿号. */
const ADJ_RE = /([一二三四五六七八九])、([二三四五六七八九十])(?=[个天年次人名项条种家所倍周岁件批位])/gu;
const CN_VAL: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

export function checkNumbers(text: string): ProofFinding[] {
  const out: ProofFinding[] = [];
  for (const m of text.matchAll(DIGIT_JI_RE)) {
    const fix = `${CN_UNITS[Number(m[1][0])]}几`;
    out.push(f('digit-ji', `概数应使用汉字：“${m[0]}”应为“${fix}”`, m.index!, m[0], fix, 0.9));
  }
  for (const m of text.matchAll(PCT_RANGE_RE)) {
    const fix = `${m[1]}%～${m[3]}%`;
    out.push(f('percent-range', `百分数范围的前一个数也应带%：“${m[0]}”应为“${fix}”`, m.index!, m[0], fix, 0.85));
  }
  for (const m of text.matchAll(BAD_GROUP_RE)) {
    const fix = m[0].replace(/,/gu, '');
    out.push(f('thousands', `千分撇分节有误（应每三位一节）：“${m[0]}”`, m.index!, m[0], fix, 0.8));
  }
  for (const m of text.matchAll(ZERO_YEAR_RE)) {
    // 零 is a slip; ○ (a circle sign) looks the same as 〇 and is left alone
    if (!m[0].includes('零')) continue;
    const fix = m[0].replace(/零/gu, '〇');
    out.push(f('year-zero', `汉字年份中的“0”应写作“〇”：“${m[0]}”应为“${fix}”`, m.index!, m[0], fix, 0.8));
  }
  for (const m of text.matchAll(ADJ_RE)) {
    if (CN_VAL[m[2]] !== CN_VAL[m[1]] + 1) continue;
    // 三、四个方面 at the start of a paragraph or after a full stop is a heading number, not an estimate
    const before = text.slice(0, m.index!).trimEnd();
    if (!before || /[。！？；：第]$/u.test(before)) continue;
    out.push(f('estimate-comma', `相邻数字表示概数时不用顿号：“${m[0]}”应为“${m[1]}${m[2]}”`, m.index!, m[0], `${m[1]}${m[2]}`, 0.8));
  }
  return out.sort((a, b) => a.start - b.start);
}
