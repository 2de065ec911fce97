import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/contract/define';
import { createApi, httpTransport } from '../../src/renderer/api/client';

describe('renderer API client', () => {
  it('returns the value of a successful call and passes method and input through', async () => {
    const calls: [string, unknown][] = [];
    const api = createApi(async (m, i) => {
      calls.push([m, i]);
      return { ok: true, value: { id: 'd1', name: '讲话' } };
    });
    await expect(api['drafts.rename']({ id: 'd1', name: '讲话' })).resolves.toEqual({ id: 'd1', name: '讲话' });
    expect(calls).toEqual([['drafts.rename', { id: 'd1', name: '讲话' }]]);
  });

  it('throws an ApiError with the code and Chinese message of a failure', async () => {
    const api = createApi(async () => ({ ok: false, error: { code: 'not-found', message: '找不到文稿：x', detail: 'ENOENT' } }));
    const err = await api['drafts.get']({ id: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'not-found', message: '找不到文稿：x', detail: 'ENOENT' });
  });

  it('is not mistaken for a promise (no `then`)', async () => {
    const api = createApi(async () => ({ ok: true, value: 1 }));
    expect((api as unknown as { then?: unknown }).then).toBeUndefined();
    await expect(Promise.resolve(api)).resolves.toBe(api);
  });

  it('http transport: posts JSON with the token header; a dead bridge becomes a Chinese error', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ ok: true, value: [] }), { headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    try {
      const r = await httpTransport('http://127.0.0.1:1', 'tok')('drafts.list', {});
      expect(r).toEqual({ ok: true, value: [] });
      expect(seen[0].url).toBe('http://127.0.0.1:1/api/drafts.list');
      expect(seen[0].init.method).toBe('POST');
      expect((seen[0].init.headers as Record<string, string>)['X-SpeechDraft-Token']).toBe('tok');
      expect(seen[0].init.body).toBe('{}');
      globalThis.fetch = (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch;
      const dead = await httpTransport('http://127.0.0.1:1', 'tok')('drafts.list', {});
      expect(dead).toMatchObject({ ok: false, error: { code: 'internal', message: '无法连接本地服务（服务可能已停止）' } });
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
