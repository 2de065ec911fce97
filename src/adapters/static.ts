// Shared by both ways of serving the built renderer (the Electron app:// protocol and the loopback bridge):
// the content-type table and the path check that keeps every request inside the renderer folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readRegularFile } from '../services/workspace/safeRead';

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

export type StaticFile =
  | { ok: true; file: string; body: Buffer; contentType: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

/** Renderer files are small; anything larger is not one of ours. */
const MAX_STATIC_BYTES = 64 * 1024 * 1024;

/**
 * The one renderer file server behind app:// (Electron) and the bridge: maps the pathname into `root`,
 * resolves symlinks and refuses anything whose real path is outside the real `root` (403), reads only a
 * bounded regular file (a FIFO or device is 404, never waited on).
 */
export async function readStaticFile(root: string, pathname: string, opts: { rejectBackslash?: boolean } = {}): Promise<StaticFile> {
  const resolved = resolveStaticPath(root, pathname, opts);
  if (!resolved.ok) return resolved.reason === 'bad-path' ? { ok: false, status: 400, reason: 'bad path' } : { ok: false, status: 403, reason: 'outside' };
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([fs.realpath(resolved.file), fs.realpath(root)]);
  } catch {
    return { ok: false, status: 404, reason: 'not found' };
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return { ok: false, status: 403, reason: 'outside (symlink)' };
  try {
    const body = await readRegularFile(real, MAX_STATIC_BYTES);
    return { ok: true, file: resolved.file, body, contentType: contentTypeFor(resolved.file) };
  } catch {
    return { ok: false, status: 404, reason: 'not a readable file' };
  }
}
