// `berkas server init`: what IT runs once on the department server. It writes the configuration
// (unless one exists), creates the archive and its schema, the first admin, and a self-signed
// certificate for the names clients use (unless IT gave its own), and says the fingerprint clients
// pin. Run again, it completes what is missing and changes nothing that exists.
import { existsSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { countUsers, setupFirstUser } from '../accounts/users.ts';
import { ensureDefaultScheme } from '../archive/defaults.ts';
import { appError } from '../errors.ts';
import { openComposedArchive } from '../host/compose.ts';
import { readServerConfig, writeServerConfig, type ServerConfig } from './config.ts';
import { makeSelfSigned, readTls } from './tls.ts';

export interface InitOptions {
  config: string;
  /** Only when the configuration is written now. */
  archive?: string;
  names?: string[];
  port?: number;
  /** IT's own certificate and key (PEM files), instead of a self-signed one. */
  cert?: string;
  key?: string;
  /** The first admin, when the archive has no user yet. */
  admin?: { name: string; displayName?: string; password: string };
}

export interface InitResult {
  config: ServerConfig;
  configWritten: boolean;
  certificateMade: boolean;
  adminCreated: string | null;
  fingerprint: string;
}

export function defaultNames(): string[] {
  return [...new Set([hostname().toLowerCase(), 'localhost', '127.0.0.1'])];
}

export async function initServer(options: InitOptions): Promise<InitResult> {
  const file = resolve(options.config);
  const base = dirname(file);
  mkdirSync(base, { recursive: true });
  let configWritten = false;
  if (!existsSync(file)) {
    if ((options.cert === undefined) !== (options.key === undefined)) {
      throw appError('validation', 'Berikan --cert dan --key bersama-sama (sertifikat TI dan kuncinya).', 'Give --cert and --key together (IT\'s certificate and its key).');
    }
    writeServerConfig(file, {
      archive: options.archive ?? 'arsip',
      listen: { host: '0.0.0.0', port: options.port ?? 8443 },
      tls: { cert: options.cert ? resolve(options.cert) : join('tls', 'server.crt'), key: options.key ? resolve(options.key) : join('tls', 'server.key') },
      names: options.names?.length ? options.names : defaultNames(),
      backups: true,
    });
    configWritten = true;
  }
  const config = readServerConfig(file);

  let certificateMade = false;
  if (!existsSync(config.tls.cert) && !existsSync(config.tls.key)) {
    mkdirSync(dirname(config.tls.cert), { recursive: true, mode: 0o700 });
    mkdirSync(dirname(config.tls.key), { recursive: true, mode: 0o700 });
    await makeSelfSigned(config.names, config.tls);
    certificateMade = true;
  }
  const { fingerprint } = readTls(config.tls);

  mkdirSync(config.archive, { recursive: true, mode: 0o700 });
  const archive = openComposedArchive(config.archive);
  let adminCreated: string | null = null;
  try {
    await ensureDefaultScheme(archive, 'system');
    if (countUsers(archive.db) === 0) {
      if (!options.admin) {
        throw appError('validation', 'Arsip server belum punya pengguna: berikan --admin NAMA (kata sandi dari BERKAS_NEW_PASSWORD atau ditanyakan).', 'The server archive has no user yet: give --admin NAME (password from BERKAS_NEW_PASSWORD or asked).');
      }
      const admin = await setupFirstUser(archive.db, { name: options.admin.name, displayName: options.admin.displayName ?? options.admin.name, password: options.admin.password, roles: ['admin'] });
      adminCreated = admin.name;
    }
  } finally {
    archive.close();
  }
  return { config, configWritten, certificateMade, adminCreated, fingerprint };
}
