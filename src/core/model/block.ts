import { countChars } from './count';
import type { Block, BlockType, HeadingLevel, SpeechDoc, TextLeaf } from './types';

/** Small pure helpers over blocks, in the manner of Slate's `Node` namespace. */
export const Blocks = {
  text(block: Block): string {
    let s = '';
    for (const leaf of block.children) s += leaf.text;
    return s;
  },

  make(type: BlockType, text: string, extra: Partial<Block> = {}): Block {
    const children: TextLeaf[] = [{ text }];
    return { type, children, ...extra };
  },

  heading(level: HeadingLevel, text: string, extra: Partial<Block> = {}): Block {
    return { type: 'heading', level, children: [{ text }], ...extra };
  },

  paragraph(text: string, extra: Partial<Block> = {}): Block {
    return { type: 'paragraph', children: [{ text }], ...extra };
  },

  isHeading(block: Block): block is Block & { type: 'heading'; level: HeadingLevel } {
    return block.type === 'heading' && (block.level === 1 || block.level === 2 || block.level === 3 || block.level === 4);
  },

  isEmpty(block: Block): boolean {
    return Blocks.text(block).trim() === '';
  },
};

export const Docs = {
  empty(): SpeechDoc {
    return { blocks: [Blocks.make('title', ''), Blocks.make('salutation', '同志们：'), Blocks.paragraph('')] };
  },

  /** 字数 of the document: `countChars` of every block's text. */
  charCount(doc: SpeechDoc): number {
    let n = 0;
    for (const b of doc.blocks) n += countChars(Blocks.text(b));
    return n;
  },

  /** Estimated speaking time in minutes at `charsPerMinute` (default 220). */
  speakingMinutes(doc: SpeechDoc, charsPerMinute = 220): number {
    return Docs.charCount(doc) / Math.max(1, charsPerMinute);
  },

  title(doc: SpeechDoc): string {
    const t = doc.blocks.find((b) => b.type === 'title');
    return t ? Blocks.text(t).trim() : '';
  },
};
