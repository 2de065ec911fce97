// Benchmarks print absolute figures and ratios to a baseline measured in the same process,
// so results compare across machines. Targets are printed next to each figure.

export interface BenchContext {
  /** Milliseconds of the baseline workload measured at start-up. */
  baselineMs: number;
  report(row: BenchRow): void;
}

export interface BenchRow {
  suite: string;
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "< 200 ms". */
  target?: string;
  /** Whether the target is met (undefined when there is no target). */
  ok?: boolean;
  note?: string;
}

export interface BenchSuite {
  name: string;
  run(ctx: BenchContext): Promise<void>;
}

/** A fixed CPU workload (sort + string building) used as the same-process baseline. */
export function baselineWorkload(): number {
  const t0 = performance.now();
  let x = 1;
  const arr: number[] = [];
  for (let i = 0; i < 200_000; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    arr.push(x);
  }
  arr.sort((a, b) => a - b);
  let s = '';
  for (let i = 0; i < 20_000; i++) s += String.fromCharCode(0x4e00 + (arr[i] % 20000));
  if (s.length !== 20_000) throw new Error('baseline');
  return performance.now() - t0;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * The p-th percentile by nearest rank: the smallest value with at least p % of the values at or below it
 * (p95 of 20 values is the 19th smallest, not the largest).
 */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export async function timeIt(fn: () => unknown | Promise<unknown>, runs = 5): Promise<{ median: number; min: number; all: number[] }> {
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    all.push(performance.now() - t0);
  }
  return { median: median(all), min: Math.min(...all), all };
}
