// Normalisation for matching, with a map back to offsets in the original text.
//
// Per character (a base code point plus any following combining marks, which NFKC may compose):
// NFKC (full/half-width folding, compatibility forms) → lower case → traditional→simplified
// (single-character OpenCC tables: TW/HK variants → OpenCC traditional → simplified) → drop
// punctuation, whitespace, control/format (zero-width) characters, combining marks and variation
// selectors. Characters are folded through a 64 K lookup table built once, lazily, so
// normalising is a table lookup per UTF-16 unit; only rare characters (expansions like ﬁ or ㍻,
// surrogate pairs, clusters with combining marks) take the slow path, which is cached.
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';

export interface Normalized {
  /** Normalised text: only countable characters. */
  norm: string;
  /** norm index → UTF-16 offset in the original text where its character starts; map[norm.length] = text.length. */
  map: Int32Array;
  /** norm index → UTF-16 offset in the original text just after the character (cluster) it came from. */
  ends: Int32Array;
}

export interface NormalizedCodes {
  /** Normalised UTF-16 code units; only the first `length` are valid. */
  codes: Uint16Array;
  length: number;
  /** Present when requested: like Normalized.map / ends (starts has length+1 valid entries). */
  starts?: Int32Array;
  ends?: Int32Array;
  /**
   * Checkpoints (when requested): pairs (normPos, origOffset) at the first character cluster that
   * starts at or after every multiple of CHECKPOINT_EVERY normalised characters; normalising the
   * original text from origOffset reproduces the normalised text from normPos on.
   */
  cp?: Uint32Array;
  cpCount?: number;
}

export const CHECKPOINT_EVERY = 64;

const DROP = 0;
/** Table values ≥ JOINER are not folded by lookup: JOINER composes with the preceding cluster, SLOW is complex. */
const JOINER = 0xfffe;
const SLOW = 0xffff;

let FOLD: Uint16Array | null = null;
let T2S: Map<number, number> | null = null;
const slowCache = new Map<string, string>();

const IGNORABLE = /[\p{P}\p{Z}\p{C}\p{M}\s]/u;

function parseDict(dict: string, into: Map<number, number>, overwrite: boolean): void {
  for (const entry of dict.split('|')) {
    const sp = entry.indexOf(' ');
    if (sp <= 0) continue;
    const from = entry.slice(0, sp);
    const to = entry.slice(sp + 1).split(' ')[0];
    const fc = from.codePointAt(0)!;
    const tc = to.codePointAt(0)!;
    if ([...from].length !== 1 || [...to].length !== 1) continue;
    if (overwrite || !into.has(fc)) into.set(fc, tc);
  }
}

function t2sTable(): Map<number, number> {
  if (T2S) return T2S;
  const variants = new Map<number, number>();
  parseDict(TWVariantsRev, variants, false);
  parseDict(HKVariantsRev, variants, false);
  const ts = new Map<number, number>();
  parseDict(TSCharacters, ts, false);
  const out = new Map<number, number>();
  for (const [from, to] of variants) out.set(from, ts.get(to) ?? to);
  for (const [from, to] of ts) if (!variants.has(from)) out.set(from, to);
  // Chains (a → b where b itself is traditional): resolve once more.
  for (const [from, to] of out) {
    const again = out.get(to);
    if (again !== undefined && again !== to) out.set(from, again);
  }
  T2S = out;
  return out;
}

/** Fold a string that is already NFKC + lower case: drop ignorables, map traditional → simplified. */
function foldChars(s: string): string {
  let out = '';
  for (const ch of s) {
    const known = foldedBefore(ch);
    if (known !== undefined) {
      if (known !== DROP) out += String.fromCharCode(known);
      continue;
    }
    if (IGNORABLE.test(ch)) continue;
    const cp = ch.codePointAt(0)!;
    const mapped = t2sTable().get(cp);
    out += mapped === undefined ? ch : String.fromCodePoint(mapped);
  }
  return out;
}

/**
 * The table's entry for `ch` when it is exactly what folding `ch` gives: a BMP unit with a plain entry that
 * normalising leaves as it is (the entry was folded from the normalised character). So a kept table spares
 * building the traditional → simplified map (~10 ms) for a text with a complex character in it.
 */
