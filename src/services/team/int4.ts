// int4 values in PostgreSQL's text forms, both ways: an int4[] literal (`{1,2,3}`: a query's parameter or a
// COPY text field, built without pg's generic array serialiser) and a list of numbers as one text
// (`array_to_string(…, ',')`, `doc || ',' || pos`) read back without splitting it into strings.

/** A PostgreSQL int4[] literal of uint32 or int4 values (uint32 sign-folded; `signed`: the values are int4 already). */
export function int4Array(values: ArrayLike<number>, signed = false): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = String(signed ? values[i] : values[i] | 0);
  return '{' + parts.join(',') + '}';
}

/** Integers (int4) separated by commas ('' → none), without splitting the text into strings. */
export function parseInts(text: string | null): Int32Array {
  if (!text) return new Int32Array(0);
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) n++;
  const out = new Int32Array(n);
  let k = 0;
  let v = 0;
  let sign = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      out[k++] = sign * v;
      v = 0;
      sign = 1;
    } else if (c === 45) sign = -1;
    else v = v * 10 + (c - 48);
  }
  out[k] = sign * v;
  return out;
}

/** Pairs of non-negative integers `a,b,a,b,…` (doc, pos) read into two arrays at once (no array of both in between). */
export function parsePairs(text: string): { firsts: Int32Array; seconds: Int32Array } {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) n++;
  const m = text.length ? n >> 1 : 0;
  const firsts = new Int32Array(m);
  const seconds = new Int32Array(m);
  let k = 0;
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 44) v = v * 10 + (c - 48);
    else {
      if (k & 1) seconds[k >> 1] = v;
      else firsts[k >> 1] = v;
      k++;
      v = 0;
    }
  }
  if (m && k & 1) seconds[k >> 1] = v;
  return { firsts, seconds };
}
