import type { Block } from '../model/types';
import { readHtml } from './html';
import { parseSpeech } from './parse';
import { paragraphsToBlocks, unitsToBlocks } from './toDoc';

/**
 * What a paste (or a drop) of clipboard content becomes: the blocks the same recognition as import makes of
 * its `text/html` (Word/WPS heading styles, outline levels) or else its `text/plain` (written numbers, title,
 * byline, salutation), typed heading numbers removed. Null for a fragment — a single line or paragraph —
 * which is pasted as plain text into the running text.
 */
export function clipboardBlocks(data: { html?: string; text?: string }): Block[] | null {
  const text = data.text ?? '';
  let blocks: Block[] = [];
  if (data.html && data.html.trim() !== '') blocks = paragraphsToBlocks(readHtml(data.html).paragraphs);
  if (blocks.length === 0) {
    if (!/[\r\n]/u.test(text.trim())) return null;
    // every line is kept (nothing before a title is dropped from a paste)
    blocks = unitsToBlocks(parseSpeech(text).units, { keepNoise: true });
  }
  return blocks.length > 1 ? blocks : null;
}
