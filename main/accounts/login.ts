// Checks a user name and password, throttles repeated failures per user name, and writes every
// success and failure to the audit log (with the name tried, never the password). Used by the
// app's login and unlock and by the CLI, so all three share one throttle.
import type { SessionUser } from '../../preload/contract.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError } from '../errors.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import { activeSessionUser, credentialsOf, markLogin } from './users.ts';

/** Failures allowed before the delay starts; then 30 s, 60 s, 120 s … up to an hour. */
export const FREE_FAILURES = 5;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

export type LoginVia = 'app' | 'unlock' | 'cli';

export interface LoginOptions {
  via: LoginVia;
  now?: number;
}

interface ThrottleRow {
  failures: number;
  blocked_until: string | null;
}

function throttleKey(name: string): string {
  return name.trim().toLowerCase().slice(0, 64);
}

export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(BASE_DELAY_MS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

function wrongCredentials(waitSeconds: number) {
  return waitSeconds > 0
    ? appError(
        'validation',
        `Nama pengguna atau kata sandi salah. Terlalu banyak percobaan gagal: tunggu ${waitSeconds} detik sebelum mencoba lagi.`,
        `Wrong user name or password. Too many failed attempts: wait ${waitSeconds} seconds before trying again.`,
        { retryAfterSeconds: waitSeconds },
      )
    : appError('validation', 'Nama pengguna atau kata sandi salah. Periksa huruf besar/kecil dan coba lagi.', 'Wrong user name or password. Check upper/lower case and try again.');
}

export async function authenticate(db: Db, name: string, password: string, options: LoginOptions): Promise<SessionUser> {
  const now = options.now ?? Date.now();
  const key = throttleKey(name);
  const shownName = name.trim().slice(0, 64);
  const throttle = db.prepare('SELECT failures, blocked_until FROM login_throttle WHERE name = ?').get(key) as ThrottleRow | undefined;
  if (throttle?.blocked_until && Date.parse(throttle.blocked_until) > now) {
    const wait = Math.ceil((Date.parse(throttle.blocked_until) - now) / 1000);
    db.transaction(() =>
      appendAudit(db, {
        actor: shownName,
        action: 'account.login-failed',
        entity: 'user',
        entityId: null,
        after: { name: shownName, reason: 'throttled', failures: throttle.failures, via: options.via },
        at: new Date(now).toISOString(),
      }),
    )();
    throw appError(
      'busy',
      `Terlalu banyak percobaan masuk gagal untuk "${shownName}". Coba lagi dalam ${wait} detik, atau minta admin mengatur ulang kata sandi.`,
      `Too many failed logins for "${shownName}". Try again in ${wait} seconds, or ask an admin to reset the password.`,
      { retryAfterSeconds: wait },
    );
  }

  const creds = credentialsOf(db, name.trim());
  let ok = false;
  if (creds) ok = await verifyPassword(password, creds.hash);
  else await burnPasswordCheck(password);

  const at = new Date(now).toISOString();
  if (ok && creds && !creds.disabled) {
    const user = activeSessionUser(db, creds.id);
    if (user) {
      db.transaction(() => {
        db.prepare('DELETE FROM login_throttle WHERE name = ?').run(key);
        markLogin(db, user.id, at);
        appendAudit(db, { actor: user.name, action: options.via === 'unlock' ? 'account.unlock' : 'account.login', entity: 'user', entityId: user.id, after: { via: options.via }, at });
      })();
      return user;
    }
  }

  const reason = !creds ? 'unknown-user' : ok ? 'disabled' : 'wrong-password';
  const failures = db.transaction(() => {
    const count = (throttle?.failures ?? 0) + 1;
    const delay = delayAfter(count);
    db.prepare(
      `INSERT INTO login_throttle (name, failures, last_failure_at, blocked_until) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until`,
    ).run(key, count, at, delay > 0 ? new Date(now + delay).toISOString() : null);
    appendAudit(db, {
      actor: shownName,
      action: 'account.login-failed',
      entity: 'user',
      entityId: creds?.id ?? null,
      after: { name: shownName, reason, failures: count, via: options.via },
      at,
    });
    return count;
  })();
  if (reason === 'disabled') {
    throw appError('forbidden', `Akun "${shownName}" dinonaktifkan. Hubungi admin Berkas.`, `The account "${shownName}" is disabled. Contact the Berkas admin.`);
  }
  throw wrongCredentials(Math.ceil(delayAfter(failures) / 1000));
}
