// The loopback bridge for browser mode: serves the built renderer and answers POST /api/<method> through
// the same dispatch() the Electron adapter uses. Only this machine and only pages it served can talk to it:
// bound to 127.0.0.1, a per-run secret token on every API request (injected into index.html),
// Host must name the bridge itself (DNS rebinding), a present Origin must be the bridge's own origin.
import http from 'node:http';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../../contract/define';
import { dispatch, type DispatchOptions, type DispatchResult } from '../../contract/dispatch';
import type { Offloaded } from '../offload';
import type { Handlers } from '../../contract/index';
import { readStaticFile } from '../static';
import { CSP, SECURITY_HEADERS, TOKEN_HEADER as TRANSPORT_TOKEN_HEADER, TOKEN_META } from '../../contract/transport';

export interface BridgeOptions {
  handlers: Partial<Handlers>;
  /** Named errors and the internal-error log (Services.dispatchOptions); internal errors never carry a stack. */
  dispatchOptions?: DispatchOptions;
  /** Heavy methods answered in a worker (adapters/offload.ts): their bodies are parsed there, not here. */
  offload?: Offloaded;
  /** Folder of the built renderer (dist/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
  /** Defaults to 32 random bytes, hex. */
  token?: string;
  /** Largest accepted request body in bytes (default 210 MB: a 200 MB base64 payload plus JSON). */
  maxBodyBytes?: number;
  /** Exported files served once at GET /download/<id> (the services' outbox; ids are random and single use). */
  downloads?: (id: string) => { name: string; bytes: Uint8Array; type: string } | null;
}

export interface Bridge {
  url: string;
  token: string;
  port: number;
  /** How many large bodies are being read now (tests await the limit being reached instead of sleeping). */
  largeBodiesInFlight(): number;
  close(): Promise<void>;
}

/** Lower-case: Node gives request headers lower-cased. */
export const TOKEN_HEADER = TRANSPORT_TOKEN_HEADER.toLowerCase();
const DEFAULT_MAX_BODY = 210 * 1024 * 1024;
/** Bodies over this size count as large; only MAX_LARGE_BODIES of them are read at once. */
const LARGE_BODY_BYTES = 8 * 1024 * 1024;
const MAX_LARGE_BODIES = 2;

export { CSP };

/** Headers of every bridge response (API and files); renderer files add SECURITY_HEADERS. */
const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

function tokensEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  if (ab.length !== bb.length) {
    timingSafeEqual(bb, bb);
    return false;
  }
  return timingSafeEqual(ab, bb);
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function sendJson(res: http.ServerResponse, status: number, body: DispatchResult): void {
  const data = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': data.length });
  res.end(data);
}

/** Slices of a large answer: the socket takes one at a time, so other requests are answered in between. */
const SEND_SLICE_BYTES = 256 * 1024;

