import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/services/index';
import { libraryServicesOf } from '../../src/services/library/handlers';
import { importDone } from '../helpers/waitFor';

let dir: string;
const opened: Services[] = [];

async function open(): Promise<Services> {
  const s = await createServices(dir);
  opened.push(s);
  return s;
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sd-libdamaged-'));
});
afterEach(async () => {
  for (const s of opened.splice(0)) await libraryServicesOf(s.ctx).reuse.flush();
  await fs.rm(dir, { recursive: true, force: true });
});

const PASSAGE = '各级领导干部要带头转变作风，深入基层、深入群众，面对面听取意见，实打实解决问题，以作风建设的新成效推动各项工作落到实处。';

describe('damaged library document files', () => {
  it('are reported by name with the reason by library.list, skipped, and the check still runs on the others', async () => {
    const s1 = await open();
    const text = `在全市作风建设大会上的讲话\n同志们：\n${PASSAGE}\n今年的任务很重，大家要抓紧抓实。`;
    const { jobId } = await s1.handlers['library.import']({ files: [{ name: '作风建设.txt', dataBase64: Buffer.from(text).toString('base64') }] });
    expect((await importDone(s1, jobId)).state).toBe('done');
    const docsDir = path.join(dir, 'library', 'docs');
    await fs.writeFile(path.join(docsDir, 'Lbroken.json'), '{"format": "speechdraft-library-doc", "title": "半截');
    await fs.writeFile(path.join(docsDir, 'Lother.json'), JSON.stringify({ format: 'speechdraft-library-doc', schemaVersion: 1, id: 'Lother' }));

    // the app opened again over the same workspace
    const s = await open();
    const r = await s.handlers['library.list']({});
    expect(r.docs.map((d) => d.originFile)).toEqual(['作风建设.txt']);
    expect(r.damaged.map((d) => d.file)).toEqual(['Lbroken.json', 'Lother.json']);
    expect(r.damaged[0].reason).toContain('不是有效的 JSON');
    expect(r.damaged[1].reason).toContain('文件格式不符');

    const check = await s.handlers['reuse.check']({ text: `同志们：\n${PASSAGE}` });
    expect(check.passages.map((p) => p.sourceId)).toContain(r.docs[0].id);
    expect(check.passages.some((p) => p.sourceId === 'Lbroken' || p.sourceId === 'Lother')).toBe(false);
    // the damaged files are left as they were
    expect(await fs.readFile(path.join(docsDir, 'Lbroken.json'), 'utf8')).toBe('{"format": "speechdraft-library-doc", "title": "半截');
  });
});
