// int4 values in PostgreSQL's text forms, both ways: an int4[] literal (`{1,2,3}`: a query's parameter or a
// COPY text field, built without pg's generic array serialiser) and a list of numbers as one text
// (`array_to_string(…, ',')`) read back without splitting it into strings; and pairs packed as bytes.

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

/**
 * Pairs (doc, pos) as the server packs them (`int4send(doc) || int4send(pos)` joined, sent as base64: 8 bytes
 * a pair, nothing to parse) into two arrays, in (doc, pos) order — sorted here if they came in another
 * (an aggregate's input order is not promised without its own ORDER BY, which would sort every list again).
 */
export function pairsFromBase64(base64: string): { firsts: Int32Array; seconds: Int32Array } {
  const b = Buffer.from(base64, 'base64');
  const n = b.length >> 3;
  const dv = new DataView(b.buffer, b.byteOffset, n << 3);
  let firsts = new Int32Array(n);
  let seconds = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    firsts[i] = dv.getInt32(8 * i);
    seconds[i] = dv.getInt32(8 * i + 4);
    if (i && (firsts[i] < firsts[i - 1] || (firsts[i] === firsts[i - 1] && seconds[i] < seconds[i - 1]))) sorted = false;
  }
  if (!sorted) {
    const order = Array.from({ length: n }, (_, k) => k).sort((x, y) => firsts[x] - firsts[y] || seconds[x] - seconds[y]);
    firsts = Int32Array.from(order, (k) => firsts[k]);
    seconds = Int32Array.from(order, (k) => seconds[k]);
  }
  return { firsts, seconds };
}
