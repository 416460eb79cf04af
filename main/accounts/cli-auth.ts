// The CLI acts as a named Berkas user: the name from --user (or BERKAS_USER), the password from
// BERKAS_PASSWORD or, on a terminal, a hidden prompt. Same throttle and audit as the app's login.
// Never echoes or stores the password.
import type { SessionUser } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';
import { appError } from '../errors.ts';
import { authenticate } from './login.ts';
import { countUsers } from './users.ts';

export interface CliAuthOptions {
  user?: string;
  password?: string;
  env?: NodeJS.ProcessEnv;
  /** Asks for a password without echoing it; defaults to a prompt on the terminal. */
  prompt?: (question: string) => Promise<string>;
  interactive?: boolean;
}

const cache = new Map<string, SessionUser>();

/** Authenticates once per process and database; later calls for the same name reuse the result. */
export async function authenticateCli(db: Db, options: CliAuthOptions = {}): Promise<SessionUser> {
  const env = options.env ?? process.env;
  const name = (options.user ?? env.BERKAS_USER ?? '').trim();
  if (countUsers(db) === 0) {
    throw appError(
      'unauthenticated',
      'Arsip ini belum punya akun. Buat admin pertama: berkas user add NAMA --role admin (kata sandi dari BERKAS_NEW_PASSWORD atau ditanyakan).',
      'This archive has no accounts yet. Create the first admin: berkas user add NAME --role admin (password from BERKAS_NEW_PASSWORD or a prompt).',
    );
  }
  if (!name) {
    throw appError('unauthenticated', 'Sebutkan pengguna Berkas: --user NAMA (atau BERKAS_USER).', 'Name the Berkas user: --user NAME (or BERKAS_USER).');
  }
  const key = `${db.name}\u0000${name.toLowerCase()}`;
  const known = cache.get(key);
  if (known) return known;
  let password = options.password ?? env.BERKAS_PASSWORD;
  if (password === undefined) {
    const interactive = options.interactive ?? Boolean(process.stdin.isTTY && process.stderr.isTTY);
    if (!interactive) {
      throw appError(
        'unauthenticated',
        `Kata sandi untuk ${name} diperlukan: isi BERKAS_PASSWORD, atau jalankan dari terminal agar ditanyakan.`,
        `A password for ${name} is needed: set BERKAS_PASSWORD, or run from a terminal to be asked.`,
      );
    }
    password = await (options.prompt ?? promptHidden)(`Kata sandi / password (${name}): `);
  }
  const user = await authenticate(db, name, password, { via: 'cli' });
  cache.set(key, user);
  return user;
}

/** Forgets cached CLI logins (tests; a long-running process after a password change). */
export function forgetCliLogins(): void {
  cache.clear();
}

/** Reads a line from the terminal without echoing it. */
export function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  const output = process.stderr;
  return new Promise((resolve, reject) => {
    let value = '';
    const wasRaw = input.isRaw;
    const cleanup = () => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          cleanup();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          cleanup();
          reject(appError('cancelled', 'Dibatalkan.', 'Cancelled.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    output.write(question);
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

/** Reads a new password twice (or from an environment variable) for `user add` and `user passwd`. */
export async function newPasswordFromUser(envName: string, options: CliAuthOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const fromEnv = env[envName];
  if (fromEnv !== undefined) return fromEnv;
  const interactive = options.interactive ?? Boolean(process.stdin.isTTY && process.stderr.isTTY);
  if (!interactive) {
    throw appError('validation', `Kata sandi baru diperlukan: isi ${envName}, atau jalankan dari terminal.`, `A new password is needed: set ${envName}, or run from a terminal.`);
  }
  const ask = options.prompt ?? promptHidden;
  const first = await ask('Kata sandi baru / new password: ');
  const second = await ask('Ulangi / repeat: ');
  if (first !== second) throw appError('validation', 'Kedua kata sandi tidak sama.', 'The two passwords differ.');
  return first;
}
