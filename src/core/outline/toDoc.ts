import { Blocks } from '../model/block';
import type { Block, SpeechDoc } from '../model/types';
import { parseSpeech } from './parse';
import { docText } from './seg';

/**
 * Plain text → a speech document: title, byline (speaker and date), salutation, headings with their
 * levels (numbers stripped: they are generated) and body paragraphs (broken lines rejoined, page numbers
 * and watermarks removed, glued headings split from their body). Lines before the title are dropped.
 */
export function textToDoc(text: string): SpeechDoc {
  const { units } = parseSpeech(text);
  const blocks: Block[] = [];
  for (const u of units) {
    switch (u.kind) {
      case 'noise':
        break;
      case 'title':
        blocks.push(Blocks.make('title', docText(u.seg)));
        break;
      case 'byline': {
        const t = u.speaker || u.date ? `${u.speaker ?? ''}${u.date ? `（${u.date}）` : ''}` : docText(u.seg);
        blocks.push(Blocks.make('byline', t));
        break;
      }
      case 'salutation':
        blocks.push(Blocks.make('salutation', docText(u.seg)));
        break;
      case 'heading':
        blocks.push(Blocks.heading(u.level, docText(u.textSeg)));
        break;
      case 'paragraph':
        blocks.push(Blocks.paragraph(docText(u.seg)));
        break;
    }
  }
  if (!blocks.some((b) => b.type === 'title')) blocks.unshift(Blocks.make('title', ''));
  if (blocks.length === 1) blocks.push(Blocks.paragraph(''));
  return { blocks };
}
