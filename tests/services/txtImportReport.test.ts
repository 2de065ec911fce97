import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/services/import/readDocument';
import { docToText } from '../../src/core/model/text';

// A scraped page: the site's navigation above the title, the title repeated, then the speech.
const PAGE = [
  '首页 > 领导讲话 > 正文',
  '来源：市政府办公室　发布时间：2024-03-05',
  '在全市机关干部大会上的讲话',
  '在全市机关干部大会上的讲话',
  '同志们：',
  '今天召开全市机关干部大会，主要任务是总结工作、部署任务。',
].join('\n');

describe('.txt import names every line it leaves out', () => {
  it('watermarks and page numbers the cleaner removes are named with their lines', async () => {
    const raw = ['关于做好今年工作的讲话', '同志们：', '今年以来，我们坚持稳中求进工作总基调，经济运行总体平稳。', '本文来源：某某网 www.example.com', '各项工作取得新进展。'].join('\n');
    const r = await readDocument('讲话.txt', new TextEncoder().encode(raw));
    expect(docToText(r.doc).text).not.toContain('本文来源');
    expect(r.notes.find((n) => n.includes('本文来源'))).toMatch(/^删除网站水印行 1 处：第4行/);
  });

  it('lines before the title and a repeated title are listed in the report with their line numbers', async () => {
    const r = await readDocument('页面.txt', new TextEncoder().encode(PAGE));
    const text = docToText(r.doc).text;
    expect(r.doc.blocks[0]).toMatchObject({ type: 'title' });
    expect(text).not.toContain('首页');
    // the two navigation lines are joined by the broken-line rule (no end punctuation) and named as one
    expect(r.notes).toContain('标题前的 1 行未导入（网站导航、简报报头等；原文件未改动）：第1行「首页 > 领导讲话 > 正文来源：市政府办公室　发布时间：2024-03-05」');
    expect(r.notes).toContain('删除重复的标题行 1 处：第4行「在全市机关干部大会上的讲话」');
    // every non-empty line of the file is either in the document or named in the report
    for (const line of PAGE.split('\n')) {
      const inDoc = text.includes(line);
      const named = r.notes.some((n) => n.includes(line));
      expect(inDoc || named, line).toBe(true);
    }
  });

  it('a file that starts with its title reports nothing left out', async () => {
    const r = await readDocument('讲话.txt', new TextEncoder().encode(PAGE.split('\n').slice(3).join('\n')));
    expect(r.notes.filter((n) => n.includes('未导入') || n.startsWith('删除'))).toEqual([]);
  });
});
