import type { ProofFinding } from './types';

/**
 * 重复字词: a function character typed twice (的的, 了了), a word of two or more characters typed twice in a row
 * (我们我们, 进一步进一步). Reduplication that Chinese uses on purpose is left alone: AABB (实实在在, 的的确确),
 * verbs and adjectives tried twice (研究研究, 雪白雪白) are not in the lists below, and 谢谢/常常 are no function
 * characters. The check across a line break is in document.ts.
 */

/** Characters that never double in written Chinese (as opposed to 谢谢, 常常, 天天). */
export const NEVER_DOUBLE = new Set([...'的了是在和与及对把被将从向就也都而之其以于并着地得很更所但却或因若则仍已']);
/** Longer strings in which such a double is right. */
const ALLOWED = ['不了了之', '了了分明', '小时了了', '是是非非', '于于', '得得'];
/** Two-character words that are never reduplicated on purpose (a doubled 研究 is a verb tried out; a doubled 我们 is a slip). */
const NEVER_ABAB = new Set(['我们', '你们', '他们', '她们', '它们', '咱们', '大家', '自己', '同志', '问题', '工作', '发展', '建设', '经济', '社会', '国家', '人民', '群众', '政府', '企业', '地区', '部门', '单位', '干部', '重要', '全面', '进一步', '坚持', '加强', '推进', '推动', '深化', '完善', '健全', '提高', '增强', '实施', '加快', '积极', '努力', '认真', '切实', '继续', '不断', '更加', '已经', '正在', '因为', '所以', '但是', '而且', '并且', '如果', '虽然', '同时', '通过', '根据', '按照', '关于', '对于', '作为', '进行', '开展', '实现', '具有', '各级', '各地', '方面', '今年', '去年', '明年', '目前', '当前', '今后', '重点', '问题', '领导', '党的', '中国', '我国', '全国', '要求', '制度', '机制', '体系', '能力', '水平', '质量', '安全', '服务', '管理', '改革', '创新', '开放']);

function f(rule: string, message: string, start: number, text: string, fix: string, confidence: number): ProofFinding {
  return { kind: 'repeat', rule, message, start, end: start + text.length, text, fix, confidence };
}

function allowedAt(text: string, i: number): boolean {
  for (const a of ALLOWED) {
    const k = a.indexOf(text[i] + text[i]);
    if (k >= 0 && text.startsWith(a, i - k)) return true;
  }
  // AABB: 实实在在, 的的确确, 明明白白
  if (i >= 2 && text[i - 2] === text[i - 1] && text[i - 1] !== text[i]) return true;
  if (text[i + 2] !== undefined && text[i + 2] === text[i + 3] && text[i + 2] !== text[i]) return true;
  return false;
}

export function checkRepeats(text: string): ProofFinding[] {
  const out: ProofFinding[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const c = text[i];
    if (c === text[i + 1] && NEVER_DOUBLE.has(c) && text[i + 2] !== c && (i === 0 || text[i - 1] !== c) && !allowedAt(text, i)) {
      out.push(f('doubled-char', `“${c}”字重复`, i, c + c, c, 0.85));
      i++;
    }
  }
  // Words of 2–6 characters typed twice in a row.
  for (let i = 0; i + 4 <= text.length; i++) {
    for (let n = Math.min(6, (text.length - i) >> 1); n >= 2; n--) {
      if (text[i] !== text[i + n] || text.slice(i, i + n) !== text.slice(i + n, i + 2 * n)) continue;
      const w = text.slice(i, i + n);
      if (!/^\p{Script=Han}+$/u.test(w)) continue;
      const aabb = n === 2 && w[0] === w[1];
      if (aabb || !(NEVER_ABAB.has(w) || n >= 3) || new Set(w).size === 1) continue;
      out.push(f('doubled-word', `“${w}”重复`, i, w + w, w, n >= 3 ? 0.85 : 0.8));
      i += 2 * n - 1;
      break;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
