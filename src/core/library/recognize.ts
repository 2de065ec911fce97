// What import can tell about a library document from its own text: the speaker and the date of a byline
// such as 「孙 建 国(2009年2月2日)」 in the first lines, a year in the title, and the kind from the title.
import type { LibraryKind } from './label';

export interface RecognizedMeta {
  speaker?: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY. */
  date?: string;
  kind: LibraryKind;
}

const CN_DIGITS: Record<string, string> = { '〇': '0', '○': '0', 'О': '0', '零': '0', '一': '1', '二': '2', '三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9' };

function arabicYear(y: string): string {
  return Array.from(y, (c) => CN_DIGITS[c] ?? c).join('');
}

/** 6, 06, 六, 十二, 二十六 → '06', '12', '26'. */
function pad(n: string): string {
  if (/^\d+$/.test(n)) return n.padStart(2, '0');
  const d = (c: string | undefined) => (c ? Number(CN_DIGITS[c] ?? 0) : 0);
  const i = n.indexOf('十');
  const v = i < 0 ? d(n) : (i === 0 ? 1 : d(n[0])) * 10 + d(n[i + 1]);
  return String(v).padStart(2, '0');
}

/** The first date written like 2009年2月2日 / 2009年2月 / 2009-02-02 / 二○○九年 in a string, as YYYY[-MM[-DD]]. */
export function findDate(s: string): string | undefined {
  const m = /((?:19|20)\d{2}|[一二〇○О零三四五六七八九]{4})\s*年\s*(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?)?/.exec(s);
  if (m) {
    const y = arabicYear(m[1]);
    if (!/^(19|20)\d{2}$/.test(y)) return undefined;
    return y + (m[2] ? `-${pad(m[2])}` + (m[3] ? `-${pad(m[3])}` : '') : '');
  }
  const iso = /((?:19|20)\d{2})[-./](\d{1,2})(?:[-./](\d{1,2}))?/.exec(s);
  if (iso) return iso[1] + `-${pad(iso[2])}` + (iso[3] ? `-${pad(iso[3])}` : '');
  return undefined;
}

/** 讲话 for speeches, 报告 for reports, 文件 for documents (通知/意见/办法…), otherwise 其他. */
export function kindOfTitle(title: string): LibraryKind {
  if (/报告/.test(title)) return '报告';
  if (/讲话|致辞|发言|演讲|讲稿|主持词|动员|表态/.test(title)) return '讲话';
  if (/通知|意见|办法|方案|规定|决定|条例|细则|纲要|规划|通报|公告/.test(title)) return '文件';
  return '其他';
}

// 「孙 建 国(2009年2月2日)」 or 「——王明同志在…」: 2-4 Han characters (spaces between them allowed), then a dated bracket
const BYLINE = /^\s*(?:[—－-]{1,2}\s*)?((?:\p{Script=Han}\s?){2,4}?)\s*(?:同志)?\s*[（(]([^()（）]{4,30})[)）]\s*$/u;

/** Speaker, date and kind of a document, from its title and the first lines of its text. */
export function recognizeMeta(title: string, text: string): RecognizedMeta {
  const out: RecognizedMeta = { kind: kindOfTitle(title) };
  const lines = text.split('\n', 12).slice(0, 12);
  for (const line of lines) {
    if (line.length > 40) continue;
    const m = BYLINE.exec(line);
    if (!m) continue;
    const date = findDate(m[2]);
    if (!date) continue;
    out.speaker = m[1].replace(/\s+/g, '');
    out.date = date;
    return out;
  }
  const fromTitle = findDate(title);
  if (fromTitle) out.date = fromTitle;
  else {
    for (const line of lines) {
      if (line.length > 30) continue;
      const d = findDate(line);
      if (d && /[（(]|^\s*(?:19|20)\d{2}|年.*月.*日\s*$/.test(line)) {
        out.date = d;
        break;
      }
    }
  }
  return out;
}

/** 场合 from a speech's title: 「在全市机关干部大会上的讲话」 → 全市机关干部大会. */
export function occasionOfTitle(title: string): string | undefined {
  const m = /^\s*(?:\d{4}年)?在(.{2,40}?)(?:上|中|时)?的(?:讲话|致辞|发言|报告|主持词|总结讲话|动员讲话)/.exec(title);
  return m ? m[1].replace(/\s+/g, '') : undefined;
}
