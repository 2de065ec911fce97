import { describe, expect, it } from 'vitest';
import { extractOutline, lintText } from '../../src/core/outline/index';
import { splitBundle, textToDoc } from '../../src/core/text/index';
import { Blocks } from '../../src/core/model/block';
import { hasShared, readMiniSeed, readSeed } from '../helpers/shared';

// Expectations written by hand from reading ../shared/seed/000_a5a9ba5a6d09eae4.txt (five speeches).
// Punctuation is the seed's own (half-width , : ( ) throughout).

interface Expected {
  title: string;
  speaker: string | null;
  date: string | null;
  salutation: string | null;
  /** Level-1 heading texts (numbers stripped). */
  level1: string[];
  /** Level-2 numbering as written, per level-1 section. */
  level2: string[][];
}

const EXPECTED: Record<string, Expected> = {
  第一篇: {
    title: '在全市机关干部大会上的讲话',
    speaker: '孙建国',
    date: '2009年2月2日',
    salutation: '同志们:',
    level1: ['肯定成绩,进一步增强机关作风建设的紧迫感责任感', '共克时艰,全面深入开展“三服务”活动', '崇尚实干,大力弘扬求真务实之风'],
    level2: [[], ['(一)', '(二)', '(三)'], []],
  },
  第二篇: {
    title: '在机关干部大会上的讲话',
    speaker: null,
    date: null,
    salutation: null,
    level1: [
      '认真贯彻落实四中全会精神,切实加强执政能力建设',
      '提高认识,增强做好机关工作的责任感和使命感',
      '转变作风,提高服务质量和工作效率',
      '廉洁自律,做反腐倡廉的表率',
    ],
    level2: [
      ['(一)', '(二)', '(三)', '(四)', '(五)'],
      ['(一)', '(二)', '(三)', '(四)', '(五)', '(六)'],
      ['(一)', '(二)', '(三)'],
      ['(一)', '(三)', '(三)'],
    ],
  },
  第三篇: {
    title: '在机关干部大会上的讲话',
    speaker: null,
    date: null,
    salutation: null,
    level1: ['感受', '表态', '讲三句话', '对机关工作提几点希望和建议'],
    level2: [[], [], [], ['(一)', '(二)', '(三)', '(四)', '(五)', '(六)', '(七)', '(八)']],
  },
  第四篇: {
    title: '在机关干部大会上的讲话',
    speaker: null,
    date: null,
    salutation: null,
    level1: ['认真贯彻落实四中全会精神,切实加强执政能力建设'],
    level2: [['(一)', '(二)', '(三)']],
  },
  第五篇: {
    title: '在全市机关干部大会上的讲话',
    speaker: null,
    date: null,
    salutation: null,
    level1: ['走基层,转作风,密切联系群众。', '干实事,抓落实,努力实现开门红'],
    level2: [
      ['(一)', '(二)', '(三)'],
      ['(一)', '(二)', '(三)', '(四)', '(五)'],
    ],
  },
};

function pieces(text = readSeed()): Map<string, string> {
  const m = new Map<string, string>();
  for (const p of splitBundle(text)) if (p.label) m.set(p.label, text.slice(p.markerStart ?? p.start, p.end));
  return m;
}

