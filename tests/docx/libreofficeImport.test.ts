import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Blocks } from '../../src/core/model/block';
import { readDocument } from '../../src/services/import/readDocument';
import { hasLibreOffice, tmpDir } from './helpers';
import { makeDocx, numbered, p, style, styled } from './wordFixtures';

// What LibreOffice makes of a Word file as .html and .txt imports with the same structure as the .docx.

function convert(docx: Uint8Array, dir: string, to: string): string {
  const file = path.join(dir, 'in.docx');
  writeFileSync(file, docx);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'lo-'));
  try {
    execFileSync('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', to, '--outdir', dir, file], { stdio: 'pipe', timeout: 120_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const ext = to.split(':')[0];
  const out = readdirSync(dir).find((f) => f.startsWith('in.') && f.endsWith(`.${ext}`));
  if (!out) throw new Error(`LibreOffice wrote no .${ext}`);
  return path.join(dir, out);
}

const shape = (blocks: Parameters<typeof Blocks.text>[0][]) => blocks.filter((b) => Blocks.text(b).trim() !== '').map((b) => [b.type === 'heading' ? `h${b.level}` : b.type, Blocks.text(b)]);

describe.skipIf(!hasLibreOffice)('Word → LibreOffice .html / .txt → import', () => {
  const dir = tmpDir('sd-lo-import-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('heading styles survive as <h1>/<h2> in LibreOffice HTML; automatic numbers survive as text in its .txt', async () => {
    const lvl = (ilvl: number, fmt: string, text: string) => `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`;
    const docx = await makeDocx({
      styles: style('Title', 'Title') + style('Heading1', 'heading 1', '<w:outlineLvl w:val="0"/>') + style('Heading2', 'heading 2', '<w:outlineLvl w:val="1"/>'),
      numbering: `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`,
      body: [
        styled('Title', '在全市工作会议上的讲话'),
        p('同志们：'),
        p('总体要求', '<w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'),
        p('今年的工作要稳字当头。'),
        p('具体任务', '<w:pStyle w:val="Heading2"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'),
        p('各单位要高度重视。'),
        numbered(1, 0, '保障措施'),
        p('正文。'),
      ].join(''),
    });
    const expected = [
      ['title', '在全市工作会议上的讲话'],
      ['salutation', '同志们：'],
      ['h1', '总体要求'],
      ['paragraph', '今年的工作要稳字当头。'],
      ['h2', '具体任务'],
      ['paragraph', '各单位要高度重视。'],
      ['h1', '保障措施'],
      ['paragraph', '正文。'],
    ];
    const html = convert(docx, dir, 'html');
    const fromHtml = await readDocument('in.html', readFileSync(html));
    // LibreOffice writes an automatically numbered paragraph without a heading style as <ol><li> without its
    // number format: its text is kept, as body text (the number itself is not in the HTML).
    expect(shape(fromHtml.doc.blocks)).toEqual(expected.map((b) => (b[1] === '保障措施' ? ['paragraph', '保障措施'] : b)));
    const txt = convert(docx, dir, 'txt:Text (encoded):UTF8');
    const text = readFileSync(txt, 'utf8');
    expect(text).toContain('一、');
    const fromTxt = await readDocument('in.txt', readFileSync(txt));
    expect(shape(fromTxt.doc.blocks)).toEqual(expected);
  }, 240_000);

  it('a footnote and a table: in its HTML the note follows its paragraph and rows are paragraphs; in its .txt the note mark does not glue paragraphs', async () => {
    const docx = await makeDocx({
      styles: style('Title', 'Title') + style('Heading1', 'heading 1', '<w:outlineLvl w:val="0"/>'),
      body: [
        styled('Title', '在全市工作会议上的讲话'),
        p('同志们：'),
        styled('Heading1', '一、总体要求'),
        '<w:p><w:r><w:t>全年经济增长百分之五左右。</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>',
        p('这句话要改，其余不变。'),
        `<w:tbl><w:tr><w:tc>${p('指标')}</w:tc><w:tc>${p('目标')}</w:tc></w:tr><w:tr><w:tc>${p('增长')}</w:tc><w:tc>${p('5%')}</w:tc></w:tr></w:tbl>`,
        p('各单位要高度重视。'),
      ].join(''),
      footnotes: `<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2">${p('数据来源：市统计局。')}</w:footnote>`,
    });
    const fromHtml = await readDocument('in.html', readFileSync(convert(docx, dir, 'html')));
    expect(shape(fromHtml.doc.blocks)).toEqual([
      ['title', '在全市工作会议上的讲话'],
      ['salutation', '同志们：'],
      ['h1', '总体要求'],
      ['paragraph', '全年经济增长百分之五左右。'],
      ['paragraph', '注：数据来源：市统计局。'],
      ['paragraph', '这句话要改，其余不变。'],
      ['paragraph', '指标；目标'],
      ['paragraph', '增长；5%'],
      ['paragraph', '各单位要高度重视。'],
    ]);
    expect(fromHtml.notes.join('\n')).toMatch(/脚注 1 条/);
    const fromTxt = await readDocument('in.txt', readFileSync(convert(docx, dir, 'txt:Text (encoded):UTF8')));
    const txt = shape(fromTxt.doc.blocks);
    // LibreOffice's .txt writes the reference as 「。1」 and drops the note's text; each cell is a line of its own,
    // which plain-text recognition cannot tell from a sentence broken over lines: the cells' text is kept, in order
    expect(txt.slice(0, 5)).toEqual([
      ['title', '在全市工作会议上的讲话'],
      ['salutation', '同志们：'],
      ['h1', '总体要求'],
      ['paragraph', '全年经济增长百分之五左右。1'],
      ['paragraph', '这句话要改，其余不变。'],
    ]);
    expect(txt.slice(5).map((b) => b[1]).join('')).toBe('指标目标增长5%各单位要高度重视。');
  }, 240_000);
});
