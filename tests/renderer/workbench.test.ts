import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Transforms } from 'slate';
import { ApiError } from '../../src/contract/define';
import type { Api } from '../../src/contract/index';
import type { Draft } from '../../src/contract/drafts';
import type { ImportStatus, ReuseCheckResult } from '../../src/contract/library';
import { docToText } from '../../src/core/model/text';
import type { Block } from '../../src/core/model/types';
import { LibraryImporter, batchesOf } from '../../src/renderer/library/importer';
import { CHECK_DELAY_MS, COMPOSING_RETRY_MS, LiveReuseCheck } from '../../src/renderer/reuse/liveCheck';
import type { ReuseState } from '../../src/renderer/reuse/store';
import { DecorationRegistry } from '../../src/renderer/workbench/decorations';
import { DraftSession } from '../../src/renderer/workbench/session';

const para = (text: string): Block => ({ type: 'paragraph', children: [{ text }] });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('DecorationRegistry', () => {
  it('shows the union of every source; each source replaces only its own ranges', () => {
    const reg = new DecorationRegistry(() => false);
    reg.set('reuse', [{ blockIndex: 0, start: 0, end: 3, className: 'reuse-mark' }]);
    reg.set('find', [{ blockIndex: 0, start: 5, end: 6, className: 'find-match' }, { blockIndex: 2, start: 0, end: 1, className: 'find-match' }]);
    expect(reg.forBlock(0).map((r) => r.className)).toEqual(['reuse-mark', 'find-match']);
    reg.set('find', []);
    expect(reg.forBlock(0).map((r) => r.className)).toEqual(['reuse-mark']);
    expect(reg.forBlock(2)).toEqual([]);
  });

  it('changes nothing on screen during an IME composition; applies the change when it ends', () => {
    let composing = false;
    const reg = new DecorationRegistry(() => composing);
    const seen: number[] = [];
    reg.subscribe(() => seen.push(reg.getVersion()));
    composing = true;
    reg.set('find', [{ blockIndex: 1, start: 0, end: 2, className: 'find-match' }]);
    expect(reg.forBlock(1)).toEqual([]);
    expect(seen).toEqual([]);
    composing = false;
    reg.composingEnded();
    expect(reg.forBlock(1)).toHaveLength(1);
    expect(seen).toEqual([1]);
  });
});

describe('DraftSession', () => {
  function fakeApi(over: Partial<Record<string, unknown>> = {}) {
    const draft: Draft = { id: 'd1', name: '稿', createdAt: '', updatedAt: '', revision: 1, charCount: 2, doc: { blocks: [para('正文')] } };
    const calls: string[] = [];
    const api = {
      'drafts.get': async () => (calls.push('get'), structuredClone(draft)),
      'drafts.save': async ({ baseRevision }: { baseRevision?: number }) => {
        calls.push(`save@${baseRevision}`);
        return { ...draft, revision: (baseRevision ?? 1) + 1 };
      },
      ...over,
    } as unknown as Api;
    return { api, calls };
  }

  it('opens a draft, publishes the document after edits settle, and ensureSaved saves what is typed', async () => {
    const { api, calls } = fakeApi();
    const s = new DraftSession(api, { docRefreshMs: 250, saveDelayMs: 1000 });
    await s.open('d1');
    expect(s.getState().draft?.id).toBe('d1');
    const v0 = s.getState().docVersion;
    Transforms.insertText(s.editor, '新', { at: { path: [0, 0], offset: 2 } });
    expect(s.getState().docVersion).toBe(v0);
    await vi.advanceTimersByTimeAsync(250);
    expect(s.getState().docVersion).toBe(v0 + 1);
    expect(docToText(s.getState().doc).text).toBe('正文新');
    await s.ensureSaved();
    expect(calls).toEqual(['get', 'save@1']);
    expect(s.getState().draft?.revision).toBe(2);
    s.dispose();
  });

  it('ensureSaved refuses when the save fails, and open() then keeps the current draft', async () => {
    const { api, calls } = fakeApi({
      'drafts.save': async () => {
        throw new ApiError('internal', '磁盘已满');
      },
    });
    const s = new DraftSession(api);
    await s.open('d1');
    Transforms.insertText(s.editor, '改', { at: { path: [0, 0], offset: 0 } });
    await expect(s.ensureSaved()).rejects.toMatchObject({ code: 'conflict' });
    const key = s.getState().loadKey;
    await expect(s.open('d1')).rejects.toMatchObject({ code: 'conflict' });
    expect(s.getState().loadKey).toBe(key);
    expect(calls.filter((c) => c === 'get')).toHaveLength(1);
    s.dispose();
  });
});

