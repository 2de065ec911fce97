// An import's batches prepared in a worker thread are the batches prepared on the importing thread: the same
// documents (duplicates dropped, each the caller's own object), rows, fingerprints, sketches and search lists;
// a worker that stops has its pending batches prepared on this thread.
import { afterEach, describe, expect, it } from 'vitest';
import { prepareBatch, type PreparedBatch, type TeamDocInput } from '../../src/services/team/prepare';
import { BatchPreparer } from '../../src/services/team/preparer';

const docs: TeamDocInput[] = Array.from({ length: 30 }, (_, i) => ({
  name: `d${i}.txt`,
  title: `第${i}篇`,
  text: `关于第${i % 25}项工作的讲话。\n` + '坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。'.repeat(1 + (i % 25)),
  offsetMap: i === 3 ? { c: [0, 5], r: [0, 7], rawLength: 102, length: 100 } : undefined,
}));

const plain = (b: PreparedBatch) => ({
  docs: b.docs.map((d) => ({ ...d, doc: docs.indexOf(d.doc), row: Buffer.from(d.row).toString('utf8'), fp: { ...d.fp, hashes: [...d.fp.hashes], positions: [...d.fp.positions], checkpoints: [...d.fp.checkpoints] }, sketch: [...d.sketch] })),
  grams: { keys: [...b.grams.keys], offsets: [...b.grams.offsets], bytes: [...b.grams.bytes], normLengths: [...b.grams.normLengths] },
  rows: { hash: [...b.rows.hash], doc: [...b.rows.doc], pos: [...b.rows.pos], order: [...b.rows.order] },
  fingerprintCopy: Buffer.concat(b.fingerprintCopy).toString('hex'),
  presence: Buffer.from(b.presence).toString('hex'),
  rowBytes: Buffer.from(b.rowBytes).toString('utf8'),
});

let preparer: BatchPreparer | null = null;
afterEach(async () => {
  await preparer?.close();
  preparer = null;
});

describe('BatchPreparer', () => {
  it('prepares the first batch here, the next ones in a worker thread, exactly what the importing thread prepares', async () => {
    preparer = new BatchPreparer(true);
    const first = await preparer.prepare(docs.slice(5));
    expect(preparer.inWorker).toBe(false);
    const [a, b] = await Promise.all([preparer.prepare(docs), preparer.prepare(docs.slice(10))]);
    expect(preparer.inWorker).toBe(true);
    const here = await prepareBatch(docs);
    // 5 of the 30 are copies of others (same text): dropped
    expect(a.docs).toHaveLength(25);
    expect(a.docs.every((d) => docs.includes(d.doc))).toBe(true);
    expect(plain(a)).toEqual(plain(here));
    expect(plain(b)).toEqual(plain(await prepareBatch(docs.slice(10))));
    expect(plain(first)).toEqual(plain(await prepareBatch(docs.slice(5))));
  });

  it('prepares on this thread what a worker that stopped left, and what comes after', async () => {
    preparer = new BatchPreparer(true);
    await preparer.prepare(docs.slice(0, 2));
    const pending = preparer.prepare(docs);
    expect(preparer.inWorker).toBe(true);
    // the worker stops (as when it runs out of memory) before it answers
    await (preparer as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    expect(plain(await pending)).toEqual(plain(await prepareBatch(docs)));
    expect(preparer.inWorker).toBe(false);
    expect(plain(await preparer.prepare(docs))).toEqual(plain(await prepareBatch(docs)));
  });

  it('a closed preparer leaves what was pending unprepared', async () => {
    preparer = new BatchPreparer(true);
    await preparer.prepare(docs.slice(0, 2));
    const pending = expect(preparer.prepare(docs)).rejects.toThrow(/stopped/);
    await preparer.close();
    await pending;
  });

  it('prepares on this thread when asked to', async () => {
    preparer = new BatchPreparer(false);
    await preparer.prepare(docs);
    expect(plain(await preparer.prepare(docs))).toEqual(plain(await prepareBatch(docs)));
    expect(preparer.inWorker).toBe(false);
  });
});
