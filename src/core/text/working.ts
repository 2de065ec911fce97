import { lastAtOrBefore } from '../model/sorted';
import type { Cleaning, CleaningKind } from './clean';

// The cleaner's working state: the current text and the raw offset of each of its characters.

export interface Edit {
  start: number;
  end: number;
  replacement: string;
  kind: CleaningKind;
}

/** Holds the current text and the raw origin of each of its characters. */
export class Working {
  text: string;
  origin: Int32Array;
  readonly changes: Cleaning[] = [];
  private lineStarts: number[];

  constructor(readonly raw: string) {
    this.text = raw;
    this.origin = new Int32Array(raw.length + 1);
    for (let i = 0; i <= raw.length; i++) this.origin[i] = i;
    this.lineStarts = [0];
    for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  lineOf(rawOffset: number): number {
    return lastAtOrBefore(this.lineStarts, rawOffset) + 1;
  }

  /** Apply non-overlapping edits (any order); record each as a change unless `quiet`. */
  apply(edits: Edit[], quiet = false): void {
    if (edits.length === 0) return;
    edits.sort((a, b) => a.start - b.start);
    const parts: string[] = [];
    let newLen = this.text.length;
    for (const e of edits) newLen += e.replacement.length - (e.end - e.start);
    const origin = new Int32Array(newLen + 1);
    let pos = 0;
    let out = 0;
    let lastEnd = -1;
    for (const e of edits) {
      if (e.start < lastEnd) continue; // overlapping edit: keep the first
      parts.push(this.text.slice(pos, e.start));
      for (let i = pos; i < e.start; i++) origin[out++] = this.origin[i];
      parts.push(e.replacement);
      for (let i = 0; i < e.replacement.length; i++) {
        origin[out++] = this.origin[Math.min(e.start + i, Math.max(e.start, e.end - 1))];
      }
      if (!quiet) {
        const at = this.origin[e.start];
        const original = this.text.slice(e.start, e.end);
        // A removed line is cut from the break before it: its line is that of its first character.
        let lead = 0;
        while (lead < original.length && original.charCodeAt(lead) === 10) lead++;
        const line = this.lineOf(lead < original.length ? this.origin[e.start + lead] : at);
        this.changes.push({ kind: e.kind, original, replacement: e.replacement, at, line });
      }
      pos = e.end;
      lastEnd = e.end;
    }
    parts.push(this.text.slice(pos));
    for (let i = pos; i <= this.text.length; i++) origin[out++] = this.origin[i];
    this.text = parts.join('');
    this.origin = out === origin.length ? origin : origin.slice(0, out);
  }

  /** Lines of the current text with their start offsets. */
  lines(): { start: number; end: number; text: string }[] {
    const out: { start: number; end: number; text: string }[] = [];
    let start = 0;
    const t = this.text;
    for (;;) {
      const nl = t.indexOf('\n', start);
      const end = nl < 0 ? t.length : nl;
      out.push({ start, end, text: t.slice(start, end) });
      if (nl < 0) break;
      start = nl + 1;
    }
    return out;
  }
}