describe('LiveReuseCheck', () => {
  const result = { passages: [], states: [], ratio: 0.1 } as unknown as ReuseCheckResult;
  const plain = (t: string) => docToText({ blocks: [para(t)] });

  function setup(isComposing = () => false) {
    const sent: string[] = [];
    const answers: ((r: ReuseCheckResult) => void)[] = [];
    const api = {
      'reuse.check': ({ text }: { text: string }) => {
        sent.push(text);
        return new Promise<ReuseCheckResult>((r) => answers.push(r));
      },
    } as unknown as Api;
    const states: Partial<ReuseState>[] = [];
    const live = new LiveReuseCheck({ api, isComposing, store: { set: (p) => states.push(p), get: () => ({}) } });
    return { live, sent, states, answers, answer: (r: ReuseCheckResult) => answers.at(-1)!(r) };
  }

  it('checks once after edits pause, with the latest text', async () => {
    const { live, sent, states, answer } = setup();
    live.schedule('d1', plain('一'));
    await vi.advanceTimersByTimeAsync(CHECK_DELAY_MS - 10);
    live.schedule('d1', plain('一二'));
    await vi.advanceTimersByTimeAsync(CHECK_DELAY_MS - 10);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toEqual(['一二']);
    answer(result);
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toMatchObject({ status: 'done', draftId: 'd1', result });
  });

  it('never checks during an IME composition; checks once it is over', async () => {
    let composing = true;
    const { live, sent } = setup(() => composing);
    live.schedule('d1', plain('中'));
    await vi.advanceTimersByTimeAsync(CHECK_DELAY_MS + COMPOSING_RETRY_MS * 3);
    expect(sent).toEqual([]);
    composing = false;
    await vi.advanceTimersByTimeAsync(COMPOSING_RETRY_MS);
    expect(sent).toEqual(['中']);
  });

  it('drops an answer that arrives after a newer check started', async () => {
    const { live, states, answers } = setup();
    live.schedule('d1', plain('旧'));
    await vi.advanceTimersByTimeAsync(CHECK_DELAY_MS);
    live.schedule('d1', plain('新'));
    await vi.advanceTimersByTimeAsync(CHECK_DELAY_MS);
    expect(answers).toHaveLength(2);
    answers[0]({ ...result, ratio: 0.9 } as ReuseCheckResult);
    await vi.advanceTimersByTimeAsync(0);
    expect(states.filter((s) => s.status === 'done')).toEqual([]);
    answers[1](result);
    await vi.advanceTimersByTimeAsync(0);
    expect(states.filter((s) => s.status === 'done')).toEqual([expect.objectContaining({ result, plain: plain('新') })]);
    live.stop();
  });
});

describe('LibraryImporter', () => {
  const file = (name: string, size: number) => ({ name, size, base64: async () => Buffer.from(name).toString('base64') });
  const status = (over: Partial<ImportStatus>): ImportStatus => ({ jobId: 'j', state: 'running', totalFiles: 1, doneFiles: 0, totalBytes: 1, doneBytes: 0, imported: [], problems: [], duplicates: [], ...over });

  it('splits files into batches by size', () => {
    expect(batchesOf([{ size: 4 }, { size: 4 }, { size: 9 }, { size: 1 }], 8).map((b) => b.length)).toEqual([2, 1, 1]);
  });

  it('sends the batches one after another, polls each job until it ends, and sums the progress', async () => {
    const sent: string[][] = [];
    let polls = 0;
    const api = {
      'library.import': async ({ files }: { files: { name: string }[] }) => (sent.push(files.map((f) => f.name)), { jobId: `j${sent.length}` }),
      'library.importStatus': async ({ jobId }: { jobId: string }) =>
        ++polls % 2 === 1 ? status({ jobId, doneFiles: 0 }) : status({ jobId, state: 'done', doneFiles: sent.at(-1)!.length, doneBytes: 5, imported: [], message: '完成' }),
      'library.cancelImport': async () => ({}),
    } as unknown as Api;
    const imp = new LibraryImporter(api, { batchBytes: 10, pollMs: 250 });
    const done = imp.start([file('a.txt', 6), file('b.txt', 6), file('c.txt', 3)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([['a.txt']]);
    expect(imp.isRunning()).toBe(true);
    await vi.advanceTimersByTimeAsync(250);
    await vi.advanceTimersByTimeAsync(250);
    const final = await done;
    expect(sent).toEqual([['a.txt'], ['b.txt', 'c.txt']]);
    expect(final).toMatchObject({ state: 'done', totalFiles: 3, doneFiles: 3, message: '已导入 0 篇（分 2 批）' });
  });

  it('refuses a file larger than a batch before sending anything', async () => {
    const api = { 'library.import': vi.fn() } as unknown as Api;
    await expect(new LibraryImporter(api, { batchBytes: 10 }).start([file('big.txt', 11)])).rejects.toMatchObject({ code: 'too-large' });
    expect(api['library.import']).not.toHaveBeenCalled();
  });
});
