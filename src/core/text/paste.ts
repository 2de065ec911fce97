import { Blocks } from '../model/block';
import type { Block, BlockType } from '../model/types';
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

const FRONT: readonly BlockType[] = ['title', 'byline', 'salutation'];
const hasText = (b: Block) => Blocks.text(b) !== '';
const has = (blocks: readonly Block[], type: BlockType) => blocks.some((b) => b.type === type && hasText(b));

/**
 * A speech (a title, after nothing but paragraphs: lines a paste keeps from before the title, such as a 简报's
 * masthead) pasted into a draft with no title text and no body text (a new draft: empty title, 同志们：, an
 * empty paragraph) replaces the draft's blocks: its title becomes the draft's title.
 */
export function pasteReplacesDraft(draft: readonly Block[], pasted: readonly Block[]): boolean {
  const t = pasted.findIndex((b) => b.type !== 'paragraph');
  return t >= 0 && pasted[t].type === 'title' && !has(draft, 'title') && !draft.some((b) => !FRONT.includes(b.type) && hasText(b));
}

/** The kinds that may stand before a front block of each kind (non-empty blocks only). */
const MAY_FOLLOW: Record<'title' | 'byline' | 'salutation', readonly BlockType[]> = {
  title: [],
  byline: ['title', 'byline'],
  salutation: ['title', 'byline'],
};

/**
 * Pasted blocks fitted to the place they go into (`draft`: the draft's blocks, `before`: those that will
 * stand before the first pasted block). A pasted title, byline or salutation keeps its kind only where the
 * draft has none of that kind and only front matter it may follow stands before it (a title: nothing; a
 * byline or salutation: the title and bylines); otherwise it becomes a body paragraph (a title's manual line
 * breaks joined), so a draft never gets a second title, byline or salutation block, nor one inside its body.
 * Headings and paragraphs are unchanged; no text is dropped.
 */
export function fitPastedFront(pasted: readonly Block[], draft: readonly Block[], before: readonly Block[]): Block[] {
  const preceding: BlockType[] = before.filter(hasText).map((b) => b.type);
  return pasted.map((b) => {
    let out = b;
    if (b.type === 'title' || b.type === 'byline' || b.type === 'salutation') {
      const fits = !has(draft, b.type) && preceding.every((t) => MAY_FOLLOW[b.type as 'title'].includes(t));
      if (!fits) {
        const { level: _level, role: _role, sectionId: _sectionId, guidance: _guidance, ...rest } = b;
        out = { ...rest, type: 'paragraph', children: b.children.map((c) => ({ ...c, text: c.text.replace(/\n/g, '') })) };
      }
    }
    if (hasText(out)) preceding.push(out.type);
    return out;
  });
}
