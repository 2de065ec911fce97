import { Blocks } from '../model/block';
import type { Block, SpeechDoc } from '../model/types';
import { blockText, type Cleaning } from './clean';
import { parseParagraphs, parseSpeech, type LineHint, type NoiseReason, type Unit } from './parse';

/** The blocks of recognised units: numbers stripped from headings (they are generated); noise dropped. */
export function unitsToBlocks(units: Unit[], opts: { keepNoise?: boolean } = {}): Block[] {
  const blocks: Block[] = [];
  for (const u of units) {
    switch (u.kind) {
      case 'noise':
        if (opts.keepNoise) blocks.push(Blocks.paragraph(blockText(u.seg.text)));
        break;
      case 'title':
        blocks.push(Blocks.make('title', blockText(u.seg.text)));
        break;
      case 'byline': {
        const t = u.compact ? `${u.speaker ?? ''}${u.date ? `（${u.date}）` : ''}` : u.lines.map((l) => blockText(l.text)).join('　');
        blocks.push(Blocks.make('byline', t));
        break;
      }
      case 'salutation':
        blocks.push(Blocks.make('salutation', blockText(u.seg.text)));
        break;
      case 'heading':
        blocks.push(Blocks.heading(u.level, blockText(u.textSeg.text)));
        break;
      case 'paragraph':
        blocks.push(Blocks.paragraph(blockText(u.seg.text)));
        break;
    }
  }
  return blocks;
}

/** A line text recognition left out of the document, with why (an import names each in its report). */
export interface DroppedLine {
  /** 1-based line of the text. */
  line: number;
  text: string;
  why: NoiseReason;
}

/**
 * Plain text → a speech document: title, byline (speaker and date), salutation, headings with their
 * levels (numbers stripped: they are generated) and body paragraphs (broken lines rejoined, page numbers
 * and watermarks removed, glued headings split from their body). Lines before the title (a site's
 * navigation, a 简报's masthead) and a repeated title line are left out, and returned in `dropped`; what
 * the cleaner changed is returned in `cleanings`.
 */
export function textToDocReport(text: string): { doc: SpeechDoc; dropped: DroppedLine[]; cleanings: Cleaning[] } {
  const { units, cleanings } = parseSpeech(text);
  const dropped: DroppedLine[] = [];
  for (const u of units) if (u.kind === 'noise') dropped.push({ line: u.line + 1, text: u.seg.text, why: u.why });
  const blocks = unitsToBlocks(units);
  if (!blocks.some((b) => b.type === 'title')) blocks.unshift(Blocks.make('title', ''));
  if (blocks.length === 1) blocks.push(Blocks.paragraph(''));
  return { doc: { blocks }, dropped, cleanings };
}

/** The document alone (see textToDocReport). */
export function textToDoc(text: string): SpeechDoc {
  return textToDocReport(text).doc;
}

/** One paragraph of a structured source (Word, HTML, a paste) with what its styles say. */
export interface SourceParagraph {
  text: string;
  hint?: LineHint;
}

/**
 * Whole paragraphs → blocks, by the same recognition as text (front matter, written numbers, run-in
 * headings), with the source's heading levels and roles taking precedence. Nothing is joined or dropped:
 * every non-empty paragraph gives at least one block.
 */
export function paragraphsToBlocks(paras: SourceParagraph[]): Block[] {
  return unitsToBlocks(parseParagraphs(paras).units, { keepNoise: true });
}

/** The same, as a document (an empty title first when none was recognised). */
export function paragraphsToDoc(paras: SourceParagraph[]): SpeechDoc {
  const blocks = paragraphsToBlocks(paras);
  if (!blocks.some((b) => b.type === 'title')) blocks.unshift(Blocks.make('title', ''));
  if (blocks.length === 1) blocks.push(Blocks.paragraph(''));
  return { blocks };
}
