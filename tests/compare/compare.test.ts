import { describe, expect, it } from 'vitest';
import { compareTexts, copiedPassages, sideText, type CompareResult } from '../../src/core/compare/index';
import { hasShared, readCorpus, readMiniSeed, readSeed } from '../helpers/shared';

/** Every entry's parts rebuild exactly the slices its offsets point at. */
function expectOffsetsSlice(a: string, b: string, r: CompareResult): void {
  for (const p of r.paragraphs) {
    if (p.a) expect(sideText(p.parts, 'a')).toBe(a.slice(p.a[0], p.a[1]));
    else expect(sideText(p.parts, 'a')).toBe('');
    if (p.b) expect(sideText(p.parts, 'b')).toBe(b.slice(p.b[0], p.b[1]));
    else expect(sideText(p.parts, 'b')).toBe('');
  }
}

const P1 = '今年是全面贯彻落实党的二十大精神的开局之年。';
const P2 = '全市生产总值增长13%，高于全省平均水平2.9个百分点。';
const P3 = '我们要坚定信心、真抓实干，奋力谱写高质量发展新篇章。';
const P4 = '各级领导干部要带头转变作风，深入基层、深入群众。';

describe('compareTexts', () => {
  it('reports a moved paragraph as a move, not a delete plus an insert', () => {
    const a = ['同志们：', P1, P2, P3, P4].join('\n');
    const b = ['同志们：', P2, P3, P4, P1].join('\n');
    const r = compareTexts(a, b);
    const ops = r.paragraphs.map((p) => p.op);
    expect(ops.filter((o) => o === 'move')).toHaveLength(1);
    expect(ops).not.toContain('insert');
    expect(ops).not.toContain('delete');
    const mv = r.paragraphs.find((p) => p.op === 'move')!;
    expect(a.slice(mv.a![0], mv.a![1])).toBe(P1);
    expect(b.slice(mv.b![0], mv.b![1])).toBe(P1);
    expect(mv.parts).toEqual([{ op: 'equal', text: P1 }]);
    expect(r.stats).toMatchObject({ inserted: 0, deleted: 0, movedParagraphs: 1, equalParagraphs: 4, moved: P1.length });
    // Reading order of B: the moved paragraph comes last.
    expect(r.paragraphs[r.paragraphs.length - 1].op).toBe('move');
    expectOffsetsSlice(a, b, r);
  });

  it('a moved paragraph that was also edited is a move with parts', () => {
    const edited = '各级领导干部要带头转变工作作风，深入基层、深入群众。';
    const a = [P1, P4, P2, P3].join('\n');
    const b = [P1, P2, P3, edited].join('\n');
    const r = compareTexts(a, b);
    const mv = r.paragraphs.find((p) => p.op === 'move')!;
    expect(mv).toBeDefined();
    expect(mv.parts).toEqual([
      { op: 'equal', text: '各级领导干部要带头转变' },
      { op: 'insert', text: '工作' },
      { op: 'equal', text: '作风，深入基层、深入群众。' },
    ]);
    expect(r.stats).toMatchObject({ inserted: 2, deleted: 0, movedParagraphs: 1, modifiedParagraphs: 0, insertedParagraphs: 0, deletedParagraphs: 0 });
    expectOffsetsSlice(a, b, r);
  });

  it('a modified paragraph is diffed character by character, with exact parts', () => {
    const a = [P1, P2, P3].join('\n');
    const b = [P1, '全市生产总值增长15%，高于全省平均水平3.1个百分点。', P3].join('\n');
    const r = compareTexts(a, b);
    expect(r.paragraphs.map((p) => p.op)).toEqual(['equal', 'modify', 'equal']);
    expect(r.paragraphs[1].parts).toEqual([
      { op: 'equal', text: '全市生产总值增长1' },
      { op: 'delete', text: '3' },
      { op: 'insert', text: '5' },
      { op: 'equal', text: '%，高于全省平均水平' },
      { op: 'delete', text: '2.9' },
      { op: 'insert', text: '3.1' },
      { op: 'equal', text: '个百分点。' },
    ]);
    expect(r.paragraphs[1].a).toEqual([P1.length + 1, P1.length + 1 + P2.length]);
    expect(r.stats).toMatchObject({ inserted: 4, deleted: 4, modifiedParagraphs: 1, equalParagraphs: 2 });
    expectOffsetsSlice(a, b, r);
  });

  it('inserted and deleted paragraphs, with blank lines, CRLF and indentation, slice correctly', () => {
    const a = `  ${P1}\r\n\r\n${P2}\r\n${P3}\r\n`;
    const b = `${P1}\n\n\u3000\u3000${P4}\n${P3}`;
    const r = compareTexts(a, b);
    expect(r.paragraphs.map((p) => p.op)).toEqual(['equal', 'delete', 'insert', 'equal']);
    expect(r.paragraphs[0].a).toEqual([2, 2 + P1.length]);
    expect(r.paragraphs[2].b).toEqual([P1.length + 2 + 2, P1.length + 4 + P4.length]);
    expect(r.stats.deleted).toBe([...P2].length);
    expect(r.stats.inserted).toBe([...P4].length);
    expect(r.stats.paragraphsA).toBe(3);
    expectOffsetsSlice(a, b, r);
  });

  it('identical and empty texts', () => {
    expect(compareTexts('', '').paragraphs).toEqual([]);
    const r = compareTexts(P1, P1);
    expect(r.stats).toMatchObject({ inserted: 0, deleted: 0, unchanged: [...P1].length, equalParagraphs: 1 });
    const r2 = compareTexts('', P1);
    expect(r2.paragraphs).toEqual([{ op: 'insert', a: null, b: [0, P1.length], parts: [{ op: 'insert', text: P1 }] }]);
  });

  it('falls back to a whole-paragraph replace when out of time, and parts still rebuild both sides', () => {
    const a = [P1, P2].join('\n');
    const b = [P1, '全市生产总值增长15%，高于全省平均水平3.1个百分点。'].join('\n');
    const r = compareTexts(a, b, { budgetMs: 0 });
    const m = r.paragraphs[1];
    expect(m.op).toBe('modify');
    expect(m.coarse).toBe('replace');
    expect(m.parts.map((p) => p.op)).toEqual(['delete', 'insert']);
    expectOffsetsSlice(a, b, r);
  });

  it('unrelated synthetic texts of 30,000 characters finish quickly', () => {
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const gen = () => {
      const lines: string[] = [];
      let n = 0;
      while (n < 30000) {
        let l = '';
        const len = 20 + Math.floor(rnd() * 300);
        for (let i = 0; i < len; i++) l += String.fromCharCode(0x4e00 + Math.floor(rnd() * 3000));
        lines.push(l);
        n += l.length;
      }
      return lines.join('\n');
    };
    const a = gen();
    const b = gen();
    const t0 = performance.now();
    const r = compareTexts(a, b);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.stats.equalParagraphs).toBe(0);
    expectOffsetsSlice(a, b, r);
  });
});

