import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/contract/define';
import type { Api } from '../../src/contract/index';
import type { DraftMeta } from '../../src/contract/drafts';
import type { SpeechDoc } from '../../src/core/model/types';
import { Autosaver } from '../../src/renderer/editor/autosave';

const doc = (text: string): SpeechDoc => ({ blocks: [{ type: 'paragraph', children: [{ text }] }] });

/** A fake drafts service with a controllable save. */
function fakeApi() {
  const state = {
    revision: 1,
    saved: [] as { doc: SpeechDoc; baseRevision?: number }[],
    renamed: [] as string[],
    gate: null as Promise<void> | null,
    fail: null as ApiError | null,
    /** Called as a save reaches the service (before the gate). */
    onSave: null as (() => void) | null,
  };
  const meta = (): DraftMeta => ({ id: 'd1', name: '未命名文稿', createdAt: '', updatedAt: '', revision: state.revision, charCount: 0 });
  const api = {
    'drafts.save': async ({ doc: d, baseRevision }: { doc: SpeechDoc; baseRevision?: number }) => {
      state.onSave?.();
      if (state.gate) await state.gate;
      if (state.fail) throw state.fail;
      if (baseRevision !== undefined && baseRevision !== state.revision) throw new ApiError('conflict', '冲突');
      state.saved.push({ doc: JSON.parse(JSON.stringify(d)), baseRevision });
      state.revision++;
      return meta();
    },
    'drafts.rename': async ({ name }: { name: string }) => {
      state.renamed.push(name);
      state.revision++;
      return { ...meta(), name };
    },
  } as unknown as Api;
  return { api, state };
}

describe('Autosaver', () => {
  it('saves after typing stops, with the base revision, and reports 已保存', async () => {
    vi.useFakeTimers();
    try {
      const { api, state } = fakeApi();
      let current = doc('一');
      const a = new Autosaver(api, () => current, 1000);
      a.attach('d1', 1);
      a.markDirty();
      await vi.advanceTimersByTimeAsync(600);
      current = doc('一二');
      a.markDirty(); // typing again restarts the wait
      expect(a.getStatus().state).toBe('dirty');
      await vi.advanceTimersByTimeAsync(900);
      expect(state.saved).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(200);
      expect(state.saved).toEqual([{ doc: doc('一二'), baseRevision: 1 }]);
      expect(a.getStatus().state).toBe('saved');
      expect(a.currentRevision).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never loses text typed while a save is in flight', async () => {
    const { api, state } = fakeApi();
    let current = doc('甲');
    const a = new Autosaver(api, () => current, 10);
    a.attach('d1', 1);
    let open!: () => void;
    state.gate = new Promise((r) => (open = r));
    const inFlight = new Promise<void>((r) => (state.onSave = r));
    a.markDirty();
    const first = a.flush();
    await inFlight;
    expect(a.getStatus().state).toBe('saving');
    current = doc('甲乙');
    a.markDirty();
    state.gate = null;
    open();
    await first;
    await a.flush();
    expect(state.saved.map((s) => s.doc)).toEqual([doc('甲'), doc('甲乙')]);
    expect(state.saved[1].baseRevision).toBe(2);
    expect(a.isDirty()).toBe(false);
    expect(a.getStatus().state).toBe('saved');
  });

  it('stops on a conflict (保存失败) until the writer chooses to overwrite', async () => {
    vi.useFakeTimers();
    try {
      const { api, state } = fakeApi();
      const a = new Autosaver(api, () => doc('稿'), 10);
      a.attach('d1', 1);
      state.revision = 5; // saved elsewhere meanwhile
      a.markDirty();
      await a.flush();
      expect(a.getStatus().state).toBe('conflict');
      expect(state.saved).toHaveLength(0);
      a.markDirty();
      await vi.advanceTimersByTimeAsync(40); // four autosave delays: none saves over the conflict
      expect(state.saved).toHaveLength(0);
      expect(a.isDirty()).toBe(true);
      await a.flush({ force: true });
      expect(state.saved).toEqual([{ doc: doc('稿'), baseRevision: undefined }]);
      expect(a.getStatus().state).toBe('saved');
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the text dirty after a failed save', async () => {
    const { api, state } = fakeApi();
    const a = new Autosaver(api, () => doc('稿'), 10);
    a.attach('d1', 1);
    state.fail = new ApiError('internal', '磁盘已满');
    a.markDirty();
    await a.flush();
    expect(a.getStatus()).toMatchObject({ state: 'error', message: '磁盘已满' });
    expect(a.isDirty()).toBe(true);
    state.fail = null;
    state.revision = 7; // saved elsewhere while the disk was failing
    // A forced save after an error is a retry with the base revision, never a blind overwrite.
    await a.flush({ force: true });
    expect(a.getStatus().state).toBe('conflict');
    expect(state.saved).toHaveLength(0);
    await a.flush({ force: true });
    expect(a.getStatus().state).toBe('saved');
    expect(state.saved).toEqual([{ doc: doc('稿'), baseRevision: undefined }]);
    a.dispose();
  });

  it('saves in one call and reports the name the service gave (a new draft is named after its title there)', async () => {
    const { api, state } = fakeApi();
    const seen: string[] = [];
    const a = new Autosaver(api, () => doc('正文'), 10, (meta) => seen.push(meta.name));
    a.attach('d1', 1);
    a.markDirty();
    await a.flush();
    a.markDirty();
    await a.flush();
    expect(state.saved.map((x) => x.baseRevision)).toEqual([1, 2]);
    expect(state.renamed).toEqual([]);
    expect(seen).toEqual(['未命名文稿', '未命名文稿']);
    expect(a.getStatus().state).toBe('saved');
  });
});
