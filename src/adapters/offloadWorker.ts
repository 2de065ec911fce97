// The worker thread of offload.ts: services of its own over the same workspace; answers
// { id, method, input } with { id, result } through the one dispatch() — or, for the bridge,
// { id, method, body } (the JSON text of the request) with { id, json } (the serialised result).
import { parentPort, workerData } from 'node:worker_threads';
import { dispatch, type DispatchResult } from '../contract/dispatch';
import { createServices, type Services } from '../services/index';

const { workspaceDir } = workerData as { workspaceDir: string };
let services: Promise<Services> | null = null;

async function answer(msg: { method: string; input?: unknown; body?: string }): Promise<DispatchResult> {
  let input = msg.input;
  if (msg.body !== undefined && msg.body.trim() !== '') {
    try {
      input = JSON.parse(msg.body);
    } catch {
      return { ok: false, error: { code: 'invalid-input', message: '请求内容不是有效的 JSON' } };
    }
  }
  const s = await (services ??= createServices(workspaceDir));
  return dispatch(s.handlers, msg.method, input ?? {}, s.dispatchOptions);
}

parentPort!.on('message', (msg: { id: number; method: string; input?: unknown; body?: string }) => {
  void answer(msg)
    .catch((err: unknown): DispatchResult => ({ ok: false, error: { code: 'internal', message: `内部错误：${(err as Error)?.message ?? String(err)}` } }))
    .then((result) => parentPort!.postMessage(msg.body !== undefined ? { id: msg.id, json: JSON.stringify(result) } : { id: msg.id, result }));
});
