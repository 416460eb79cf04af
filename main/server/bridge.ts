// What a web host serves to the renderer once it knows who is asking: the contract's calls
// (POST /api/invoke/<channel>), its events (server-sent, GET /api/events), uploads from the page's
// file input (POST /api/upload), document links (/documents/<token>), the bridge script that stands
// in for Electron's preload, and the built renderer. The browser shell (one person, loopback,
// launch token) and the department's server (many people, HTTPS, a session cookie each) both use
// it; each checks the request first and says which sender and session it belongs to.
// Events and uploads need that session to be logged in and unlocked; a session's event streams end
// when it locks or logs out, and upload copies are deleted after their import and on close.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import type { ErrorValue } from '../../preload/contract.ts';
import type { BackendClient } from '../host/backend-client.ts';
import { routeCall, type HostHandlers } from '../ipc/host-channels.ts';
import type { Sender } from '../kernel/calls.ts';
import { serveDocument } from '../serve/document.ts';
import { securityHeaders, serveStatic } from '../serve/static.ts';

const MAX_JSON_BODY = 2 * 1024 * 1024;
const MAX_UPLOAD = 2 * 1024 * 1024 * 1024;

/** Who a request belongs to, as the host established it. */
export interface BridgeCaller {
  sender: Sender;
  /** The login session of the sender (sessionKeyOf(sender)). */
  session: string;
}

export interface Bridge {
  /** Answers a request the host has already let through. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL, caller: BridgeCaller): Promise<void>;
  close(): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...securityHeaders('application/json; charset=utf-8'), 'cache-control': 'no-store' });
  res.end(text);
}

export function refusal(code: 'unauthenticated' | 'forbidden', id: string, en: string): ErrorValue {
  return { code, message: { id, en } };
}

const internalError = { ok: false, error: { code: 'internal', message: { id: 'Kesalahan internal.', en: 'Internal error.' } } };

/** Runs a host's router and turns a failure into a 500 (a viewer cancelling a range request is normal). */
export function answerWith(route: (req: IncomingMessage, res: ServerResponse) => Promise<void>, name: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
      console.error(`${name}: request failed`, error);
      if (!res.headersSent) sendJson(res, 500, internalError);
      else res.destroy();
    });
  };
}

/** preload/browser-bridge.ts, built beside the renderer by `npm run build` (electron.vite.config.ts). */
async function bridgeScript(rendererDir: string): Promise<string> {
  try {
    return await readFile(join(rendererDir, 'shell', 'bridge.js'), 'utf8');
  } catch {
    throw new Error(`${join(rendererDir, 'shell', 'bridge.js')} is missing: run npm run build first`);
  }
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

export async function createBridge(backend: BackendClient, hostHandlers: HostHandlers, rendererDir: string): Promise<Bridge> {
  const script = await bridgeScript(rendererDir);
  const uploads = await mkdtemp(join(tmpdir(), 'berkas-uploads-'));
  // Each event stream belongs to one session, and gets events only while that session is open.
  const streams = new Map<ServerResponse, string>();
  backend.onSessions((open) => {
    for (const [client, session] of streams) {
      if (open.includes(session)) continue;
      client.end();
      streams.delete(client);
    }
  });
  backend.onEvent((event) => {
    const open = backend.openSessions();
    // The audience key stays here: a page never learns a session key (its own is an HttpOnly cookie).
    const line = `data: ${JSON.stringify({ name: event.name, payload: event.payload })}\n\n`;
    for (const [client, session] of streams) {
      if (open.includes(session) && (event.audience ?? [event.session ?? session]).includes(session)) client.write(line);
    }
  });

  async function serve(req: IncomingMessage, res: ServerResponse, url: URL, { sender, session }: BridgeCaller): Promise<void> {
    if (url.pathname.startsWith('/api/invoke/') && req.method === 'POST') {
      const channel = decodeURIComponent(url.pathname.slice('/api/invoke/'.length));
      let input: unknown;
      try {
        input = await readJson(req);
      } catch {
        sendJson(res, 400, { ok: false, error: { code: 'validation', message: { id: 'Isi permintaan bukan JSON yang valid.', en: 'The request body is not valid JSON.' } } });
        return;
      }
      sendJson(res, 200, await routeCall(backend, hostHandlers, channel, input, sender));
      return;
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (!(await backend.sessionOpen(session))) {
        // 204 tells an EventSource to stop reconnecting (HTML spec); the bridge connects again
        // after the next login or unlock.
        res.writeHead(204, { 'cache-control': 'no-store' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.set(res, session);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (url.pathname === '/api/upload' && req.method === 'POST') {
      // A file chosen in the browser's file input: stored under a fresh folder with a sanitized
      // name and registered as a pick; the page gets a handle for import.start, never the path.
      if (!(await backend.sessionOpen(session))) {
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
      const registered = await backend.registerPicks([{ path: target, kind: 'file', cleanup: dir }], session);
      if (!registered.ok) {
        await rm(dir, { recursive: true, force: true });
        sendJson(res, registered.error.code === 'unauthenticated' ? 401 : 500, registered);
        return;
      }
      sendJson(res, 200, { handle: registered.value[0] });
      return;
    }
    if (url.pathname.startsWith('/documents/')) {
      const document = await backend.resolveDocument(url.pathname.slice('/documents/'.length), session);
      if (!document) {
        sendJson(res, 404, { ok: false, error: { code: 'not-found', message: { id: 'Tautan dokumen kedaluwarsa; buka lagi dari daftar arsip.', en: 'The document link expired; open it again from the records list.' } } });
        return;
      }
      await sendResponse(res, serveDocument(document, req.method ?? 'GET', typeof req.headers.range === 'string' ? req.headers.range : null, url.searchParams.get('download') === '1'));
      return;
    }
    if (url.pathname === '/shell/bridge.js') {
      res.writeHead(200, { ...securityHeaders('text/javascript; charset=utf-8'), 'cache-control': 'no-store' });
      res.end(script);
      return;
    }
    const response = await serveStatic(rendererDir, req.method ?? 'GET', url.pathname, {
      transformIndex: (html) => html.replace('<script', '<script src="/shell/bridge.js"></script>\n    <script'),
    });
    await sendResponse(res, response);
  }

  return {
    serve,
    async close() {
      for (const client of streams.keys()) client.end();
      streams.clear();
      // No upload copy outlives the host, imported or not.
      await rm(uploads, { recursive: true, force: true });
    },
  };
}


/** Stops a web host in the order that loses nothing: event streams, connections, the listener, then
 *  the backend (which closes the archive cleanly). */
export async function closeWebHost(bridge: Bridge, server: { closeAllConnections(): void; close(callback: () => void): unknown }, backend: { close(): Promise<void> }): Promise<void> {
  await bridge.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await backend.close();
}

/** Compares two secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
