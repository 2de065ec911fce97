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

/**
 * Words that begin or end with one of those characters: 和和平 is 和 + 和平, 目的的 is 目的 + 的, so the two
 * characters belong to different words and nothing is typed twice.
 */
const STARTS = new Set(
  '和平 和谐 和睦 和解 和美 在押 在场 在校 在建 在职 在线 在于 在读 在岗 在册 在途 在握 对外 对象 对手 对照 对比 对待 对接 对话 对应 对策 对口 对标 对称 对立 对抗 对于 的确 是非 是否 地方 地区 地位 地域 地点 地下 地上 地面 地球 地理 地质 地震 地势 地形 地貌 地带 地段 地块 地税 地铁 地价 了解 了结 了如指掌 与会 与其 及时 及早 及格 把握 把关 将来 将军 将近 从事 从而 从来 从业 从严 从容 从中 从小 从头 向往 向导 向来 就业 就是 就医 就地 就近 就餐 就学 就读 就职 就位 就绪 也许 都市 都会 而且 而是 而言 之后 之前 之间 之一 之外 之下 之上 之中 之内 之际 其他 其中 其实 其余 其次 其间 其后 以及 以来 以后 以前 以上 以下 以外 以内 以往 以便 以免 以为 于是 并且 并存 并重 并举 并购 并非 并不 并没 并行 着力 着重 着眼 着手 着想 着实 着落 得到 得以 得益 得力 得出 得失 得分 更加 更新 更好 更是 更为 更大 更多 所以 所有 所在 所得 所谓 所属 所长 但是 但凡 却是 或者 或是 或许 因为 因此 因素 因地 因而 若干 则是 仍然 仍是 仍旧 已经 已是 已有 很多 被告 被动 被迫 被子'.split(' '),
);
const ENDS = new Set(
  '目的 有的 似的 为了 除了 罢了 总是 就是 但是 还是 只是 正是 而是 于是 凡是 或是 要是 可是 倒是 便是 也是 都是 求是 实是 现在 正在 实在 存在 所在 自在 好在 内在 外在 潜在 暖和 温和 平和 缓和 调和 祥和 随和 附和 总和 饱和 共和 人和 讲和 议和 应对 针对 面对 相对 反对 绝对 核对 校对 比对 配对 天地 土地 大地 实地 各地 当地 本地 基地 园地 场地 耕地 林地 草地 山地 陆地 湿地 高地 境地 质地 属地 驻地 工地 田地 外地 内地 异地 就地 原地 落地 余地 特地 营地 产地 以及 涉及 普及 遍及 危及 波及 不及 顾及 企及 惠及 触及 给与 参与 总之 加之 反之 尤其 与其 极其 所以 可以 难以 予以 加以 足以 得以 用以 借以 何以 由于 关于 对于 至于 等于 属于 基于 便于 敢于 善于 勇于 在于 出于 处于 位于 鉴于 过于 终于 急于 易于 乐于 利于 归于 限于 免于 忠于 合并 归并 兼并 吞并 沉着 随着 接着 本着 朝着 向着 照着 顺着 按着 靠着 有着 为着 执着 穿着 衣着 懂得 取得 获得 记得 觉得 值得 显得 使得 晓得 免得 舍得 难得 心得 所得 不得 赢得 博得 求得 场所 处所 住所 无所 有所 冷却 退却 忘却 了却 原因 基因 起因 成因 诱因 倘若 假若 原则 规则 法则 细则 准则 否则 总则 守则 实则 而已 不已 早已 业已 服从 听从 遵从 随从 盲从 指向 方向 面向 导向 转向 走向 趋向 倾向 偏向 动向 去向 意向 志向 风向 取向 流向 定向 必将 即将 造就 成就 早就 迁就 也就 变更 棉被'.split(' '),
);

function f(rule: string, message: string, start: number, text: string, fix: string, confidence: number): ProofFinding {
  return { kind: 'repeat', rule, message, start, end: start + text.length, text, fix, confidence };
}

function allowedAt(text: string, i: number): boolean {
  if (ENDS.has(text.slice(i - 1, i + 1)) || STARTS.has(text.slice(i + 1, i + 3))) return true;
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
