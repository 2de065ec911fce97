/**
 * Aho–Corasick automaton over a list of patterns, built once: all occurrences of all patterns in one pass over
 * the text. Patterns are matched on UTF-16 code units (Han characters of the lists are all in the BMP).
 */
export interface Match {
  start: number;
  end: number;
  /** Index of the pattern in the list given to the constructor. */
  id: number;
}

export class Matcher {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Pattern ids ending at a node (its own and those reached through fail links). */
  private readonly out: number[][] = [[]];
  private readonly lengths: number[];

  constructor(patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((p, id) => {
      if (!p) return;
      let node = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let to = this.next[node].get(c);
        if (to === undefined) {
          to = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[node].set(c, to);
        }
        node = to;
      }
      this.out[node].push(id);
    });
    const queue: number[] = [];
    for (const to of this.next[0].values()) queue.push(to);
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q];
      for (const [c, to] of this.next[node]) {
        let f = this.fail[node];
        while (f && !this.next[f].has(c)) f = this.fail[f];
        const ft = this.next[f].get(c);
        this.fail[to] = ft !== undefined && ft !== to ? ft : 0;
        if (this.out[this.fail[to]].length) this.out[to] = [...this.out[to], ...this.out[this.fail[to]]];
        queue.push(to);
      }
    }
  }

  /** Every occurrence of every pattern, ordered by end offset. */
  findAll(text: string): Match[] {
    const found: Match[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      while (node && !this.next[node].has(c)) node = this.fail[node];
      node = this.next[node].get(c) ?? 0;
      const o = this.out[node];
      for (let k = 0; k < o.length; k++) found.push({ start: i + 1 - this.lengths[o[k]], end: i + 1, id: o[k] });
    }
    return found;
  }
}

/** Leftmost-longest occurrences that do not overlap (the usual reading of a dictionary over a text). */
export function longestNonOverlapping(matches: Match[]): Match[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Match[] = [];
  let until = -1;
  for (const m of sorted) {
    if (m.start < until) continue;
    out.push(m);
    until = m.end;
  }
  return out;
}
