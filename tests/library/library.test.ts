import { afterAll, beforeAll, describe, expect, it, it as vit } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from '../../src/services/index';
import type { ImportStatus } from '../../src/contract/library';
import { libraryServicesOf } from '../../src/services/library/handlers';
import { readLibrarySource } from '../../src/services/library/sources';
import { GOV_REPORTS_FILE, MINI_REPORTS_FILE, hasShared, readCorpus, readMiniSeed, readSeed } from '../helpers/shared';
import { importDone } from '../helpers/waitFor';

const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

// 同志们：要加强学习。  in GBK, written by hand (no GBK encoder in Node)
const GBK_BYTES = Uint8Array.from([0xcd, 0xac, 0xd6, 0xbe, 0xc3, 0xc7, 0xa3, 0xba, 0xd2, 0xaa, 0xbc, 0xd3, 0xc7, 0xbf, 0xd1, 0xa7, 0xcf, 0xb0, 0xa1, 0xa3]);

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
}

describe('reading library files', () => {
  it('decodes GBK bytes', async () => {
    const r = await readLibrarySource('旧稿.txt', GBK_BYTES);
    expect(r.encoding).toBe('gb18030');
    expect(r.parts.map((p) => p.text)).toEqual(['同志们：要加强学习。']);
    expect(r.parts[0].title).toBe('同志们：要加强学习。');
  });

  it('decodes UTF-16 with BOM', async () => {
    const r = await readLibrarySource('u16.txt', utf16le('在全市大会上的讲话\n同志们：今天我们召开大会。'));
    expect(r.encoding).toBe('utf-16le (BOM)');
    expect(r.parts[0].title).toBe('在全市大会上的讲话');
    expect(r.parts[0].text).toBe('在全市大会上的讲话\n同志们：今天我们召开大会。');
  });

  it('reads .jsonl, reporting bad lines by number and skipping them', async () => {
    const lines = [
      JSON.stringify({ title: '甲', content: '第一篇正文，内容足够长。' }),
      '{"title": "乙", "content": ',
      '',
      JSON.stringify({ title: '丙' }),
      JSON.stringify({ title: '丁', content: '\u200b第四行的正文。' }),
    ];
    const r = await readLibrarySource('c.jsonl', new TextEncoder().encode(lines.join('\n')));
    expect(r.parts.map((p) => [p.title, p.line, p.text])).toEqual([
      ['甲', 1, '第一篇正文，内容足够长。'],
      ['丁', 5, '第四行的正文。'],
    ]);
    expect(r.problems.map((p) => p.line)).toEqual([2, 4]);
    expect(r.problems[0].message).toContain('第 2 行');
  });

  it('refuses a binary file with a clear error', async () => {
    await expect(readLibrarySource('x.txt', Uint8Array.from([1, 0, 2, 0, 3]))).rejects.toThrow('不是文本文件');
  });
});

// The same tests on the small committed bundle and reports (they run everywhere) and on ../shared.
const FIXTURE_SETS = [
  {
    name: 'synthetic bundle and reports',
    skip: false,
    seed: readMiniSeed,
    reports: MINI_REPORTS_FILE,
    titles: ['在全县机关作风建设大会上的讲话', '在机关干部大会上的讲话', '在机关干部大会上的讲话', '在机关干部大会上的讲话', '在全县机关干部大会上的讲话'],
    /** A part with the web-site watermark, and the kinds of its cleaning report. */
    cleaned: { part: 1, kinds: ['stray-space', 'page-number', 'line-join', 'heading-split', 'watermark', 'page-number'] },
    /** A passage of 第二篇 that 第四篇 (its truncated copy) also has. */
    shared: '在全县上下认真学习贯彻全会精神，加强机关能力建设的热潮中，我们今天召开机关干部大会，意义重大。',
    part5Copy: 300,
  },
  {
    name: 'seed and corpus',
    skip: !hasShared,
    seed: readSeed,
    reports: GOV_REPORTS_FILE,
    titles: ['在全市机关干部大会上的讲话', '在机关干部大会上的讲话', '在机关干部大会上的讲话', '在机关干部大会上的讲话', '在全市机关干部大会上的讲话'],
    cleaned: { part: 3, kinds: ['watermark'] },
    shared: '在全国人民认真学习贯彻党的十六届四中全会精神，加强执政能力建设的热潮中，我们今天召开机关干部大会，意义重大。',
    part5Copy: 3000,
  },
];

