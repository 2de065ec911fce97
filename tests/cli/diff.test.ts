import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { main } from '../../src/cli/main';
import { REPO_DIR } from '../helpers/shared';

const run = promisify(execFile);

let dir: string;
let ws: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...argv, '--workspace', ws], { stdout: (s) => (out += s), stderr: (s) => (err += s), env: {} });
  return { code, out, err };
}

const A = [
  '在全市工作会议上的讲话',
  '同志们：',
  '今年是全面贯彻落实党的二十大精神的开局之年。',
  '全市生产总值增长13%，高于全省平均水平2.9个百分点。',
  '各级领导干部要带头转变作风，深入基层、深入群众。',
  '我们要坚定信心、真抓实干，奋力谱写高质量发展新篇章。',
];
const B = [
  '在全市工作会议上的讲话',
  '同志们：',
  '全市生产总值增长15%，高于全省平均水平2.9个百分点。',
  '各级领导干部要带头转变作风，深入基层、深入群众。',
  '今年是全面贯彻落实党的二十大精神的开局之年。',
  '我们要坚定信心、真抓实干，奋力谱写高质量发展新篇章。',
];

interface DiffJson {
  stats: Record<string, number>;
  paragraphs: Array<{ op: string; a: [number, number] | null; b: [number, number] | null; parts: Array<{ op: string; text: string }> }>;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sd-diff-'));
  ws = path.join(dir, 'ws');
  await fs.writeFile(path.join(dir, 'a.txt'), A.join('\r\n') + '\r\n');
  await fs.writeFile(path.join(dir, 'b.txt'), '\ufeff' + B.join('\n'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('speechdraft diff', () => {
  it('--json: stats, a moved paragraph, an exact character diff, offsets into each text', async () => {
    const r = await cli('diff', path.join(dir, 'a.txt'), path.join(dir, 'b.txt'), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as DiffJson;
    expect(Object.keys(j.stats)).toEqual(expect.arrayContaining(['inserted', 'deleted', 'unchanged', 'movedParagraphs']));
    expect(j.stats).toMatchObject({ inserted: 1, deleted: 1, movedParagraphs: 1, modifiedParagraphs: 1, insertedParagraphs: 0, deletedParagraphs: 0 });
    const mv = j.paragraphs.find((p) => p.op === 'move')!;
    const aText = A.join('\r\n') + '\r\n';
    const bText = B.join('\n'); // the BOM is not part of the text
    expect(aText.slice(mv.a![0], mv.a![1])).toBe(A[2]);
    expect(bText.slice(mv.b![0], mv.b![1])).toBe(A[2]);
    const mod = j.paragraphs.find((p) => p.op === 'modify')!;
    expect(mod.parts).toEqual([
      { op: 'equal', text: '全市生产总值增长1' },
      { op: 'delete', text: '3' },
      { op: 'insert', text: '5' },
      { op: 'equal', text: '%，高于全省平均水平2.9个百分点。' },
    ]);
    expect(aText.slice(mod.a![0], mod.a![1])).toBe(A[3]);
    expect(bText.slice(mod.b![0], mod.b![1])).toBe(B[2]);
  });

  it('readable output: markers without colour when not a terminal, colour with --color', async () => {
    const r = await cli('diff', path.join(dir, 'a.txt'), path.join(dir, 'b.txt'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('新增 1 字（0 段）');
    expect(r.out).toContain('移动 1 段');
    expect(r.out).toContain('全市生产总值增长1[-3-]{+5+}%');
    expect(r.out).toContain('[移动] A 第3行 → B 第5行');
    expect(r.out).not.toContain('\x1b[');
    const c = await cli('diff', path.join(dir, 'a.txt'), path.join(dir, 'b.txt'), '--color');
    expect(c.out).toContain('\x1b[32m5\x1b[0m');
  });

  it('compares a .docx with a .txt', async () => {
    const d = new Document({ sections: [{ children: B.map((t) => new Paragraph(t)) }] });
    await fs.writeFile(path.join(dir, 'b.docx'), await Packer.toBuffer(d));
    const r = await cli('diff', path.join(dir, 'b.txt'), path.join(dir, 'b.docx'), '--json');
    expect(r.err).toBe('');
    const j = JSON.parse(r.out) as DiffJson;
    expect(j.stats).toMatchObject({ inserted: 0, deleted: 0, movedParagraphs: 0, modifiedParagraphs: 0, equalParagraphs: 6 });
  });

  it('drafts, versions by label, and draft .json files', async () => {
    const created = await cli('open', path.join(dir, 'a.txt'), '--json');
    const id = (JSON.parse(created.out) as { id: string }).id;
    const saved = await cli('version', 'save', id, '--label', '送审稿', '--json');
    expect(saved.code).toBe(0);
    expect(JSON.parse(saved.out)).toMatchObject({ label: '送审稿', reason: 'manual', draftId: id });
    const list = await cli('versions', id);
    expect(list.out).toMatch(/送审稿 {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}\d+字 {2}手动保存/);
    // The version of the draft made from a.txt against b.txt reports the same as a.txt against b.txt.
    const viaVersion = JSON.parse((await cli('diff', `${id}@送审稿`, path.join(dir, 'b.txt'), '--json')).out) as DiffJson;
    const viaFiles = JSON.parse((await cli('diff', path.join(dir, 'a.txt'), path.join(dir, 'b.txt'), '--json')).out) as DiffJson;
    expect(viaVersion.stats).toEqual(viaFiles.stats);
    expect(viaVersion.paragraphs.map((p) => p.op)).toEqual(viaFiles.paragraphs.map((p) => p.op));
    const draftJson = path.join(ws, 'drafts', `${id}.json`);
    const same = JSON.parse((await cli('diff', draftJson, id, '--json')).out) as DiffJson;
    expect(same.paragraphs.every((p) => p.op === 'equal')).toBe(true);
  });

  it('clear errors for missing operands, unknown drafts and bad files', async () => {
    const r1 = await cli('diff', path.join(dir, 'a.txt'));
    expect(r1.code).toBe(1);
    expect(r1.err).toContain('请给出两个');
    const r2 = await cli('diff', path.join(dir, 'a.txt'), 'dnothere');
    expect(r2.code).toBe(1);
    expect(r2.err).toContain('找不到文件或文稿：dnothere');
    await fs.writeFile(path.join(dir, 'bad.json'), '{"format":');
    const r3 = await cli('diff', path.join(dir, 'bad.json'), path.join(dir, 'a.txt'));
    expect(r3.err).toContain('不是有效的文稿文件');
    await fs.writeFile(path.join(dir, 'x.pdf'), 'x');
    const r4 = await cli('diff', path.join(dir, 'x.pdf'), path.join(dir, 'a.txt'));
    expect(r4.code).toBe(1);
    expect(r4.err).toContain('不支持的文件类型');
    const r5 = await cli('version', 'save', 'dnothere', '--label', '初稿');
    expect(r5.err).toContain('找不到文稿');
    const r6 = await cli('version', 'save', 'dnothere');
    expect(r6.err).toContain('--label');
  });
});

describe('the speechdraft binary', () => {
  it('diff, version save and versions work as a spawned process', async () => {
    const bin = path.join(REPO_DIR, 'bin/speechdraft.mjs');
    const env = { ...process.env, SPEECHDRAFT_WORKSPACE: path.join(dir, 'ws2'), NO_COLOR: '1' };
    const d = await run('node', [bin, 'diff', path.join(dir, 'a.txt'), path.join(dir, 'b.txt'), '--json'], { env });
    expect((JSON.parse(d.stdout) as DiffJson).stats.movedParagraphs).toBe(1);
    const o = await run('node', [bin, 'open', path.join(dir, 'b.txt'), '--json'], { env });
    const id = (JSON.parse(o.stdout) as { id: string }).id;
    const s = await run('node', [bin, 'version', 'save', id, '--label', '初稿'], { env });
    expect(s.stdout).toContain('已保存版本');
    const l = await run('node', [bin, 'versions', id, '--json'], { env });
    expect((JSON.parse(l.stdout) as Array<{ label: string }>).map((e) => e.label)).toEqual(['初稿']);
  }, 60_000);
});
