import { ReuseIndex, type CheckOptions, type ReuseDocInput } from '../../src/core/reuse';
import { mulberry32 } from '../../bench/corpus';
import { normalizeForMatch } from '../../src/core/normalize';

/** CJK characters that normalise to themselves (no traditional forms, no astral simplified forms). */
const ALPHABET: string[] = [];
for (let c = 0x4e00; ALPHABET.length < 5000; c++) {
  const ch = String.fromCharCode(c);
  if (normalizeForMatch(ch).norm === ch) ALPHABET.push(ch);
}

/** Random text over a large CJK alphabet: accidental shared runs of 8+ characters are practically impossible. */
export function randomText(rnd: () => number, n: number, punct = true): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    s += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
    if (punct && rnd() < 0.06) s += '，';
  }
  return s;
}

export function makeLibrary(docs: ReuseDocInput[]): { index: ReuseIndex; opts: CheckOptions; texts: Map<string, string> } {
  const index = new ReuseIndex();
  index.add(docs);
  const texts = new Map(docs.map((d) => [d.id, d.text]));
  return { index, texts, opts: { getSourceText: (id) => texts.get(id) } };
}

export { mulberry32 };
