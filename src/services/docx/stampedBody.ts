// The body of document.xml written from stamps: the docx package builds an object tree of a dozen objects
// per paragraph and walks it twice (39 s and 3 GB for 200,000 paragraphs). Here it writes each distinct
// paragraph formatting and each distinct run formatting once, in a small probe document, with a marker
// where the text goes; every paragraph of the real body is then its stamps around its escaped text, written
// straight into UTF-8 bytes (linear time, memory the size of the XML). Paragraphs the stamps do not cover
// (a comment range, a time mark in a frame) are written by the docx package inside the same probe document
// and copied as they are. tests/docx/stampedBody.test.ts checks the result is byte for byte what the docx
// package writes for the same paragraphs.
import { randomBytes } from 'node:crypto';
import { Paragraph, TextRun, type IParagraphOptions } from 'docx';
import type { Kind, Writer } from './writer';

/** One run of a plain paragraph: its kind's run formatting, a line of text, a w:br before it or not. */
export interface StampRun {
  kind: Kind;
  text: string;
  br: boolean;
}

/**
 * A paragraph of the body: plain (stamped); one of a family of paragraphs that differ in one text only
 * (`like`: the family's name; `make` builds one with a given text, e.g. a 念稿版 time mark), stamped too; or one
 * the docx package writes (copied).
 */
export type BodyItem =
  | { kind: Kind; spaceBefore: boolean; keepLines: boolean; runs: StampRun[] }
  | { like: string; text: string; make: (text: string) => Paragraph }
  | { paragraph: Paragraph };

/** The runs of `text` in one kind: a run per line, a w:br before every line but the first (Writer.textRuns). */
export function stampRuns(text: string, kind: Kind): StampRun[] {
  return text.split('\n').map((line, i) => ({ kind, text: line, br: i > 0 }));
}

/** The docx package's paragraph for an item: the reference the stamps are made from (and checked against). */
export function itemParagraph(w: Writer, item: BodyItem): Paragraph {
  if ('paragraph' in item) return item.paragraph;
  if ('like' in item) return item.make(item.text);
  const extra: Partial<IParagraphOptions> = item.keepLines ? { keepLines: true } : {};
  return w.paragraph(item.kind, item.spaceBefore, item.runs.map((r) => runOf(w, r, r.text)), extra);
}

function runOf(w: Writer, r: { kind: Kind; br: boolean }, text: string): TextRun {
  return new TextRun({ ...w.runOptions(r.kind), text, ...(r.br ? { break: 1 } : {}) });
}

/** Text as the docx package escapes it (escapeAll: markup characters, and C0 controls XML cannot hold dropped). */
// eslint-disable-next-line no-control-regex -- the C0 controls are what is matched (and dropped)
const ESCAPED = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
export function escapeText(text: string): string {
  ESCAPED.lastIndex = 0;
  return ESCAPED.test(text) ? text.replace(ESCAPED, (c) => ENTITY[c] ?? '') : text;
}

const paragraphKey = (i: { kind: Kind; spaceBefore: boolean; keepLines: boolean }) => `${i.kind}|${+i.spaceBefore}|${+i.keepLines}`;
const runKey = (r: { kind: Kind; br: boolean }) => `${r.kind}|${+r.br}`;

/** The probe document's body, and how to write the real document.xml from the probe's. */
export interface Stamps {
  probe: Paragraph[];
  /** document.xml for the items, from the probe document's document.xml, as UTF-8 bytes. */
  write(probeXml: string): Buffer;
}

