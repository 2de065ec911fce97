import { describe, expect, it } from 'vitest';
import { Blocks } from '../../src/core/model/block';
import { readHtml } from '../../src/core/text/html';
import { clipboardBlocks } from '../../src/core/text/paste';

// Footnotes as the two writers of .html put them: LibreOffice (sdfootnote) and Word's 另存为网页 (_ftn, mso-element).
const LIBREOFFICE = `<body><p align="center">在全市经济工作会议上的讲话</p><p>同志们：</p>
<p><span lang="zh-CN">全年经济增长百分之五左右。<a class="sdfootnoteanc" name="sdfootnote1anc" href="#sdfootnote1sym"><sup>1</sup></a></span></p>
<p><span lang="zh-CN">这句话要改，其余不变。</span></p>
<div id="sdfootnote1"><p><a class="sdfootnotesym" name="sdfootnote1sym" href="#sdfootnote1anc">1</a><span lang="zh-CN">数据来源：市统计局。</span></p>
</div></body>`;

const WORD = `<body lang=ZH-CN><div class=WordSection1>
<p class=MsoTitle>在全市经济工作会议上的讲话</p>
<p class=MsoNormal>同志们：</p>
<p class=MsoNormal>全年经济增长百分之五左右。<a style='mso-footnote-id:ftn1' href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference><span lang=EN-US><span style='mso-special-character:footnote'><![if !supportFootnotes]><span class=MsoFootnoteReference><span lang=EN-US style='font-size:16.0pt'>[1]</span></span><![endif]></span></span></span></a>要稳中求进。<a style='mso-endnote-id:edn1' href="#_edn1" name="_ednref1" title=""><span class=MsoEndnoteReference>[i]</span></a></p>
<p class=MsoNormal>这句话要改，其余不变。</p>
</div>
<div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all><hr align=left size=1 width="33%"><![endif]>
<div style='mso-element:footnote' id=ftn1>
<p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1" name="_ftn1" title=""><span class=MsoFootnoteReference><span lang=EN-US>[1]</span></span></a> 数据来源：市统计局。</p>
</div></div>
<div style='mso-element:endnote-list'><div style='mso-element:endnote' id=edn1>
<p class=MsoEndnoteText><a style='mso-endnote-id:edn1' href="#_ednref1" name="_edn1" title=""><span class=MsoEndnoteReference>[i]</span></a> 见市政府工作报告。</p>
</div></div></body>`;

const texts = (html: string) => readHtml(html).paragraphs.map((p) => p.text);

describe('footnotes and endnotes in HTML (Word and LibreOffice)', () => {
  it('LibreOffice: the mark is dropped, the note follows its paragraph as 「注：」, and the report says so', () => {
    expect(texts(LIBREOFFICE)).toEqual(['在全市经济工作会议上的讲话', '同志们：', '全年经济增长百分之五左右。', '注：数据来源：市统计局。', '这句话要改，其余不变。']);
    expect(readHtml(LIBREOFFICE).notes).toContain('脚注 1 条、尾注 0 条：已作为「注：」段落放在所在段落之后');
  });

  it('Word 另存为网页: footnote and endnote marks dropped, both notes after their paragraph', () => {
    expect(texts(WORD)).toEqual([
      '在全市经济工作会议上的讲话',
      '同志们：',
      '全年经济增长百分之五左右。要稳中求进。',
      '注：数据来源：市统计局。',
      '注：见市政府工作报告。',
      '这句话要改，其余不变。',
    ]);
    expect(readHtml(WORD).notes).toContain('脚注 1 条、尾注 1 条：已作为「注：」段落放在所在段落之后');
  });

  it('a note no paragraph refers to is kept at the end; an ordinary link keeps its text', () => {
    const html = '<p>见<a href="https://www.gov.cn/">中国政府网</a>。</p><div id="sdfootnote3"><p>孤立的注释。</p></div>';
    expect(texts(html)).toEqual(['见中国政府网。', '注：孤立的注释。']);
  });

  it('pasted, the same blocks as the file', () => {
    const blocks = clipboardBlocks({ html: WORD })!;
    expect(blocks.map((b) => [b.type, Blocks.text(b)]).slice(2, 5)).toEqual([
      ['paragraph', '全年经济增长百分之五左右。要稳中求进。'],
      ['paragraph', '注：数据来源：市统计局。'],
      ['paragraph', '注：见市政府工作报告。'],
    ]);
  });
});

describe('a note mark at the end of a line of plain text', () => {
  it('「……。1」 ends its paragraph (a .txt conversion writes footnote references so); the next line is not glued to it', async () => {
    const { textToDoc } = await import('../../src/core/text/toDoc');
    const doc = textToDoc('在全市工作会议上的讲话\n同志们：\n全年经济增长百分之五左右。1\n这句话要改，其余不变。\n今年的工作要稳字当头\n稳中求进。');
    expect(doc.blocks.map((b) => Blocks.text(b)).slice(2)).toEqual(['全年经济增长百分之五左右。1', '这句话要改，其余不变。', '今年的工作要稳字当头稳中求进。']);
  });
});

describe('comments in LibreOffice HTML', () => {
  it('are listed in the report (LibreOffice writes them as HTML comments inside the text), not put into the text', () => {
    const html = '<html><head><meta name="generator" content="LibreOffice 7.4.7.2 (Linux)"/><!-- not a comment of the document --></head><body><p>这句话要改<!-- 请核实数字 -->，其余不变。</p></body></html>';
    const r = readHtml(html);
    expect(r.paragraphs.map((p) => p.text)).toEqual(['这句话要改，其余不变。']);
    expect(r.notes).toEqual(['批注：1 条（不进入正文），内容如下', '  批注 1：「请核实数字」']);
    // other pages' HTML comments are markup, not 批注
    expect(readHtml('<body><!-- header --><p>正文。</p></body>').notes).toEqual([]);
  });
});
