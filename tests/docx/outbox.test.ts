// The data path of an export: the bytes stay with the services (the outbox) and leave once, to the save
// dialog in Electron or as a download from the bridge.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBridge } from '../../src/adapters/web/server';
import { ExportOutbox } from '../../src/services/docx/outbox';

describe('exports outbox', () => {
  it('hands a file out once, forgets it after its time, keeps only the newest few', () => {
    let t = 0;
    const box = new ExportOutbox(1000, 2, () => t);
    const a = box.put({ name: 'a.docx', bytes: new Uint8Array([1]), type: 'x' });
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(box.take(a)?.name).toBe('a.docx');
    expect(box.take(a)).toBeNull();
    const b = box.put({ name: 'b.docx', bytes: new Uint8Array([2]), type: 'x' });
    t = 2000;
    expect(box.take(b)).toBeNull();
    const ids = ['c', 'd', 'e'].map((n) => box.put({ name: n, bytes: new Uint8Array(), type: 'x' }));
    expect(box.take(ids[0])).toBeNull();
    expect(box.take(ids[2])?.name).toBe('e');
  });

  it('is served by the bridge once at GET /download/<id>, with the file name; unknown ids get 404', async () => {
    const box = new ExportOutbox();
    const staticDir = mkdtempSync(path.join(os.tmpdir(), 'sd-static-'));
    const bridge = await startBridge({ handlers: {}, staticDir, downloads: (id) => box.take(id) });
    try {
      const id = box.put({ name: '讲话（清稿）.docx', bytes: new Uint8Array([80, 75, 3, 4]), type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
      const r = await fetch(`${bridge.url}download/${id}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-disposition')).toContain(encodeURIComponent('讲话（清稿）.docx'));
      expect(new Uint8Array(await r.arrayBuffer())).toEqual(new Uint8Array([80, 75, 3, 4]));
      expect((await fetch(`${bridge.url}download/${id}`)).status).toBe(404);
      expect((await fetch(`${bridge.url}download/..%2F..%2Fetc`)).status).toBe(404);
    } finally {
      await bridge.close();
    }
  });
});
