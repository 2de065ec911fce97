// The one recogniser of a speech's front matter: title, byline (speaker, office, date, occasion) and
// salutation. Text import, outline, Word/HTML import and paste all ask it.

const TITLE_RE = /(讲话|致辞|致词|发言|报告|讲稿|演讲|开幕词|闭幕词|贺词|动员令)\s*([（(][^）)]*[)）])?$/u;
const DATE = '(?:\\d{4}|[〇○零一二三四五六七八九]{4})\\s*年\\s*[\\d〇○零一二三四五六七八九十]{1,3}\\s*月\\s*[\\d〇○零一二三四五六七八九十]{1,3}\\s*日';
/** `孙建国（2009年2月2日）`, `（2009年2月2日）`. */
const NAME_DATE_RE = new RegExp(`^\\s*([\\u3400-\\u9fff·•\\s*＊]{2,16}?)?\\s*[（(]\\s*(${DATE})\\s*[)）]\\s*$`, 'u');
/** `孙建国`, `李\u3000强`: a name alone on its line. */
const NAME_ONLY_RE = /^\s*([\u3400-\u9fff](?:[\s\u3000]{0,2}[\u3400-\u9fff]){1,3})\s*$/u;
/** `2009年2月2日`, `（2009年2月2日）`. */
const DATE_ONLY_RE = new RegExp(`^\\s*[（(]?\\s*(${DATE})\\s*[)）]?\\s*$`, 'u');
/** `——2024年3月5日在第十四届全国人民代表大会第二次会议上`: the occasion line under a report's title. */
const OCCASION_RE = new RegExp(`^\\s*[—－–-]{1,2}\\s*(?:(${DATE})[^。！？]{0,60}|[^。！？]{2,60}(?:上|时|会))\\s*$`, 'u');
/** `国务院总理`, `市委书记\u3000孙建国`: an office, optionally with the name after it. */
const OFFICE_RE =
  /^\s*([\u3400-\u9fff]{0,14}(?:总理|副总理|主席|书记|部长|省长|市长|县长|区长|镇长|乡长|主任|局长|厅长|处长|院长|校长|委员|秘书长|总经理|董事长))(?:[\s\u3000]+([\u3400-\u9fff](?:[\s\u3000]{0,2}[\u3400-\u9fff]){1,3}))?\s*$/u;
/** `同志们：` `各位代表：` `尊敬的…：`; `colon: false` also accepts the line without its colon. */
const SALUTATION_RE =
  /^[ \t\u3000]*((?:尊敬的[^。！？：:\n]{0,40}|各位[^。！？：:\n]{0,30}|同志们|朋友们|女士们[、，,]\s*先生们|老师们[、，,]\s*同学们|同学们)[ \t\u3000]*([:：!！,，])?)[ \t\u3000]*$/u;

export function isTitleLike(t: string): boolean {
  return t.length <= 60 && TITLE_RE.test(t);
}

/** The line is a salutation (`同志们：`); with `colon: false` the colon may be missing. */
export function isSalutationLine(line: string, opts: { colon?: boolean } = {}): boolean {
  const m = SALUTATION_RE.exec(line);
  if (!m) return false;
  if (opts.colon === false) return m[1].length <= 40;
  return m[2] === ':' || m[2] === '：';
}

export type FrontGuess =
  | { kind: 'byline'; speaker: string | null; date: string | null; office?: string }
  /** A date or a name on its own line that completes the byline before it. */
  | { kind: 'byline-more'; speaker: string | null; date: string | null };

const squeeze = (s: string) => s.replace(/[\s\u3000]+/gu, '');

/**
 * What a short line after the title is: a byline (`孙建国（2009年2月2日）`, `——2024年3月5日在…会议上`,
 * `国务院总理`, `李\u3000强`), a name or date completing the byline before it, or null (not front matter).
 * `prev` is what the line before it was.
 */
export function frontLineOf(t: string, prev: { kind: 'title' | 'byline' | 'other'; speaker?: string | null; date?: string | null; office?: boolean }): FrontGuess | null {
  const b = NAME_DATE_RE.exec(t);
  if (b) {
    const speaker = b[1] ? squeeze(b[1]) || null : null;
    if (!speaker && prev.kind === 'byline' && !prev.date) return { kind: 'byline-more', speaker: null, date: squeeze(b[2]) };
    return { kind: 'byline', speaker, date: squeeze(b[2]) };
  }
  const o = OCCASION_RE.exec(t);
  if (o && (prev.kind === 'title' || prev.kind === 'byline')) return { kind: 'byline', speaker: null, date: o[1] ? squeeze(o[1]) : null };
  const off = OFFICE_RE.exec(t);
  if (off && (prev.kind === 'title' || prev.kind === 'byline')) return { kind: 'byline', speaker: off[2] ? squeeze(off[2]) : null, date: null, office: off[1] };
  const n = NAME_ONLY_RE.exec(t);
  if (n && (prev.kind === 'title' || prev.kind === 'byline')) {
    if (prev.kind === 'byline' && prev.office && !prev.speaker) return { kind: 'byline-more', speaker: squeeze(n[1]), date: null };
    return { kind: 'byline', speaker: squeeze(n[1]), date: null };
  }
  const d = DATE_ONLY_RE.exec(t);
  if (d && (prev.kind === 'title' || prev.kind === 'byline')) {
    if (prev.kind === 'byline' && !prev.date) return { kind: 'byline-more', speaker: null, date: squeeze(d[1]) };
    return { kind: 'byline', speaker: null, date: squeeze(d[1]) };
  }
  return null;
}

/** The line has the shape of a front-matter line (a spaced name `李\u3000强`, an office, a date, an occasion): never joined to another. */
export function isFrontShaped(t: string): boolean {
  return NAME_DATE_RE.test(t) || (NAME_ONLY_RE.test(t) && /[\u3400-\u9fff][\s\u3000]+[\u3400-\u9fff]/u.test(t)) || DATE_ONLY_RE.test(t) || OCCASION_RE.test(t) || OFFICE_RE.test(t);
}

/** The line is a byline by its own shape (name + date in brackets), whatever comes before it. */
export function isNameDateLine(t: string): boolean {
  return NAME_DATE_RE.test(t);
}