describe.skipIf(!hasShared)('outline of the five seed speeches', () => {
  const all = hasShared ? pieces() : new Map<string, string>();

  it('splits the seed file into its five speeches', () => {
    expect([...all.keys()]).toEqual(['第一篇', '第二篇', '第三篇', '第四篇', '第五篇']);
  });

  for (const [label, exp] of Object.entries(EXPECTED)) {
    it(`${label}: title, speaker, salutation, headings`, () => {
      const text = all.get(label)!;
      const o = extractOutline(text);
      expect(o.title).toBe(exp.title);
      expect(o.speaker).toBe(exp.speaker);
      expect(o.date).toBe(exp.date);
      expect(o.salutation).toBe(exp.salutation);
      const l1 = o.headings.filter((h) => h.level === 1);
      expect(l1.map((h) => h.text)).toEqual(exp.level1);
      const l2: string[][] = l1.map(() => []);
      let k = -1;
      for (const h of o.headings) {
        if (h.level === 1) k++;
        else if (h.level === 2) l2[k].push(h.numbering);
      }
      expect(l2).toEqual(exp.level2);
      // Offsets point into the input: the span starts with the number as written.
      for (const h of o.headings) {
        expect(text.slice(h.start, h.end).startsWith(h.numbering)).toBe(true);
        expect(h.roleConfidence === null || (h.roleConfidence >= 0 && h.roleConfidence <= 1)).toBe(true);
      }
      if (o.ranges.title) expect(text.slice(o.ranges.title.start, o.ranges.title.end)).toContain(exp.title);
    });
  }

  it('第一篇: roles of the level-1 sections are 成绩, 任务, 要求', () => {
    const o = extractOutline(all.get('第一篇')!);
    expect(o.headings.filter((h) => h.level === 1).map((h) => h.role)).toEqual(['成绩', '任务', '要求']);
  });

  it('第三篇: roles 感受, 表态, …, 希望', () => {
    const roles = extractOutline(all.get('第三篇')!).headings.filter((h) => h.level === 1).map((h) => h.role);
    expect(roles[0]).toBe('感受');
    expect(roles[1]).toBe('表态');
    expect(roles[3]).toBe('希望');
  });

  it('第一篇: the heading glued to its paragraph is split at the space', () => {
    const text = all.get('第一篇')!;
    const h = extractOutline(text).headings.find((x) => x.numbering === '二、')!;
    expect(text.slice(h.start, h.end)).toBe('二、共克时艰,全面深入开展“三服务”活动');
    expect(h.runIn).toBe(true);
  });

  it('第三篇: (五) glued with no separator is split where the body restates the heading', () => {
    const o = extractOutline(all.get('第三篇')!);
    expect(o.headings.find((h) => h.numbering === '(五)')?.text).toBe('机关工作要讲协调,讲团结,讲配合');
    // run-in headings end before their sentence end
    expect(o.headings.find((h) => h.numbering === '(一)')?.text).toBe('机关工作的重要性');
  });

  it('第一篇: enumerations 一是…四是 leading paragraphs, 首先/第二/第三, 一要…四要', () => {
    const text = all.get('第一篇')!;
    const o = extractOutline(text);
    const lead = o.enumerations.find((e) => e.scope === 'paragraphs' && e.kind === '一是')!;
    expect(lead.items.map((i) => i.marker)).toEqual(['一是', '二是', '三是', '四是']);
    expect(text.slice(lead.items[0].start).startsWith('一是展示了围绕中心')).toBe(true);
    const ord = o.enumerations.filter((e) => e.kind === '第一').map((e) => e.items.map((i) => i.marker.replace(/[,，]$/u, '')));
    expect(ord).toEqual([
      ['首先', '第二', '第三'],
      ['第一', '第二', '第三'],
    ]);
    const problems = o.enumerations.find((e) => text.slice(e.start, e.start + 8) === '一是事业心、责任')!;
    expect(problems.items.length).toBe(5);
    expect(o.enumerations.filter((e) => e.kind === '一要').map((e) => e.items.length)).toEqual([4, 3, 4]);
  });

  it('第二篇: lint flags section 四’s (一)(三)(三) — a skip and a repeat — and nothing else of numbering kind', () => {
    const text = all.get('第二篇')!;
    const f = lintText(text).filter((x) => x.kind === 'numbering');
    expect(f).toHaveLength(2);
    expect(text.slice(f[0].start, f[0].end)).toMatch(/^\(三\)树立正确的权力观/u);
    expect(f[0].message).toContain('跳号');
    expect(f[0].message).toContain('(二)');
    expect(text.slice(f[1].start, f[1].end)).toMatch(/^\(三\)进一步落实廉洁自律规定/u);
    expect(f[1].message).toContain('重复');
  });

  it('第五篇: no numbering findings at all; the one heading ending in 。 is flagged', () => {
    const text = all.get('第五篇')!;
    const f = lintText(text);
    expect(f.filter((x) => x.kind === 'numbering' || x.kind === 'level-skip' || x.kind === 'mixed-style')).toEqual([]);
    const punct = f.filter((x) => x.kind === 'heading-punctuation');
    expect(punct).toHaveLength(1);
    expect(text.slice(punct[0].start! - 6, punct[0].end)).toBe('密切联系群众。');
  });

  it('第一篇 and 第四篇: no numbering findings; 第三篇: two headings ending in 。', () => {
    expect(lintText(all.get('第一篇')!).filter((x) => x.kind === 'numbering')).toEqual([]);
    expect(lintText(all.get('第四篇')!).filter((x) => x.kind === 'numbering')).toEqual([]);
    const f3 = lintText(all.get('第三篇')!);
    expect(f3.filter((x) => x.kind === 'numbering')).toEqual([]);
    expect(f3.filter((x) => x.kind === 'heading-punctuation')).toHaveLength(2);
  });

  it('textToDoc on 第一篇: title, byline, salutation, headings without numbers, defects repaired', () => {
    const doc = textToDoc(all.get('第一篇')!);
    const b = doc.blocks;
    expect(b[0]).toMatchObject({ type: 'title', children: [{ text: '在全市机关干部大会上的讲话' }] });
    expect(b[1]).toMatchObject({ type: 'byline', children: [{ text: '孙建国（2009年2月2日）' }] });
    expect(b[2]).toMatchObject({ type: 'salutation', children: [{ text: '同志们:' }] });
    const heads = b.filter((x) => x.type === 'heading');
    expect(heads.map((h) => [h.level, Blocks.text(h)])).toEqual([
      [1, '肯定成绩,进一步增强机关作风建设的紧迫感责任感'],
      [1, '共克时艰,全面深入开展“三服务”活动'],
      [2, '服务企业,大力帮扶企业发展'],
      [2, '服务项目,强力推进项目建设'],
      [2, '服务民生,切实加快民生改善'],
      [1, '崇尚实干,大力弘扬求真务实之风'],
    ]);
    const all1 = b.map((x) => Blocks.text(x)).join('\n');
    expect(all1).toContain('全市机关干部围绕中心'); // `机 2 关` repaired
    expect(all1).toContain('战胜了严重冰雪灾害'); // stray space removed
    expect(all1).not.toContain('简 报'); // bulletin header before the title dropped
    const glued = b.findIndex((x) => Blocks.text(x) === '共克时艰,全面深入开展“三服务”活动');
    expect(Blocks.text(b[glued + 1]).startsWith('新的一年,我们面临的任务很重')).toBe(true);
  });

  it('textToDoc on 第二篇 rejoins a line broken mid-sentence; 第三篇 keeps **** redactions and drops the watermark', () => {
    const d2 = textToDoc(all.get('第二篇')!).blocks.map((x) => Blocks.text(x));
    expect(d2).toContain('做好服务工作是机关的一项重要职能。机关干部要进一步转变工作作风,明确服务方向,改进服务手段,拓展服务空间,提高服务质量,以良好的精神状态和优质高效的服务水平,更好地适应新形势对机关工作的新要求。');
    const d3 = textToDoc(all.get('第三篇')!).blocks.map((x) => Blocks.text(x)).join('\n');
    expect(d3).toContain('刚才****对机关春节期间的工作');
    expect(d3).not.toContain('xiexiebang');
    expect(d3).toContain('大家一定要非常重视学习,要勤于学习,善于学习。');
  });
});

