import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createContext, type ServiceContext } from '../../src/services/context';
import type { SpeechDoc } from '../../src/core/model/types';
import { REPO_DIR } from '../helpers/shared';

const doc = (...paras: string[]): SpeechDoc => ({ blocks: paras.map((t) => ({ type: 'paragraph' as const, children: [{ text: t }] })) });
const A = '要把群众的呼声作为改进机关工作的第一信号，凡是职工群众拥护和欢迎的，要抓紧去做，这是一贯的要求。';
const B = '机关作风建设只有进行时没有完成时，要以钉钉子精神抓好整改落实，确保取得群众满意的实际效果。';

describe('the sources of 查重, wired in createContext', () => {
  let dir: string;
  let ctx: ServiceContext;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sd-sources-'));
    ctx = await createContext(dir);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await ctx.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('template example passages are sources without any handler having been built', async () => {
    const basic = JSON.parse(readFileSync(path.join(REPO_DIR, 'templates', 'basic.json'), 'utf8')) as { sections: { examples: { id: string; text: string }[] }[] };
    const ex = basic.sections.flatMap((s) => s.examples).find((e) => e.text.length > 40)!;
    const r = await ctx.library.reuse.check({ text: `同志们：${ex.text}` });
    expect(r.passages.map((p) => p.sourceId)).toContain(`template:basic#${ex.id}`);
    const shown = await ctx.library.reuse.source(`template:basic#${ex.id}`);
    expect(shown.kind).toBe('template');
    expect(shown.text).toBe(ex.text);
  });

  it("a draft's save reaches the catalogue through the store's event: nothing is read back, the list is new only when a source changed", async () => {
    const sources = ctx.library.reuse.sources;
    const a = await ctx.drafts.create({ name: '甲', doc: doc(A) });
    const first = await sources.indexed();
    expect(await sources.indexed()).toBe(first);
    await ctx.drafts.save(a.id, doc(A, B), a.revision);
    const get = vi.spyOn(ctx.drafts, 'get');
    const next = await sources.indexed();
    expect(next).not.toBe(first);
    expect(sources.text(`draft:${a.id}`)).toBe(`${A}\n${B}`);
    expect(get).not.toHaveBeenCalled();
    expect(next.find((s) => s.id === `draft:${a.id}`)!.hash).not.toBe(first.find((s) => s.id === `draft:${a.id}`)!.hash);
    // the library documents' entries are the same (only the saved draft's postings will change)
    const lib = (l: typeof first) => l.filter((s) => !s.id.startsWith('draft:')).map((s) => [s.id, s.hash]);
    expect(lib(next)).toEqual(lib(first));
  });
});
