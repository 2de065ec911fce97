// The renderer's typed API client. In Electron it calls the preload's `window.speechdraft.invoke`;
// in a browser it POSTs JSON to the loopback bridge (`/api/<method>`) with the per-run token.
import { ApiError, type SerializedApiError } from '../../contract/define';
import type { Api } from '../../contract/index';
import { TOKEN_HEADER, TOKEN_META, type InvokeResult } from './types';

export type Transport = (method: string, input: unknown) => Promise<InvokeResult>;

function bridgeToken(): string {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`);
  return meta?.content ?? '';
}

/** Browser transport: POST /api/<method> with the JSON input; the answer is the dispatch result. */
export function httpTransport(baseUrl = '', token: string = bridgeToken()): Transport {
  return async (method, input) => {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      });
    } catch (err) {
      return { ok: false, error: { code: 'internal', message: '无法连接本地服务（服务可能已停止）', detail: String(err) } };
    }
    try {
      return (await res.json()) as InvokeResult;
    } catch {
      return { ok: false, error: { code: 'internal', message: `本地服务返回了无效的应答（HTTP ${res.status}）` } };
    }
  };
}

export function defaultTransport(): Transport {
  const bridge = typeof window !== 'undefined' ? window.speechdraft : undefined;
  if (bridge && typeof bridge.invoke === 'function') return (m, i) => bridge.invoke(m, i);
  return httpTransport();
}

/** A typed `Api` whose methods throw `ApiError` (Chinese message) on failure. */
export function createApi(transport: Transport = defaultTransport()): Api {
  const cache = new Map<string, (input: unknown) => Promise<unknown>>();
  return new Proxy({} as Api, {
    get(_target, prop) {
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      let fn = cache.get(prop);
      if (!fn) {
        fn = async (input: unknown) => {
          const r = await transport(prop, input ?? {});
          if (r && r.ok === true) return r.value;
          const e: SerializedApiError = r && r.ok === false && r.error ? r.error : { code: 'internal', message: '未知错误' };
          throw ApiError.fromJSON(e);
        };
        cache.set(prop, fn);
      }
      return fn;
    },
  });
}
