// Word export speed: a 30,000-character speech (the seed speeches, repeated, as recognised by textToDoc)
// exported as 清稿, 审阅稿 (a comment every few paragraphs) and 修订稿 (against a version with ~5% of
// paragraphs edited). Target for the clean export: < 500 ms.
import { readFileSync } from 'node:fs';
import { Docs } from '../../src/core/model/block';
import { textToDoc } from '../../src/core/text/toDoc';
import type { SpeechDoc } from '../../src/core/model/types';
import { buildDocx, type ReviewPassage } from '../../src/services/docx/export';
import { importDocx } from '../../src/services/docx/import';
import { SEED_FILE, hasShared } from '../../tests/helpers/shared';
import { timeIt, type BenchSuite } from '../harness';

const N = 30_000;

function speech(): SpeechDoc {
  const base = hasShared
    ? readFileSync(SEED_FILE, 'utf8')
    : Array.from({ length: 400 }, (_, i) => `${i % 20 === 0 ? '一、' : ''}这是第${i}段，要进一步强化责任落实，切实加强机关作风建设，确保各项目标任务全面完成。`).join('\n');
  const doc = textToDoc(base);
  const blocks = [...doc.blocks];
  // Repeat the body until the speech has 30,000 characters.
  while (Docs.charCount({ blocks }) < N) blocks.push(...doc.blocks.filter((b) => b.type === 'paragraph' || b.type === 'heading').map((b) => structuredClone(b)));
  const out: SpeechDoc = { blocks: [] };
  for (const b of blocks) {
    if (Docs.charCount(out) >= N) break;
    out.blocks.push(b);
  }
  return out;
}

function edited(doc: SpeechDoc): SpeechDoc {
  const d = structuredClone(doc);
  d.blocks.forEach((b, i) => {
    if (i % 20 === 5 && b.type === 'paragraph') b.children = [{ text: b.children.map((c) => c.text).join('').slice(8) + '要进一步强化责任落实。' }];
  });
  return d;
}

export const docxSuite: BenchSuite = {
  name: 'docx',
  async run(ctx) {
    const doc = speech();
    const chars = Docs.charCount(doc);
    const clean = await timeIt(() => buildDocx(doc), 7);
    ctx.report({ suite: 'docx', name: `export 清稿 (${chars} chars, ${doc.blocks.length} blocks)`, value: Math.round(clean.median), unit: 'ms', target: '< 500 ms', ok: clean.median < 500 });
    const passages: ReviewPassage[] = [];
    doc.blocks.forEach((b, i) => {
      if (i % 3 === 0 && b.children[0].text.length > 40) passages.push({ blockIndex: i, start: 5, end: 35, sourceTitle: '2008年政府工作报告', similarity: 0.9 });
    });
    const review = await timeIt(() => buildDocx(doc, { mode: 'review', passages }), 5);
    ctx.report({ suite: 'docx', name: `export 审阅稿 (${passages.length} comments)`, value: Math.round(review.median), unit: 'ms', target: '< 500 ms', ok: review.median < 500 });
    const before = edited(doc);
    const rev = await timeIt(() => buildDocx(doc, { mode: 'revisions', against: before }), 5);
    ctx.report({ suite: 'docx', name: 'export 修订稿 (~5% paragraphs edited)', value: Math.round(rev.median), unit: 'ms', target: '< 500 ms', ok: rev.median < 500 });
    const bytes = (await buildDocx(doc)).bytes;
    const imp = await timeIt(() => importDocx(bytes), 5);
    ctx.report({ suite: 'docx', name: 'import .docx (same speech)', value: Math.round(imp.median), unit: 'ms', note: `${Math.round(bytes.length / 1024)} KB` });
  },
};
