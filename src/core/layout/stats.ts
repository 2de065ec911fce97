// 字数, 预计时长 and 页数 of a speech, as the status bar and `speechdraft stats` show them.
import { Docs } from '../model/block';
import type { SpeechDoc } from '../model/types';
import type { GongwenLayoutPatch } from './gongwen';
import { estimatePages } from './pages';
import { readingLayout } from './reading';

export interface SpeechStats {
  /** 字数: characters without whitespace. */
  chars: number;
  /** 预计时长 in minutes at `charsPerMinute`. */
  minutes: number;
  charsPerMinute: number;
  /** 页数 of the 清稿 on the layout's grid. */
  pages: number;
  /** 页数 of the 念稿版 (large print, paragraphs kept on a page). */
  readingPages: number;
}

export function speechStats(doc: SpeechDoc, opts: { charsPerMinute?: number; layout?: GongwenLayoutPatch } = {}): SpeechStats {
  const charsPerMinute = Math.max(1, opts.charsPerMinute || 220);
  const chars = Docs.charCount(doc);
  const readingPages = estimatePages(doc, readingLayout(opts.layout), { keepLines: true }).pages;
  return { chars, minutes: chars / charsPerMinute, charsPerMinute, pages: estimatePages(doc, opts.layout).pages, readingPages };
}

/** 「12 分 30 秒」. */
export function formatMinutes(minutes: number): string {
  const totalSec = Math.round(minutes * 60);
  const m = Math.floor(totalSec / 60);
  const s = totalSec % 60;
  if (m === 0) return `${s} 秒`;
  return s ? `${m} 分 ${s} 秒` : `${m} 分钟`;
}
