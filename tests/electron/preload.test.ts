// The preload against a fake `electron` module: it exposes exactly one small object, forwards invoke to
// the one channel, and lets only known menu commands through.
import { beforeAll, describe, expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
const ipcRenderer = {
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'pong' })),
  on: vi.fn((ch: string, l: (...args: unknown[]) => void) => {
    if (!listeners.has(ch)) listeners.set(ch, new Set());
    listeners.get(ch)!.add(l);
  }),
  removeListener: vi.fn((ch: string, l: (...args: unknown[]) => void) => listeners.get(ch)?.delete(l)),
};

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer,
}));

interface Bridge {
  platform: string;
  invoke(method: unknown, input: unknown): Promise<unknown>;
  onMenuCommand(cb: (c: string) => void): () => void;
}

let bridge: Bridge;
beforeAll(async () => {
  await import('../../electron/preload');
  bridge = exposed.speechdraft as Bridge;
});

describe('preload', () => {
  it('exposes only window.speechdraft with platform, invoke and onMenuCommand', () => {
    expect(Object.keys(exposed)).toEqual(['speechdraft']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onMenuCommand', 'platform']);
    expect(bridge.platform).toBe('electron');
  });

  it('forwards invoke to the one channel and returns its answer', async () => {
    await expect(bridge.invoke('drafts.list', {})).resolves.toEqual({ ok: true, value: 'pong' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('speechdraft:invoke', 'drafts.list', {});
    await expect(bridge.invoke({ toString: () => 'x' }, {})).resolves.toMatchObject({ ok: false });
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(1);
  });

  it('delivers known menu commands only, without the IPC event, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = bridge.onMenuCommand((c) => got.push(c));
    const emit = (payload: unknown) => listeners.get('speechdraft:menu')!.forEach((l) => l({ sender: 'ipc-event' }, payload));
    emit('draft.save');
    emit('rm -rf');
    emit({ cmd: 'draft.new' });
    expect(got).toEqual(['draft.save']);
    off();
    emit('draft.new');
    expect(got).toEqual(['draft.save']);
    expect(listeners.get('speechdraft:menu')!.size).toBe(0);
  });
});
