// A department server for tests: `berkas server init` in a temp folder (self-signed certificate
// for 127.0.0.1, the first admin), started on a free loopback port, and clients that pin it.
import { join } from 'node:path';
import type { Result } from '../../preload/contract.ts';
import { initServer } from '../../main/server/init.ts';
import { startServer, type BerkasServer } from '../../main/server/server.ts';
import { ServerClient } from '../../main/server/client.ts';
import type { ServerConfig } from '../../main/server/config.ts';
import { ADMIN } from './accounts.ts';

export interface TestServer {
  server: BerkasServer;
  config: ServerConfig;
  url: string;
  client(fingerprint?: string): ServerClient;
  /** Stops the server and starts it again on the same port (as a service restart does). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** `dir`: a tempDir made at the test file's top level (a folder made inside a hook is removed when the hook ends). */
export async function startTestServer(dir: string): Promise<TestServer> {
  const { config } = await initServer({ config: join(dir, 'berkas-server.yml'), names: ['127.0.0.1', 'localhost'], admin: { name: ADMIN.name, displayName: ADMIN.displayName, password: ADMIN.password } });
  const clients: ServerClient[] = [];
  const start = (port = 0) => startServer({ config: { ...config, backups: false }, listen: { host: '127.0.0.1', port } });
  const state: TestServer = {
    server: await start(),
    config,
    get url() {
      return `https://127.0.0.1:${state.server.port}`;
    },
    client(fingerprint = state.server.fingerprint) {
      const client = new ServerClient({ url: state.url, fingerprint, timeoutMs: 20_000 });
      clients.push(client);
      return client;
    },
    async restart() {
      const { port } = state.server;
      await state.server.close();
      state.server = await start(port);
    },
    async close() {
      for (const client of clients) client.close();
      await state.server.close();
    },
  };
  return state;
}

/** Unwraps a server call or fails the test with the server's error. */
export async function must<T = unknown>(result: Promise<Result<unknown>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`call failed: ${r.error.code} — ${r.error.message.en}`);
  return r.value as T;
}
