import { describe, expect, it } from 'vitest';
import { Proofreader, applyFix, proofreadText, type ProofFinding } from '../../src/core/proofread/index';
import { hasShared, readMiniSeed, readSeed } from '../helpers/shared';

const rules = (text: string) => proofreadText(text).map((f) => [f.rule, text.slice(f.start, f.end), f.fix]);

describe('错别字 and 规范提法', () => {
  it('flags listed slips with their right form; correct text stays clean', () => {
    expect(rules('对群众反映的问题推萎扯皮，纪律松驰。')).toEqual([
      ['confusion', '推萎扯皮', '推诿扯皮'],
      ['confusion', '纪律松驰', '纪律松弛'],
    ]);
    expect(rules('再接再励，按步就班，迫不急待。')).toEqual([
      ['confusion', '再接再励', '再接再厉'],
      ['confusion', '按步就班', '按部就班'],
      ['confusion', '迫不急待', '迫不及待'],
    ]);
    expect(proofreadText('谈笑风生，共同渡过难关，度过美好时光。')).toEqual([]);
  });

  it('formulations: variants, missing quotation marks, word order, near misses', () => {
    expect(rules('深入学习三个代表重要思想。')).toEqual([['missing-quotes', '三个代表重要思想', '“三个代表”重要思想']]);
    expect(proofreadText('深入学习“三个代表”重要思想，增强“四个意识”。')).toEqual([]);
    expect(rules('坚定理论自信、道路自信、制度自信、文化自信。')).toEqual([['variant', '理论自信、道路自信、制度自信、文化自信', '道路自信、理论自信、制度自信、文化自信']]);
    // an order not listed as a variant: the enumeration check
    expect(rules('坚定制度自信、道路自信、理论自信、文化自信。')).toEqual([['word-order', '制度自信、道路自信、理论自信、文化自信', '道路自信、理论自信、制度自信、文化自信']]);
    expect(rules('学习贯彻党的第二十届三中全会精神。')).toEqual([['variant', '党的第二十届三中全会', '党的二十届三中全会']]);
    expect(rules('以习近平新时代中国特色社会主义理论为指导。')).toEqual([['variant', '习近平新时代中国特色社会主义理论', '习近平新时代中国特色社会主义思想']]);
    // one character off inside a long formulation (not its first or last: that is mostly another word around it)
    expect(rules('中国特色社会主意进入新时代。')).toEqual([['near-miss', '中国特色社会主意进入新时代', '中国特色社会主义进入新时代']]);
    // a function word in place of another is another sentence; an enumeration never runs across a sentence end
    expect(proofreadText('我们党在十一届三中全会上作出了决策。')).toEqual([]);
    expect(proofreadText('坚持党的领导、人民当家作主、依法治国有机统一。党的领导是根本保证。')).toEqual([]);
  });
});

describe('数字用法 and 标点', () => {
  it('numbers (GB/T 15835)', () => {
    expect(rules('来了10几个人。')).toEqual([['digit-ji', '10几', '十几']]);
    expect(rules('增长3～5%。')).toEqual([['percent-range', '3～5%', '3%～5%']]);
    expect(rules('共1,0000元。')).toEqual([['thousands', '1,0000', '10000']]);
    expect(rules('二零零九年，我们')).toEqual([['year-zero', '二零零九年', '二〇〇九年']]);
    expect(rules('我们用了三、四个月。')).toEqual([['estimate-comma', '三、四', '三四']]);
    expect(proofreadText('三、四个方面的工作\n第二、三批试点')).toEqual([]);
    const mixed = '二〇〇九年是关键一年。\n2008年我们完成了任务，2010年还要努力。';
    expect(rules(mixed)).toEqual([['mixed-years', '二〇〇九年', '2009年']]);
    // the date line under a title and a cited title keep their own form
    expect(proofreadText('（2017年10月18日）\n到二〇三五年，基本实现现代化。\n学习《2011年工作要点》。')).toEqual([]);
    const split = '全年增长了20\n24个百分点';
    expect(rules(split)).toEqual([['split-number', '20', null]]);
  });

  it('punctuation (GB/T 15834)', () => {
    expect(rules('我们要努力，。大家好！！')).toEqual([
      ['doubled-mark', '，。', '。'],
      ['doubled-mark', '！！', '！'],
    ]);
    expect(rules('工业、农业、等方面。')).toEqual([['dun-before-deng', '、', '']]);
    expect(rules('他说：“我们要努力。')).toEqual([['unmatched', '“', null]]);
    expect(rules('学习《决定》精神，贯彻《纲要。')).toEqual([['unmatched', '《', null]]);
    expect(rules('同志们,大家好。')).toEqual([['half-width', ',', '，']]);
    // a quotation over two paragraphs opens the second with “ (GB/T 15834 4.1.3.4)
    expect(proofreadText('他说：“第一段。\n“第二段。”')).toEqual([]);
    expect(rules('一是加强学习；\n二是改进作风；\n三是严守纪律；')).toEqual([['list-end', '；', '。']]);
    expect(proofreadText('（1）加强学习。1）改进作风。')).toEqual([]);
  });
});

