// The benchmarks' statistics: percentiles by nearest rank (a p95 of 20 checks is the 19th, not the slowest).
import { describe, expect, it } from 'vitest';
import { median, percentile } from '../../bench/harness';

describe('bench statistics', () => {
  it('percentile by nearest rank', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => 20 - i); // 20 … 1, unsorted on purpose
    expect(percentile(twenty, 95)).toBe(19);
    expect(percentile(twenty, 100)).toBe(20);
    expect(percentile(twenty, 50)).toBe(10);
    expect(percentile(twenty, 0)).toBe(1);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 90)).toBe(90);
    expect(percentile([7], 95)).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
  });
});
