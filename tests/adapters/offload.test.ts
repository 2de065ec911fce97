// Word export in the offload worker: the file is built there and its bytes come back into the caller's
// outbox (the main thread's, where the save dialog and the download take it), under that outbox's id.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOffload, type Offloaded } from '../../src/adapters/offload';
import { dispatch } from '../../src/contract/dispatch';
import { ExportOutbox } from '../../src/services/docx/outbox';
import { createServices, type Services } from '../../src/services/index';
import { textToDoc } from '../../src/core/text/index';

let tmp: string;
let s: Services;
let offloaded: Offloaded;
const outbox = new ExportOutbox();

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'sd-offload-'));
  const ws = path.join(tmp, 'ws');
  s = await createServices(ws);
  // The main thread's own export must not run: the answer can only come from the worker.
  const handlers = { ...s.handlers, 'export.docx': () => Promise.reject(new Error('export ran on the main thread')) };
  offloaded = withOffload(handlers, ws, { workerEntry: path.join(__dirname, '../../src/adapters/offloadWorker.ts'), outbox });
}, 60_000);

afterAll(async () => {
  await offloaded?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('Word export off the main thread', () => {
  it('builds the file in the worker and puts it into the caller\'s outbox', async () => {
    const d = await s.handlers['drafts.create']({ doc: textToDoc('关于某项工作的讲话\n同志们：\n第一段正文。') });
    expect(offloaded.handles('export.docx')).toBe(false); // not the raw path: the answer carries a file
    const r = await dispatch(offloaded.handlers, 'export.docx', { draftId: d.id, mode: 'clean' }, s.dispatchOptions);
    expect(r.ok).toBe(true);
    const value = (r as { value: { fileId: string; downloadPath: string; name: string; bytes: number } }).value;
    expect(value.downloadPath).toBe(`/download/${value.fileId}`);
    const file = outbox.take(value.fileId);
    expect(file?.name).toBe(value.name);
    expect(file?.bytes.length).toBe(value.bytes);
    const xml = await (await JSZip.loadAsync(file!.bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('第一段正文。');
    // The version saved before the export was written by the worker into the same workspace.
    expect((await s.handlers['versions.list']({ draftId: d.id })).some((v) => v.status === 'ok' && v.reason === 'before-export')).toBe(true);
  }, 60_000);

  it('an error in the worker reaches the caller as the named error', async () => {
    const r = await dispatch(offloaded.handlers, 'export.docx', { draftId: 'dmissing000', mode: 'clean' }, s.dispatchOptions);
    expect(r.ok).toBe(false);
    expect((r as { error: { code: string } }).error.code).toBe('not-found');
  }, 60_000);
});
