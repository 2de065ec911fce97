// Shared by both ways of serving the built renderer (the Electron app:// protocol and the loopback bridge):
// the content-type table and the path check that keeps every request inside the renderer folder.
import path from 'node:path';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Content-Type for a file name (by extension), application/octet-stream when unknown. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticPath = { ok: true; file: string } | { ok: false; reason: 'bad-path' | 'outside' };

/**
 * Maps a URL pathname (still percent-encoded) to an absolute file inside `root`: '/' is index.html;
 * undecodable, NUL-containing (and with `rejectBackslash`, backslash-containing) paths are 'bad-path';
 * anything that resolves outside `root` is 'outside'.
 */
export function resolveStaticPath(root: string, pathname: string, opts: { rejectBackslash?: boolean } = {}): StaticPath {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return { ok: false, reason: 'bad-path' };
  }
  if (rel.includes('\0') || (opts.rejectBackslash && rel.includes('\\'))) return { ok: false, reason: 'bad-path' };
  if (rel === '/' || rel === '') rel = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, '.' + path.posix.normalize(rel));
  if (file !== base && !file.startsWith(base + path.sep)) return { ok: false, reason: 'outside' };
  return { ok: true, file };
}
