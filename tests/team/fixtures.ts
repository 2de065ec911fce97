// Synthetic Chinese texts for the team-library tests (no ../shared needed): documents of random
// sentences over 2,500 common CJK characters, near-duplicate copies, and drafts that reuse planted
// passages of 13–200 characters from known documents.
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const PUNCT = ['，', '，', '，', '。', '；', '、'];

export function sentence(r: () => number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    s += String.fromCharCode(0x4e00 + Math.floor(r() * 2500));
    if (i > 3 && i < len - 2 && r() < 0.08) s += PUNCT[Math.floor(r() * 3)];
  }
  return s + (r() < 0.7 ? '。' : '；');
}

export function paragraph(r: () => number, sentences = 4): string {
  let p = '';
  for (let i = 0; i < sentences; i++) p += sentence(r, 12 + Math.floor(r() * 30));
  return p;
}

export interface SynthDoc {
  name: string;
  title: string;
  text: string;
}

/** `n` documents of a few paragraphs each. */
export function synthDocs(n: number, seed: number, prefix = 'doc'): SynthDoc[] {
  const r = rng(seed);
  const out: SynthDoc[] = [];
  for (let i = 0; i < n; i++) {
    const paras: string[] = [];
    const np = 3 + Math.floor(r() * 5);
    for (let k = 0; k < np; k++) paras.push(paragraph(r, 3 + Math.floor(r() * 4)));
    out.push({ name: `${prefix}${seed}-${i}.txt`, title: `关于${sentence(r, 6).slice(0, 6)}的讲话（${seed}-${i}）`, text: paras.join('\n') });
  }
  return out;
}

/** A near-duplicate of `text`: a few characters changed here and there (containment stays ≥ 0.9). */
export function nearCopy(text: string, seed: number): string {
  const r = rng(seed);
  const chars = [...text];
  for (let i = 0; i < chars.length; i += 200 + Math.floor(r() * 100)) if (chars[i] !== '\n') chars[i] = '变';
  return chars.join('') + '\n（有改动）';
}

/** Characters that count for the 13-character rule (the fixtures' punctuation does not). */
export const countable = (s: string) => s.replace(/[，。；、\n]/g, '').length;

export interface Planted {
  doc: SynthDoc;
  /** Offsets of the planted passage in the draft. */
  start: number;
  end: number;
}

/** A draft of fresh text with passages of 13–200 characters copied from some of `docs` (no line breaks inside). */
export function draftWith(docs: SynthDoc[], seed: number, count = 4): { text: string; planted: Planted[] } {
  const r = rng(seed);
  let text = paragraph(r, 3);
  const planted: Planted[] = [];
  for (let i = 0; i < count; i++) {
    const doc = docs[Math.floor(r() * docs.length)];
    const line = doc.text.split('\n').sort((a, b) => b.length - a.length)[0];
    let len = Math.min(line.length, 13 + Math.floor(r() * 188));
    let a = Math.floor(r() * (line.length - len + 1));
    // at least 13 countable characters (punctuation does not count): grown forwards, and backwards at the
    // end of the line (a piece cut at a line's end once had 11, which no check may report)
    while (countable(line.slice(a, a + len)) < 13 && (a + len < line.length || a > 0)) {
      if (a + len < line.length) len++;
      else {
        a--;
        len++;
      }
    }
    const piece = line.slice(a, a + len);
    text += '\n' + sentence(r, 10);
    const start = text.length;
    text += piece;
    planted.push({ doc, start, end: start + piece.length });
    text += sentence(r, 10);
  }
  return { text, planted };
}
