// Serves the built renderer (dist/renderer) on app://speechdraft/ — only files whose real path is inside that
// folder (symlinks out of it are refused), only GET/HEAD, with the shared security headers. The file server
// is the bridge's (src/adapters/static.ts). Pure Node + WHATWG Response, so tests call it directly.
import { readStaticFile, resolveStaticPath } from '../src/adapters/static';
import { SECURITY_HEADERS } from '../src/contract/transport';
import { APP_HOST } from './config';

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } });
}

function pathnameOf(requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  return url.host === APP_HOST ? url.pathname : null;
}

export function resolveRendererFile(rendererDir: string, requestUrl: string): string | null {
  const pathname = pathnameOf(requestUrl);
  if (pathname === null) return null;
  const resolved = resolveStaticPath(rendererDir, pathname);
  return resolved.ok ? resolved.file : null;
}

export async function serveRenderer(request: Pick<Request, 'url' | 'method'>, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
  const pathname = pathnameOf(request.url);
  if (pathname === null) return plain(404, 'not found');
  const r = await readStaticFile(rendererDir, pathname);
  // Outside the folder (by path or through a symlink), missing or not a regular file: all simply not found.
  if (!r.ok) return plain(404, 'not found');
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(r.body), {
    status: 200,
    headers: { 'Content-Type': r.contentType, 'Cache-Control': 'no-cache', ...SECURITY_HEADERS },
  });
}
