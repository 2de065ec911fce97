// The worker thread of offload.ts: services of its own over the same workspace; answers
// { id, method, input } with { id, result } through the one dispatch() — or, for the bridge,
// { id, method, body } (the chunks of the UTF-8 bytes of the request's JSON) with { id, json } (the
// serialised result's bytes); both are moved between the threads, not copied.
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { movable, type WorkerReply, type WorkerRequest } from './offload';
import { dispatch, type DispatchResult } from '../contract/dispatch';
import { createServices, type Services } from '../services/index';
import type { OutgoingFile } from '../services/docx/outbox';

const { workspaceDir } = workerData as { workspaceDir: string };
/** Methods whose answer names a file in this thread's outbox: the file goes back with the answer. */
const EXPORTS = new Set(['export.docx']);
// Heavy work yields the processor to the thread that answers the UI. On Linux a nice value belongs to the
// thread (setpriority of pid 0 is the calling thread): only this worker is lowered. Elsewhere it would lower
// the whole app, so it is left as it is.
if (process.platform === 'linux') {
  try {
    os.setPriority(0, Math.min(19, os.getPriority(0) + 10));
  } catch {
    // not permitted: run at the app's priority
  }
}
let services: Promise<Services> | null = null;

async function answer(msg: WorkerRequest): Promise<{ result: DispatchResult; file?: OutgoingFile }> {
  let input = msg.input;
  const text = msg.body ? Buffer.concat(msg.body).toString('utf8') : '';
  if (text.trim() !== '') {
    try {
      input = JSON.parse(text);
    } catch {
      return { result: { ok: false, error: { code: 'invalid-input', message: '请求内容不是有效的 JSON' } } };
    }
  }
  const s = await (services ??= createServices(workspaceDir));
  const result = await dispatch(s.handlers, msg.method, input ?? {}, s.dispatchOptions);
  if (!result.ok || !EXPORTS.has(msg.method)) return { result };
  const file = s.ctx.exports.take((result.value as { fileId: string }).fileId);
  return file ? { result, file } : { result: { ok: false, error: { code: 'internal', message: '内部错误：导出的文件不见了' } } };
}

const reply = (r: WorkerReply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(r, transfer);

parentPort!.on('message', (msg: WorkerRequest) => {
  void answer(msg)
    .catch((err: unknown) => ({ result: { ok: false, error: { code: 'internal', message: `内部错误：${(err as Error)?.message ?? String(err)}` } } as DispatchResult, file: undefined }))
    .then(({ result, file }) => {
      if (file) {
        const bytes = movable(file.bytes);
        return reply({ id: msg.id, result, file: { ...file, bytes } }, [bytes.buffer]);
      }
      if (msg.body === undefined) return reply({ id: msg.id, result });
      const json = movable(Buffer.from(JSON.stringify(result), 'utf8'));
      reply({ id: msg.id, json }, [json.buffer]);
    });
});
