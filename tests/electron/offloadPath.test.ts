// Where the packaged app finds its offload worker: next to main.cjs, but outside app.asar (a worker thread
// cannot load its script from an archive; electron-builder.yml unpacks it to app.asar.unpacked).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultStartOptions, offloadWorkerPath } from '../../electron/app';

describe('offloadWorkerPath', () => {
  const seen: string[] = [];
  const exists = (f: string) => (seen.push(f), true);

  it('inside app.asar: the unpacked copy next to the archive', () => {
    const dir = path.join('/opt', 'SpeechDraft', 'resources', 'app.asar', 'dist-electron');
    expect(offloadWorkerPath(dir, exists)).toBe(path.join('/opt', 'SpeechDraft', 'resources', 'app.asar.unpacked', 'dist-electron', 'offloadWorker.cjs'));
    expect(offloadWorkerPath('C:\\Program Files\\SpeechDraft\\resources\\app.asar\\dist-electron', exists)).toContain('app.asar.unpacked');
  });

  it('a development build (npm start): dist-electron itself; a folder merely named like an archive is left alone', () => {
    expect(offloadWorkerPath('/work/app/dist-electron', exists)).toBe(path.join('/work/app/dist-electron', 'offloadWorker.cjs'));
    expect(offloadWorkerPath('/work/app.asarx/dist-electron', exists)).toBe(path.join('/work/app.asarx/dist-electron', 'offloadWorker.cjs'));
  });

  it('no worker file: null, and the app answers every method on its own thread', () => {
    expect(offloadWorkerPath('/nowhere/dist-electron', () => false)).toBeNull();
    expect(defaultStartOptions('/nowhere/dist-electron').offloadWorker).toBeNull();
  });
});