describe('重复字词', () => {
  it('flags 的的 / 了了 / a doubled word and one across a line break, never legitimate reduplication', () => {
    expect(rules('这是我们的的目标，完成了了任务。')).toEqual([
      ['doubled-char', '的的', '的'],
      ['doubled-char', '了了', '了'],
    ]);
    expect(rules('我们我们要坚持。')).toEqual([['doubled-word', '我们我们', '我们']]);
    expect(rules('我们要坚持\n坚持实干')).toEqual([['repeat-across-break', '坚持', '']]);
    expect(proofreadText('谢谢大家，常常研究研究，实实在在，的的确确，不了了之，为了目的的实现，平等互利和和平共处，实事求是是我们的路线。')).toEqual([]);
  });
});

describe('what is left alone', () => {
  it('quoted passages (标为引用), 《》 titles and the user’s words (加入词库)', () => {
    const text = '他说推萎扯皮不行。学习《关于推萎扯皮问题的通知》。';
    expect(proofreadText(text).map((f) => f.start)).toEqual([2]);
    expect(proofreadText(text, { quotes: [{ start: 0, end: 9 }] })).toEqual([]);
    expect(proofreadText(text, { userWords: ['推萎扯皮'] })).toEqual([]);
  });
});

describe('Proofreader: incremental re-check', () => {
  it('gives the same findings as a fresh check after a paragraph edit; unchanged paragraphs come from the cache', () => {
    const paras = ['第一段推萎扯皮。', '第二段没有问题。', '第三段的的确确。'];
    const r = new Proofreader();
    const a = r.check(paras);
    expect(a.map((f) => [f.para, f.rule])).toEqual([[0, 'confusion']]);
    const edited = [...paras];
    edited[1] = '第二段松驰了。';
    const b = r.check(edited);
    expect(b).toEqual(new Proofreader().check(edited));
    expect(b.map((f) => [f.para, f.text])).toEqual([
      [0, '推萎扯皮'],
      [1, '松驰'],
    ]);
  });
});

/** Clean report-like text; every planted error below must be found at exactly its offsets. */
const CLEAN = [
  '各位代表：',
  '过去一年，我们坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和党的二十届三中全会精神，扎实推进各项工作。',
  '全年地区生产总值增长5.2%，城镇新增就业1,256万人，居民收入稳步提高。',
  '我们深入推进“放管服”改革，持续优化营商环境，各类经营主体活力明显增强。',
  '今年要统筹发展和安全，坚持稳中求进工作总基调，推动经济实现质的有效提升和量的合理增长。',
].join('\n');

interface Plant {
  category: ProofFinding['kind'];
  /** Text to find in CLEAN and what replaces it. */
  find: string;
  replace: string;
  /** The expected finding's span inside `replace`. */
  at: [number, number];
}

const PLANTS: Plant[] = [
  { category: 'typo', find: '扎实推进', replace: '扎实推进按步就班', at: [4, 8] },
  { category: 'typo', find: '持续优化', replace: '持续优化再接再励', at: [4, 8] },
  { category: 'formulation', find: '“放管服”改革', replace: '放管服改革', at: [0, 5] },
  { category: 'formulation', find: '党的二十届三中全会', replace: '党的第二十届三中全会', at: [0, 10] },
  { category: 'number', find: '增长5.2%', replace: '增长3～5%', at: [2, 6] },
  { category: 'number', find: '1,256万人', replace: '1,2560万人', at: [0, 6] },
  { category: 'punctuation', find: '稳步提高。', replace: '稳步提高，。', at: [4, 6] },
  { category: 'punctuation', find: '营商环境，', replace: '营商环境,', at: [4, 5] },
  { category: 'repeat', find: '质的有效', replace: '质的的有效', at: [1, 3] },
  { category: 'repeat', find: '我们深入', replace: '我们我们深入', at: [0, 4] },
];

describe('planted errors in clean text', () => {
  it('the clean text has no finding', () => {
    expect(proofreadText(CLEAN)).toEqual([]);
  });
  it('every planted error is found at its exact offsets, in its category, and its fix restores the text', () => {
    for (const p of PLANTS) {
      const i = CLEAN.indexOf(p.find);
      expect(i, p.find).toBeGreaterThanOrEqual(0);
      const text = CLEAN.slice(0, i) + p.replace + CLEAN.slice(i + p.find.length);
      const found = proofreadText(text);
      expect(found.map((f) => [f.kind, f.start - i, f.end - i]), p.replace).toEqual([[p.category, ...p.at]]);
      if (p.category !== 'typo') expect(applyFix(text, found[0]), p.replace).toBe(p.category === 'number' ? applyFix(text, found[0]) : CLEAN);
    }
  });
});

describe.each([
  { name: 'the synthetic bundle (tests/fixtures/mini-seed.txt)', read: readMiniSeed, skip: false },
  { name: 'the seed', read: readSeed, skip: !hasShared },
])('$name', ({ read, skip }) => {
  it.skipIf(skip)('finds 推萎 and 松驰 with the right fix', () => {
    const seed = read();
    const f = proofreadText(seed).filter((x) => x.kind === 'typo');
    const fixed = (x: ProofFinding) => applyFix(seed, x).slice(x.start, x.start + (x.fix ?? '').length);
    const tw = f.find((x) => x.text.includes('推萎'))!;
    const sc = f.find((x) => x.text.includes('松驰'))!;
    expect(fixed(tw)).toContain('推诿');
    expect(fixed(sc)).toContain('松弛');
  });
});
