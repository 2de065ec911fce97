// 念稿版: the reading copy for the leader at the podium. Large print (二号 body, about 1.8× line spacing),
// fewer characters a line, every paragraph kept on one page where it fits, and a time mark in the margin
// every five minutes at the draft's reading speed.
import { Blocks } from '../model/block';
import type { SpeechDoc } from '../model/types';
import { exportedBlocks } from '../tracked/exported';
import { resolveLayout, type GongwenLayout, type GongwenLayoutPatch } from './gongwen';

/** The reading copy's layout over the writer's: the same page, fonts and margins, large print on a coarser grid. */
export function readingLayout(base?: GongwenLayoutPatch): GongwenLayout {
  const l = resolveLayout(base);
  // 二号 (22 pt) body: 20 characters in the 156 mm line, 15 lines in the 225 mm block (42.5 pt ≈ 1.9 × 22 pt).
  return { ...l, bodySizePt: 22, titleSizePt: 26, charsPerLine: 20, linesPerPage: 15 };
}

export interface TimeMark {
  /** Index in doc.blocks of the block in which the mark's minute is reached. */
  blockIndex: number;
  /** Minutes reached in this block (usually one: 5, 10 …). */
  minutes: number[];
}

/** Where each `every` minutes of speaking are reached at `charsPerMinute` (字数 as the status bar counts it). */
export function timeMarks(doc: SpeechDoc, charsPerMinute: number, every = 5): TimeMark[] {
  const step = Math.max(1, charsPerMinute) * every;
  const out: TimeMark[] = [];
  let done = 0;
  for (const { block, index } of exportedBlocks(doc)) {
    let n = 0;
    for (const ch of Blocks.text(block)) if (!/\s/u.test(ch)) n++;
    const minutes: number[] = [];
    for (let k = Math.floor(done / step) + 1; k * step <= done + n; k++) minutes.push(k * every);
    if (minutes.length) out.push({ blockIndex: index, minutes });
    done += n;
  }
  return out;
}
