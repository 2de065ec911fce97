// The draft commands of the speechdraft CLI: in-process through main(argv, streams), and for real by
// spawning `node bin/speechdraft.mjs` (as `npx speechdraft` does).
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

const root = path.resolve(__dirname, '../..');
const BIN = path.join(root, 'bin', 'speechdraft.mjs');
let ws: string;

beforeEach(async () => {
  ws = await fs.mkdtemp(path.join(os.tmpdir(), 'speechdraft-cli-'));
});
afterEach(async () => {
  await fs.rm(ws, { recursive: true, force: true });
});

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env });
  return { code, stdout, stderr };
}

function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: os.tmpdir(), env: { ...process.env, SPEECHDRAFT_WORKSPACE: '', ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SPEECH = [
  '在全县春季农业生产工作会议上的讲话',
  '同志们：',
  '今天召开这次会议，主要任务是部署春季农业生产工作。',
  '一、充分认识做好春耕生产的重要性',
  '（一）这是稳定粮食生产的需要。',
  '粮食安全是国之大者。',
  '（二）这是增加农民收入的需要。',
  '二、突出抓好春耕生产的重点工作',
  '各乡镇要层层压实责任。',
].join('\n');

describe('speechdraft new / list / show (in-process)', () => {
  it('creates a draft with --workspace, lists it, shows it, with --json as well', async () => {
    const made = await cli(['new', '--title', '在全市经济工作会议上的讲话', '--workspace', ws, '--json']);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const { id, name, file } = JSON.parse(made.stdout);
    expect(name).toBe('在全市经济工作会议上的讲话');
    expect(file).toBe(path.join(ws, 'drafts', `${id}.json`));
    const onDisk = JSON.parse(await fs.readFile(file, 'utf8'));
    expect(onDisk.doc.blocks.map((b: { type: string }) => b.type)).toEqual(['title', 'salutation', 'paragraph']);

    const list = await cli(['list', '--workspace', ws]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${id}  在全市经济工作会议上的讲话  \\d+字  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\n$`));
    const listJson = JSON.parse((await cli(['list', '--workspace', ws, '--json'])).stdout);
    expect(listJson).toEqual([expect.objectContaining({ status: 'ok', id, name: '在全市经济工作会议上的讲话' })]);

    const show = await cli(['show', id, '--workspace', ws]);
    expect(show.code).toBe(0);
    expect(show.stdout).toBe('在全市经济工作会议上的讲话\n同志们：\n');
    const showJson = JSON.parse((await cli(['show', id, '--json'], { SPEECHDRAFT_WORKSPACE: ws })).stdout);
    expect(showJson).toMatchObject({ id, revision: 1, text: '在全市经济工作会议上的讲话\n同志们：\n' });
  });

  it('uses SPEECHDRAFT_WORKSPACE when --workspace is not given, and --workspace wins over it', async () => {
    const other = path.join(ws, 'other');
    await cli(['new', '--title', '甲'], { SPEECHDRAFT_WORKSPACE: ws });
    await cli(['new', '--title', '乙', '--workspace', other], { SPEECHDRAFT_WORKSPACE: ws });
    expect(JSON.parse((await cli(['list', '--json'], { SPEECHDRAFT_WORKSPACE: ws })).stdout).map((e: { name: string }) => e.name)).toEqual(['甲']);
    expect(JSON.parse((await cli(['list', '--json', '--workspace', other])).stdout).map((e: { name: string }) => e.name)).toEqual(['乙']);
  });

  it('lists damaged files with the reason and leaves them alone', async () => {
    await cli(['new', '--title', '好稿', '--workspace', ws]);
    const bad = path.join(ws, 'drafts', 'dbad1.json');
    await fs.writeFile(bad, '{"format":"speechdraft-draft"');
    const list = await cli(['list', '--workspace', ws]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/dbad1 {2}\[已损坏 damaged\] dbad1\.json: 不是有效的 JSON/);
    const show = await cli(['show', 'dbad1', '--workspace', ws]);
    expect(show.code).toBe(1);
    expect(show.stdout).toBe('');
    expect(show.stderr).toMatch(/^错误 error: 文稿文件已损坏，未作任何改动/);
    expect(await fs.readFile(bad, 'utf8')).toBe('{"format":"speechdraft-draft"');
  });

  it('reports errors on stderr with a non-zero exit', async () => {
    const missing = await cli(['show', 'dnothere', '--workspace', ws]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('找不到文稿：dnothere');
    const traversal = await cli(['show', '../../etc/passwd', '--workspace', ws]);
    expect(traversal.code).toBe(1);
    expect(traversal.stderr).toContain('不能使用路径');
    const noId = await cli(['show', '--workspace', ws]);
    expect(noId.code).toBe(1);
    expect(noId.stderr).toContain('缺少参数：ID');
    const extra = await cli(['list', 'extra', '--workspace', ws]);
    expect(extra.code).toBe(1);
    expect(extra.stderr).toContain('多余的参数：extra');
    const badOpt = await cli(['new', '--titel', 'x', '--workspace', ws]);
    expect(badOpt.code).toBe(2);
    expect(badOpt.stderr).toMatch(/--titel[\s\S]*用法 usage: speechdraft new/);
    const jsonErr = await cli(['show', 'dnothere', '--workspace', ws, '--json']);
    expect(jsonErr.code).toBe(1);
    expect(JSON.parse(jsonErr.stderr)).toEqual({ error: expect.objectContaining({ code: 'not-found' }) });
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/未知命令 unknown command: frobnicate/);
  });
});

describe('speechdraft open', () => {
  it('makes a draft from a .txt, recognising the heading levels, and show prints the generated numbers', async () => {
    const txt = path.join(ws, '春耕讲话.txt');
    await fs.writeFile(txt, SPEECH, 'utf8');
    const r = await cli(['open', txt, '--workspace', ws, '--json']);
    expect(r.stderr).toBe('');
    const { id, name } = JSON.parse(r.stdout);
    expect(name).toBe('在全县春季农业生产工作会议上的讲话');
    const d = JSON.parse((await cli(['show', id, '--workspace', ws, '--json'])).stdout);
    const headings = d.doc.blocks.filter((b: { type: string }) => b.type === 'heading').map((b: { level: number; children: { text: string }[] }) => [b.level, b.children[0].text]);
    expect(headings[0]).toEqual([1, '充分认识做好春耕生产的重要性']);
    expect(headings.map((h: [number, string]) => h[0])).toEqual([1, 2, 2, 1]);
    const show = await cli(['show', id, '--workspace', ws]);
    expect(show.stdout).toContain('一、充分认识做好春耕生产的重要性\n（一）这是稳定粮食生产的需要。');
    expect(show.stdout).toContain('二、突出抓好春耕生产的重点工作');
  });

  it('reads GB18030 text', async () => {
    const txt = path.join(ws, 'gbk.txt');
    // "同志们：" in GB18030
    await fs.writeFile(txt, Buffer.from([0xcd, 0xac, 0xd6, 0xbe, 0xc3, 0xc7, 0xa3, 0xba]));
    const r = await cli(['open', txt, '--workspace', ws, '--json']);
    expect(r.code).toBe(0);
    const { id } = JSON.parse(r.stdout);
    expect((await cli(['show', id, '--workspace', ws])).stdout).toContain('同志们：');
  });

  it('refuses a missing file, a folder, and an unsupported type', async () => {
    const missing = await cli(['open', path.join(ws, 'nope.txt'), '--workspace', ws]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('无法读取文件');
    const folder = await cli(['open', ws, '--workspace', ws]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('不是文件');
    await fs.writeFile(path.join(ws, 'x.pdf'), '%PDF');
    const pdf = await cli(['open', path.join(ws, 'x.pdf'), '--workspace', ws]);
    expect(pdf.code).toBe(1);
    expect(pdf.stderr).toContain('不支持的文件类型');
    expect(JSON.parse((await cli(['list', '--json', '--workspace', ws])).stdout)).toEqual([]);
  });
});

describe('speechdraft delete / trash / restore', () => {
  it('moves to the 回收站 and back', async () => {
    const { id } = JSON.parse((await cli(['new', '--title', '待删', '--workspace', ws, '--json'])).stdout);
    const del = await cli(['delete', id, '--workspace', ws, '--json']);
    expect(del.code).toBe(0);
    const { trashId } = JSON.parse(del.stdout);
    expect(JSON.parse((await cli(['list', '--json', '--workspace', ws])).stdout)).toEqual([]);
    expect((await cli(['trash', '--workspace', ws])).stdout).toMatch(new RegExp(`^${trashId.replace(/\./g, '\\.')}  待删  `));
    const res = await cli(['restore', trashId, '--workspace', ws]);
    expect(res.stdout).toBe(`已恢复 restored ${id}  待删\n`);
    expect((await cli(['trash', '--workspace', ws])).stdout).toContain('回收站是空的');
  });
});

describe('the real binary', () => {
  it('`speechdraft --help` lists the commands and common options', () => {
    const r = spawnCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['new', 'list', 'show', 'open', 'delete', 'trash', 'restore']) expect(r.stdout).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
    expect(r.stdout).toContain('--workspace DIR');
    expect(r.stdout).toContain('--json');
  });

  it('new → list → open → show over one workspace, and an error exits non-zero', async () => {
    const made = spawnCli(['new', '--title', '测试讲话', '--json'], { SPEECHDRAFT_WORKSPACE: ws });
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const { id } = JSON.parse(made.stdout);
    const list = spawnCli(['list', '--workspace', ws]);
    expect(list.stdout).toContain(`${id}  测试讲话`);
    const txt = path.join(ws, 'a.txt');
    await fs.writeFile(txt, SPEECH);
    const opened = spawnCli(['open', txt, '--workspace', ws, '--json']);
    expect(opened.code).toBe(0);
    const show = spawnCli(['show', JSON.parse(opened.stdout).id, '--workspace', ws]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('一、充分认识做好春耕生产的重要性');
    const bad = spawnCli(['show', 'dmissing', '--workspace', ws]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('找不到文稿');
  });
});

describe('commands that hand a file to a service validate it like the app does', () => {
  it('lint / outline of a .json whose doc is malformed: a clear invalid-input error (exit 1), not an internal crash', async () => {
    const bad = path.join(ws, 'bad.json');
    await fs.writeFile(bad, JSON.stringify({ doc: { blocks: 5 } }));
    for (const cmd of ['lint', 'outline']) {
      const r = await cli([cmd, bad, '--workspace', ws, '--json']);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stderr).error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('doc.blocks') });
    }
  });
});
