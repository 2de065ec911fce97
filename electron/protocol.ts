// Serves the built renderer (dist/renderer) on app://speechdraft/ — only files inside that folder,
// only GET, with the CSP header. Pure Node + WHATWG Response, so tests call it directly.
import { promises as fs } from 'node:fs';
import { contentTypeFor, resolveStaticPath } from '../src/adapters/static';
import { APP_HOST, CSP } from './config';

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } });
}

export function resolveRendererFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST) return null;
  const resolved = resolveStaticPath(rendererDir, url.pathname);
  return resolved.ok ? resolved.file : null;
}

export async function serveRenderer(request: Pick<Request, 'url' | 'method'>, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
  const file = resolveRendererFile(rendererDir, request.url);
  if (!file) return plain(404, 'not found');
  let body: Buffer;
  try {
    body = await fs.readFile(file);
  } catch {
    return plain(404, 'not found');
  }
  const type = contentTypeFor(file);
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { 'Content-Type': type, 'Cache-Control': 'no-cache', ...SECURITY_HEADERS },
  });
}