describe('compareTexts on degenerate inputs', () => {
  let seed = 11;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const line = (len: number) => {
    let l = '';
    for (let k = 0; k < len; k++) l += String.fromCharCode(0x4e00 + Math.floor(rnd() * 500));
    return l;
  };
  it('3,000 short unrelated lines a side finish well under a second', () => {
    const a = Array.from({ length: 3000 }, () => line(10)).join('\n');
    const b = Array.from({ length: 3000 }, () => line(10)).join('\n');
    const t0 = performance.now();
    const r = compareTexts(a, b);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.stats.insertedParagraphs + r.stats.modifiedParagraphs + r.stats.movedParagraphs).toBe(3000);
    expectOffsetsSlice(a, b, r);
  });
  it('every paragraph edited: all are modifications with exact parts', () => {
    const base = Array.from({ length: 300 }, () => line(100));
    const ed = base.map((l) => l.slice(0, 30) + '甲乙' + l.slice(35));
    const a = base.join('\n');
    const b = ed.join('\n');
    // A generous budget: this test is about the pairing and the parts, not about the time limits.
    const r = compareTexts(a, b, { budgetMs: 20_000, paragraphTimeoutMs: 2000 });
    expect(r.stats.modifiedParagraphs).toBe(300);
    expect(r.paragraphs.every((p) => !p.coarse)).toBe(true);
    r.paragraphs.forEach((p, i) => {
      const ins = p.parts.filter((x) => x.op === 'insert').map((x) => x.text).join('');
      const del = p.parts.filter((x) => x.op === 'delete').map((x) => x.text).join('');
      // The five replaced characters and the two inserted ones (a shared character may stay equal).
      expect([...del].length).toBeLessThanOrEqual(5);
      expect(ins.includes('甲') || ins.includes('乙')).toBe(true);
      expect(sideText(p.parts, 'a')).toBe(base[i]);
    });
    expectOffsetsSlice(a, b, r);
  });
  it('many identical short lines (一、 同志们：) stay fast and aligned', () => {
    const rep: string[] = Array.from({ length: 3000 }, (_, i) => (i % 2 ? '同志们：' : '一、'));
    const a = rep.join('\n');
    const b = rep.slice(1).concat(['新']).join('\n');
    const t0 = performance.now();
    const r = compareTexts(a, b);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.stats.equalParagraphs).toBe(2999);
    expect(r.stats.deletedParagraphs + r.stats.insertedParagraphs).toBe(2);
  });
});

