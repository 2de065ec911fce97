// How a source is named to the writer everywhere (查重 cards, Word comments, compare, near-duplicate notices,
// search hits): title + speaker + date, so two speeches with one title are told apart.

export interface LabelledSource {
  title: string;
  speaker?: string;
  /** ISO date (YYYY-MM-DD), a year-month (YYYY-MM) or a year (YYYY). */
  date?: string;
}

/** 「在机关干部大会上的讲话（王明，2024年3月15日）」; just the title when neither speaker nor date is known. */
export function sourceLabel(s: LabelledSource): string {
  const title = s.title.trim() || '未命名文档';
  // a bare year the title already says (「2024年政府工作报告」) is not repeated
  const date = s.date && !(/^\d{4}$/.test(s.date.trim()) && title.includes(s.date.trim())) ? displayDate(s.date) : '';
  const extra = [s.speaker?.trim(), date].filter(Boolean);
  return extra.length ? `${title}（${extra.join('，')}）` : title;
}

/** 2024-03-15 → 2024年3月15日, 2024-03 → 2024年3月, 2024 → 2024年; anything else as it is. */
export function displayDate(date: string): string {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(date.trim());
  if (!m) return date.trim();
  return `${m[1]}年` + (m[2] ? `${Number(m[2])}月` : '') + (m[3] ? `${Number(m[3])}日` : '');
}

/** The year of a date, or undefined when it has none. */
export function yearOf(date: string | undefined): number | undefined {
  const m = date ? /^(\d{4})/.exec(date.trim()) : null;
  return m ? Number(m[1]) : undefined;
}

/** Kinds of library documents. */
export const LIBRARY_KINDS = ['讲话', '报告', '文件', '其他'] as const;
export type LibraryKind = (typeof LIBRARY_KINDS)[number];