function foldedBefore(ch: string): number | undefined {
  if (!FOLD || ch.length !== 1) return undefined;
  const e = FOLD[ch.charCodeAt(0)];
  return e < JOINER && ch.normalize('NFKC').toLowerCase().normalize('NFKC') === ch ? e : undefined;
}

function foldSlow(cluster: string): string {
  let out = slowCache.get(cluster);
  if (out === undefined) {
    out = foldChars(cluster.normalize('NFKC').toLowerCase().normalize('NFKC'));
    if (slowCache.size > 100_000) slowCache.clear();
    slowCache.set(cluster, out);
  }
  return out;
}

function isJoiner(c: number): boolean {
  if (c >= 0x1160 && c <= 0x11ff) return true; // Hangul medial vowels / final consonants compose under NFKC
  const s = String.fromCharCode(c);
  if (/\p{M}/u.test(s)) return true;
  return /^\p{M}/u.test(s.normalize('NFKC')); // e.g. half-width (semi-)voiced sound marks
}

/** The fold table's entry for UTF-16 unit c. */
function entryFor(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return SLOW;
  if (c >= 0x80 && isJoiner(c)) return JOINER;
  const f = foldSlow(String.fromCharCode(c));
  const f0 = f.charCodeAt(0);
  if (f.length === 0) return DROP;
  if (f.length === 1 && f0 < JOINER && f0 !== DROP) return f0;
  return SLOW;
}

function buildTables(): void {
  const fold = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) fold[c] = entryFor(c);
  FOLD = fold;
}

/** Build the lookup tables now (otherwise done on first use, ~50–100 ms). */
export function warmUpNormalizer(): void {
  if (!FOLD) buildTables();
}

/** Bump when the folding rules change: a fold table kept (see foldTable) under another version is not used. */
export const FOLD_RULES_VERSION = 1;

/** The 64 K fold table (built now if needed), for a caller that keeps it between processes (see useFoldTable). */
export function foldTable(): Uint16Array {
  if (!FOLD) buildTables();
  return FOLD!;
}

let RULES_KEY: string | null = null;

/**
 * A key of the folding rules this program has: the rule version and the data the rules read (the OpenCC
 * tables, the ignorable classes), FNV-1a in two 32-bit lanes. A table kept under another key is not used;
 * checking the key builds no entry (building the OpenCC maps alone is ~20 ms of a cold start). A change of
 * the folding code bumps FOLD_RULES_VERSION (tests/core/foldTable.test.ts fails otherwise).
 */
export function foldRulesKey(): string {
  if (RULES_KEY) return RULES_KEY;
  let a = 0x811c9dc5;
  let b = 0x01000193;
  const parts = [String(FOLD_RULES_VERSION), TSCharacters, TWVariantsRev, HKVariantsRev, IGNORABLE.source];
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x811c9dc5) ^ (b >>> 15);
    }
  }
  RULES_KEY = (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  return RULES_KEY;
}

/** Use a table kept (see foldTable) under `keptUnder`: taken only if that is this program's foldRulesKey(). */
export function useFoldTable(table: Uint16Array, keptUnder: string): boolean {
  if (FOLD) return true;
  if (table.length !== 65536 || keptUnder !== foldRulesKey()) return false;
  FOLD = table;
  return true;
}

/**
 * Normalise to code units. `scratch` (optional) is reused when large enough, so callers that
 * normalise many documents avoid allocating per document.
 */
