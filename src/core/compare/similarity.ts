// Paragraph similarity: Dice coefficient over multisets of character bigrams (letters and digits only),
// computed for many pairs at once through an inverted index so that only pairs sharing bigrams are visited.

export interface Profile {
  /** bigram key → count */
  grams: Map<number, number>;
  size: number;
}

const isWordChar = (cp: number): boolean =>
  (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || cp >= 0x20000 || (cp > 0xff && cp < 0x2000);

export function profile(text: string): Profile {
  const grams = new Map<number, number>();
  let prev = -1;
  let size = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!isWordChar(cp)) continue;
    if (prev >= 0) {
      // A small-integer key (V8 Smi) for speed; rare collisions only blur the estimate.
      const key = (Math.imul(prev, 65599) + cp) & 0x3fffffff;
      grams.set(key, (grams.get(key) ?? 0) + 1);
      size++;
    }
    prev = cp;
  }
  return { grams, size };
}

export interface Candidate {
  a: number;
  b: number;
  sim: number;
}

/**
 * All pairs (i of as, j of bs) with similarity ≥ threshold, visiting only pairs that share a bigram.
 * `as` and `bs` are lists of [id, profile].
 */
export function similarPairs(as: Array<[number, Profile]>, bs: Array<[number, Profile]>, threshold: number): Candidate[] {
  const index = new Map<number, number[]>(); // bigram → [position in bs, count, position, count, …]
  bs.forEach(([, p], j) => {
    for (const [k, n] of p.grams) {
      const list = index.get(k);
      if (!list) index.set(k, [j, n]);
      else list.push(j, n);
    }
  });
  const out: Candidate[] = [];
  const shared = new Float64Array(bs.length);
  const touched: number[] = [];
  for (const [ia, pa] of as) {
    if (pa.size === 0) continue;
    for (const [k, n] of pa.grams) {
      const list = index.get(k);
      if (!list) continue;
      for (let x = 0; x < list.length; x += 2) {
        const j = list[x];
        if (shared[j] === 0) touched.push(j);
        shared[j] += Math.min(n, list[x + 1]);
      }
    }
    for (const j of touched) {
      const [ib, pb] = bs[j];
      const sim = (2 * shared[j]) / (pa.size + pb.size);
      if (sim >= threshold) out.push({ a: ia, b: ib, sim });
      shared[j] = 0;
    }
    touched.length = 0;
  }
  return out;
}
