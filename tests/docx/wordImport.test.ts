import { describe, expect, it } from 'vitest';
import { Blocks } from '../../src/core/model/block';
import type { SpeechDoc } from '../../src/core/model/types';
import { importDocx } from '../../src/services/docx/import';
import { makeDocx, numbered, p, style, styled } from './wordFixtures';

const shape = (d: SpeechDoc) => d.blocks.filter((b) => Blocks.text(b).trim() !== '').map((b) => [b.type === 'heading' ? `h${b.level}` : b.type, Blocks.text(b)]);
const squash = (s: string) => s.replace(/[\s；]+/gu, '');

describe('Word import that never loses text silently', () => {
  it('Chinese heading style names 标题 1–3 give the levels; typed numbers are stripped', async () => {
    const bytes = await makeDocx({
      styles: style('a', '标题') + style('1', '标题 1') + style('2', '标题 2') + style('3', '标题 3'),
      body: [styled('a', '在全市工作会议上的讲话'), p('同志们：'), styled('1', '一、总体要求'), p('今年的工作要稳字当头。'), styled('2', '（一）具体任务'), styled('3', '细化措施'), p('各单位要高度重视。')].join(''),
    });
    const r = await importDocx(bytes, 'a.docx');
    expect(shape(r.doc)).toEqual([
      ['title', '在全市工作会议上的讲话'],
      ['salutation', '同志们：'],
      ['h1', '总体要求'],
      ['paragraph', '今年的工作要稳字当头。'],
      ['h2', '具体任务'],
      ['h3', '细化措施'],
      ['paragraph', '各单位要高度重视。'],
    ]);
    expect(r.notes[0]).toMatch(/标题样式/);
  });

  const LONG = '肯定成绩，进一步增强机关作风建设的紧迫感和责任感，全面深入开展“三服务”活动，大力弘扬求真务实之风，努力建设人民满意的服务型机关，为全市经济社会发展提供坚强保障';
  it('outline levels only (on a style or on the paragraph, as WPS writes them) make headings', async () => {
    const bytes = await makeDocx({
      styles: style('x1', '我的一级', '<w:outlineLvl w:val="0"/>') + style('x2', '我的二级', '<w:outlineLvl w:val="1"/>'),
      body: [
        p('在全市工作会议上的讲话', '<w:jc w:val="center"/>'),
        styled('x1', LONG),
        p('近年来，市委市政府一直高度重视机关作风建设。'),
        styled('x2', '服务企业'),
        p('第三级标题', '<w:outlineLvl w:val="2"/>'),
        p('正文。'),
      ].join(''),
    });
    const r = await importDocx(bytes, 'b.docx');
    const s = shape(r.doc);
    expect(s.map((x) => x[0])).toEqual(['title', 'h1', 'paragraph', 'h2', 'h3', 'paragraph']);
    expect(s[1][1]).toBe(LONG);
    expect(r.notes.join('\n')).toMatch(/大纲级别：3 段/);
  });

  it('automatic numbering, 一是 labels, a table, a footnote, a comment and tracked changes: levels right, every piece of text accounted for', async () => {
    const lvl = (ilvl: number, fmt: string, text: string) => `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`;
    const numbering =
      `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="1">${lvl(0, 'chineseCounting', '%1是')}</w:abstractNum>` +
      `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>`;
    const body = [
      p('在全市工作会议上的讲话', '<w:jc w:val="center"/>'),
      p('同志们：'),
      numbered(1, 0, '总体要求'),
      numbered(2, 0, '加强学习，提高本领。'),
      numbered(2, 0, '改进作风，狠抓落实。'),
      numbered(1, 1, '具体任务'),
      `<w:p><w:r><w:t>全年增长</w:t></w:r><w:ins w:id="11" w:author="甲"><w:r><w:t>百分之五</w:t></w:r></w:ins><w:del w:id="12" w:author="甲"><w:r><w:delText>百分之六</w:delText></w:r></w:del><w:r><w:t>左右。</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>`,
      `<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>这句话要改</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:t>，其余不变。</w:t></w:r></w:p>`,
      `<w:tbl><w:tr><w:tc>${p('指标')}</w:tc><w:tc>${p('目标')}</w:tc></w:tr><w:tr><w:tc>${p('增长')}</w:tc><w:tc>${p('5%')}</w:tc></w:tr></w:tbl>`,
      numbered(1, 0, '保障措施'),
      p('各单位要高度重视。'),
    ].join('');
    const bytes = await makeDocx({
      numbering,
      body,
      footnotes: `<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2">${p('数据来源：市统计局。')}</w:footnote>`,
      comments: `<w:comment w:id="0" w:author="李处长">${p('请核实数字')}</w:comment>`,
    });
    const r = await importDocx(bytes, 'c.docx');
    expect(shape(r.doc)).toEqual([
      ['title', '在全市工作会议上的讲话'],
      ['salutation', '同志们：'],
      ['h1', '总体要求'],
      ['paragraph', '一是加强学习，提高本领。'],
      ['paragraph', '二是改进作风，狠抓落实。'],
      ['h2', '具体任务'],
      ['paragraph', '全年增长百分之五左右。'],
      ['paragraph', '注：数据来源：市统计局。'],
      ['paragraph', '这句话要改，其余不变。'],
      ['paragraph', '指标；目标'],
      ['paragraph', '增长；5%'],
      ['h1', '保障措施'],
      ['paragraph', '各单位要高度重视。'],
    ]);
    const notes = r.notes.join('\n');
    expect(notes).toMatch(/自动编号：5 段/);
    expect(notes).toMatch(/表格：1 个（2 行）/);
    expect(notes).toMatch(/脚注 1 条/);
    expect(notes).toMatch(/插入 1 处、删除 1 处，已按「接受所有修订」/);
    expect(notes).toMatch(/批注 1（李处长）：「请核实数字」，批注于「这句话要改」/);
    // Every piece of text is somewhere: in the document, or (comments) in the report.
    const all = squash(r.doc.blocks.map((b) => Blocks.text(b)).join('') + notes);
    for (const piece of ['总体要求', '加强学习', '改进作风', '具体任务', '百分之五', '数据来源：市统计局', '请核实数字', '这句话要改', '指标', '目标', '增长', '5%', '保障措施']) {
      expect(all, piece).toContain(squash(piece));
    }
    expect(all).not.toContain('百分之六');

    const orig = await importDocx(bytes, 'c.docx', { revisions: 'reject' });
    expect(shape(orig.doc).find((b) => b[1].startsWith('全年增长'))?.[1]).toBe('全年增长百分之六左右。');
    expect(orig.notes.join('\n')).toMatch(/已按「拒绝所有修订」/);
  });

  it('refuses XML that is not well formed, with a clear error', async () => {
    const zipBytes = await makeDocx({ body: '<w:p><w:r><w:t>未闭合' });
    await expect(importDocx(zipBytes, 'bad.docx')).rejects.toMatchObject({ code: 'damaged' });
  });
});
