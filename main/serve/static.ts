// Serves the built renderer to either host as web-standard Responses: Electron's app:// protocol
// handler returns them as they are, the browser shell pipes them to Node's http response.
// Only files under the root are served (path.relative check, not startsWith), GET only.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { Readable } from 'node:stream';

/** Strict CSP sent as a response header (a meta tag cannot carry frame-ancestors).
 *  'wasm-unsafe-eval' is for pdf.js's WebAssembly image decoders; nothing needs 'unsafe-eval'. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self' data:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.icc': 'application/octet-stream',
};

export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/** Resolves a URL path inside root, or null when it would escape it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const target = resolve(root, '.' + (decoded.startsWith('/') ? decoded : `/${decoded}`));
  const rel = relative(root, target);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..'))) return target;
  return null;
}

export interface StaticOptions {
  /** Rewrites index.html before it is sent (the browser shell adds its bridge script). */
  transformIndex?: (html: string) => string;
}

export async function serveStatic(root: string, method: string, urlPath: string, options: StaticOptions = {}): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return new Response('method not allowed', { status: 405 });
  const wantsIndex = urlPath === '/' || urlPath === '' || urlPath === '/index.html';
  const file = resolveInside(root, wantsIndex ? '/index.html' : urlPath);
  if (!file) return new Response('not found', { status: 404 });
  let info;
  try {
    info = await stat(file);
  } catch {
    return new Response('not found', { status: 404 });
  }
  if (!info.isFile()) return new Response('not found', { status: 404 });
  const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers = securityHeaders(type);
  if (file === join(root, 'index.html')) {
    let html = await readFile(file, 'utf8');
    if (options.transformIndex) html = options.transformIndex(html);
    return new Response(method === 'HEAD' ? null : html, { status: 200, headers: { ...headers, 'cache-control': 'no-store' } });
  }
  headers['content-length'] = String(info.size);
  headers['cache-control'] = urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  const body = method === 'HEAD' ? null : (Readable.toWeb(createReadStream(file)) as ReadableStream);
  return new Response(body, { status: 200, headers });
}
