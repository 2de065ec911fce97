import { lastAtOrBefore } from '../model/sorted';

/**
 * Map from offsets in a cleaned text back to offsets in the raw text it was cleaned from.
 *
 * Piecewise linear: at cleaned offset `c[i]` the raw offset is `r[i]`, and it grows one for one until
 * the next breakpoint. Cleaning only deletes characters or replaces them one for one, so the map is exact
 * for every character of the cleaned text. Plain JSON, so it can be stored next to a document.
 */
export interface OffsetMap {
  c: number[];
  r: number[];
  /** Length of the raw text. */
  rawLength: number;
  /** Length of the cleaned text. */
  length: number;
}

/** The identity map of a text of `length` characters. */
export function identityMap(length: number): OffsetMap {
  return { c: [0], r: [0], rawLength: length, length };
}

/** Build the map from the raw origin of every cleaned character (origin[i] = raw offset of char i). */
export function mapFromOrigins(origin: ArrayLike<number>, length: number, rawLength: number): OffsetMap {
  const c: number[] = [0];
  const r: number[] = [length > 0 ? origin[0] : rawLength];
  for (let i = 1; i < length; i++) {
    if (origin[i] !== origin[i - 1] + 1) {
      c.push(i);
      r.push(origin[i]);
    }
  }
  return { c, r, rawLength, length };
}

function breakpointAt(map: OffsetMap, offset: number): number {
  return lastAtOrBefore(map.c, offset);
}

/** Raw offset of the cleaned character at `offset` (for offset = length: the raw length). */
export function toOriginalOffset(map: OffsetMap, offset: number): number {
  if (offset >= map.length) return map.rawLength;
  if (offset <= 0) return map.r[0] ?? 0;
  const i = breakpointAt(map, offset);
  return map.r[i] + (offset - map.c[i]);
}

/**
 * Raw range covering the cleaned range [start, end): from the raw position of the first character to just
 * after the raw position of the last one (characters deleted inside the range are inside the raw range).
 */
export function toOriginalRange(map: OffsetMap, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const p = toOriginalOffset(map, start);
    return { start: p, end: p };
  }
  return { start: toOriginalOffset(map, start), end: toOriginalOffset(map, end - 1) + 1 };
}

/** Shift a map so that cleaned offsets are relative to `start` (for a part of a split document). */
export function sliceMap(map: OffsetMap, start: number, end: number): OffsetMap {
  const c: number[] = [0];
  const r: number[] = [toOriginalOffset(map, start)];
  for (let i = breakpointAt(map, start) + 1; i < map.c.length && map.c[i] < end; i++) {
    c.push(map.c[i] - start);
    r.push(map.r[i]);
  }
  return { c, r, rawLength: map.rawLength, length: end - start };
}
