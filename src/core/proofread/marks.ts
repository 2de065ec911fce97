import { halfWidthPunctuation } from './punctuation';
import type { ProofFinding } from './types';

/** 标点 (GB/T 15834-2011) within one paragraph; paragraph endings and quotes across paragraphs are in document.ts. */

const RANK: Record<string, number> = { '、': 1, '，': 2, '：': 3, '；': 4, '。': 5, '？': 6, '！': 6 };
const DOUBLE_RE = /[、，：；。？！]{2,}/gu;

function f(rule: string, message: string, start: number, text: string, fix: string | null, confidence: number): ProofFinding {
  return { kind: 'punctuation', rule, message, start, end: start + text.length, text, fix, confidence };
}

/** Marks that pair, opening → closing. */
export const PAIRS: Record<string, string> = { '（': '）', '［': '］', '【': '】', '《': '》', '〈': '〉', '“': '”', '‘': '’', '〔': '〕' };
export const CLOSERS: Record<string, string> = Object.fromEntries(Object.entries(PAIRS).map(([o, c]) => [c, o]));

/** Unclosed openers of a paragraph (in order) and stray closers; `（1）`-style and `1）` markers are balanced or exempt. */
export function unbalanced(text: string): { open: { index: number; ch: string }[]; stray: { index: number; ch: string }[] } {
  const stack: { index: number; ch: string }[] = [];
  const stray: { index: number; ch: string }[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (PAIRS[ch]) stack.push({ index: i, ch });
    else if (CLOSERS[ch]) {
      const want = CLOSERS[ch];
      let k = stack.length - 1;
      while (k >= 0 && stack[k].ch !== want) k--;
      if (k < 0) {
        // `1）` / `一）` as a list marker at the start of a paragraph or clause
        if (ch === '）' && /(^|[\s。；：，])[0-9一二三四五六七八九十]{1,3}$/u.test(text.slice(Math.max(0, i - 4), i))) continue;
        // ’99: an apostrophe before a year's digits
        if (ch === '’' && /[0-9]/u.test(text[i + 1] ?? '')) continue;
        stray.push({ index: i, ch });
      } else stack.splice(k);
    }
  }
  return { open: stack, stray };
}

export function checkMarks(text: string): ProofFinding[] {
  const out: ProofFinding[] = [];
  for (const m of text.matchAll(DOUBLE_RE)) {
    const s = m[0];
    if (s === '？！' || s === '！？') continue;
    const best = [...s].reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
    const same = new Set(s).size === 1;
    out.push(f('doubled-mark', same ? `标点重复：“${s}”` : `标点连用冲突：“${s}”`, m.index!, s, best, same ? 0.9 : 0.85));
  }
  for (const m of text.matchAll(/、(?=等(?![价级同候待于量额值比距高腰边号式分次第]))/gu)) out.push(f('dun-before-deng', '“等”前不用顿号', m.index!, '、', '', 0.9));
  for (const m of text.matchAll(/(?<![。.…])。{3,}|(?<!…)…(?!…)/gu)) {
    out.push(f('ellipsis', `省略号应为“……”：“${m[0]}”`, m.index!, m[0], '……', 0.7));
  }
  const half = halfWidthPunctuation(text);
  for (const c of half) out.push(f('half-width', `中文文本中使用了半角标点“${c.from}”，应为“${c.to}”`, c.index, c.from, c.to, 0.9));
  return out.sort((a, b) => a.start - b.start);
}
