// A client of the department server for programs (the desktop app connected to a server, the load
// test, the CLI later): the contract's calls over HTTPS to a pinned certificate, with the session
// cookie the server gave it kept in memory only. Each client is one login session; a lost
// connection or a restarted server comes back as a typed error ('unavailable'), never a hang, and
// the caller keeps what the user typed.
import { request } from 'node:https';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ErrorValue, Result } from '../../preload/contract.ts';
import { PinnedAgent } from './pinned.ts';
import { CLIENT_HEADER, SESSION_COOKIE } from './server.ts';

export interface ServerClientOptions {
  /** e.g. https://arsip.dinas.go.id:8443 */
  url: string;
  /** The SHA-256 fingerprint `berkas server init` printed. */
  fingerprint: string;
  /** Per request (default 60 s). */
  timeoutMs?: number;
}

const unreachable = (detail: string): ErrorValue => ({
  code: 'unavailable',
  message: {
    id: `Server dinas tidak dapat dihubungi (${detail}). Isian Anda belum tersimpan; coba lagi setelah jaringan pulih.`,
    en: `The department server cannot be reached (${detail}). What you entered is not saved yet; try again once the network is back.`,
  },
});

export class ServerClient {
  readonly #base: URL;
  readonly #agent: PinnedAgent;
  readonly #timeoutMs: number;
  #cookie: string | null = null;

  constructor(options: ServerClientOptions) {
    this.#base = new URL(options.url);
    if (this.#base.protocol !== 'https:') throw new Error(`the server address must start with https:// (got ${options.url})`);
    this.#agent = new PinnedAgent(options.fingerprint);
    this.#timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** One contract call, answered as the server's Result (or 'unavailable' when it cannot be reached). */
  async call(channel: string, input: unknown = {}): Promise<Result<unknown>> {
    const answer = await this.#send('POST', `/api/invoke/${encodeURIComponent(channel)}`, JSON.stringify(input ?? {}), 'application/json');
    if (!answer.ok) return answer;
    try {
      return JSON.parse(answer.value.body.toString('utf8')) as Result<unknown>;
    } catch {
      return { ok: false, error: unreachable(`HTTP ${answer.value.status}`) };
    }
  }

  /** Uploads a local file for import; the handle goes to import.start. */
  async upload(path: string): Promise<Result<string>> {
    const answer = await this.#send('POST', `/api/upload?name=${encodeURIComponent(basename(path))}`, { path, size: statSync(path).size }, 'application/octet-stream');
    if (!answer.ok) return answer;
    const body = JSON.parse(answer.value.body.toString('utf8')) as { handle?: string } & Partial<Result<unknown>>;
    return body.handle ? { ok: true, value: body.handle } : { ok: false, error: (body as { error: ErrorValue }).error ?? unreachable(`HTTP ${answer.value.status}`) };
  }

  /** GET of a path on the server (a document link), whole. */
  async get(path: string): Promise<Result<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>> {
    return this.#send('GET', path, null, null);
  }

  /** The session's event stream (while it is logged in and unlocked); returns how to stop it. */
  events(onEvent: (event: { name: string; payload: unknown }) => void): () => void {
    const headers: Record<string, string> = { [CLIENT_HEADER]: '1', accept: 'text/event-stream' };
    if (this.#cookie) headers.cookie = `${SESSION_COOKIE}=${this.#cookie}`;
    const req = request(new URL('/api/events', this.#base), { method: 'GET', agent: this.#agent, headers }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (data) onEvent(JSON.parse(data) as { name: string; payload: unknown });
        }
      });
    });
    req.on('error', () => undefined);
    req.end();
    return () => req.destroy();
  }

  close(): void {
    this.#agent.destroy();
  }

  #send(method: string, path: string, body: string | { path: string; size: number } | null, type: string | null): Promise<Result<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>> {
    return new Promise((resolve) => {
      const headers: Record<string, string> = { [CLIENT_HEADER]: '1' };
      if (type) headers['content-type'] = type;
      if (this.#cookie) headers.cookie = `${SESSION_COOKIE}=${this.#cookie}`;
      if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
      else if (body) headers['content-length'] = String(body.size);
      const req = request(new URL(path, this.#base), { method, agent: this.#agent, headers, timeout: this.#timeoutMs }, (res) => {
        const cookie = [res.headers['set-cookie'] ?? []].flat().map((c) => new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(c)?.[1]).find(Boolean);
        if (cookie) this.#cookie = cookie;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ ok: true, value: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) } }));
        res.on('error', (error) => resolve({ ok: false, error: unreachable(error.message) }));
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error) => {
        const value = error as Error & { code?: string; messages?: { id: string; en: string } };
        // A fingerprint mismatch is not "unreachable": it is a refusal to talk to that server.
        if (value.code === 'forbidden' && value.messages) resolve({ ok: false, error: { code: 'forbidden', message: value.messages } });
        else resolve({ ok: false, error: unreachable(value.code ?? value.message) });
      });
      if (typeof body === 'string') req.end(body);
      else if (body) createReadStream(body.path).on('error', (error) => req.destroy(error)).pipe(req);
      else req.end();
    });
  }
}