describe.skipIf(!hasShared)('compareTexts on real speeches', () => {
  it('two unrelated government work reports (30,000 characters each) finish in under a second', () => {
    const rows = readCorpus();
    const text = (from: number) => {
      let s = '';
      for (let k = from; s.length < 30000 && k < rows.length; k++) s += rows[k].content + '\n';
      return s.slice(0, 30000);
    };
    const a = text(0);
    const b = text(Math.floor(rows.length / 2));
    const t0 = performance.now();
    const r = compareTexts(a, b);
    expect(performance.now() - t0).toBeLessThan(1000);
    // Only boilerplate (the Wikisource licence lines, 各位代表：) is shared: almost all text differs.
    expect(r.stats.unchanged).toBeLessThan(0.05 * 30000);
    expect(r.stats.inserted + r.stats.deleted).toBeGreaterThan(50000);
    expectOffsetsSlice(a, b, r);
  });
});

// On the seed, and on the small committed bundle with the same shape (runs without ../shared).
describe.each([
  { name: 'the synthetic bundle', read: readMiniSeed, figure: ['全县生产总值增长12.6%', '全县生产总值增长12.65%', '5'], skip: false },
  { name: 'the seed speeches', read: readSeed, figure: ['全市生产总值增长13%', '全市生产总值增长13.5%', '.5'], skip: !hasShared },
])('compareTexts on an edited copy of $name', ({ read, figure: [from, to, ins], skip }) => {
  it.skipIf(skip)('a figure changed, a paragraph moved', () => {
    const seed = read();
    const lines = seed.split('\n');
    // The paragraph with the growth figures (read from the text).
    const k = lines.findIndex((l) => l.includes(from));
    expect(k).toBeGreaterThan(0);
    const edited = [...lines];
    edited[k] = edited[k].replace(from, to);
    const moved = edited.splice(k + 1, 1)[0];
    edited.splice(k + 10, 0, moved);
    const b = edited.join('\n');
    const r = compareTexts(seed, b);
    const mod = r.paragraphs.filter((p) => p.op === 'modify');
    expect(mod).toHaveLength(1);
    expect(mod[0].parts.filter((p) => p.op !== 'equal')).toEqual([{ op: 'insert', text: ins }]);
    const mv = r.paragraphs.filter((p) => p.op === 'move');
    expect(mv).toHaveLength(1);
    expect(b.slice(mv[0].b![0], mv[0].b![1])).toBe(moved.trim());
    expect(r.stats.inserted).toBe(ins.length);
    expect(r.stats.deleted).toBe(0);
    expectOffsetsSlice(seed, b, r);
  });
});

describe('copiedPassages', () => {
  it('finds every passage of 13+ identical characters and nothing shorter', () => {
    const shared = '坚持以人民为中心的发展思想，着力解决群众急难愁盼问题'; // 26 chars
    const short = '深入基层调查研究'; // 8 chars: below the threshold
    const a = `去年我们${shared}。同时要${short}，不断前进。`;
    const b = `新的一年，${short}。必须${shared}，奋发有为。`;
    const s = copiedPassages(a, b, 13);
    expect(s.passages).toHaveLength(1);
    const p = s.passages[0];
    expect(p.text).toBe(shared);
    expect(a.slice(p.a[0], p.a[1])).toBe(shared);
    expect(b.slice(p.b[0], p.b[1])).toBe(shared);
    expect(s.copiedCharsB).toBe(26);
    expect(s.ratioB).toBeCloseTo(26 / [...b].length, 5);
  });

  it('passages do not cross line breaks and are maximal', () => {
    const x = '一二三四五六七八九十甲乙丙丁戊';
    const a = `${x}己庚\n辛壬癸子丑寅卯辰巳午未申酉`;
    const b = `${x}己\n辛壬癸子丑寅卯辰巳午未申酉戌`;
    const s = copiedPassages(a, b, 13);
    expect(s.passages.map((p) => p.text)).toEqual([`${x}己`, '辛壬癸子丑寅卯辰巳午未申酉']);
  });
});
