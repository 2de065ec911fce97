import { describe, expect, it } from 'vitest';
import { diffSequence, diffText, type DiffPart } from '../../src/core/diff/index';

const sideA = (parts: DiffPart[]) => parts.filter((p) => p.op !== 'insert').map((p) => p.text).join('');
const sideB = (parts: DiffPart[]) => parts.filter((p) => p.op !== 'delete').map((p) => p.text).join('');

describe('diffText, the one text diff', () => {
  it('gives parts that rebuild both texts, tidied', () => {
    const a = '坚持稳中求进工作总基调，转变作风';
    const b = '坚持稳中求进的工作总基调，转变工作作风';
    const d = diffText(a, b);
    expect(d.coarse).toBeUndefined();
    expect(sideA(d.parts)).toBe(a);
    expect(sideB(d.parts)).toBe(b);
    expect(d.parts.filter((p) => p.op === 'insert').map((p) => p.text)).toEqual(['的', '工作']);
  });

  it('reports a coarser fallback instead of hiding it', () => {
    const a = '甲乙丙丁戊己庚辛壬癸'.repeat(20);
    const b = '子丑寅卯辰巳午未申酉'.repeat(20);
    const replaced = diffText(a, b, { maxEditLength: 4, fallback: 'replace' });
    expect(replaced.coarse).toBe('replace');
    expect(replaced.parts).toEqual([{ op: 'delete', text: a }, { op: 'insert', text: b }]);
    const gaveUp = diffText(a, b, { maxEditLength: 4, fallback: 'none' });
    expect(gaveUp).toEqual({ parts: null, coarse: 'gave-up' });
  });

  it('handles empty and equal sides without calling the engine', () => {
    expect(diffText('', '新增')).toEqual({ parts: [{ op: 'insert', text: '新增' }] });
    expect(diffText('相同', '相同')).toEqual({ parts: [{ op: 'equal', text: '相同' }] });
  });
});

describe('diffSequence', () => {
  it('pairs equal items in order', () => {
    expect(diffSequence([1, 2, 3, 4], [2, 9, 3, 4])).toEqual([
      [1, 0],
      [2, 2],
      [3, 3],
    ]);
    expect(diffSequence(['a', 'B'], ['A', 'b'], { equals: (x, y) => x.toLowerCase() === y.toLowerCase() })).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });
});
