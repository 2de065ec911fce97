import type { Block, HeadingLevel } from './types';
import { Blocks } from './block';

// 公文 heading numbers (GB/T 9704-2012 §7.3.3): 一、 （一） 1. （1）.
// Numbers are derived from the sequence of heading levels, never typed or stored.

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九, 100 → 一百 … */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a non-negative integer: ${n}`);
  if (n < 10) return DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 1000) {
    const h = Math.floor(n / 100);
    const rest = n % 100;
    if (rest === 0) return DIGITS[h] + '百';
    if (rest < 10) return DIGITS[h] + '百零' + DIGITS[rest];
    if (rest < 20) return DIGITS[h] + '百一十' + (rest % 10 ? DIGITS[rest % 10] : '');
    return DIGITS[h] + '百' + chineseNumeral(rest);
  }
  return String(n);
}

/** Parse a Chinese numeral as used in headings (一 … 九十九, also 〇/零 forms). Returns null if not one. */
export function parseChineseNumeral(s: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百]+$/u.test(s)) return null;
  const val = (c: string): number => (c === '两' ? 2 : c === '〇' ? 0 : DIGITS.indexOf(c));
  let total = 0;
  let current = 0;
  for (const c of s) {
    if (c === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (c === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      current = val(c);
    }
  }
  return total + current;
}

export function formatHeadingNumber(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/**
 * The generated number of every block (null for non-headings), in document order.
 * A deeper level restarts whenever a shallower heading appears.
 */
export function headingNumbers(blocks: readonly Block[]): (string | null)[] {
  const counters = [0, 0, 0, 0, 0];
  return blocks.map((b) => {
    if (!Blocks.isHeading(b)) return null;
    const level = b.level;
    counters[level]++;
    for (let l = level + 1; l <= 4; l++) counters[l] = 0;
    return formatHeadingNumber(level, counters[level]);
  });
}
