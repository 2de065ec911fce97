// A full disk: save, version, settings, export and import each answer with the named error
// (「磁盘空间不足，…未保存，原文件未改动」), leave every old file byte-for-byte, and leave no temp file.
// On a real full file system (a 3 MB tmpfs, when this machine lets us mount one), else through the seam in
// atomic.ts that makes each write fail with ENOSPC.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/contract/dispatch';
import { main } from '../../src/cli/main';
import { createServices, type Services } from '../../src/services/index';
import { atomicFaults } from '../../src/services/workspace/atomic';

let tmp: string;
let mountPoint: string;
let mounted = false;

function tryMount(dir: string): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'sd-fulldisk-'));
  mountPoint = path.join(tmp, 'disk');
  mkdirSync(mountPoint);
  mounted = process.env.SPEECHDRAFT_NO_TMPFS ? false : tryMount(mountPoint);
});

afterAll(() => {
  atomicFaults.before = undefined;
  if (mounted) execFileSync('umount', [mountPoint]);
  rmSync(tmp, { recursive: true, force: true });
});

/** Every file under `dir` with its bytes. */
function snapshot(dir: string, out = new Map<string, Buffer>()): Map<string, Buffer> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) snapshot(p, out);
    else out.set(p, readFileSync(p));
  }
  return out;
}

/** Fill the file system until a write fails; returns the filler's path. */
function fill(dir: string): string {
  const filler = path.join(dir, 'filler.bin');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    closeSync(fd);
  }
  return filler;
}

const big = (label: string) => ({ blocks: [{ type: 'title', children: [{ text: label }] }, ...Array.from({ length: 300 }, (_, i) => ({ type: 'paragraph', children: [{ text: `${label}第${i}段：${'统筹推进各项工作'.repeat(40)}` }] }))] });

describe('a full disk', () => {
  it('save, version, settings, export and import: the named error, old files unchanged, no temp file', async () => {
    const ws = path.join(mountPoint, 'ws');
    const s: Services = await createServices(ws);
    const created = await dispatch(s.handlers, 'drafts.create', { name: '原稿', doc: { blocks: [{ type: 'title', children: [{ text: '原稿' }] }, { type: 'paragraph', children: [{ text: '原来的正文。' }] }] } });
    expect(created.ok).toBe(true);
    const id = (created as { value: { id: string } }).value.id;
    expect((await dispatch(s.handlers, 'versions.save', { draftId: id, label: '初稿' })).ok).toBe(true);
    expect((await dispatch(s.handlers, 'settings.set', { patch: { charsPerMinute: 200 } })).ok).toBe(true);
    const input = path.join(tmp, '导入.txt');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(input, '关于做好今年工作的讲话\n同志们：\n' + '今年以来，我们坚持稳中求进工作总基调。'.repeat(2000));

    const before = snapshot(ws);
    let filler: string | undefined;
    if (mounted) filler = fill(mountPoint);
    else {
      atomicFaults.before = (step) => {
        if (step === 'write') throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
      };
    }
    const diskFull = /磁盘空间不足，.+未保存，原文件未改动/;
    try {
      const save = await dispatch(s.handlers, 'drafts.save', { id, doc: big('新稿'), baseRevision: 1 });
      expect(save).toMatchObject({ ok: false, error: { code: 'storage' } });
      expect((save as { error: { message: string } }).error.message).toMatch(/磁盘空间不足，文稿未保存，原文件未改动/);

      const version = await dispatch(s.handlers, 'versions.save', { draftId: id, label: '二稿', doc: big('版本'), baseRevision: 1 });
      expect(version).toMatchObject({ ok: false, error: { code: 'storage' } });
      expect((version as { error: { message: string } }).error.message).toMatch(diskFull);

      const settings = await dispatch(s.handlers, 'settings.set', { patch: { charsPerMinute: 250, note: '很长的设置'.repeat(2000) } });
      expect(settings).toMatchObject({ ok: false, error: { code: 'storage' } });
      expect((settings as { error: { message: string } }).error.message).toMatch(/磁盘空间不足，设置未保存，原文件未改动/);

      const importFile = await dispatch(s.handlers, 'drafts.importFile', { name: '导入.txt', dataBase64: readFileSync(input).toString('base64') });
      expect(importFile).toMatchObject({ ok: false, error: { code: 'storage' } });

      const io = { out: '', err: '' };
      const streams = { stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), env: {} };
      const exportCode = await main(['export', id, '-o', path.join(mountPoint, '导出.docx'), '--workspace', ws], streams);
      expect(exportCode).toBe(1);
      expect(io.err).toMatch(diskFull);
      io.err = '';
      const importCode = await main(['import', input, '--workspace', ws], streams);
      expect(importCode).toBe(1);
      expect(io.err).toMatch(diskFull);
      expect(io.err).not.toMatch(/内部错误|at .+\.ts:\d+/);
    } finally {
      atomicFaults.before = undefined;
      if (filler) rmSync(filler);
    }
    const after = snapshot(ws);
    const changed = [...after.keys()].filter((f) => !before.has(f) || !before.get(f)!.equals(after.get(f)!));
    const lost = [...before.keys()].filter((f) => !after.has(f));
    expect(lost).toEqual([]);
    // Nothing new but empty folders the import may have made; no temp and no lock file left.
    expect(changed.filter((f) => statSync(f).size > 0 || /\.tmp$|\.lock$/.test(f))).toEqual([]);
    expect(readdirSync(mountPoint).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    console.log(`full disk (${mounted ? 'a full 3 MB tmpfs' : 'injected ENOSPC'}): 6 operations refused by name, ${before.size} files unchanged`);
  });
});
