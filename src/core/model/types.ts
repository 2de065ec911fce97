// The speech document model: plain JSON, the same shape Slate edits (an array of elements with text leaves).
// Heading numbers are never stored; they are generated from the heading levels (see numbering.ts).

export type HeadingLevel = 1 | 2 | 3 | 4;

export type BlockType = 'title' | 'byline' | 'salutation' | 'heading' | 'paragraph';

/** Role of a level-1 section in a speech's shape (成绩—问题—任务—要求 …). */
export type SectionRole = '开场' | '成绩' | '意义' | '问题' | '任务' | '要求' | '感受' | '表态' | '希望' | '结尾' | '其他';

/** Where a piece of text came from when it was inserted from a template example or another source. */
export interface Origin {
  sourceId: string;
  sourceTitle: string;
  /** Free-form locator, e.g. "第一篇 第5段". */
  locator?: string;
}

export interface TextLeaf {
  text: string;
  /** Leaves may carry marks (bold, origin …); unknown marks are kept as they are. */
  [mark: string]: unknown;
}

export interface Block {
  type: BlockType;
  /** Only for headings. */
  level?: HeadingLevel;
  children: TextLeaf[];
  /** Greyed guidance shown while the block is empty (from a template). Never exported as text. */
  guidance?: string;
  /** Section role for headings created from a template. */
  role?: SectionRole;
  /** Template section id this heading was created from. */
  sectionId?: string;
  origin?: Origin;
}

export interface SpeechDoc {
  blocks: Block[];
}

export const BLOCK_TYPES: readonly BlockType[] = ['title', 'byline', 'salutation', 'heading', 'paragraph'];
export const HEADING_LEVELS: readonly HeadingLevel[] = [1, 2, 3, 4];

/** Chinese names of block kinds, for the UI and error messages. */
export const BLOCK_TYPE_LABELS: Record<BlockType, string> = {
  title: '标题',
  byline: '署名日期',
  salutation: '称谓',
  heading: '标题层级',
  paragraph: '正文',
};
