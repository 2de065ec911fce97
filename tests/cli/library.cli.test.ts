import { afterAll, beforeAll, describe, expect, it, it as vit } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { GOV_REPORTS_FILE, MINI_REPORTS_FILE, REPO_DIR, hasShared, readCorpus, readMiniSeed, readSeed } from '../helpers/shared';

const run = promisify(execFile);

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), env: process.env });
  return { code, out, err };
}

interface CheckJson {
  draft: { chars: number };
  ratio: number;
  ratioExcludingQuotes: number;
  maxSourceRatio: number;
  sources: { id: string; title: string; ratio: number }[];
  passages: { start: number; end: number; sourceId: string; sourceTitle: string; sourceStart: number; sourceEnd: number; similarity: number; kind: string; risk: string }[];
}

// The small committed bundle and reports (run everywhere), then the seed and corpus of ../shared.
const FIXTURE_SETS = [
  {
    name: 'synthetic bundle and reports',
    skip: false,
    seed: readMiniSeed,
    reports: MINI_REPORTS_FILE,
    /** A passage of 第一篇 across a page number inside a word, and how its source slice starts. */
    acrossPage: { text: '全县生产总值增长12.6%,财政总收入增长15.3%,城乡居民收入稳步提高。这些成绩的取得,凝聚着广大机关干部的智慧和汗水。', raw: '广大机 2 关干部的智慧', starts: '全县生产总值增长' },
    /** 16 or more identical characters with the 2023 report only. */
    run2023: '载人航天、深海探测等领域取得重大突破',
    /** In 第二篇 and in its truncated copy 第四篇. */
    inBoth: '希望机关各部门以加强能力建设为重点，团结协作，脚踏实地，开拓创新，努力开创各项工作的新局面。',
    copyChars: 500,
    cleaned: { index: 0, kinds: ['stray-space', 'page-number', 'line-join', 'heading-split', 'watermark', 'page-number'], pages: 2 },
    title: '在全县机关作风建设大会上的讲话',
  },
  {
    name: 'seed and corpus',
    skip: !hasShared,
    seed: readSeed,
    reports: GOV_REPORTS_FILE,
    // seed line 12: "…一年来,全市机 2 关干部围绕中心,开拓创新,务实奋进…" — the draft has it without the page number
    acrossPage: {
      text: '这些成绩的取得,是全市上下同心同德、团结奋斗的结果,凝聚着广大机关干部的智慧和汗水。一年来,全市机关干部围绕中心,开拓创新,务实奋进,为推进衢州经济社会又好又快发展付出了艰辛努力',
      raw: '全市机 2 关干部围绕中心',
      starts: '这些成绩的取得',
    },
    run2023: '实施新一轮千亿斤粮食产能提升行动',
    inBoth: '希望机关各部门以加强党的执政能力建设为重点，团结协作，脚踏实地，开拓创新，努力开创各项工作的新局面。',
    copyChars: 1500,
    cleaned: { index: 2, kinds: ['watermark'], pages: 18 },
    title: '在全市机关干部大会上的讲话',
  },
];

