// 字数: the one character count of the app (status bar, draft list, versions, CLI, compare figures).

/**
 * 字数 of a string as writers count it: every code point a reader sees. Not counted: whitespace (ASCII and
 * Unicode spaces, the full-width space U+3000, line and paragraph separators), control characters (C0, DEL, C1) and
 * invisible format characters (zero-width space/joiners, word joiner, the BOM). A surrogate pair is one character.
 */
export function countChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) continue; // low surrogate: counted with its high half
    if (isUncounted(c)) continue;
    n++;
  }
  return n;
}

function isUncounted(c: number): boolean {
  if (c <= 0x20 || (c >= 0x7f && c <= 0xa0)) return true; // C0 controls, space, DEL, C1 controls, NBSP
  if (c < 0x1680) return false;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) || // spaces, zero-width space / non-joiner / joiner
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
