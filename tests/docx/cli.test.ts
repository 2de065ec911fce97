import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { createServices } from '../../src/services/index';
import { importDocx } from '../../src/services/docx/import';
import { Blocks } from '../../src/core/model/block';
import { REPO_DIR } from '../helpers/shared';
import { docxPart, tmpDir } from './helpers';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: { ...process.env, ...env } });
  return { code, stdout, stderr };
}

const SPEECH = [
  '在全市机关干部大会上的讲话',
  '孙建国（2009年2月2日）',
  '同志们：',
  '这次全市机关干部大会的主题是全面落实全会精神，切实加强机关作风建设，确保新一年各项目标任务全面完成。',
  '一、肯定成绩，进一步增强机关作风建设的紧迫感责任感',
  '近年来，市委市政府一直高度重视机关作风建设，机关工作效能和整体形象有了明显提升。',
  '二、崇尚实干，大力弘扬求真务实之风',
  '真抓实干，是机关作风建设的核心和根本。',
].join('\n');

describe('speechdraft export', () => {
  it('exports a .txt file, refuses to overwrite without --force', async () => {
    const dir = tmpDir();
    const txt = path.join(dir, '讲话.txt');
    writeFileSync(txt, SPEECH);
    const out = path.join(dir, 'out', '讲话.docx');
    const r = await run(['export', txt, '-o', out, '--workspace', path.join(dir, 'ws')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const back = await importDocx(readFileSync(out));
    expect(back.doc.blocks.map((b) => `${b.type}${b.level ?? ''}:${Blocks.text(b)}`)).toEqual([
      'title:在全市机关干部大会上的讲话',
      'byline:孙建国（2009年2月2日）',
      'salutation:同志们：',
      'paragraph:这次全市机关干部大会的主题是全面落实全会精神，切实加强机关作风建设，确保新一年各项目标任务全面完成。',
      'heading1:肯定成绩，进一步增强机关作风建设的紧迫感责任感',
      'paragraph:近年来，市委市政府一直高度重视机关作风建设，机关工作效能和整体形象有了明显提升。',
      'heading1:崇尚实干，大力弘扬求真务实之风',
      'paragraph:真抓实干，是机关作风建设的核心和根本。',
    ]);
    const before = readFileSync(out);
    const mtime = statSync(out).mtimeMs;
    const again = await run(['export', txt, '-o', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('输出文件已存在，未覆盖');
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(statSync(out).mtimeMs).toBe(mtime);
    const forced = await run(['export', txt, '-o', out, '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).mode).toBe('clean');
  });

  it('refuses bad input with clear messages', async () => {
    const dir = tmpDir();
    const txt = path.join(dir, 'a.txt');
    writeFileSync(txt, SPEECH);
    expect((await run(['export', txt])).stderr).toContain('-o');
    expect((await run(['export', txt, '-o', path.join(dir, 'a.pdf')])).stderr).toContain('.docx');
    expect((await run(['export', txt, '-o', path.join(dir, 'b.docx'), '--mode', 'fancy'])).stderr).toContain('未知的导出方式');
    expect((await run(['export', txt, '-o', path.join(dir, 'c.docx'), '--mode', 'revisions'])).stderr).toContain('--against');
    const bad = path.join(dir, 'bad.docx');
    writeFileSync(bad, 'not a zip at all');
    const r = await run(['export', bad, '-o', path.join(dir, 'd.docx')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('不是 zip');
    expect(existsSync(path.join(dir, 'd.docx'))).toBe(false);
    expect((await run(['export', path.join(dir, 'nope.txt'), '-o', path.join(dir, 'e.docx')])).stderr).toContain('找不到');
  });

  it('exports revisions of a file against an earlier file', async () => {
    const dir = tmpDir();
    const old = path.join(dir, 'old.txt');
    const now = path.join(dir, 'now.txt');
    writeFileSync(old, SPEECH);
    writeFileSync(now, SPEECH.replace('全面落实全会精神', '认真全面落实全会精神').replace('真抓实干，是机关作风建设的核心和根本。', '真抓实干是根本。'));
    const out = path.join(dir, 'rev.docx');
    const r = await run(['export', now, '-o', out, '--mode', 'revisions', '--against', old, '--author', '秘书科']);
    expect(r.stderr).toBe('');
    const xml = await docxPart(readFileSync(out), 'word/document.xml');
    expect(xml).toMatch(/<w:ins [^>]*w:author="秘书科"[^>]*>[\s\S]*?认真/);
    expect(xml).toMatch(/<w:del [^>]*w:author="秘书科"/);
  });

  it('exports a workspace draft by id: saved layout settings, revisions against a version, automatic version first', async () => {
    const dir = tmpDir();
    const ws = path.join(dir, 'ws');
    const { handlers } = await createServices(ws);
    const d = await handlers['drafts.importFile']({ name: '讲话.txt', dataBase64: Buffer.from(SPEECH).toString('base64') });
    const v = await handlers['versions.save']({ draftId: d.id, label: '送审稿' });
    const doc = structuredClone(d.doc);
    doc.blocks[3].children = [{ text: '这次大会的主题是全面落实全会精神。' }];
    await handlers['drafts.save']({ id: d.id, doc });
    await handlers['settings.set']({ patch: { docxLayout: { fonts: { body: '方正仿宋_GBK' } } } });
    const out = path.join(dir, 'draft.docx');
    const r = await run(['export', d.id, '-o', out, '--mode', 'revisions', '--against', v.id, '--workspace', ws]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('送审稿');
    const xml = await docxPart(readFileSync(out), 'word/document.xml');
    expect(xml).toContain('w:eastAsia="方正仿宋_GBK"');
    expect(xml).toMatch(/<w:delText[^>]*>[^<]*全市机关干部/);
    const versions = await handlers['versions.list']({ draftId: d.id });
    expect(versions.length).toBe(2);
    expect(JSON.stringify(versions)).toContain('导出前');
  });

  it('exports a saved version as ID@label or ID@id, revisions against a version label', async () => {
    const dir = tmpDir();
    const ws = path.join(dir, 'ws');
    const { handlers } = await createServices(ws);
    const d = await handlers['drafts.importFile']({ name: '讲话.txt', dataBase64: Buffer.from(SPEECH).toString('base64') });
    const first = await handlers['versions.save']({ draftId: d.id, label: '初稿' });
    const doc = structuredClone(d.doc);
    doc.blocks[3].children = [{ text: '这次大会的主题是全面落实全会精神。' }];
    await handlers['drafts.save']({ id: d.id, doc });
    const second = await handlers['versions.save']({ draftId: d.id, label: '送审稿' });
    doc.blocks[3].children = [{ text: '当前文本又改过了。' }];
    await handlers['drafts.save']({ id: d.id, doc });
    const text = async (f: string) => (await docxPart(readFileSync(f), 'word/document.xml')).replace(/<[^>]+>/g, '');

    const byLabel = path.join(dir, 'label.docx');
    let r = await run(['export', `${d.id}@初稿`, '-o', byLabel, '--workspace', ws]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('导出版本：初稿');
    expect(await text(byLabel)).toContain('这次全市机关干部大会的主题');
    expect(await text(byLabel)).not.toContain('又改过');

    const byId = path.join(dir, 'id.docx');
    r = await run(['export', `${d.id}@${second.id}`, '-o', byId, '--workspace', ws, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).name).toBe('在全市机关干部大会上的讲话（送审稿·清稿）.docx');
    expect(await text(byId)).toContain('这次大会的主题是全面落实全会精神。');

    const rev = path.join(dir, 'rev.docx');
    r = await run(['export', `${d.id}@送审稿`, '-o', rev, '--mode', 'revisions', '--against', '初稿', '--workspace', ws]);
    expect(r.stderr).toBe('');
    expect(await docxPart(readFileSync(rev), 'word/document.xml')).toMatch(/<w:delText[^>]*>[^<]*全市机关干部/);
    // Exporting versions made no automatic version.
    expect((await handlers['versions.list']({ draftId: d.id })).map((e) => e.id).sort()).toEqual([first.id, second.id].sort());

    r = await run(['export', `${d.id}@定稿`, '-o', path.join(dir, 'none.docx'), '--workspace', ws]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`找不到版本：${d.id}@定稿`);
    expect(existsSync(path.join(dir, 'none.docx'))).toBe(false);
  });

  it('exports a review copy against a library folder (the check command’s path)', async () => {
    const dir = tmpDir();
    const lib = path.join(dir, 'lib');
    mkdirSync(lib);
    writeFileSync(path.join(lib, '2008年讲话.txt'), '往年讲话\n近年来，市委市政府一直高度重视机关作风建设，机关工作效能和整体形象有了明显提升。这是旧稿。\n');
    const txt = path.join(dir, 'a.txt');
    writeFileSync(txt, SPEECH);
    const out = path.join(dir, 'review.docx');
    const r = await run(['export', txt, '-o', out, '--mode', 'review', '--library', lib]);
    expect(r.code).toBe(0);
    const comments = await docxPart(readFileSync(out), 'word/comments.xml');
    expect(comments).toMatch(/疑似重复：与《[^》]+》相似度 \d+%/);
    const xml = await docxPart(readFileSync(out), 'word/document.xml');
    const para = /<w:p>(?:(?!<\/w:p>)[\s\S])*commentRangeStart[\s\S]*?<\/w:p>/.exec(xml)?.[0] ?? '';
    expect(para.replace(/<[^>]+>/g, '')).toContain('近年来，市委市政府一直高度重视机关作风建设');
  });

  it('runs as a real process (bin/speechdraft.mjs)', () => {
    const dir = tmpDir();
    const txt = path.join(dir, 'a.txt');
    writeFileSync(txt, SPEECH);
    const out = path.join(dir, 'a.docx');
    const p = spawnSync(process.execPath, [path.join(REPO_DIR, 'bin/speechdraft.mjs'), 'export', txt, '-o', out, '--workspace', path.join(dir, 'ws')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(p.stdout).toContain('已导出');
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  }, 120_000);
});