// The same checks on the small committed bundle with the same kinds of defects (runs without ../shared).
const MINI: Record<string, Expected> = {
  第一篇: {
    title: '在全县机关作风建设大会上的讲话',
    speaker: '李志明',
    date: '2011年2月9日',
    salutation: '同志们:',
    level1: ['肯定成绩,进一步增强作风建设的责任感', '突出重点,扎实推进机关效能建设', '严明纪律,营造风清气正的良好环境'],
    level2: [[], ['(一)', '(二)', '(三)'], []],
  },
  第二篇: {
    title: '在机关干部大会上的讲话',
    speaker: null,
    date: null,
    salutation: null,
    level1: ['提高认识,增强做好机关工作的使命感', '转变作风,提高服务质量和工作效率'],
    level2: [
      ['(一)', '(二)'],
      ['(一)', '(三)', '(三)'],
    ],
  },
  第三篇: { title: '在机关干部大会上的讲话', speaker: null, date: null, salutation: null, level1: ['感受', '表态', '希望'], level2: [[], [], []] },
  第四篇: { title: '在机关干部大会上的讲话', speaker: null, date: null, salutation: null, level1: ['提高认识,增强做好机关工作的使命感'], level2: [['(一)']] },
  第五篇: {
    title: '在全县机关干部大会上的讲话',
    speaker: null,
    date: null,
    salutation: null,
    level1: ['走基层,转作风,密切联系群众。', '干实事,抓落实,努力实现开门红'],
    level2: [
      ['(一)', '(二)'],
      ['(一)', '(二)'],
    ],
  },
};