/** Send `data` (a serialised JSON answer) in slices, waiting for the socket to drain between them. */
async function sendBytes(res: http.ServerResponse, data: Uint8Array): Promise<void> {
  res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': data.byteLength });
  for (let off = 0; off < data.byteLength && !res.destroyed; off += SEND_SLICE_BYTES) {
    if (res.write(data.subarray(off, off + SEND_SLICE_BYTES))) continue;
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
  res.end();
}

function fail(res: http.ServerResponse, status: number, code: 'forbidden' | 'too-large' | 'invalid-input' | 'not-found' | 'internal', message: string): void {
  // A refusal before the body was read closes the connection: nobody keeps it open by trickling a body.
  const req = res.req;
  if (status >= 400 && req && !req.readableEnded) {
    res.setHeader('Connection', 'close');
    res.on('finish', () => req.destroy());
  }
  sendJson(res, status, { ok: false, error: { code, message } });
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const host = opts.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') throw new Error(`the bridge binds to loopback only, not ${host}`);
  const token = opts.token ?? randomBytes(32).toString('hex');
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const staticRoot = path.resolve(opts.staticDir);
  let port = 0;
  let largeInFlight = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const ownOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...COMMON_HEADERS, Allow: 'GET, HEAD' }).end();
      return;
    }
    const r = await readStaticFile(staticRoot, pathname, { rejectBackslash: true });
    if (!r.ok) {
      if (r.status === 400) res.writeHead(400, COMMON_HEADERS).end('bad path');
      else if (r.status === 403) res.writeHead(403, COMMON_HEADERS).end('forbidden');
      else res.writeHead(404, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const file = r.file;
    let data = r.body;
    const ext = path.extname(file).toLowerCase();
    const headers: Record<string, string | number> = { ...COMMON_HEADERS, ...SECURITY_HEADERS, 'Content-Type': r.contentType };
    if (ext === '.html') {
      const html = data
        .toString('utf8')
        .replace(new RegExp(`<meta name="${TOKEN_META}"[^>]*>\\s*`, 'g'), '')
        .replace(/<head>/i, `<head>\n    <meta name="${TOKEN_META}" content="${escapeAttr(token)}" />`);
      data = Buffer.from(html, 'utf8');
    }
    headers['Content-Length'] = data.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : data);
  }

  /** An exported file, once: the id (from export.docx) is the capability; no token (a link cannot send one). */
  function serveDownload(res: http.ServerResponse, id: string): void {
    const file = /^[0-9a-f]{32}$/.test(id) ? opts.downloads?.(id) : null;
    if (!file) return fail(res, 404, 'not-found', '导出的文件已失效，请重新导出');
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': file.type,
      'Content-Length': String(file.bytes.length),
      'Content-Disposition': `attachment; filename="download.docx"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
    res.end(Buffer.from(file.bytes));
  }

  async function serveApi(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
    const sent = req.headers[TOKEN_HEADER];
    if (typeof sent !== 'string' || !tokensEqual(sent, token)) return fail(res, 403, 'forbidden', '拒绝访问：缺少或错误的访问令牌');
    if (req.method !== 'POST') return fail(res, 405, 'invalid-input', '只接受 POST 请求');
    const ctype = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(ctype)) return fail(res, 415, 'invalid-input', '请求必须是 JSON (application/json)');
    const method = decodeURIComponentSafe(pathname.slice('/api/'.length));
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      res.setHeader('Connection', 'close');
      res.on('finish', () => req.destroy());
      return fail(res, 413, 'too-large', `请求过大（超过 ${Math.round(maxBody / 1024 / 1024)} MB）`);
    }
    // At most MAX_LARGE_BODIES large bodies are read at once (each costs a few times its size in memory).
    let large = false;
    const claimLarge = () => {
      if (large) return true;
      if (largeInFlight >= MAX_LARGE_BODIES) return false;
      largeInFlight++;
      large = true;
      return true;
    };
    if (declared > LARGE_BODY_BYTES && !claimLarge()) return busy(req, res);
    try {
      return await readAndDispatch(req, res, method, () => claimLarge());
    } finally {
      if (large) largeInFlight--;
    }
  }

  function busy(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.setHeader('Connection', 'close');
    res.setHeader('Retry-After', '5');
    res.on('finish', () => req.destroy());
    fail(res, 503, 'too-large', '正在接收其他大文件，请稍后再试 (too many large requests at once)');
  }

  async function readAndDispatch(req: http.IncomingMessage, res: http.ServerResponse, method: string, claimLarge: () => boolean): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    let refusedLarge = false;
    const complete = await new Promise<boolean>((resolve, reject) => {
      const onData = (c: Buffer) => {
        size += c.length;
        if (size > LARGE_BODY_BYTES && size - c.length <= LARGE_BODY_BYTES && !claimLarge()) {
          refusedLarge = true;
          req.off('data', onData);
          resolve(false);
          return;
        }
        if (size > maxBody) {
          req.off('data', onData);
          req.resume();
          resolve(false);
          return;
        }
        chunks.push(c);
      };
      req.on('data', onData);
      req.on('end', () => resolve(true));
      req.on('error', reject);
      req.on('close', () => resolve(false));
    });
    if (refusedLarge) return busy(req, res);
    if (req.destroyed && !complete) return;
    if (!complete) {
      res.setHeader('Connection', 'close');
      res.on('finish', () => req.destroy());
      return fail(res, 413, 'too-large', `请求过大（超过 ${Math.round(maxBody / 1024 / 1024)} MB）`);
    }
    let input: unknown = {};
    if (opts.offload?.handles(method)) {
      // The chunks go to the worker as the socket gave them (joined, decoded and parsed there: joining 28 MB
      // here would hold this thread for tens of ms); the answer comes back as bytes.
      const data = await opts.offload.runRaw(method, chunks).catch((err: unknown) => Buffer.from(JSON.stringify({ ok: false, error: ApiError.from(err).toJSON() }), 'utf8'));
      await sendBytes(res, data);
      return;
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    if (raw.trim() !== '') {
      try {
        input = JSON.parse(raw);
      } catch {
        return fail(res, 400, 'invalid-input', '请求内容不是有效的 JSON');
      }
    }
    const result = await dispatch(opts.handlers, method, input, opts.dispatchOptions);
    sendJson(res, 200, result);
  }

  // A request (headers and body) must arrive within 2 minutes (a 200 MB body over loopback takes seconds),
  // its headers within 10 s (checked every 2 s); idle keep-alive connections close after 5 s.
  const server = http.createServer({ requestTimeout: 120_000, headersTimeout: 10_000, connectionsCheckingInterval: 2_000, keepAliveTimeout: 5_000, maxHeaderSize: 32 * 1024 }, (req, res) => {
    void (async () => {
      // DNS rebinding: the Host header must name this bridge.
      if (!req.headers.host || !allowedHosts().has(req.headers.host.toLowerCase())) return fail(res, 403, 'forbidden', '拒绝访问：主机名不符');
      const origin = req.headers.origin;
      if (origin !== undefined && !ownOrigins().has(origin.toLowerCase())) return fail(res, 403, 'forbidden', '拒绝访问：来源不符');
      // Browsers send Sec-Fetch-Site; anything cross-site is refused even without an Origin.
      const site = req.headers['sec-fetch-site'];
      if (site === 'cross-site' || site === 'same-site') return fail(res, 403, 'forbidden', '拒绝访问：跨站请求');
      const pathname = (req.url ?? '/').split('?')[0];
      if (pathname.startsWith('/api/')) return serveApi(req, res, pathname);
      if (pathname.startsWith('/download/')) return serveDownload(res, pathname.slice('/download/'.length));
      return serveStatic(req, res, pathname);
    })().catch((err) => {
      if (!res.headersSent) fail(res, 500, 'internal', `内部错误：${(err as Error).message}`);
      else res.destroy();
    });
  });
  server.maxHeadersCount = 100;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('bridge: no address');
  port = addr.port;
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    port,
    largeBodiesInFlight: () => largeInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
