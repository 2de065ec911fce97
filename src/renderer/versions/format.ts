import { VERSION_REASON_LABELS, type VersionReason } from '../../contract/versions';

export function timeLabel(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  return sameDay ? `今天 ${p(d.getHours())}:${p(d.getMinutes())}` : `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function reasonLabel(r: VersionReason): string {
  return VERSION_REASON_LABELS[r] ?? r;
}

export const fmtNum = (n: number): string => n.toLocaleString('zh-CN');
