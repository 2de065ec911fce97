// Deterministic synthetic library and draft for the reuse benchmarks, made from sentences of the
// real corpus (../shared/corpus).
import { mulberry32, readJsonl, sentencesOf } from '../corpus';

export interface SyntheticDoc {
  id: string;
  title: string;
  text: string;
}

/** `nDocs` speech-sized documents (~docChars each) of runs of consecutive corpus sentences. */
export function syntheticLibrary(nDocs: number, docChars: number, seed = 42): SyntheticDoc[] {
  const rows = readJsonl('government_work_reports.jsonl');
  if (!rows.length) throw new Error('../shared/corpus not found');
  const sents = rows.flatMap((r) => sentencesOf(r.content));
  const rnd = mulberry32(seed);
  const docs: SyntheticDoc[] = [];
  for (let d = 0; d < nDocs; d++) {
    const parts: string[] = [];
    let len = 0;
    let inPara = 0;
    while (len < docChars) {
      let s = Math.floor(rnd() * sents.length);
      const run = 1 + Math.floor(rnd() * 8);
      for (let r = 0; r < run && len < docChars; r++, s = (s + 1) % sents.length) {
        parts.push(sents[s]);
        len += sents[s].length;
        if (++inPara >= 4 + Math.floor(rnd() * 4)) {
          parts.push('\n');
          inPara = 0;
        }
      }
    }
    docs.push({ id: `lib-${d}`, title: `合成讲话稿第${d + 1}篇`, text: parts.join('') });
  }
  return docs;
}

/**
 * A draft of about `chars` characters: paragraphs of text from the CPC congress reports (not in the
 * synthetic library) with `planted` passages copied from library documents and lightly edited.
 */
export function syntheticDraft(library: SyntheticDoc[], chars: number, planted: number, seed = 7): { text: string; paragraphs: string[] } {
  const rnd = mulberry32(seed);
  const own = readJsonl('cpc_congress_reports.jsonl')
    .slice(-6)
    .flatMap((r) => sentencesOf(r.content).filter((s) => s !== '\n'));
  const paragraphs: string[] = [];
  let len = 0;
  let p = Math.floor(rnd() * own.length);
  let plantedLeft = planted;
  while (len < chars) {
    let para = '';
    if (plantedLeft > 0 && rnd() < 0.3) {
      plantedLeft--;
      const doc = library[Math.floor(rnd() * library.length)];
      const a = Math.floor(rnd() * Math.max(1, doc.text.length - 600));
      const piece = doc.text.slice(a, a + 200 + Math.floor(rnd() * 400)).replace(/\n/g, '');
      // light edits: one character replaced every ~40 characters
      const arr = [...piece];
      for (let i = 20; i < arr.length; i += 30 + Math.floor(rnd() * 20)) arr[i] = '改';
      para = arr.join('');
    } else {
      while (para.length < 300 + rnd() * 300) {
        para += own[p % own.length];
        p++;
      }
    }
    paragraphs.push(para);
    len += para.length + 1;
  }
  return { text: paragraphs.join('\n'), paragraphs };
}
