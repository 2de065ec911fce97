import { describe, expect, it } from 'vitest';
import { cleanText, splitBundle, toOriginalRange, toOriginalOffset } from '../../src/core/text/index';
import { hasShared, readMiniSeed, readSeed } from '../helpers/shared';

describe('cleanText on small texts', () => {
  it('removes a page number inside a word but keeps real numbers', () => {
    const raw = '一年来,全市机 2 关干部围绕中心,2008年增长13%,高于全省2.9个百分点,共有 14 项指标。';
    const r = cleanText(raw);
    expect(r.text).toBe('一年来,全市机关干部围绕中心,2008年增长13%,高于全省2.9个百分点,共有 14 项指标。');
    expect(r.changes.map((c) => [c.kind, c.original])).toEqual([['page-number', ' 2 ']]);
    expect(raw.slice(r.changes[0].at, r.changes[0].at + 3)).toBe(' 2 ');
  });

  it('removes an ascending sequence of page numbers, also after punctuation', () => {
    const raw = '我们采取了有效措施,10 充分发挥政策作用。深入开展项目攻坚活动。11 市委、市政府决定,明确责任部门 12 和责任人。';
    const r = cleanText(raw);
    expect(r.text).toBe('我们采取了有效措施,充分发挥政策作用。深入开展项目攻坚活动。市委、市政府决定,明确责任部门和责任人。');
    expect(r.changes.filter((c) => c.kind === 'page-number')).toHaveLength(3);
  });

  it('removes zero-width characters and CRLF, mapping offsets back to the raw text', () => {
    const raw = '\u200b各位代表：\r\n现在，我代表国务院\u200d，向大会报告政府工作。\r\n';
    const r = cleanText(raw);
    expect(r.text).toBe('各位代表：\n现在，我代表国务院，向大会报告政府工作。\n');
    const i = r.text.indexOf('向大会');
    const o = toOriginalRange(r.offsetMap, i, i + 3);
    expect(raw.slice(o.start, o.end)).toBe('向大会');
    expect(r.changes.map((c) => c.kind).sort()).toEqual(['line-endings', 'zero-width', 'zero-width']);
  });

  it('rejoins a line broken mid-sentence but not headings, titles or salutations', () => {
    const raw = [
      '在机关干部大会上的讲话',
      '同志们:',
      '一、转变作风,提高服务质量和工作效率',
      '做好服务工作是机关的一项重要职能。机关干部要进一步',
      '转变工作作风,明确服务方向,改进服务手段,提高服务质量。',
      '(一)围绕中心,服务大局',
      '机关全体工作人员都要牢固树立中心意识。',
    ].join('\n');
    const r = cleanText(raw);
    expect(r.text.split('\n')).toEqual([
      '在机关干部大会上的讲话',
      '同志们:',
      '一、转变作风,提高服务质量和工作效率',
      '做好服务工作是机关的一项重要职能。机关干部要进一步转变工作作风,明确服务方向,改进服务手段,提高服务质量。',
      '(一)围绕中心,服务大局',
      '机关全体工作人员都要牢固树立中心意识。',
    ]);
    expect(r.changes.map((c) => c.kind)).toEqual(['line-join']);
  });

  it('joins a line that starts with punctuation', () => {
    const r = cleanText('听取和审议了国务院总理所作的政府工作报告\n。会议充分肯定国务院过去一年的工作');
    expect(r.text).toBe('听取和审议了国务院总理所作的政府工作报告。会议充分肯定国务院过去一年的工作');
  });

  it('removes page-number lines but not numbers that belong to the text (M2, PM10, footnotes)', () => {
    const raw = '我们要继续加强机关作风建设，切实转变工作\n- 3 -\n作风，提高服务质量。\n广义货币M\n2\n和社会融资规模增速要与经济增长相匹配。\n细颗粒物（PM\n10\n）浓度下降。';
    const r = cleanText(raw);
    expect(r.text).toBe('我们要继续加强机关作风建设，切实转变工作作风，提高服务质量。\n广义货币M\n2\n和社会融资规模增速要与经济增长相匹配。\n细颗粒物（PM\n10）浓度下降。');
    expect(r.changes.map((c) => c.kind)).toEqual(['line-join', 'page-number-line', 'line-join']);
  });

  it('removes a line of zero-width characters that split a word, then rejoins the sentence', () => {
    const r = cleanText('支持企业稳定就业，延长失业保险返还等阶段性稳\n\u200b\n岗政策惠及范围，延长以工代训政策实施期限。');
    expect(r.text).toBe('支持企业稳定就业，延长失业保险返还等阶段性稳岗政策惠及范围，延长以工代训政策实施期限。');
  });

  it('leaves clean text untouched and maps identically', () => {
    const raw = '现在，我代表国务院，向大会报告政府工作。\n\n一、过去一年工作回顾\n过去一年，我国发展很不平凡。';
    const r = cleanText(raw);
    expect(r.text).toBe(raw);
    expect(r.changes).toEqual([]);
    expect(toOriginalOffset(r.offsetMap, 10)).toBe(10);
  });
});