export function normalizeCodes(text: string, wantMap: boolean, scratch?: NormalizedCodes, wantCheckpoints = false): NormalizedCodes {
  if (!FOLD) buildTables();
  const fold = FOLD!;
  const n = text.length;
  let cap = n + 16;
  let codes = scratch && scratch.codes.length >= cap ? scratch.codes : new Uint16Array(cap);
  let starts: Int32Array | undefined;
  let ends: Int32Array | undefined;
  if (wantMap) {
    starts = scratch?.starts && scratch.starts.length >= cap + 1 ? scratch.starts : new Int32Array(cap + 1);
    ends = scratch?.ends && scratch.ends.length >= cap ? scratch.ends : new Int32Array(cap);
  }
  let o = 0;
  let i = 0;
  let cp: Uint32Array | undefined;
  let cpn = 0;
  let nextCp = wantCheckpoints ? 0 : 0x7fffffff;
  if (wantCheckpoints) {
    const need = 2 * (Math.ceil(cap / CHECKPOINT_EVERY) + 2);
    cp = scratch?.cp && scratch.cp.length >= need ? scratch.cp : new Uint32Array(need);
  }
  // State before the last cluster, so a following joiner (combining mark…) can redo it as one cluster.
  let lastStart = -1;
  let oBefore = 0;
  let cpnBefore = 0;
  let nextCpBefore = nextCp;
  while (i < n) {
    const c = text.charCodeAt(i);
    const v = fold[c];
    if (v < JOINER) {
      // Fast path: one UTF-16 unit → nothing or one unit.
      lastStart = i;
      oBefore = o;
      cpnBefore = cpn;
      nextCpBefore = nextCp;
      if (v === DROP) {
        i++;
        continue;
      }
      if (o >= nextCp) {
        if (2 * cpn + 2 > cp!.length) {
          const ncp = new Uint32Array(cp!.length * 2);
          ncp.set(cp!);
          cp = ncp;
        }
        cp![2 * cpn] = o;
        cp![2 * cpn + 1] = i;
        cpn++;
        nextCp = (Math.floor(o / CHECKPOINT_EVERY) + 1) * CHECKPOINT_EVERY;
      }
      codes[o] = v;
      if (wantMap) {
        starts![o] = i;
        ends![o] = i + 1;
      }
      o++;
      i++;
      continue;
    }
    // Slow path: a cluster [from, j): a surrogate pair, a character with a complex folding, or joiners
    // that compose with the cluster before them (which is then redone).
    let from = i;
    let j = i + 1;
    if (v === JOINER && lastStart >= 0) {
      from = lastStart;
      o = oBefore;
      cpn = cpnBefore;
      nextCp = nextCpBefore;
    } else if (c >= 0xd800 && c <= 0xdbff && j < n) {
      const d = text.charCodeAt(j);
      if (d >= 0xdc00 && d <= 0xdfff) j++;
    }
    while (j < n && fold[text.charCodeAt(j)] === JOINER) j++;
    lastStart = from;
    oBefore = o;
    cpnBefore = cpn;
    nextCpBefore = nextCp;
    const out = foldSlow(text.slice(from, j));
    if (out.length && o >= nextCp) {
      if (2 * cpn + 2 > cp!.length) {
        const ncp = new Uint32Array(cp!.length * 2);
        ncp.set(cp!);
        cp = ncp;
      }
      cp![2 * cpn] = o;
      cp![2 * cpn + 1] = from;
      cpn++;
      nextCp = (Math.floor(o / CHECKPOINT_EVERY) + 1) * CHECKPOINT_EVERY;
    }
    const need = o + out.length + (n - j) + 1;
    if (need > cap) {
      cap = Math.max(need, cap * 2);
      const nc = new Uint16Array(cap);
      nc.set(codes.subarray(0, o));
      codes = nc;
      if (wantMap) {
        const ns = new Int32Array(cap + 1);
        ns.set(starts!.subarray(0, o));
        starts = ns;
        const ne = new Int32Array(cap);
        ne.set(ends!.subarray(0, o));
        ends = ne;
      }
    }
    for (let q = 0; q < out.length; q++) {
      codes[o] = out.charCodeAt(q);
      if (wantMap) {
        starts![o] = from;
        ends![o] = j;
      }
      o++;
    }
    i = j;
  }
  if (wantMap) starts![o] = n;
  if (scratch) {
    scratch.codes = codes;
    if (wantCheckpoints) scratch.cp = cp;
    if (wantMap) {
      scratch.starts = starts;
      scratch.ends = ends;
    }
  }
  return { codes, length: o, starts, ends, cp, cpCount: cpn };
}

/** Decode code units [from, to) to a string without building huge argument lists. */
export function codesToString(codes: Uint16Array, from: number, to: number): string {
  let s = '';
  for (let p = from; p < to; p += 8192) s += String.fromCharCode.apply(null, codes.subarray(p, Math.min(to, p + 8192)) as unknown as number[]);
  return s;
}

export function normalizeForMatch(text: string): Normalized {
  const r = normalizeCodes(text, true);
  return {
    norm: codesToString(r.codes, 0, r.length),
    map: r.starts!.slice(0, r.length + 1),
    ends: r.ends!.slice(0, r.length),
  };
}
