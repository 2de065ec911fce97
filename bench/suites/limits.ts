// A document at the limits (LIMITS: 20 M characters, 200,000 paragraphs; SPEECHDRAFT_BENCH_SCALE < 1 for a
// smaller run): time to open it (.txt import into a draft), to check it against the limits and save it, and
// to export it as Word (清稿 and 念稿版) — target each < 10 s — and the process's peak memory.
// The .txt is UTF-16 with a BOM: 20 M Chinese characters are 40 MB there (60 MB in UTF-8, over the 50 MB a
// file to open may have), so the whole document at the limits opens.
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
      // The processor time of the step next to its wall time: on a machine shared with other work the wall
      // time says more about the machine than about the step.
      let cpu0 = process.cpuUsage();
      const cpuMs = () => {
        const c = process.cpuUsage(cpu0);
        return Math.round((c.user + c.system) / 1000);
      };
      const report = (name: string, ms: number, note?: string) =>
        ctx.report({ suite: 'limits', name, value: ms, unit: 'ms', target: '< 10000 ms', ok: ms < 10_000, note: `${note ?? ''}; CPU ${cpuMs()} ms` });
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const chars = `${(text.length / 1e6).toFixed(1)} M 字, ${paragraphs} 段, ${(bytes.length / 1048576).toFixed(0)} MB UTF-16`;
      let t0 = performance.now();
      cpu0 = process.cpuUsage();
      const draft = await s.handlers['drafts.importFile']({ name: '极限.txt', dataBase64: bytes.toString('base64') }).catch((e: Error) => e);
      report('open a .txt at the limits', performance.now() - t0, draft instanceof Error ? `refused: ${draft.message.slice(0, 80)}` : chars);
      if (draft instanceof Error) return;
      t0 = performance.now();
      cpu0 = process.cpuUsage();
      await s.handlers['drafts.save']({ id: draft.id, doc: draft.doc, baseRevision: draft.revision });
      report('check against the limits and save', performance.now() - t0, chars);
      for (const mode of ['clean', 'reading'] as const) {
        t0 = performance.now();
        cpu0 = process.cpuUsage();
        const ex = await s.handlers['export.docx']({ draftId: draft.id, mode }).catch((e: Error) => e);
        const ms = performance.now() - t0;
        report(`export .docx (${mode === 'clean' ? '清稿' : '念稿版'})`, ms, ex instanceof Error ? `failed: ${ex.message.slice(0, 80)}` : `${chars}, ${(ex.bytes / 1048576).toFixed(1)} MB .docx`);
      }
      ctx.report({ suite: 'limits', name: 'peak memory (maxRSS)', value: Math.round(process.resourceUsage().maxRSS / 1024), unit: 'MB', target: '< 2500 MB', ok: process.resourceUsage().maxRSS / 1024 < 2500 });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
