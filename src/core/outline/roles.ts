import type { SectionRole } from '../model/types';

/** Keywords per role; heading hits weigh 3, body hits 1 (each keyword counted once per place). */
const ROLE_KEYWORDS: [SectionRole, string[]][] = [
  ['成绩', ['成绩', '成效', '肯定', '回顾', '取得', '成果', '进展', '良好形象', '展示了', '明显提升', '显著', '业绩']],
  ['问题', ['问题', '差距', '不足', '清醒', '短板', '薄弱', '矛盾', '突出问题', '任重道远', '存在']],
  ['任务', ['任务', '部署', '重点', '开展', '推进', '抓好', '活动', '实施', '加快', '目标', '干好', '服务', '项目', '走基层', '干实事', '开门红']],
  ['要求', ['要求', '作风', '纪律', '保障', '领导', '组织', '责任', '廉洁', '自律', '实干', '务实', '表率', '之风', '从严']],
  ['意义', ['意义', '认识', '重要性', '必要性', '统一思想', '精神', '贯彻', '学习']],
  ['感受', ['感受', '印象', '体会', '感想']],
  ['表态', ['表态', '决心', '态度', '承诺']],
  ['希望', ['希望', '建议', '期望', '寄语', '期待']],
];

export interface RoleGuess {
  role: SectionRole;
  /** 0…1: how clearly the keywords point to this role (0 when nothing matched). */
  confidence: number;
}

/** Classify a level-1 section from its heading and the beginning of its body. */
export function classifyRole(heading: string, body: string): RoleGuess {
  const head = heading.slice(0, 80);
  // The leading phrase names the section's topic (`肯定成绩，…`, `提高认识，…`): it counts double.
  const lead = head.split(/[，,、；;：:。\s]/u)[0] ?? '';
  const text = body.slice(0, 300);
  const scores = new Map<SectionRole, number>();
  for (const [role, words] of ROLE_KEYWORDS) {
    let s = 0;
    for (const w of words) {
      if (head.includes(w)) s += 3;
      if (lead.includes(w)) s += 3;
      if (text.includes(w)) s += 1;
    }
    // An exact one-word heading (一、感受) is decisive.
    if (words.includes(head.replace(/[。，、；：,.;:\s]/gu, ''))) s += 10;
    if (s > 0) scores.set(role, s);
  }
  if (scores.size === 0) return { role: '其他', confidence: 0.2 };
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [bestRole, best] = ranked[0];
  const second = ranked[1]?.[1] ?? 0;
  const total = ranked.reduce((n, [, v]) => n + v, 0);
  // Margin over the runner-up and share of all evidence, damped for thin evidence.
  const share = best / total;
  const margin = (best - second) / best;
  const strength = Math.min(1, best / 6);
  const confidence = Math.round(Math.min(1, (0.5 * share + 0.5 * margin) * (0.4 + 0.6 * strength)) * 100) / 100;
  if (best < 2) return { role: '其他', confidence: Math.max(0.1, 0.3 - confidence / 2) };
  return { role: bestRole, confidence };
}