describe.each(FIXTURE_SETS)('speechdraft check / dedup / import ($name)', (fx) => {
  let tmp: string;
  let lib: string;
  const gov = fx.skip ? [] : readCorpus(fx.reports);
  const r2023 = gov.find((r) => String(r.year) === '2023')!;
  const seed = fx.skip ? '' : fx.seed();
  const it = fx.skip ? vit.skip : vit;

  const runCache = process.env.SPEECHDRAFT_CACHE_DIR;
  beforeAll(() => {
    if (fx.skip) return;
    tmp = mkdtempSync(path.join(os.tmpdir(), 'sd-cli-'));
    process.env.SPEECHDRAFT_CACHE_DIR = path.join(tmp, 'cache');
    lib = path.join(tmp, 'lib');
    mkdirSync(path.join(lib, 'sub'), { recursive: true });
    writeFileSync(path.join(lib, 'seed.txt'), seed);
    writeFileSync(path.join(lib, 'sub', 'reports.jsonl'), JSON.stringify(r2023) + '\n' + '{"title": broken\n');
    writeFileSync(path.join(lib, 'damaged.docx'), 'this is not a zip file');
    writeFileSync(path.join(lib, 'binary.txt'), Buffer.from([0x50, 0x4b, 0, 0, 1, 2]));
  });
  afterAll(() => {
    if (fx.skip) return;
    if (runCache === undefined) delete process.env.SPEECHDRAFT_CACHE_DIR;
    else process.env.SPEECHDRAFT_CACHE_DIR = runCache;
    rmSync(tmp, { recursive: true, force: true });
  });

  it('check: finds an edited passage of the 2024 report in the 2023 report, offsets into both texts', async () => {
    const pasted = '我代表国务院，向全国各族人民，向各民主党派、各人民团体和各界人士，表示衷心感谢！向香港特别行政区同胞、澳门特别行政区同胞、台湾同胞和海外侨胞，表示衷心感谢！';
    const draft = `\ufeff在全市总结大会上的讲话\r\n同志们：\r\n今天开个短会。${pasted}\r\n谢谢大家。`;
    const file = path.join(tmp, 'draft.txt');
    writeFileSync(file, draft);
    const text = draft.slice(1); // offsets are into the decoded text without BOM
    const r = await cli(['check', file, '--library', lib, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as CheckJson;
    expect(Object.keys(j)).toEqual(['draft', 'ratio', 'ratioExcludingQuotes', 'maxSourceRatio', 'sources', 'passages']);
    const p = j.passages.find((x) => x.sourceTitle === r2023.title)!;
    expect(p).toBeDefined();
    expect(Object.keys(p)).toEqual(['start', 'end', 'sourceId', 'sourceTitle', 'sourceStart', 'sourceEnd', 'similarity', 'kind', 'risk']);
    expect(p.risk).toBe('normal');
    expect(p.kind).toBe('reuse');
    expect(p.sourceId).toBe('sub/reports.jsonl#L1');
    const flagged = text.slice(p.start, p.end);
    expect(pasted).toContain(flagged);
    expect(flagged.length).toBeGreaterThan(50);
    expect(r2023.content.slice(p.sourceStart, p.sourceEnd)).toContain('各民主党派、各人民团体和各界人士，表示诚挚感谢！');
    expect(p.similarity).toBeGreaterThan(0.85);
    expect(p.similarity).toBeLessThan(1);
    expect(j.sources[0]).toEqual({ id: 'sub/reports.jsonl#L1', title: r2023.title, ratio: expect.any(Number) });
    expect(j.ratio).toBeGreaterThan(0.5);
    expect(j.draft.chars).toBeGreaterThan(60);
    // damaged files are named on stderr, bad jsonl line by number; the check still ran
    expect(r.err).toContain('damaged.docx');
    expect(r.err).toContain('binary.txt');
    expect(r.err).toContain('reports.jsonl:2');
  });

  it('check: source offsets into a .txt refer to the raw text before cleaning (page numbers inside)', async () => {
    const passage = fx.acrossPage.text;
    const file = path.join(tmp, 'draft2.txt');
    writeFileSync(file, `开头一句话。\n${passage}\n结尾。`);
    const j = JSON.parse((await cli(['check', file, '--library', lib, '--json'])).out) as CheckJson;
    const p = j.passages.find((x) => x.sourceId === 'seed.txt#1')!;
    expect(p).toBeDefined();
    const rawSlice = seed.slice(p.sourceStart, p.sourceEnd);
    expect(rawSlice).toContain(fx.acrossPage.raw);
    expect(rawSlice.startsWith(fx.acrossPage.starts)).toBe(true);
  });

  it('check: a changed library file invalidates its part of the cache', async () => {
    const file = path.join(tmp, 'draft3.txt');
    const novel = '我们要坚定不移推进数字乡村建设行动计划，让每一个行政村都接入千兆光纤网络，这是今年的新任务。';
    writeFileSync(file, `同志们：\n${novel}`);
    const before = JSON.parse((await cli(['check', file, '--library', lib, '--json'])).out) as CheckJson;
    expect(before.passages).toHaveLength(0);
    writeFileSync(path.join(lib, 'new.txt'), `新的讲话\n${novel.replace('坚定不移', '毫不动摇')}`);
    const after = JSON.parse((await cli(['check', file, '--library', lib, '--json'])).out) as CheckJson;
    expect(after.passages.map((p) => p.sourceId)).toEqual(['new.txt']);
    appendFileSync(path.join(lib, 'new.txt'), '\n补充一句。');
    writeFileSync(path.join(lib, 'new.txt'), '完全不同的内容，没有任何重复的句子在这里出现。');
    const again = JSON.parse((await cli(['check', file, '--library', lib, '--json'])).out) as CheckJson;
    expect(again.passages).toHaveLength(0);
    rmSync(path.join(lib, 'new.txt'));
  });

  it('check --min-chars: a higher threshold drops passages whose longest identical run is shorter', async () => {
    const file = path.join(tmp, 'draft4.txt');
    // 16 or more identical characters with the 2023 report, then unrelated text
    expect(r2023.content).toContain(fx.run2023);
    writeFileSync(file, `今年我们要${fx.run2023}，这一点大家都清楚。然后讲一些别的内容，完全是新写的句子。`);
    const base = JSON.parse((await cli(['check', file, '--library', lib, '--json'])).out) as CheckJson;
    const strict = JSON.parse((await cli(['check', file, '--library', lib, '--json', '--min-chars', '40'])).out) as CheckJson;
    expect(base.passages.length).toBeGreaterThan(0);
    expect(strict.passages).toHaveLength(0);
  });

  it('check: a passage in both 第二篇 and its truncated copy 第四篇 is reported once, from 第二篇', async () => {
    const file = path.join(tmp, 'draft5.txt');
    writeFileSync(file, `同志们：\n${fx.inBoth}`);
    const j = JSON.parse((await cli(['check', file, '--library', lib, '--json'])).out) as CheckJson;
    expect(j.passages.map((p) => p.sourceId)).toEqual(['seed.txt#2']);
    expect(j.sources.map((s) => s.id)).toEqual(['seed.txt#2']);
  });

  it('check: when a truncated copy would be the match, the group reports its longest member', async () => {
    const grp = path.join(tmp, 'grp');
    mkdirSync(grp);
    const part2 = seed.split('第二篇:')[1].split('第三篇:')[0];
    writeFileSync(path.join(grp, 'a-copy.txt'), part2.slice(0, fx.copyChars));
    writeFileSync(path.join(grp, 'b-original.txt'), part2);
    const file = path.join(tmp, 'draft6.txt');
    writeFileSync(file, `同志们：\n${fx.inBoth}`);
    const j = JSON.parse((await cli(['check', file, '--library', grp, '--json'])).out) as CheckJson;
    expect(j.passages.map((p) => p.sourceId)).toEqual(['b-original.txt']);
    const d = JSON.parse((await cli(['dedup', grp, '--json'])).out) as { groups: { representative: string; documents: { id: string }[] }[] };
    expect(d.groups).toEqual([expect.objectContaining({ representative: 'b-original.txt' })]);
  });

  it('check: a FILE inside the library folder is not its own source', async () => {
    const j = JSON.parse((await cli(['check', path.join(lib, 'seed.txt'), '--library', lib, '--json'])).out) as CheckJson;
    expect(j.passages.every((p) => !p.sourceId.startsWith('seed.txt'))).toBe(true);
  });

  it('check: clear errors for a missing file or library', async () => {
    const r = await cli(['check', path.join(tmp, 'nope.txt'), '--library', lib]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('无法读取文件');
    const r2 = await cli(['check', path.join(tmp, 'draft.txt'), '--library', path.join(tmp, 'nolib')]);
    expect(r2.code).toBe(1);
    expect(r2.err).toContain('找不到素材库文件夹');
    const r3 = await cli(['check', path.join(tmp, 'draft.txt')]);
    expect(r3.err).toContain('--library');
  });

  it('dedup: groups 第四篇 with 第二篇', async () => {
    const r = await cli(['dedup', lib, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { documents: number; groups: { similarity: number; representative: string; documents: { id: string }[] }[] };
    expect(j.documents).toBe(6);
    expect(j.groups).toHaveLength(1);
    expect(j.groups[0].documents.map((d) => d.id)).toEqual(['seed.txt#2', 'seed.txt#4']);
    expect(j.groups[0].representative).toBe('seed.txt#2');
    expect(j.groups[0].similarity).toBeGreaterThan(0.9);
    const text = await cli(['dedup', lib]);
    expect(text.out).toContain('1 组近似重复');
  });

  it('import: prints the cleaned documents and the cleanings', async () => {
    const r = await cli(['import', path.join(lib, 'seed.txt'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { documents: { title: string; part: number; text: string; cleanings: { kind: string; original: string }[] }[] };
    expect(j.documents.map((d) => d.part)).toEqual([1, 2, 3, 4, 5]);
    expect(j.documents[fx.cleaned.index].cleanings.map((c) => c.kind)).toEqual(fx.cleaned.kinds);
    expect(j.documents[0].cleanings.filter((c) => c.kind === 'page-number')).toHaveLength(fx.cleaned.pages);
    const t = await cli(['import', path.join(lib, 'seed.txt')]);
    expect(t.out).toContain('删除文中水印');
    expect(t.out).toContain('删除文中页码');
  });

  it('import --workspace: adds to the workspace library, with a progress line on stderr', async () => {
    const ws = path.join(tmp, 'ws');
    const r = await cli(['import', lib, '--workspace', ws, '--json']);
    expect(r.code).toBe(0);
    const st = JSON.parse(r.out) as { state: string; imported: { originFile: string }[]; duplicates: unknown[] };
    expect(st.state).toBe('done');
    expect(st.imported.filter((d) => d.originFile === 'seed.txt')).toHaveLength(5);
    expect(st.duplicates).toHaveLength(1);
    expect(r.err).toMatch(/导入 importing \d+\/4 文件/);
    expect(r.err).toContain('damaged.docx');
  });

  it('runs as a real process (check, dedup, import)', async () => {
    const env = { ...process.env, SPEECHDRAFT_CACHE_DIR: path.join(tmp, 'cache2') };
    const bin = path.join(REPO_DIR, 'bin/speechdraft.mjs');
    const c = await run('node', [bin, 'check', path.join(tmp, 'draft.txt'), '--library', lib, '--json'], { env });
    const j = JSON.parse(c.stdout) as CheckJson;
    expect(j.passages.some((p) => p.sourceId === 'sub/reports.jsonl#L1')).toBe(true);
    expect(c.stderr).toContain('damaged.docx');
    const d = await run('node', [bin, 'dedup', lib], { env });
    expect(d.stdout).toContain('seed.txt#4');
    const i = await run('node', [bin, 'import', path.join(lib, 'seed.txt')], { env });
    expect(i.stdout).toContain(fx.title);
    expect(readFileSync(path.join(lib, 'seed.txt'), 'utf8')).toBe(seed);
  });
});

describe('speechdraft check with a .docx in the library and a draft .json as FILE', () => {
  it('reports offsets into the draft plain text and into the .docx text', async () => {
    const { Document, Packer, Paragraph } = await import('docx');
    const { readDocument } = await import('../../src/services/import/readDocument');
    const { createServices } = await import('../../src/services/index');
    const { docToText } = await import('../../src/core/model/text');
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'sd-cli-docx-'));
    const runCache = process.env.SPEECHDRAFT_CACHE_DIR;
    process.env.SPEECHDRAFT_CACHE_DIR = path.join(tmp, 'cache');
    try {
      const lib = path.join(tmp, 'lib');
      mkdirSync(lib);
      const src = '我们要把群众满意作为衡量机关作风建设成效的根本标准，坚持问需于民、问计于民，切实解决群众反映强烈的突出问题。';
      const doc = new Document({ sections: [{ children: [new Paragraph('在机关作风建设大会上的讲话'), new Paragraph('同志们：'), new Paragraph(src)] }] });
      const bytes = await Packer.toBuffer(doc);
      writeFileSync(path.join(lib, 'speech.docx'), bytes);
      const docxText = (await readDocument('speech.docx', bytes)).text;

      const ws = path.join(tmp, 'ws');
      const s = await createServices(ws);
      const para = '今年，我们要把群众满意作为衡量机关作风建设成效的根本标准，坚持问需于民、问政于民，切实解决群众反映强烈的问题。';
      const d = await s.handlers['drafts.create']({ name: '稿', doc: { blocks: [{ type: 'title', children: [{ text: '稿' }] }, { type: 'paragraph', children: [{ text: para }] }] } });
      const draftText = docToText(d.doc).text;

      const r = await cli(['check', path.join(ws, 'drafts', `${d.id}.json`), '--library', lib, '--json']);
      expect(r.err).toBe('');
      const j = JSON.parse(r.out) as CheckJson;
      expect(j.passages).toHaveLength(1);
      const p = j.passages[0];
      expect(p.sourceId).toBe('speech.docx');
      expect(p.sourceTitle).toBe('在机关作风建设大会上的讲话');
      expect(draftText.slice(p.start, p.end)).toContain('把群众满意作为衡量机关作风建设成效的根本标准');
      expect(docxText.slice(p.sourceStart, p.sourceEnd)).toContain('把群众满意作为衡量机关作风建设成效的根本标准');
      expect(src).toContain(docxText.slice(p.sourceStart, p.sourceEnd));
    } finally {
      if (runCache === undefined) delete process.env.SPEECHDRAFT_CACHE_DIR;
    else process.env.SPEECHDRAFT_CACHE_DIR = runCache;
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