describe.each(FIXTURE_SETS)('the workspace library ($name)', (fx) => {
  let dir: string;
  let s: Services;
  let seedStatus: ImportStatus;
  const gov = fx.skip ? [] : readCorpus(fx.reports);
  const r2023 = gov.find((r) => String(r.year) === '2023')!;
  const it = fx.skip ? vit.skip : vit;

  beforeAll(async () => {
    if (fx.skip) return;
    dir = mkdtempSync(path.join(os.tmpdir(), 'sd-lib-'));
    s = await createServices(dir);
    const { jobId } = await s.handlers['library.import']({
      files: [
        { name: 'seed.txt', dataBase64: b64(fx.seed()) },
        { name: 'gbk.txt', dataBase64: b64(GBK_BYTES) },
        { name: 'reports.jsonl', dataBase64: b64(JSON.stringify(r2023) + '\n{oops\n') },
      ],
    });
    seedStatus = await importDone(s, jobId);
  });
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('imports the seed as five documents, the GBK file and the good jsonl line, keeping originals', async () => {
    expect(seedStatus.state).toBe('done');
    expect(seedStatus.imported.map((d) => d.originFile)).toEqual(['seed.txt', 'seed.txt', 'seed.txt', 'seed.txt', 'seed.txt', 'gbk.txt', 'reports.jsonl']);
    expect(seedStatus.problems).toEqual([expect.objectContaining({ file: 'reports.jsonl', line: 2 })]);
    expect(seedStatus.doneBytes).toBe(seedStatus.totalBytes);
    const { docs } = await s.handlers['library.list']({});
    expect(docs).toHaveLength(7);
    expect(existsSync(path.join(dir, 'library', 'originals'))).toBe(true);
    // each document file: title, cleaned text, origin, cleaning report, and its sketch for grouping
    const file = JSON.parse(readFileSync(path.join(dir, 'library', 'docs', `${docs[0].id}.json`), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(file)).toEqual(expect.arrayContaining(['title', 'text', 'originFile', 'originalStored', 'cleanings', 'sketch']));
    const seedDocs = docs.filter((d) => d.originFile === 'seed.txt').sort((a, b) => a.part! - b.part!);
    expect(seedDocs.map((d) => d.title)).toEqual(fx.titles);
    const cleaned = await s.handlers['library.get']({ id: seedDocs[fx.cleaned.part - 1].id });
    expect(cleaned.text).not.toContain('xiexiebang');
    expect(cleaned.cleaningReport.map((c) => c.kind)).toEqual(fx.cleaned.kinds);
  });

  it('groups 第四篇 with 第二篇 and tells the user; the group counts as one source', async () => {
    expect(seedStatus.duplicates).toHaveLength(1);
    const g = seedStatus.duplicates[0];
    const { docs } = await s.handlers['library.list']({});
    const p2 = docs.find((d) => d.part === 2)!;
    const p4 = docs.find((d) => d.part === 4)!;
    expect(g.members.map((m) => m.id).sort()).toEqual([p2.id, p4.id].sort());
    expect(g.representative).toBe(p2.id);
    expect(g.similarity).toBeGreaterThan(0.9);
    expect(p4.duplicateOf).toBe(p2.id);
    expect(seedStatus.message).toContain('近似重复');
    // a passage present in both is reported once, from the representative
    const r = await s.handlers['reuse.check']({ text: `同志们：\n${fx.shared}` });
    expect(r.passages.length).toBeGreaterThan(0);
    expect(new Set(r.passages.map((p) => p.sourceId))).toEqual(new Set([p2.id]));
  });

  it('importing the same file again stores nothing new', async () => {
    const { jobId } = await s.handlers['library.import']({ files: [{ name: 'gbk-copy.txt', dataBase64: b64(GBK_BYTES) }] });
    const st = await importDone(s, jobId);
    expect(st.imported).toEqual([expect.objectContaining({ alreadyPresent: true })]);
    expect((await s.handlers['library.list']({})).docs).toHaveLength(7);
  });

  it('a later import of a copy joins the existing document in a new group; earlier groups stay', async () => {
    const part5 = fx.seed().split('第五篇:')[1];
    const { jobId } = await s.handlers['library.import']({ files: [{ name: '第五篇节选.txt', dataBase64: b64(part5.slice(0, fx.part5Copy)) }] });
    const st = await importDone(s, jobId);
    const { docs, groups } = await s.handlers['library.list']({});
    const p5 = docs.find((d) => d.originFile === 'seed.txt' && d.part === 5)!;
    expect(st.duplicates).toHaveLength(1);
    expect(st.duplicates[0].representative).toBe(p5.id);
    expect(groups).toHaveLength(2);
    const copy = docs.find((d) => d.originFile === '第五篇节选.txt')!;
    expect(copy.duplicateOf).toBe(p5.id);
    await s.handlers['library.remove']({ ids: [copy.id] });
    expect((await s.handlers['library.list']({})).groups).toHaveLength(1);
  });

  it('flags a passage of the 2024 report pasted with edits, against the 2023 report, with exact offsets', async () => {
    // From the 2024 report (2023 has 诚挚感谢); the writer also changed 全国 → 全省 and 表示 → 致以.
    const pasted = '我代表国务院，向全省各族人民，向各民主党派、各人民团体和各界人士，致以衷心感谢！向香港特别行政区同胞、澳门特别行政区同胞、台湾同胞和海外侨胞，表示衷心感谢！';
    const text = `在全省经济工作会议上的讲话\n同志们：\n今年的工作很多，我先讲几句。\n${pasted}\n下面讲三点意见。`;
    const r = await s.handlers['reuse.check']({ text });
    const hit = r.passages.find((p) => p.sourceTitle === r2023.title);
    expect(hit).toBeDefined();
    expect(hit!.kind).toBe('reuse');
    const flagged = text.slice(hit!.start, hit!.end);
    expect(flagged).toContain('向各民主党派、各人民团体和各界人士');
    expect(pasted).toContain(flagged.replace(/\n/g, ''));
    const src = await s.handlers['reuse.source']({ sourceId: hit!.sourceId });
    expect(src.text.slice(hit!.sourceStart, hit!.sourceEnd)).toContain('表示诚挚感谢！向香港特别行政区同胞');
    // the diff shows the writer's edits
    const inserted = hit!.parts.filter((p) => p.op === 'insert').map((p) => p.text).join('');
    const deleted = hit!.parts.filter((p) => p.op === 'delete').map((p) => p.text).join('');
    expect(inserted).toContain('衷心');
    expect(deleted).toContain('诚挚');
    expect(r.ratio).toBeGreaterThan(0.3);
  });

  it('drafts are sources, except the current one; 忽略 and 标为引用 persist per draft', async () => {
    const para = '要把群众的呼声作为改进机关工作的第一信号，凡是职工群众拥护和欢迎的，要抓紧去做，这是我们一贯的要求。';
    const mk = (name: string, text: string) =>
      s.handlers['drafts.create']({ name, doc: { blocks: [{ type: 'title', children: [{ text: name }] }, { type: 'paragraph', children: [{ text }] }] } });
    const a = await mk('甲稿', `一段新写的开头。${para}`);
    const b = await mk('乙稿', `另一段开头，完全不同。${para}`);
    const r = await s.handlers['reuse.check']({ draftId: b.id });
    expect(r.checkedText).toContain(para);
    const fromA = r.passages.filter((p) => p.sourceId === `draft:${a.id}`);
    expect(fromA.length).toBe(1);
    expect(r.passages.some((p) => p.sourceId === `draft:${b.id}`)).toBe(false);
    const flagged = r.checkedText!.slice(fromA[0].start, fromA[0].end);

    await s.handlers['reuse.setPassageState']({ draftId: b.id, text: flagged, sourceId: fromA[0].sourceId, state: 'quoted' });
    const q = await s.handlers['reuse.check']({ draftId: b.id });
    expect(q.ratioExcludingQuotes).toBeLessThan(q.ratio);
    expect(q.states).toHaveLength(1);
    const draftOnDisk = await s.handlers['drafts.get']({ id: b.id });
    expect(JSON.stringify(draftOnDisk.doc)).not.toContain('quoted');

    await s.handlers['reuse.setPassageState']({ draftId: b.id, text: flagged, sourceId: fromA[0].sourceId, state: 'ignored' });
    const ig = await s.handlers['reuse.check']({ draftId: b.id });
    expect(ig.passages.filter((p) => p.sourceId === `draft:${a.id}`)).toHaveLength(0);
    // a fresh service over the same workspace still knows (persisted), and loads the cached index
    const s2 = await createServices(dir);
    expect((await s2.handlers['reuse.states']({ draftId: b.id })).states.map((x) => x.state)).toEqual(['ignored']);
    await libraryServicesOf(s.ctx).reuse.flush();
    expect(existsSync(path.join(dir, '.cache', 'reuse', 'index.sdpx'))).toBe(true);
  });

  it('removes documents and updates groups', async () => {
    const { docs } = await s.handlers['library.list']({});
    const p4 = docs.find((d) => d.part === 4)!;
    expect((await s.handlers['library.remove']({ ids: [p4.id] })).removed).toEqual([p4.id]);
    const after = await s.handlers['library.list']({});
    expect(after.docs.some((d) => d.id === p4.id)).toBe(false);
    expect(after.groups).toEqual([]);
    await expect(s.handlers['library.get']({ id: p4.id })).rejects.toThrow('素材库中没有');
  });

  it('sees documents another process added to the same workspace (e.g. the CLI)', async () => {
    const other = await createServices(dir);
    const { jobId } = await other.handlers['library.import']({ files: [{ name: 'other.txt', dataBase64: b64('另一个进程导入的讲话\n同志们：这是另一个进程导入的文档，内容足够长，可以检查。') }] });
    expect((await importDone(other, jobId)).state).toBe('done');
    const { docs } = await s.handlers['library.list']({});
    expect(docs.some((d) => d.originFile === 'other.txt')).toBe(true);
    const r = await s.handlers['reuse.check']({ text: '开头。这是另一个进程导入的文档，内容足够长，可以检查。' });
    expect(r.passages.map((p) => p.sourceTitle)).toEqual(['另一个进程导入的讲话']);
  });
});

describe('cancelling an import', () => {
  it('stops between files: the file being read when 取消 comes is the last one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sd-libcancel-'));
    try {
      const s = await createServices(dir);
      // The third file's read waits until the cancel has been asked for: no timing involved.
      let reachedThird!: () => void;
      const third = new Promise<void>((r) => (reachedThird = r));
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      const files = Array.from({ length: 40 }, (_, i) => {
        const text = `第${i}号讲话\n同志们：这是第${i}号讲话的正文，内容足够长，可以导入素材库，也可以检查。`;
        return {
          name: `r${i}.txt`,
          size: Buffer.byteLength(text),
          read: async () => {
            if (i === 2) {
              reachedThird();
              await released;
            }
            return Buffer.from(text);
          },
        };
      });
      const jobId = (await s.ctx.libraries.current()).startImport(files);
      await third;
      expect((await s.handlers['library.importStatus']({ jobId })).state).toBe('running');
      await s.handlers['library.cancelImport']({ jobId });
      release();
      const st = await importDone(s, jobId);
      expect(st.state).toBe('cancelled');
      expect(st.doneFiles).toBeGreaterThanOrEqual(2);
      expect(st.doneFiles).toBeLessThanOrEqual(3);
      expect(st.message).toContain('已取消');
      expect((await s.handlers['library.list']({})).docs.length).toBeLessThanOrEqual(3);
      await libraryServicesOf(s.ctx).reuse.flush();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!existsSync('/usr/bin/iconv'))('a real GBK file made with iconv', () => {
  it.for([
    { name: 'the synthetic bundle', read: readMiniSeed, kept: '广大机关干部的智慧', skip: false },
    { name: 'the seed', read: readSeed, kept: '全市机关干部围绕中心', skip: !hasShared },
  ])('is decoded and cleaned like the UTF-8 original ($name)', async ({ read, kept, skip }, ctx) => {
    if (skip) return ctx.skip();
    const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: read().split('第三篇')[0] });
    const r = await readLibrarySource('seed-gbk.txt', gbk);
    expect(r.encoding).toBe('gb18030');
    expect(r.parts.map((p) => p.part)).toEqual([1, 2]);
    expect(r.parts[0].text).toContain(kept); // the page number inside the word removed
  });
});

