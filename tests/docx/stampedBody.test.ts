// The stamped body (stampedBody.ts) writes document.xml byte for byte as the docx package's objects do, in
// every mode (清稿, 审阅稿 with comments, 念稿版 with time marks and keepLines, 修订稿 with its patches), with the
// characters XML must escape or drop; every other part of the package is the same too.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { SpeechDoc } from '../../src/core/model/types';
import { buildDocx, type ExportOptions } from '../../src/services/docx/export';
import { escapeText } from '../../src/services/docx/stampedBody';

const DOC: SpeechDoc = {
  blocks: [
    { type: 'title', children: [{ text: '在全市深入学习贯彻新时代中国特色社会主义思想主题教育总结会议暨机关干部大会上的讲话' }] },
    { type: 'byline', children: [{ text: '孙建国（2009年2月2日）' }] },
    { type: 'salutation', children: [{ text: '同志们：' }] },
    { type: 'paragraph', children: [{ text: '这次大会的主题是落实2008年全会精神。' }] },
    { type: 'heading', level: 1, children: [{ text: '肯定成绩，进一步增强紧迫感' }] },
    { type: 'heading', level: 2, children: [{ text: '服务企业，大力帮扶企业发展' }] },
    { type: 'paragraph', children: [{ text: 'R&D 投入 <5%> 的 "企业" 与 \'高校\'\u0001，控制字符\u000b被去掉。' }] },
    { type: 'heading', level: 3, children: [{ text: '要想干事' }] },
    { type: 'heading', level: 4, children: [{ text: '要有不甘落后的拼劲' }] },
    { type: 'paragraph', children: [{ text: '' }] },
    { type: 'paragraph', children: [{ text: '第一行\n第二行\n\n  前后有空格  ' }] },
    { type: 'heading', level: 1, children: [{ text: '再接再厉' }] },
    { type: 'paragraph', children: [{ text: '私用区字符\uE000p0\uE001与\uE000end\uE001不会被当作标记。' }] },
    ...Array.from({ length: 60 }, (_, i) => ({ type: 'paragraph' as const, children: [{ text: `同志们，新的一年是关键的一年，第${i + 1}段。`.repeat(1 + (i % 7)) }] })),
  ],
};

const DATE = new Date('2026-01-02T03:04:05Z');

/** An earlier text for the 修订稿: a paragraph edited, one deleted, one elsewhere, a heading's level changed, more at the end. */
const BEFORE: SpeechDoc = {
  blocks: [
    ...DOC.blocks.slice(0, 3),
    { type: 'paragraph', children: [{ text: '这次会议的主题是落实全会精神。' }] },
    { type: 'heading', level: 2, children: [{ text: '肯定成绩，进一步增强紧迫感' }] },
    { type: 'paragraph', children: [{ text: '一段后来删去的话。' }] },
    ...DOC.blocks.slice(5, 20),
    DOC.blocks[40],
    ...DOC.blocks.slice(20, 40),
    ...DOC.blocks.slice(41),
    { type: 'paragraph', children: [{ text: '结尾删去的一段。' }] },
  ],
};

async function parts(opts: ExportOptions): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync((await buildDocx(DOC, { ...opts, date: DATE })).bytes);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    if (zip.files[name].dir) continue;
    let text = await zip.files[name].async('string');
    // The package's own creation time is no part of the body.
    if (name === 'docProps/core.xml') text = text.replace(/<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g, '');
    out.set(name, text);
  }
  return out;
}

describe('the stamped body', () => {
  const modes: [string, ExportOptions][] = [
    ['清稿', { mode: 'clean' }],
    ['审阅稿', { mode: 'review', passages: [{ blockIndex: 3, start: 2, end: 8, sourceTitle: '《旧稿》&<>', similarity: 0.9, locator: '第一篇 第5段' }, { blockIndex: 20, start: 0, end: 5, sourceTitle: '另一篇', similarity: 0.7 }, { blockIndex: 12, start: 0, end: 2, sourceTitle: '第三篇', similarity: 0.8 }] }],
    ['念稿版', { mode: 'reading', charsPerMinute: 60 }],
    ['清稿, other layout', { mode: 'clean', layout: { bodySizePt: 14, fonts: { body: '宋体' } } }],
    ['修订稿', { mode: 'revisions', against: BEFORE, author: '审稿人' }],
  ];
  for (const [name, opts] of modes) {
    it(`${name}: every part as the docx package writes it`, async () => {
      const objects = await parts({ ...opts, objectBody: true });
      const stamped = await parts(opts);
      expect([...stamped.keys()]).toEqual([...objects.keys()]);
      for (const [part, xml] of objects) expect(stamped.get(part), part).toBe(xml);
      const xml = objects.get('word/document.xml')!;
      expect(xml).toContain('R&amp;D 投入 &lt;5%&gt; 的 &quot;企业&quot; 与 &apos;高校&apos;');
      // The copied and family paragraphs are there to be compared: comment ranges, time marks in frames.
      if (opts.mode === 'review') expect(xml.match(/<w:commentRangeStart /g)).toHaveLength(3);
      if (opts.mode === 'revisions') for (const tag of ['<w:ins ', '<w:del ', '<w:pPrChange ']) expect(xml, tag).toContain(tag);
      if (opts.mode === 'reading') expect(xml.match(/▶\d+(、\d+)*分钟/g)!.length).toBeGreaterThan(5);
    });
  }

  it('escapes text as the docx package does', () => {
    expect(escapeText('a&b<c>"d\'e\u0000\u001f\tf\ng')).toBe('a&amp;b&lt;c&gt;&quot;d&apos;e\tf\ng');
    expect(escapeText('无需转义')).toBe('无需转义');
  });
});
