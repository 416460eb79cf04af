// The browser shell: hosts the same backend and handlers as the Electron app, serves the built
// renderer, and carries window.berkas over HTTP + server-sent events — for tests and for machines
// without the Electron binary. It binds to 127.0.0.1 only and trusts nothing else:
//  - every request needs the per-launch token, carried in an HttpOnly cookie (or a header for
//    scripts). The token itself is never in an address or on a command line (where `ps` and the
//    browser history show it): the printed address holds a one-time start code, traded on the
//    first visit for the cookie;
//  - a Host or Origin that is not exactly the address it serves is refused (no DNS rebinding, no CORS);
//  - the event stream and uploads need a logged-in, unlocked session, and the stream ends on lock
//    and logout; upload copies are deleted after their import and when the shell closes.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { build } from 'esbuild';
import type { ErrorValue } from '../../preload/contract.ts';
import { BackendClient } from '../host/backend-client.ts';
import { routeCall, type HostHandlers } from '../ipc/host-channels.ts';
import { appRoot } from '../kernel/version.ts';
import { serveDocument } from '../serve/document.ts';
import { securityHeaders, serveStatic } from '../serve/static.ts';

export interface BrowserShellOptions {
  archiveDir: string;
  port?: number;
  rendererDir?: string;
  /** Run the scheduled backups (the shell started by a user does; tests don't). */
  scheduleBackups?: boolean;
  /**
   * The file dialog of the computer the shell runs on, where it has one: answers with the paths
   * the person chose (empty when they cancelled). Without it there is no native picker and the page
   * offers a file input instead; tests give one to stand in for the person choosing in the OS dialog.
   */
  pick?: (kind: 'files' | 'folder') => Promise<string[]>;
}

export interface BrowserShell {
  /** The address to open first: it carries a one-time start code, not the token. */
  readonly url: string;
  /** A fresh one-time address (to open another window; the last one is used up). */
  startUrl(): string;
  readonly origin: string;
  readonly token: string;
  readonly port: number;
  readonly backend: BackendClient;
  close(): Promise<void>;
}

const MAX_JSON_BODY = 2 * 1024 * 1024;
const MAX_UPLOAD = 2 * 1024 * 1024 * 1024;
/** A start code is good for one visit within this time. */
const START_CODE_TTL_MS = 10 * 60 * 1000;

