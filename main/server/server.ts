// The department server (team mode): the same backend, handlers, contract and renderer as the
// desktop app, for every signed-in person in the Dinas at once, over HTTPS. What it checks before a
// request reaches bridge.ts:
//  - the Host is one of the configured names (no DNS rebinding), and an Origin, when sent, is this
//    server; a POST must carry an Origin (browsers do) or the X-Berkas-Client header (scripts and
//    the desktop app), which a cross-site form cannot send;
//  - each browser holds its own session cookie (random, HttpOnly, Secure, SameSite=Strict), minted
//    on its first request. The cookie says which login session a call belongs to; who the person is
//    comes only from logging in on that session, so a cookie without a login can do nothing but log
//    in. The backend knows a session by the cookie's SHA-256 only, and keeps signed-in sessions in
//    `<config>.sessions` (hashes, owner-only), so after a restart people carry on where they were.
// Restore, the native picker and the updater are the desktop's, not the server's: IT restores a
// server archive with `berkas restore` on the server itself.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readSavedSessions } from '../accounts/sessions.ts';
import { appError } from '../errors.ts';
import { BackendClient } from '../host/backend-client.ts';
import type { HostHandlers } from '../ipc/host-channels.ts';
import { appRoot } from '../kernel/version.ts';
import { answerWith, closeWebHost, createBridge, readCookie, refusal, sendJson } from './bridge.ts';
import type { ServerConfig } from './config.ts';
import { readTls } from './tls.ts';

export const SESSION_COOKIE = 'berkas_sid';
/** Sent by clients that are not a browser page (scripts, the desktop app connected to a server). */
export const CLIENT_HEADER = 'x-berkas-client';
const MAX_COOKIES = 5_000;
const SIGN_IN = new Set(['/api/invoke/accounts.login', '/api/invoke/accounts.setup']);

export interface ServerOptions {
  config: ServerConfig;
  /** Overrides config.listen (tests: port 0, loopback). */
  listen?: { host: string; port: number };
  rendererDir?: string;
}

export interface BerkasServer {
  readonly origin: string;
  readonly port: number;
  readonly fingerprint: string;
  readonly backend: BackendClient;
  close(): Promise<void>;
}

const serverHostHandlers: HostHandlers = {
  'backup.restore': () => {
    throw appError('forbidden', 'Arsip server dipulihkan oleh TI di server itu sendiri (berkas restore), bukan dari aplikasi.', 'A server archive is restored by IT on the server itself (berkas restore), not from the app.');
  },
  // The page offers its file input (an upload) instead of a picker on the server's screen.
  'dialog.pick': () => null,
  'update.run': () => null,
  'document.openExternal': () => null,
};

/** The name part of a Host header ("arsip.dinas:8443" → "arsip.dinas", "[::1]:8443" → "[::1]"). */
function hostName(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
}

export async function startServer(options: ServerOptions): Promise<BerkasServer> {
  const { config } = options;
  const tls = readTls(config.tls);
  const sessionsFile = `${config.file}.sessions`;
  const backend = new BackendClient({ archiveDir: config.archive, host: 'server', documentUrlBase: '/documents/', scheduleBackups: config.backups, sessionsFile });
  await backend.ready;
  const bridge = await createBridge(backend, serverHostHandlers, options.rendererDir ?? join(appRoot(), 'out', 'renderer'));
  const names = new Set(config.names.map((n) => n.toLowerCase()));
  const keyOf = (cookie: string) => createHash('sha256').update(cookie).digest('hex');
  // Cookies this server minted (by hash), by when they were last used (the oldest go when there
  // are too many), starting with the sessions saved before a restart.
  const cookies = new Map<string, number>(readSavedSessions(sessionsFile).map((s) => [s.key, s.lastActivity]));
  const mint = () => {
    if (cookies.size >= MAX_COOKIES) {
      const oldest = [...cookies].sort((a, b) => a[1] - b[1]).slice(0, cookies.size - MAX_COOKIES + 1);
      for (const [id] of oldest) cookies.delete(id);
    }
    const id = randomBytes(32).toString('base64url');
    cookies.set(keyOf(id), Date.now());
    return id;
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (!names.has(hostName(host).toLowerCase())) {
      sendJson(res, 403, { ok: false, error: refusal('forbidden', `Alamat ${hostName(host) || '(kosong)'} tidak dikenal server ini; tambahkan ke "names" di konfigurasi server.`, `The address ${hostName(host) || '(empty)'} is not one of this server's names; add it to "names" in the server configuration.`) });
      return;
    }
    const origin = `https://${host}`;
    const sentOrigin = req.headers.origin;
    if (sentOrigin !== undefined && sentOrigin !== origin) {
      sendJson(res, 403, { ok: false, error: refusal('forbidden', 'Origin tidak diizinkan.', 'Origin not allowed.') });
      return;
    }
    if (req.method === 'POST' && sentOrigin === undefined && req.headers[CLIENT_HEADER] === undefined) {
      req.resume();
      sendJson(res, 403, { ok: false, error: refusal('forbidden', 'Permintaan tanpa Origin ditolak.', 'A request without an Origin is refused.') });
      return;
    }
    let cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    // Signing in starts on a cookie minted for it: a cookie someone planted in this browser
    // beforehand (session fixation) never becomes a signed-in session.
    const signsIn = req.method === 'POST' && SIGN_IN.has(req.url ?? '');
    if (signsIn || cookie === undefined || !cookies.has(keyOf(cookie))) {
      // Signing in again in this browser ends the session it leaves behind (under a cookie the
      // browser will no longer hold), instead of leaving it open until its idle lock.
      if (signsIn && cookie !== undefined && cookies.has(keyOf(cookie))) {
        const previous = { kind: 'server', session: keyOf(cookie) } as const;
        if (await backend.sessionOpen(previous.session)) await backend.call('accounts.logout', {}, previous);
      }
      cookie = mint();
      res.setHeader('set-cookie', `${SESSION_COOKIE}=${cookie}; HttpOnly; Secure; SameSite=Strict; Path=/`);
    }
    const session = keyOf(cookie);
    cookies.set(session, Date.now());
    res.setHeader('strict-transport-security', 'max-age=31536000');
    const url = new URL(req.url ?? '/', origin);
    await bridge.serve(req, res, url, { sender: { kind: 'server', session }, session });
  }

  const server: Server = createServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, answerWith(route, 'berkas server'));
  const listen = options.listen ?? config.listen;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `https://${config.names[0]}:${port}`,
    port,
    fingerprint: tls.fingerprint,
    backend,
    close: () => closeWebHost(bridge, server, backend),
  };
}
