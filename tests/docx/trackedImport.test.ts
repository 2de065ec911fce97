import { describe, expect, it } from 'vitest';
import { Blocks } from '../../src/core/model/block';
import type { SpeechDoc } from '../../src/core/model/types';
import { exportDocx } from '../../src/services/docx/export';
import { docxRevisionCounts, importDocx } from '../../src/services/docx/import';
import { hasShared } from '../helpers/shared';
import { editedSeed } from './helpers';
import { makeDocx, p, style } from './wordFixtures';

// Importing a 修订稿 (tracked changes) with 接受所有修订 gives the new text, with 拒绝所有修订 the original — text,
// paragraphs and heading levels (a tracked format change keeps the former style).
const shape = (d: SpeechDoc) => d.blocks.filter((b) => Blocks.text(b).trim() !== '').map((b) => [b.type === 'heading' ? `h${b.level}` : b.type, Blocks.text(b)]);

const OLD: SpeechDoc = {
  blocks: [
    Blocks.make('title', '在全市工作会议上的讲话'),
    Blocks.make('salutation', '同志们：'),
    Blocks.paragraph('这次会议的主题是全面落实全会精神。'),
    Blocks.heading(1, '肯定成绩'),
    Blocks.paragraph('近年来机关作风建设成效明显。'),
    Blocks.paragraph('这一段将被整段删除。'),
    Blocks.heading(2, '服务企业'),
    Blocks.paragraph('企业是经济发展的微观基础。'),
  ],
};
const NEW: SpeechDoc = {
  blocks: [
    Blocks.make('title', '在全市工作会议上的讲话'),
    Blocks.make('salutation', '同志们：'),
    Blocks.paragraph('这次会议的主题是认真落实全会精神。'),
    Blocks.heading(1, '肯定成绩'),
    Blocks.paragraph('近年来机关作风建设成效明显。'),
    Blocks.paragraph('这是新加的一段。'),
    Blocks.heading(1, '服务企业'),
    Blocks.paragraph('企业是经济发展的微观基础。'),
  ],
};

describe('importing tracked changes: 接受所有修订 and 拒绝所有修订', () => {
  it('a 修订稿 (edits, a deleted and an inserted paragraph, a promoted heading): accept gives the new text, reject the original', async () => {
    const bytes = await exportDocx(NEW, { mode: 'revisions', against: OLD });
    const accepted = await importDocx(bytes, '修订稿.docx');
    const rejected = await importDocx(bytes, '修订稿.docx', { revisions: 'reject' });
    expect(shape(accepted.doc)).toEqual(shape(NEW));
    expect(shape(rejected.doc)).toEqual(shape(OLD));
    const counts = await docxRevisionCounts(bytes, '修订稿.docx');
    expect(counts.formatChanges).toBe(1);
    expect(counts.insertions).toBeGreaterThan(0);
    expect(counts.deletions).toBeGreaterThan(0);
    expect(rejected.notes.join('\n')).toMatch(/格式修改 1 处，已按「拒绝所有修订」导入.*格式按修改前/);
  });

  it('a paragraph mark deleted (two paragraphs joined) or inserted (one split), as Word tracks them', async () => {
    const rev = 'w:id="9" w:author="甲" w:date="2026-03-01T00:00:00Z"';
    const joined = `<w:p><w:pPr><w:rPr><w:del ${rev}/></w:rPr></w:pPr><w:r><w:t>今年的工作要稳字当头，</w:t></w:r></w:p>` + p('稳中求进。');
    const split = `<w:p><w:pPr><w:rPr><w:ins ${rev}/></w:rPr></w:pPr><w:r><w:t>各单位要高度重视，</w:t></w:r></w:p>` + p('切实抓好落实。');
    const bytes = await makeDocx({ styles: style('Title', 'Title'), body: `<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>讲话</w:t></w:r></w:p>` + joined + split });
    const text = async (revisions: 'accept' | 'reject') => shape((await importDocx(bytes, 'a.docx', { revisions })).doc).slice(1).map((b) => b[1]);
    expect(await text('accept')).toEqual(['今年的工作要稳字当头，稳中求进。', '各单位要高度重视，', '切实抓好落实。']);
    expect(await text('reject')).toEqual(['今年的工作要稳字当头，', '稳中求进。', '各单位要高度重视，切实抓好落实。']);
    expect(await docxRevisionCounts(bytes, 'a.docx')).toEqual({ insertions: 1, deletions: 1, formatChanges: 0 });
  });
  it('a moved paragraph, a demoted heading and deletions at the end (the last paragraph mark) both ways', async () => {
    const before: SpeechDoc = { blocks: [OLD.blocks[0], OLD.blocks[1], Blocks.heading(1, '肯定成绩'), Blocks.paragraph('这一段后来移到了后面，文字一个字也没有改动。'), Blocks.paragraph('这一段保持原样。'), Blocks.heading(2, '服务企业'), Blocks.paragraph('企业是经济发展的微观基础。'), Blocks.paragraph('最后这一段后来整段删掉了。')] };
    const after: SpeechDoc = { blocks: [OLD.blocks[0], OLD.blocks[1], Blocks.heading(1, '肯定成绩'), Blocks.paragraph('这一段保持原样。'), Blocks.heading(3, '服务企业'), Blocks.paragraph('这一段后来移到了后面，文字一个字也没有改动。'), Blocks.paragraph('企业是经济发展的微观基础。')] };
    const bytes = await exportDocx(after, { mode: 'revisions', against: before });
    expect(shape((await importDocx(bytes)).doc)).toEqual(shape(after));
    expect(shape((await importDocx(bytes, 'x.docx', { revisions: 'reject' })).doc)).toEqual(shape(before));
  });

  it.skipIf(!hasShared)('the seed 第一篇 edited (a word added, a paragraph cut, one moved, one deleted, a heading demoted, the end deleted)', async () => {
    const { before, after } = editedSeed();
    const bytes = await exportDocx(after, { mode: 'revisions', against: before });
    expect(shape((await importDocx(bytes)).doc)).toEqual(shape(after));
    expect(shape((await importDocx(bytes, 'x.docx', { revisions: 'reject' })).doc)).toEqual(shape(before));
  });
});
