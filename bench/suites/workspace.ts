// Workspace file speed: saving a 50,000-character draft atomically (temp file, fsync, rename, fsync folder),
// opening it, listing a workspace of 200 drafts, and starting the services (incl. temp-file cleanup).
// Uses the seed speeches when ../shared is there, else generated text of the same size.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Docs } from '../../src/core/model/block';
import { textToDoc } from '../../src/core/text/toDoc';
import type { SpeechDoc } from '../../src/core/model/types';
import { createServices } from '../../src/services/index';
import { hasShared, readSeed } from '../../tests/helpers/shared';
import { percentile, timeIt, type BenchSuite } from '../harness';

function bigDoc(chars: number): SpeechDoc {
  let text = '';
  const seed = hasShared ? readSeed() : '';
  for (let i = 0; text.length < chars; i++) {
    text += seed || `${i % 9 === 0 ? '一、关于第' + i + '方面的工作\n' : ''}第${i}段：坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，扎实推进高质量发展，推动经济实现质的有效提升和量的合理增长。\n`;
  }
  // 字数 counts no whitespace: take a little more text so the draft has at least `chars` counted characters.
  return textToDoc(text.slice(0, Math.ceil(chars * 1.02)));
}

export const workspaceSuite: BenchSuite = {
  name: 'workspace',
  async run(ctx) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'speechdraft-bench-ws-'));
    try {
      const s = await createServices(dir);
      const doc = bigDoc(50_000);
      const d = await s.handlers['drafts.create']({ name: '五万字', doc });
      const bytes = (await fs.stat(s.ctx.drafts.fileOf(d.id))).size;
      const saves: number[] = [];
      let rev = d.revision;
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        rev = (await s.handlers['drafts.save']({ id: d.id, doc, baseRevision: rev })).revision;
        saves.push(performance.now() - t0);
      }
      const p95 = percentile(saves, 95);
      ctx.report({
        suite: 'workspace',
        name: `save a ${Docs.charCount(doc).toLocaleString('en')}-char draft atomically (p95 of 30)`,
        value: p95,
        unit: 'ms',
        target: '< 100 ms',
        ok: p95 < 100,
        note: `median ${percentile(saves, 50).toFixed(1)} ms, file ${(bytes / 1024).toFixed(0)} KB, ${hasShared ? 'seed speeches' : 'generated text'}`,
      });
      const open = await timeIt(() => s.handlers['drafts.get']({ id: d.id }), 9);
      ctx.report({ suite: 'workspace', name: 'open (read + validate) that draft, median of 9', value: open.median, unit: 'ms', target: '< 200 ms', ok: open.median < 200 });

      const small = bigDoc(3_000);
      for (let i = 0; i < 199; i++) await s.ctx.drafts.create({ name: `稿${i}`, doc: small });
      const list = await timeIt(() => s.handlers['drafts.list']({}), 5);
      ctx.report({ suite: 'workspace', name: 'list 200 drafts (parse + validate each), median of 5', value: list.median, unit: 'ms', target: '< 1000 ms', ok: list.median < 1000 });

      for (let i = 0; i < 20; i++) await fs.writeFile(path.join(s.ctx.layout.draftsDir, `.x${i}.json.999999.0000000${i % 10}.tmp`), 'x');
      const start = await timeIt(() => createServices(dir), 5);
      ctx.report({ suite: 'workspace', name: 'start services on that workspace (incl. temp-file cleanup), median of 5', value: start.median, unit: 'ms', target: '< 300 ms', ok: start.median < 300 });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
};