describe('outline of the five synthetic speeches (tests/fixtures/mini-seed.txt)', () => {
  const all = pieces(readMiniSeed());

  it('splits the bundle into its five speeches', () => {
    expect([...all.keys()]).toEqual(['第一篇', '第二篇', '第三篇', '第四篇', '第五篇']);
  });

  for (const [label, exp] of Object.entries(MINI)) {
    it(`${label}: title, speaker, salutation, headings`, () => {
      const text = all.get(label)!;
      const o = extractOutline(text);
      expect([o.title, o.speaker, o.date, o.salutation]).toEqual([exp.title, exp.speaker, exp.date, exp.salutation]);
      const l1 = o.headings.filter((h) => h.level === 1);
      expect(l1.map((h) => h.text)).toEqual(exp.level1);
      const l2: string[][] = l1.map(() => []);
      let k = -1;
      for (const h of o.headings) {
        if (h.level === 1) k++;
        else if (h.level === 2) l2[k].push(h.numbering);
      }
      expect(l2).toEqual(exp.level2);
      for (const h of o.headings) expect(text.slice(h.start, h.end).startsWith(h.numbering)).toBe(true);
    });
  }

  it('第一篇: roles 成绩, 任务, 要求; the heading glued to its paragraph is split at the space', () => {
    const text = all.get('第一篇')!;
    const o = extractOutline(text);
    expect(o.headings.filter((h) => h.level === 1).map((h) => h.role)).toEqual(['成绩', '任务', '要求']);
    const h = o.headings.find((x) => x.numbering === '二、')!;
    expect(text.slice(h.start, h.end)).toBe('二、突出重点,扎实推进机关效能建设');
    expect(h.runIn).toBe(true);
  });

  it('第三篇: roles 感受, 表态, 希望; 第一篇: the enumeration 一是…三是 leading paragraphs', () => {
    expect(extractOutline(all.get('第三篇')!).headings.map((h) => h.role)).toEqual(['感受', '表态', '希望']);
    const text = all.get('第一篇')!;
    const lead = extractOutline(text).enumerations.find((e) => e.scope === 'paragraphs' && e.kind === '一是')!;
    expect(lead.items.map((i) => i.marker)).toEqual(['一是', '二是', '三是']);
    expect(text.slice(lead.items[0].start).startsWith('一是要严守政治纪律')).toBe(true);
  });

  it('第五篇: the one heading ending in 。 is flagged, no numbering findings', () => {
    const text = all.get('第五篇')!;
    const f = lintText(text);
    expect(f.filter((x) => x.kind === 'numbering' || x.kind === 'level-skip' || x.kind === 'mixed-style')).toEqual([]);
    const punct = f.filter((x) => x.kind === 'heading-punctuation');
    expect(punct).toHaveLength(1);
    expect(text.slice(punct[0].start! - 6, punct[0].end)).toBe('密切联系群众。');
  });

  it('第二篇: lint flags the (一)(三)(三) slip — a skip and a repeat — and nothing else of numbering kind', () => {
    const text = all.get('第二篇')!;
    const f = lintText(text).filter((x) => x.kind === 'numbering');
    expect(f).toHaveLength(2);
    expect(text.slice(f[0].start, f[0].end)).toMatch(/^\(三\)雷厉风行/u);
    expect(f[0].message).toContain('跳号');
    expect(text.slice(f[1].start, f[1].end)).toMatch(/^\(三\)廉洁自律/u);
    expect(f[1].message).toContain('重复');
    for (const l of ['第一篇', '第三篇', '第四篇', '第五篇']) expect(lintText(all.get(l)!).filter((x) => x.kind === 'numbering')).toEqual([]);
  });

  it('textToDoc on 第一篇: title, byline, salutation, headings without numbers, defects repaired', () => {
    const b = textToDoc(all.get('第一篇')!).blocks;
    expect(b[0]).toMatchObject({ type: 'title', children: [{ text: '在全县机关作风建设大会上的讲话' }] });
    expect(b[1]).toMatchObject({ type: 'byline' });
    expect(b[2]).toMatchObject({ type: 'salutation', children: [{ text: '同志们:' }] });
    const joined = b.map((x) => Blocks.text(x)).join('\n');
    expect(joined).toContain('广大机关干部的智慧'); // `机 2 关` repaired
    expect(joined).toContain('春季干旱'); // stray space removed
    expect(joined).toContain('精神面貌焕然一新'); // broken line rejoined
    expect(joined).not.toContain('xiexiebang');
    const d3 = textToDoc(all.get('第三篇')!).blocks.map((x) => Blocks.text(x)).join('\n');
    expect(d3).toContain('刚才****对机关春节期间的工作'); // redactions kept
    const glued = b.findIndex((x) => Blocks.text(x) === '突出重点,扎实推进机关效能建设');
    expect(b[glued].type).toBe('heading');
    expect(Blocks.text(b[glued + 1]).startsWith('新的一年,我们面临的任务很重')).toBe(true);
  });
});
