import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { Blocks } from '../../src/core/model/block';
import { htmlToBlocks } from '../../src/core/text/html';
import { textToDoc } from '../../src/core/text/toDoc';
import { makeDocx, p, style, styled } from '../docx/wordFixtures';

let ws: string;
beforeEach(async () => {
  ws = await fs.mkdtemp(path.join(os.tmpdir(), 'speechdraft-inputs-'));
});
afterEach(async () => {
  await fs.rm(ws, { recursive: true, force: true });
});

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: {} });
  return { code, stdout, stderr };
}

const shape = (blocks: ReturnType<typeof htmlToBlocks>) => blocks.map((b) => [b.type === 'heading' ? `h${b.level}` : b.type, Blocks.text(b)]);

// Word's clipboard HTML / 「另存为网页」: <h1>, mso-outline-level, MsoTitle, list numbers as text.
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><style>p.MsoNormal{margin:0}</style>
<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--></head><body>
<!--StartFragment--><p class=MsoTitle align=center>在全市工作会议上的讲话</p>
<p class=MsoNormal>同志们：</p>
<h1 style='mso-list:l0 level1 lfo1'><![if !supportLists]><span>一、<span style='font:7.0pt "Times New Roman"'>&nbsp;</span></span><![endif]>总体要求</h1>
<p class=MsoNormal>今年的工作要稳字当头，<span lang=EN-US>&nbsp;</span>稳中求进。</p>
<p class=MsoNormal style='mso-outline-level:2'>（一）具体任务</p>
<p class=MsoNormal>（二）保障措施</p>
<p class=MsoNormal>一是加强学习；二是改进作风。</p>
<table><tr><td><p>指标</p></td><td><p>目标</p></td></tr></table>
<!--EndFragment--></body></html>`;

describe('one resolver of inputs, and .html through the same recognition', () => {
  it('HTML → blocks: heading tags, outline levels, typed numbers removed, 一是 kept, a table row a paragraph', () => {
    expect(shape(htmlToBlocks(WORD_HTML))).toEqual([
      ['title', '在全市工作会议上的讲话'],
      ['salutation', '同志们：'],
      ['h1', '总体要求'],
      ['paragraph', '今年的工作要稳字当头，稳中求进。'],
      ['h2', '具体任务'],
      ['h2', '保障措施'],
      ['paragraph', '一是加强学习；二是改进作风。'],
      ['paragraph', '指标；目标'],
    ]);
    // The same text as plain text gives the same structure.
    const plain = '在全市工作会议上的讲话\n同志们：\n一、总体要求\n今年的工作要稳字当头，稳中求进。\n（一）具体任务\n（二）保障措施\n一是加强学习；二是改进作风。';
    expect(shape(textToDoc(plain).blocks)).toEqual(shape(htmlToBlocks(WORD_HTML)).slice(0, 7));
  });

  it('speechdraft open FILE.html makes the draft; outline of the same file agrees', async () => {
    const file = path.join(ws, '讲话.html');
    await fs.writeFile(file, WORD_HTML);
    const r = await cli(['open', file, '--workspace', ws, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { id, notes } = JSON.parse(r.stdout) as { id: string; notes: string[] };
    expect(notes.join('\n')).toMatch(/表格：1 个/);
    const show = await cli(['show', id, '--workspace', ws, '--json']);
    const doc = (JSON.parse(show.stdout) as { doc: { blocks: Parameters<typeof Blocks.text>[0][] } }).doc;
    expect(doc.blocks.filter((b) => b.type === 'heading').map((b) => Blocks.text(b))).toEqual(['总体要求', '具体任务', '保障措施']);
    const o = JSON.parse((await cli(['outline', file, '--json'])).stdout) as { headings: { text: string; level: number }[] };
    expect(o.headings.map((h) => [h.level, h.text])).toEqual([
      [1, '总体要求'],
      [2, '具体任务'],
      [2, '保障措施'],
    ]);
  });

  it('outline and lint of a .docx use its heading styles: the blocks open makes', async () => {
    const file = path.join(ws, 'styled.docx');
    const long = '进一步增强机关作风建设的紧迫感和责任感全面深入开展三服务活动大力弘扬求真务实之风努力建设人民满意的服务型机关为全市经济社会发展提供坚强保障确保各项目标任务圆满完成';
    await fs.writeFile(
      file,
      await makeDocx({
        styles: style('1', '标题 1') + style('2', '标题 2'),
        body: [p('在全市工作会议上的讲话'), styled('1', '总体要求'), p('正文。'), styled('2', long), p('正文。'), styled('1', '保障措施'), p('正文。')].join(''),
      }),
    );
    const o = JSON.parse((await cli(['outline', file, '--json'])).stdout) as { headings: { text: string; level: number }[] };
    expect(o.headings.map((h) => [h.level, h.text])).toEqual([
      [1, '总体要求'],
      [2, long],
      [1, '保障措施'],
    ]);
    const lint = await cli(['lint', file, '--json']);
    expect(lint.code, lint.stderr).toBe(0);
  });

  it('speechdraft open FILE.docx --revisions reject imports the original; accept (default) the final text', async () => {
    const file = path.join(ws, 'tracked.docx');
    await fs.writeFile(
      file,
      await makeDocx({ body: p('讲话') + '<w:p><w:r><w:t>增长</w:t></w:r><w:ins w:id="1" w:author="甲"><w:r><w:t>百分之五</w:t></w:r></w:ins><w:del w:id="2" w:author="甲"><w:r><w:delText>百分之六</w:delText></w:r></w:del><w:r><w:t>。</w:t></w:r></w:p>' }),
    );
    const text = async (argv: string[]) => {
      const r = await cli(['open', file, ...argv, '--workspace', ws, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const { id, notes } = JSON.parse(r.stdout) as { id: string; notes: string[] };
      const shown = JSON.parse((await cli(['show', id, '--workspace', ws, '--json'])).stdout) as { text: string };
      return { text: shown.text, notes: notes.join('\n') };
    };
    const final = await text([]);
    expect(final.text).toContain('增长百分之五。');
    expect(final.notes).toMatch(/插入 1 处、删除 1 处，已按「接受所有修订」/);
    const orig = await text(['--revisions', 'reject']);
    expect(final.notes).toContain('要导入原稿（拒绝所有修订）：speechdraft open');
    expect(orig.notes).toMatch(/已按「拒绝所有修订」/);
    expect(orig.notes).not.toContain('要导入原稿');
    expect(orig.text).toContain('增长百分之六。');
    expect((await cli(['open', file, '--revisions', 'maybe', '--workspace', ws])).stderr).toContain('--revisions 只能是');
  });

  it('the same fault gives the same error in every command', async () => {
    const missing = path.join(ws, 'nope.txt');
    for (const argv of [['outline', missing], ['lint', missing], ['diff', missing, missing], ['check', missing, '--library', ws], ['export', missing, '-o', path.join(ws, 'o.docx')], ['open', missing]]) {
      const r = await cli([...argv, '--workspace', ws]);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.stderr, argv.join(' ')).toContain(`无法读取文件：${missing}（找不到文件 not found）`);
    }
    const bad = path.join(ws, 'bad.json');
    await fs.writeFile(bad, '{"format":');
    for (const argv of [['outline', bad], ['lint', bad], ['diff', bad, bad], ['check', bad, '--library', ws], ['export', bad, '-o', path.join(ws, 'o.docx')]]) {
      const r = await cli([...argv, '--workspace', ws]);
      expect(r.stderr, argv.join(' ')).toContain(`不是有效的文稿文件：${bad}`);
    }
    for (const argv of [['outline', 'dnothere'], ['diff', 'dnothere', 'dnothere'], ['export', 'dnothere', '-o', path.join(ws, 'o.docx')], ['check', 'dnothere', '--library', ws]]) {
      const r = await cli([...argv, '--workspace', ws]);
      expect(r.stderr, argv.join(' ')).toContain('找不到文件或文稿：dnothere');
    }
  });
});