describe('passage marks (忽略 / 标为引用) on disk', () => {
  let ws: string;
  let s: Services;
  beforeAll(async () => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'speechdraft-marks-'));
    s = await createServices(ws);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('two marks made at once both persist', async () => {
    const d = await s.handlers['drafts.create']({ name: '甲稿' });
    await Promise.all(
      ['第一处重复的段落文字', '第二处重复的段落文字', '第三处重复的段落文字'].map((text) =>
        s.handlers['reuse.setPassageState']({ draftId: d.id, text, sourceId: 'L1', state: 'ignored' }),
      ),
    );
    expect((await s.handlers['reuse.states']({ draftId: d.id })).states.map((x) => x.text).sort()).toEqual(['第一处重复的段落文字', '第三处重复的段落文字', '第二处重复的段落文字']);
  });

  it('a damaged marks file is kept aside, not overwritten, when a new mark is saved', async () => {
    const d = await s.handlers['drafts.create']({ name: '乙稿' });
    const file = path.join(ws, 'reuse', `${d.id}.json`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"states": [ {"text": "手工编辑坏了');
    expect((await s.handlers['reuse.states']({ draftId: d.id })).states).toEqual([]);
    await s.handlers['reuse.setPassageState']({ draftId: d.id, text: '新标记的段落', sourceId: 'L1', state: 'quoted' });
    const aside = readdirSync(path.dirname(file)).filter((n) => n.startsWith(`${d.id}.json.damaged-`));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(path.dirname(file), aside[0]), 'utf8')).toBe('{"states": [ {"text": "手工编辑坏了');
    expect((await s.handlers['reuse.states']({ draftId: d.id })).states.map((x) => x.text)).toEqual(['新标记的段落']);
  });
});
