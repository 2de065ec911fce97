import { Blocks } from '../model/block';
import type { SpeechDoc } from '../model/types';

/**
 * Plain text → a speech document. Placeholder: first non-empty line is the title, every other line a
 * paragraph. The outline extraction (issue 3) replaces this with real recognition of bylines,
 * salutations and numbered headings.
 */
export function textToDoc(text: string): SpeechDoc {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) return { blocks: [Blocks.make('title', ''), Blocks.paragraph('')] };
  const [first, ...rest] = lines;
  return { blocks: [Blocks.make('title', first), ...rest.map((l) => Blocks.paragraph(l))] };
}