async function bridgeScript(): Promise<string> {
  const result = await build({
    entryPoints: [join(appRoot(), 'preload', 'browser-bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...securityHeaders('application/json; charset=utf-8'), 'cache-control': 'no-store' });
  res.end(text);
}

function refusal(code: 'unauthenticated' | 'forbidden', id: string, en: string): ErrorValue {
  return { code, message: { id, en } };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream), res);
}

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const rendererDir = options.rendererDir ?? join(appRoot(), 'out', 'renderer');
  const backend = new BackendClient({ archiveDir: options.archiveDir, host: 'browser-shell', documentUrlBase: '/documents/', scheduleBackups: options.scheduleBackups ?? false });
  await backend.ready;
  // What this host answers itself: restore as the desktop app does; the native picker only when one
  // was given (else the renderer offers a file input and uploads); no updater (it runs from a checkout).
  const hostHandlers: HostHandlers = {
    'backup.restore': ({ name, force }, sender) => backend.restore(name, force, sender),
    'dialog.pick': async ({ kind }) => {
      if (!options.pick) return null;
      const paths = await options.pick(kind);
      const registered = await backend.registerPicks(paths.map((path) => ({ path, kind: kind === 'folder' ? 'folder' : 'file' }) as const));
      return registered.ok ? registered.value : [];
    },
    'update.run': () => null,
    // A browser cannot hand a file to the system's programs: the page offers "Simpan salinan" instead.
    'document.openExternal': () => null,
  };
  const bridge = await bridgeScript();
  const uploads = await mkdtemp(join(tmpdir(), 'berkas-uploads-'));
  const token = randomBytes(24).toString('base64url');
  const startCodes = new Map<string, number>();
  const newStartCode = () => {
    const now = Date.now();
    for (const [code, expires] of startCodes) if (expires < now) startCodes.delete(code);
    const code = randomBytes(18).toString('base64url');
    startCodes.set(code, now + START_CODE_TTL_MS);
    return code;
  };
  const sseClients = new Set<ServerResponse>();
  // Lock and logout end every event stream; the page reconnects after the next login or unlock.
  backend.onSessions((open) => {
    if (open.length > 0) return;
    for (const client of sseClients) client.end();
    sseClients.clear();
  });
  backend.onEvent((event) => {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of sseClients) client.write(line);
  });

  let port = 0;
  let cookieName = 'berkas';
  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      // A viewer that cancels a range request it no longer needs is normal, not a failure.
      if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
      console.error('browser shell: request failed', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: { id: 'Kesalahan internal.', en: 'Internal error.' } } });
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = `http://127.0.0.1:${port}`;
    // DNS rebinding and cross-site requests: the Host must be the address we serve, and an Origin,
    // when a browser sends one, must be that same address.
    if (req.headers.host !== `127.0.0.1:${port}`) {
      sendJson(res, 403, { ok: false, error: refusal('forbidden', 'Host tidak diizinkan.', 'Host not allowed.') });
      return;
    }
    if (req.headers.origin !== undefined && req.headers.origin !== origin) {
      sendJson(res, 403, { ok: false, error: refusal('forbidden', 'Origin tidak diizinkan.', 'Origin not allowed.') });
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    const startCode = url.searchParams.get('start');
    if (startCode !== null && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      // First visit: trade the one-time code in the address bar for the token in a cookie, and
      // drop the code from the URL. A code works once; a used or stale one is refused.
      const expires = startCodes.get(startCode);
      startCodes.delete(startCode);
      if (expires !== undefined && expires >= Date.now()) {
        url.searchParams.delete('start');
        res.writeHead(302, {
          'set-cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          location: url.pathname + url.search,
          'cache-control': 'no-store',
        });
        res.end();
        return;
      }
    }
    const cookieToken = readCookie(req.headers.cookie, cookieName);
    const headerToken = typeof req.headers['x-berkas-token'] === 'string' ? req.headers['x-berkas-token'] : undefined;
    const presented = headerToken ?? cookieToken;
    if (!presented || !sameSecret(presented, token)) {
      sendJson(res, 401, {
        ok: false,
        error: refusal(
          'unauthenticated',
          'Kode masuk tidak ada, sudah dipakai, atau kedaluwarsa. Tekan Enter di jendela terminal shell untuk membuka Berkas dengan kode baru.',
          'The start code is missing, already used or expired. Press Enter in the shell\'s terminal window to open Berkas with a new code.',
        ),
      });
      return;
    }

    if (url.pathname.startsWith('/api/invoke/') && req.method === 'POST') {
      const channel = decodeURIComponent(url.pathname.slice('/api/invoke/'.length));
      let input: unknown;
      try {
        input = await readJson(req);
      } catch {
        sendJson(res, 400, { ok: false, error: { code: 'validation', message: { id: 'Isi permintaan bukan JSON yang valid.', en: 'The request body is not valid JSON.' } } });
        return;
      }
      const result = await routeCall(backend, hostHandlers, channel, input, { kind: 'browser-shell', tokenVerified: true });
      sendJson(res, 200, result);
      return;
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (!(await backend.sessionOpen())) {
        // 204 tells an EventSource to stop reconnecting (HTML spec); the bridge connects again
        // after the next login or unlock.
        res.writeHead(204, { 'cache-control': 'no-store' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (url.pathname === '/api/upload' && req.method === 'POST') {
      // A file chosen in the browser's file input: stored under a fresh folder with a sanitized
      // name and registered as a pick; the page gets a handle for import.start, never the path.
      // The copy is deleted after its import, when its handle expires, and when the shell closes.
      if (!(await backend.sessionOpen())) {
        req.resume();
        sendJson(res, 401, { ok: false, error: refusal('unauthenticated', 'Silakan masuk terlebih dahulu, lalu unggah lagi.', 'Please log in first, then upload again.') });
        return;
      }
      const name = basename(url.searchParams.get('name') ?? 'upload').replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200) || 'upload';
      const dir = join(uploads, randomBytes(8).toString('hex'));
      mkdirSync(dir);
      const target = join(dir, name);
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_UPLOAD) req.destroy(new Error('upload too large'));
      });
      try {
        await pipeline(req, createWriteStream(target, { mode: 0o600 }));
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      const registered = await backend.registerPicks([{ path: target, kind: 'file', cleanup: dir }]);
      if (!registered.ok) {
        await rm(dir, { recursive: true, force: true });
        sendJson(res, registered.error.code === 'unauthenticated' ? 401 : 500, registered);
        return;
      }
      sendJson(res, 200, { handle: registered.value[0] });
      return;
    }
    if (url.pathname.startsWith('/documents/')) {
      const document = await backend.resolveDocument(url.pathname.slice('/documents/'.length));
      if (!document) {
        sendJson(res, 404, { ok: false, error: { code: 'not-found', message: { id: 'Tautan dokumen kedaluwarsa; buka lagi dari daftar arsip.', en: 'The document link expired; open it again from the records list.' } } });
        return;
      }
      await sendResponse(res, serveDocument(document, req.method ?? 'GET', typeof req.headers.range === 'string' ? req.headers.range : null, url.searchParams.get('download') === '1'));
      return;
    }
    if (url.pathname === '/shell/bridge.js') {
      res.writeHead(200, { ...securityHeaders('text/javascript; charset=utf-8'), 'cache-control': 'no-store' });
      res.end(bridge);
      return;
    }
    const response = await serveStatic(rendererDir, req.method ?? 'GET', url.pathname, {
      transformIndex: (html) => html.replace('<script', '<script src="/shell/bridge.js"></script>\n    <script'),
    });
    await sendResponse(res, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  cookieName = `berkas_${port}`;
  const origin = `http://127.0.0.1:${port}`;

  const startUrl = () => `${origin}/?start=${newStartCode()}`;
  return {
    url: startUrl(),
    startUrl,
    origin,
    token,
    port,
    backend,
    async close() {
      for (const client of sseClients) client.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
      // No upload copy outlives the shell, imported or not.
      await rm(uploads, { recursive: true, force: true });
    },
  };
}
