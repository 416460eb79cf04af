// The browser shell: hosts the same backend and handlers as the Electron app, serves the built
// renderer, and carries window.berkas over HTTP + server-sent events — for tests and for machines
// without the Electron binary. It binds to 127.0.0.1 only and trusts nothing else:
//  - every request needs the per-launch token, carried in an HttpOnly cookie (or a header for
//    scripts). The token itself is never in an address or on a command line (where `ps` and the
//    browser history show it): the printed address holds a one-time start code, traded on the
//    first visit for the cookie;
//  - a Host or Origin that is not exactly the address it serves is refused (no DNS rebinding, no CORS);
//  - what it then serves (calls, events, uploads, documents, the renderer) is server/bridge.ts,
//    the same as the department's server serves.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { BackendClient } from '../host/backend-client.ts';
import type { HostHandlers } from '../ipc/host-channels.ts';
import { LOCAL_SESSION } from '../kernel/calls.ts';
import { appRoot } from '../kernel/version.ts';
import { answerWith, closeWebHost, createBridge, readCookie, refusal, sameSecret, sendJson } from '../server/bridge.ts';

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

/** A start code is good for one visit within this time. */
const START_CODE_TTL_MS = 10 * 60 * 1000;

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
  const bridge = await createBridge(backend, hostHandlers, rendererDir);
  const token = randomBytes(24).toString('base64url');
  const startCodes = new Map<string, number>();
  const newStartCode = () => {
    const now = Date.now();
    for (const [code, expires] of startCodes) if (expires < now) startCodes.delete(code);
    const code = randomBytes(18).toString('base64url');
    startCodes.set(code, now + START_CODE_TTL_MS);
    return code;
  };
  let port = 0;
  let cookieName = 'berkas';
  const server: Server = createServer(answerWith(route, 'browser shell'));

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

    await bridge.serve(req, res, url, { sender: { kind: 'browser-shell', tokenVerified: true }, session: LOCAL_SESSION });
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
    close: () => closeWebHost(bridge, server, backend),
  };
}
