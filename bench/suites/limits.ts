// A document at the limits (LIMITS: 20 M characters, 200,000 paragraphs; SPEECHDRAFT_BENCH_SCALE < 1 for a
// smaller run): time to open it (.txt import into a draft), to check it against the limits and save it, and
// to export it as Word — target each < 10 s — and the process's peak memory.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LIMITS } from '../../src/contract/limits';
import { createServices } from '../../src/services/index';
import type { BenchSuite } from '../harness';

const SCALE = Number(process.env.SPEECHDRAFT_BENCH_SCALE ?? 1);

export const limitsSuite: BenchSuite = {
  name: 'limits',
  async run(ctx) {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'sd-bench-limits-'));
    try {
      const s = await createServices(path.join(tmp, 'ws'));
      const paragraphs = Math.floor((LIMITS.maxBlocks - 10) * SCALE);
      const per = Math.floor((LIMITS.maxDocChars * SCALE) / Math.max(1, paragraphs)) - 1;
      const line = '统筹推进经济社会发展各项工作，取得显著成绩。'.repeat(Math.ceil(per / 22)).slice(0, per - 1) + '。';
      const text = ['关于做好今年工作的讲话', '同志们：', ...Array.from({ length: paragraphs }, () => line)].join('\n');
      const report = (name: string, ms: number, note?: string) =>
        ctx.report({ suite: 'limits', name, value: ms, unit: 'ms', target: '< 10000 ms', ok: ms < 10_000, note });
      const chars = `${(text.length / 1e6).toFixed(1)} M 字, ${paragraphs} 段`;
      let t0 = performance.now();
      const draft = await s.handlers['drafts.importFile']({ name: '极限.txt', dataBase64: Buffer.from(text).toString('base64') }).catch((e: Error) => e);
      report('open a .txt at the limits', performance.now() - t0, draft instanceof Error ? `refused: ${draft.message.slice(0, 80)}` : chars);
      if (draft instanceof Error) return;
      t0 = performance.now();
      await s.handlers['drafts.save']({ id: draft.id, doc: draft.doc, baseRevision: draft.revision });
      report('check against the limits and save', performance.now() - t0, chars);
      t0 = performance.now();
      const ex = await s.handlers['export.docx']({ draftId: draft.id, mode: 'clean' }).catch((e: Error) => e);
      report('export .docx', performance.now() - t0, ex instanceof Error ? `failed: ${ex.message.slice(0, 80)}` : chars);
      ctx.report({ suite: 'limits', name: 'peak memory (maxRSS)', value: Math.round(process.resourceUsage().maxRSS / 1024), unit: 'MB', target: '< 2500 MB', ok: process.resourceUsage().maxRSS / 1024 < 2500 });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
