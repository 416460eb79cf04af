// The department server's configuration file (`berkas server --config FILE`), YAML, written by
// `berkas server init` and edited by IT. Paths in it are relative to the file's own folder, so a
// whole /etc/berkas or C:\ProgramData\Berkas folder can be moved or restored as one.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { appError } from '../errors.ts';

const HostName = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or IP address');

export const ServerConfigFile = z
  .object({
    /** The archive folder: database, document store, backups. */
    archive: z.string().min(1),
    listen: z.object({ host: z.string().min(1).default('0.0.0.0'), port: z.number().int().min(0).max(65535).default(8443) }).default({ host: '0.0.0.0', port: 8443 }),
    tls: z.object({ cert: z.string().min(1), key: z.string().min(1) }),
    /** The names clients use to reach the server (the Host header must be one of them). */
    names: z.array(HostName).min(1),
    /** Run the scheduled backups of the archive on the server (default yes). */
    backups: z.boolean().default(true),
  })
  .strict();

export type ServerConfigFile = z.infer<typeof ServerConfigFile>;

/** The configuration with every path made absolute. */
export interface ServerConfig extends ServerConfigFile {
  file: string;
}

export function resolveConfig(file: string, raw: ServerConfigFile): ServerConfig {
  const base = dirname(resolve(file));
  const at = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  return { ...raw, file: resolve(file), archive: at(raw.archive), tls: { cert: at(raw.tls.cert), key: at(raw.tls.key) } };
}

export function readServerConfig(file: string): ServerConfig {
  if (!existsSync(file)) {
    throw appError('not-found', `Berkas konfigurasi server ${file} tidak ada. Buat dengan: berkas server init --config ${file}`, `The server configuration ${file} does not exist. Create it with: berkas server init --config ${file}`);
  }
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw appError('validation', `Konfigurasi ${file} bukan YAML yang valid: ${(error as Error).message}`, `The configuration ${file} is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = ServerConfigFile.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw appError('validation', `Konfigurasi ${file} tidak valid: ${problems}`, `The configuration ${file} is not valid: ${problems}`);
  }
  return resolveConfig(file, parsed.data);
}

export function writeServerConfig(file: string, config: ServerConfigFile): void {
  const text = [
    '# Berkas department server (team mode). Paths are relative to this file.',
    '# names: the addresses clients type (the Host header must be one of them).',
    stringify(ServerConfigFile.parse(config)),
  ].join('\n');
  writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
}
