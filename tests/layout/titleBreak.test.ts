import { describe, expect, it } from 'vitest';
import { breakTitle, textWidth, titleBreakOffsets } from '../../src/core/layout/titleBreak';
import { resolveLayout, titleLines } from '../../src/core/layout/gongwen';

const FUNCTION_WORDS = ['的', '和', '与', '及', '在', '关于', '对', '为', '把'];
const seg = new Intl.Segmenter('zh', { granularity: 'word' });
/** Offsets of the segmenter's word boundaries (a line may only end at one of them). */
const boundaries = (t: string) => {
  const out = new Set<number>();
  for (const s of seg.segment(t)) out.add(s.index + s.segment.length);
  return out;
};

function expectSound(title: string, lines: string[], max: number) {
  expect(lines.join('').replace(/\s/g, '')).toBe(title.replace(/\s/g, ''));
  const ends = boundaries(title);
  let pos = 0;
  for (const [i, line] of lines.entries()) {
    expect(textWidth(line), line).toBeLessThanOrEqual(max);
    pos = title.indexOf(line, pos) + line.length;
    if (i < lines.length - 1) {
      expect(ends.has(pos), `break inside a word after 「${line}」`).toBe(true);
      for (const w of FUNCTION_WORDS) expect(line.endsWith(w), `「${line}」 ends with ${w}`).toBe(false);
    }
  }
}

describe('title line breaking', () => {
  it('breaks the 49-character title between words, each phrase on its line', () => {
    const t = '关于深入学习贯彻党的二十届三中全会精神进一步全面深化改革推动更高质量发展在全市领导干部会议上的讲话';
    expect(t.length).toBe(49);
    const lines = breakTitle(t, { maxChars: 20 });
    expectSound(t, lines, 20);
    expect(lines).toEqual(['关于深入学习贯彻党的二十届三中全会精神', '进一步全面深化改革推动更高质量发展', '在全市领导干部会议上的讲话']);
  });

  it('breaks long real titles sensibly (party congress reports, an NPC resolution)', () => {
    const cases: [string, string[]][] = [
      ['高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗', ['高举中国特色社会主义伟大旗帜', '为全面建设社会主义现代化国家而团结奋斗']],
      ['决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利', ['决胜全面建成小康社会', '夺取新时代中国特色社会主义伟大胜利']],
      ['高举中国特色社会主义伟大旗帜，为夺取全面建设小康社会新胜利而奋斗', ['高举中国特色社会主义伟大旗帜，', '为夺取全面建设小康社会新胜利而奋斗']],
      ['全面建设小康社会，开创中国特色社会主义事业新局面', ['全面建设小康社会，', '开创中国特色社会主义事业新局面']],
      ['第十四届全国人民代表大会第三次会议关于政府工作报告的决议', ['第十四届全国人民代表大会', '第三次会议关于政府工作报告的决议']],
    ];
    for (const [t, want] of cases) {
      const lines = breakTitle(t, { maxChars: 20 });
      expect(lines, t).toEqual(want);
      expectSound(t, lines, 20);
    }
  });

  it('never leaves a function word at a line end when another break will do', () => {
    const t = '关于进一步加强和改进新形势下机关党的建设和作风建设的实施意见';
    const lines = breakTitle(t, { maxChars: 16 });
    expectSound(t, lines, 16);
  });

  it('keeps the shape among equally good breaks: 梯形 lines grow downwards, 菱形 the middle is longest', () => {
    const pairs = (t: string) => t.match(/../g)!; // two-character words, no function words: every break costs the same
    const t = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄';
    expect(breakTitle(t, { maxChars: 20, shape: 'trapezoid', segment: pairs })).toEqual(['甲乙丙丁戊己庚辛壬癸子丑', '寅卯辰巳午未申酉戌亥天地玄黄']);
    const diamond = breakTitle(t + '宇宙洪荒日月', { maxChars: 14, shape: 'diamond', segment: pairs });
    expect(diamond.map(textWidth)).toEqual([10, 12, 10]);
    const trapezoid = breakTitle(t + '宇宙洪荒日月', { maxChars: 14, shape: 'trapezoid', segment: pairs }).map(textWidth);
    expect(trapezoid).toEqual([...trapezoid].sort((x, y) => x - y));
  });

  it('keeps fixed terms whole (习近平新时代中国特色社会主义思想), taking a third line rather than splitting one', () => {
    const t = '在全市深入学习贯彻习近平新时代中国特色社会主义思想主题教育总结会议上的讲话';
    for (const shape of ['trapezoid', 'diamond'] as const) {
      const lines = breakTitle(t, { maxChars: 20, shape });
      expectSound(t, lines, 20);
      expect(lines.some((l) => l.includes('习近平新时代中国特色社会主义思想')), lines.join('/')).toBe(true);
    }
  });

  it('keeps a title that fits on one line, and the writer\'s own breaks win', () => {
    expect(breakTitle('在全市机关干部大会上的讲话', { maxChars: 20 })).toEqual(['在全市机关干部大会上的讲话']);
    const manual = '关于深入学习贯彻党的二十届三中全会精神进一步\n全面深化改革推动高质量发展在全市领导干部会议上的讲话';
    expect(breakTitle(manual, { maxChars: 20 })).toEqual(manual.split('\n'));
    expect(titleBreakOffsets(manual, { maxChars: 20 })).toEqual([]);
  });

  it('gives the editor the offsets where lines start, and the layout its characters per line', () => {
    const t = '决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利';
    const [at] = titleBreakOffsets(t, { maxChars: 20 });
    expect(t.slice(at)).toBe('夺取新时代中国特色社会主义伟大胜利');
    // 二号 (22 pt) in the 156 mm line: 20 characters.
    expect(titleLines(resolveLayout({}), '关于深入学习贯彻党的二十届三中全会精神进一步全面深化改革推动更高质量发展在全市领导干部会议上的讲话').length).toBe(3);
  });
});
