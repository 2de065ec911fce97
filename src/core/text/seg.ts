// A piece of text together with the offset, in the original input, of each of its characters.
// The cleaner (clean.ts) removes page numbers and watermarks and joins broken lines with an exact map;
// recognition works on segments of its output, so every finding and heading points back into the text
// the user gave us.

export interface Seg {
  text: string;
  /** origin[i] = offset in the input of text[i] (UTF-16 code units). */
  origin: ArrayLike<number>;
}

/** Characters [start, end) of `text` whose origins are `origin[start…end)`. */
export function segFrom(text: string, origin: ArrayLike<number>, start: number, end: number): Seg {
  return { text: text.slice(start, end), origin: sliceOrigin(origin, start, end) };
}

/** An uncleaned input range (origins are the offsets themselves). */
export function segOf(input: string, start: number, end: number): Seg {
  const origin = new Int32Array(Math.max(0, end - start));
  for (let i = 0; i < origin.length; i++) origin[i] = start + i;
  return { text: input.slice(start, end), origin };
}

function sliceOrigin(origin: ArrayLike<number>, a: number, b: number): ArrayLike<number> {
  if (origin instanceof Int32Array) return origin.subarray(a, b);
  return Array.prototype.slice.call(origin, a, b) as number[];
}

export function sliceSeg(s: Seg, a: number, b: number = s.text.length): Seg {
  return { text: s.text.slice(a, b), origin: sliceOrigin(s.origin, a, Math.max(a, b)) };
}

/** Segments joined (linear in their total length: join many at once, not one by one). */
export function concatSegs(parts: Seg[]): Seg {
  if (parts.length === 1) return parts[0];
  let n = 0;
  for (const p of parts) n += p.origin.length;
  const origin = new Int32Array(n);
  let k = 0;
  for (const p of parts) for (let i = 0; i < p.origin.length; i++) origin[k++] = p.origin[i];
  return { text: parts.map((p) => p.text).join(''), origin };
}

export function trimSeg(s: Seg): Seg {
  const m = /^\s*/u.exec(s.text);
  const lead = m ? m[0].length : 0;
  let end = s.text.length;
  while (end > lead && /\s/u.test(s.text[end - 1])) end--;
  return sliceSeg(s, lead, end);
}

/** Input offsets [start, end) covered by seg[a, b). */
export function spanOf(s: Seg, a = 0, b = s.text.length): { start: number; end: number } {
  if (b <= a || s.origin.length === 0) {
    const at = s.origin[Math.min(a, s.origin.length - 1)] ?? 0;
    return { start: at, end: at };
  }
  return { start: s.origin[a], end: s.origin[b - 1] + 1 };
}