export function stamps(w: Writer, items: BodyItem[]): Stamps {
  // Markers no text can hold by chance or on purpose: private-use characters around a random token.
  const nonce = randomBytes(8).toString('hex');
  const mark = (tag: string) => `\uE000${nonce}${tag}\uE001`;
  const paragraphs = new Map<string, number>();
  const runs = new Map<string, { kind: Kind; br: boolean; at: number }>();
  const probe: Paragraph[] = [new Paragraph({ children: [new TextRun({ text: mark('start') })] })];
  const copied: Paragraph[] = [];
  const families = new Map<string, number>();
  for (const item of items) {
    if ('paragraph' in item) {
      copied.push(item.paragraph);
      continue;
    }
    if ('like' in item) {
      if (!families.has(item.like)) {
        families.set(item.like, families.size);
        probe.push(item.make(mark(`f${families.size - 1}`)));
      }
      continue;
    }
    const key = paragraphKey(item);
    if (!paragraphs.has(key)) {
      paragraphs.set(key, paragraphs.size);
      const extra: Partial<IParagraphOptions> = item.keepLines ? { keepLines: true } : {};
      probe.push(w.paragraph(item.kind, item.spaceBefore, [new TextRun({ text: mark(`p${paragraphs.size - 1}`) })], extra));
    }
    for (const r of item.runs) if (!runs.has(runKey(r))) runs.set(runKey(r), { kind: r.kind, br: r.br, at: runs.size });
  }
  probe.push(new Paragraph({ children: [...runs.values()].map((r) => runOf(w, r, mark(`r${r.at}`))) }));
  copied.forEach((p, k) => probe.push(new Paragraph({ children: [new TextRun({ text: mark(`c${k}`) })] }), p));
  probe.push(new Paragraph({ children: [new TextRun({ text: mark('end') })] }));

  return {
    probe,
    write(xml: string): Buffer {
      // Every marker's position, in one pass (a 念稿版 has a copied time mark every five minutes).
      const found = new Map<string, number>();
      for (const m of xml.matchAll(new RegExp(`\uE000${nonce}([^\uE001<]*)\uE001`, 'g'))) found.set(m[1], m.index);
      const at = (tag: string) => {
        const i = found.get(tag);
        if (i === undefined) throw new Error(`stamp ${tag} missing from the probe document`);
        return i;
      };
      // Where runs and paragraphs open, found once (a backward search per marker would be quadratic).
      const opens = (re: RegExp) => [...xml.matchAll(re)].map((m) => m.index);
      const runOpens = opens(/<w:r[ >]/g);
      const paraOpens = opens(/<w:p[ >]/g);
      const lastBefore = (sorted: number[], i: number) => {
        let lo = 0;
        let hi = sorted.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (sorted[mid] <= i) lo = mid;
          else hi = mid - 1;
        }
        return sorted[lo];
      };
      const runStart = (i: number) => lastBefore(runOpens, i);
      const runEnd = (i: number) => xml.indexOf('</w:r>', i) + '</w:r>'.length;
      const paraStart = (i: number) => lastBefore(paraOpens, i);
      const paraEnd = (i: number) => xml.indexOf('</w:p>', i) + '</w:p>'.length;
      // A paragraph's stamp: what comes before and after its (one, plain) marker run.
      const pStamp = [...paragraphs.keys()].map((_, n) => {
        const i = at(`p${n}`);
        return [xml.slice(paraStart(i), runStart(i)), xml.slice(runEnd(i), paraEnd(i))] as const;
      });
      const rStamp = [...runs.values()].map((r) => {
        const m = mark(`r${r.at}`);
        const i = at(`r${r.at}`);
        return [xml.slice(runStart(i), i), xml.slice(i + m.length, runEnd(i))] as const;
      });
      // A family's stamp: its paragraph before and after the marker that stands for its text.
      const fStamp = [...families.keys()].map((_, n) => {
        const i = at(`f${n}`);
        return [xml.slice(paraStart(i), i), xml.slice(i + mark(`f${n}`).length, paraEnd(i))] as const;
      });
      const fIndex = new Map([...families].map(([k, n]) => [k, fStamp[n]]));
      const copiedXml = copied.map((_, k) => {
        const from = paraEnd(at(`c${k}`));
        return xml.slice(from, paraStart(at(k + 1 < copied.length ? `c${k + 1}` : 'end')));
      });
      const head = xml.slice(0, paraStart(at('start')));
      const tail = xml.slice(paraEnd(at('end')));
      const pIndex = new Map([...paragraphs].map(([k, n]) => [k, pStamp[n]]));
      const rIndex = new Map([...runs].map(([k, r]) => [k, rStamp[r.at]]));
      // Written in batches into bytes: no string of the whole body is ever made.
      const out: Buffer[] = [Buffer.from(head, 'utf8')];
      let batch: string[] = [];
      let c = 0;
      const flush = () => {
        out.push(Buffer.from(batch.join(''), 'utf8'));
        batch = [];
      };
      for (const item of items) {
        if ('paragraph' in item) batch.push(copiedXml[c++]);
        else if ('like' in item) {
          const [pre, post] = fIndex.get(item.like)!;
          batch.push(pre, escapeText(item.text), post);
        } else {
          const [pre, post] = pIndex.get(paragraphKey(item))!;
          batch.push(pre);
          for (const r of item.runs) {
            const [rPre, rPost] = rIndex.get(runKey(r))!;
            batch.push(rPre, escapeText(r.text), rPost);
          }
          batch.push(post);
        }
        if (batch.length > 20_000) flush();
      }
      flush();
      out.push(Buffer.from(tail, 'utf8'));
      return Buffer.concat(out);
    },
  };
}