describe.skipIf(!hasShared)('cleanText on the seed file', () => {
  const raw = hasShared ? readSeed() : '';
  const r = cleanText(raw);

  it('removes both watermarks and the site signature', () => {
    expect(raw).toContain('（本文权属文秘之音所有，更多文章请登陆www.xiexiebang.com查看）'.replace(/（/g, '(').replace(/）/g, ')').replace(/，/g, ','));
    expect(r.text).not.toContain('xiexiebang');
    expect(r.text).not.toContain('文秘之音');
    expect(r.text).not.toContain('全文查看');
    expect(r.text).not.toContain('好范文版权所有');
    expect(r.text).toContain('大家一定要非常重视学习,要勤于学习,善于学习。');
    expect(r.text).toContain('基层组织是我们联系职工群众的桥梁和纽带\n第五篇');
    expect(r.text).toContain('真正发挥好“参谋部”和“智囊团”的作用。\n(二)强化宗旨意识');
  });

  it('removes the page numbers 2–20 and nothing else numeric', () => {
    const pages = r.changes.filter((c) => c.kind === 'page-number').map((c) => Number(c.original.trim()));
    // page 6 was lost in the scrape; 2..20 otherwise, in order
    expect(pages).toEqual([2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    for (const s of ['全市机关干部围绕中心', '机关作风建设成效是明显的', '教育、组织、红十字会'.replace(/、/g, '、'), '我市争取到1.3亿', '经济建设这个中心', '“三军汇集”', '以即将全面展开的学习实践科学发展观活动为契机', '现代科技', '不增加基层负担', '全市生产总值增长13%', '2008年满意不满意单位评议共收集到对97个部门单位的意见建议1039条']) {
      expect(r.text).toContain(s);
    }
  });

  it('joins the broken lines and splits the glued heading', () => {
    expect(r.text).toContain('机关干部要进一步转变工作作风,明确服务方向');
    expect(r.text).toContain('干群关系是否紧密、思想和行为是否规范');
    expect(r.text).toContain('衢州市安监局“创建学习型机关、争做学习型干部”活动领导小组办公室编印');
    expect(r.text).toContain('二、共克时艰,全面深入开展“三服务”活动\n新的一年,我们面临的任务很重');
    expect(r.text).toContain('战胜了严重冰雪灾害');
    expect(r.text).toContain('紧紧围绕党委的中心工作');
  });

  it('every kept character maps back to the same character of the raw text', () => {
    let mismatched = 0;
    for (let i = 0; i < r.text.length; i += 7) {
      const o = toOriginalRange(r.offsetMap, i, i + 1);
      if (raw.slice(o.start, o.end) !== r.text[i] && r.text[i] !== '\n') mismatched++;
    }
    expect(mismatched).toBe(0);
  });

  it('splits into the five speeches with their titles', () => {
    const parts = splitBundle(r.text);
    expect(parts.map((p) => [p.number, p.title])).toEqual([
      [1, '在全市机关干部大会上的讲话'],
      [2, '在机关干部大会上的讲话'],
      [3, '在机关干部大会上的讲话'],
      [4, '在机关干部大会上的讲话'],
      [5, '在全市机关干部大会上的讲话'],
    ]);
    for (const p of parts) expect(r.text.slice(p.start, p.end)).toBe(p.text);
    expect(parts[0].text).toContain('孙 建 国(2009年2月2日)');
    expect(parts[0].text.endsWith('作出应有的贡献。')).toBe(true);
    expect(parts[1].text.startsWith('在机关干部大会上的讲话\n在建国周年之际')).toBe(true);
    expect(parts[2].text.startsWith('刚才****对机关春节期间的工作进行了总结')).toBe(true);
    // 第四篇 lost its repeated title line and its trailing watermark
    expect(parts[3].text.startsWith('在机关干部大会上的讲话\n在建国周年之际')).toBe(true);
    expect(parts[3].text.endsWith('联系职工群众的桥梁和纽带')).toBe(true);
    expect(parts[4].text.endsWith('推动衢州发展新跨越而努力奋斗!')).toBe(true);
  });
});

// The same kinds of defects in a small committed bundle (tests/fixtures/mini-seed.txt), so this runs everywhere.
describe('cleanText on the synthetic bundle', () => {
  const raw = readMiniSeed();
  const r = cleanText(raw);

  it('removes the watermarks (inside a sentence, after one, glued to a page number) and nothing around them', () => {
    expect(r.changes.filter((c) => c.kind === 'watermark').map((c) => c.original)).toEqual([
      '(本文权属文秘之音所有,更多文章请登陆www.xiexiebang.com查看)',
      '好范文版权所有',
      '7全文查看',
    ]);
    expect(r.text).not.toMatch(/xiexiebang|文秘之音|全文查看|好范文/u);
    expect(r.text).toContain('大家一定要非常重视服务,要主动上门,热情服务');
    expect(r.text).toContain('“参谋部”和“智囊团”的作用。\n(二)强化宗旨意识');
    expect(r.text).toContain('是县委联系干部群众的桥梁和纽带\n第五篇');
  });

  it('removes the page numbers inside words and keeps every real number', () => {
    expect(r.changes.filter((c) => c.kind === 'page-number').map((c) => Number(c.original.trim()))).toEqual([2, 3, 4, 5]);
    for (const s of ['广大机关干部的智慧', '拖拉推诿的现象', '全县的工作大局', '各项目标任务圆满完成', '全县生产总值增长12.6%,财政总收入增长15.3%', '李 志 明(2011年2月9日)']) {
      expect(r.text).toContain(s);
    }
  });

  it('joins the broken line, drops the stray spaces and splits the glued heading', () => {
    expect(r.text).toContain('机关干部的精神面貌焕然一新');
    expect(r.text).toContain('战胜了严重的春季干旱');
    expect(r.text).toContain('紧紧围绕县委的中心工作');
    expect(r.text).toContain('二、突出重点,扎实推进机关效能建设\n新的一年,我们面临的任务很重');
    expect(r.changes.map((c) => c.kind)).toEqual(expect.arrayContaining(['line-join', 'stray-space', 'heading-split']));
  });

  it('every kept character maps back to the same character of the raw text', () => {
    let mismatched = 0;
    for (let i = 0; i < r.text.length; i++) {
      const o = toOriginalRange(r.offsetMap, i, i + 1);
      if (raw.slice(o.start, o.end) !== r.text[i] && r.text[i] !== '\n') mismatched++;
    }
    expect(mismatched).toBe(0);
  });

  it('splits into the five speeches; 第四篇 lost its end and its watermark', () => {
    const parts = splitBundle(r.text);
    expect(parts.map((p) => [p.number, p.title])).toEqual([
      [1, '在全县机关作风建设大会上的讲话'],
      [2, '在机关干部大会上的讲话'],
      [3, '在机关干部大会上的讲话'],
      [4, '在机关干部大会上的讲话'],
      [5, '在全县机关干部大会上的讲话'],
    ]);
    for (const p of parts) expect(r.text.slice(p.start, p.end)).toBe(p.text);
    expect(parts[0].text).toContain('李 志 明(2011年2月9日)');
    expect(parts[0].text.endsWith('作出应有的贡献。')).toBe(true);
    expect(parts[2].text.startsWith('刚才****对机关春节期间的工作进行了总结')).toBe(true);
    expect(parts[3].text.startsWith(parts[1].text.slice(0, 200))).toBe(true);
    expect(parts[3].text.endsWith('联系干部群众的桥梁和纽带')).toBe(true);
    expect(parts[4].text.endsWith('推动全县发展新跨越而努力奋斗!')).toBe(true);
  });
});

describe('splitBundle', () => {
  it('accepts full-width colons and numbers, keeps a preface, and handles no markers', () => {
    const t = '汇编说明\n第一篇：甲讲话\n正文一。\n第十二篇：乙讲话\n正文二。';
    const parts = splitBundle(t);
    expect(parts.map((p) => [p.number, p.title, p.text])).toEqual([
      [undefined, '汇编说明', '汇编说明'],
      [1, '甲讲话', '正文一。'],
      [12, '乙讲话', '正文二。'],
    ]);
    expect(splitBundle('在全市大会上的讲话\n同志们：\n正文。')).toEqual([
      { title: '在全市大会上的讲话', text: '在全市大会上的讲话\n同志们：\n正文。', start: 0, end: 18 },
    ]);
  });
});
