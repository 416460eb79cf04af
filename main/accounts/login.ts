// Checks a user name and password, throttles repeated failures per user name, and writes every
// success and failure to the audit log (with the name tried, never the password). Used by the
// app's login, unlock and password change and by the CLI, so all of them share one throttle.
// Owns the login_throttle table (users.ts clears a user's row on a password reset).
// Every attempt is counted, in one synchronous transaction, *before* the (slow, asynchronous)
// password check starts: forty attempts sent at once are throttled exactly like forty in a row,
// and a success resets the count afterwards.
import type { SessionUser } from '../../preload/contract.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { AppError, appError } from '../errors.ts';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { activeSessionUser, credentialsOf, getUser, markLogin, replacePasswordHash, setOwnPassword } from './users.ts';

/** Failures allowed before the delay starts; then 30 s, 60 s, 120 s … up to an hour. */
export const FREE_FAILURES = 5;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

export type LoginVia = 'app' | 'unlock' | 'cli' | 'change-password';

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

/**
 * Claims one attempt for `key`: refuses (and audits) while the name is blocked, otherwise counts
 * the attempt as a failure up front and sets the block that count earns. Synchronous, so no other
 * attempt on this database can run between the check and the count.
 */
function claimAttempt(db: Db, key: string, shownName: string, via: LoginVia, now: number): number {
  return db.transaction(() => {
    const throttle = db.prepare('SELECT failures, blocked_until FROM login_throttle WHERE name = ?').get(key) as ThrottleRow | undefined;
    const at = new Date(now).toISOString();
    if (throttle?.blocked_until && Date.parse(throttle.blocked_until) > now) {
      const wait = Math.ceil((Date.parse(throttle.blocked_until) - now) / 1000);
      appendAudit(db, {
        actor: shownName,
        action: 'account.login-failed',
        entity: 'user',
        entityId: null,
        after: { name: shownName, reason: 'throttled', failures: throttle.failures, via },
        at,
      });
      return -wait;
    }
    const count = (throttle?.failures ?? 0) + 1;
    const delay = delayAfter(count);
    db.prepare(
      `INSERT INTO login_throttle (name, failures, last_failure_at, blocked_until) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until`,
    ).run(key, count, at, delay > 0 ? new Date(now + delay).toISOString() : null);
    return count;
  })();
}

function throttled(shownName: string, wait: number) {
  return appError(
    'busy',
    `Terlalu banyak percobaan masuk gagal untuk "${shownName}". Coba lagi dalam ${wait} detik, atau minta admin mengatur ulang kata sandi.`,
    `Too many failed logins for "${shownName}". Try again in ${wait} seconds, or ask an admin to reset the password.`,
    { retryAfterSeconds: wait },
  );
}

export async function authenticate(db: Db, name: string, password: string, options: LoginOptions): Promise<SessionUser> {
  const now = options.now ?? Date.now();
  const key = throttleKey(name);
  const shownName = name.trim().slice(0, 64);
  const claimed = claimAttempt(db, key, shownName, options.via, now);
  if (claimed < 0) throw throttled(shownName, -claimed);
  const count = claimed;

  const creds = credentialsOf(db, name.trim());
  let ok = false;
  if (creds) ok = await verifyPassword(password, creds.hash);
  else await burnPasswordCheck(password);

  const at = new Date(now).toISOString();
  if (ok && creds && !creds.disabled) {
    const user = activeSessionUser(db, creds.id);
    if (user) {
      // A hash made at an older, cheaper cost is upgraded now, while the password is at hand.
      const upgraded = needsRehash(creds.hash) ? await hashPassword(password) : null;
      db.transaction(() => {
        db.prepare('DELETE FROM login_throttle WHERE name = ?').run(key);
        // Only if nobody changed the password meanwhile.
        const rehashed = upgraded !== null && replacePasswordHash(db, user.id, creds.hash, upgraded);
        if (options.via === 'change-password') return;
        markLogin(db, user.id, at);
        appendAudit(db, {
          actor: user.name,
          action: options.via === 'unlock' ? 'account.unlock' : 'account.login',
          entity: 'user',
          entityId: user.id,
          after: rehashed ? { via: options.via, passwordRehashed: true } : { via: options.via },
          at,
        });
      })();
      return user;
    }
  }

  // The attempt was already counted as a failure in claimAttempt; only its audit entry is left.
  const reason = !creds ? 'unknown-user' : ok ? 'disabled' : 'wrong-password';
  db.transaction(() =>
    appendAudit(db, {
      actor: shownName,
      action: 'account.login-failed',
      entity: 'user',
      entityId: creds?.id ?? null,
      after: { name: shownName, reason, failures: count, via: options.via },
      at,
    }),
  )();
  if (reason === 'disabled') {
    throw appError('forbidden', `Akun "${shownName}" dinonaktifkan. Hubungi admin Berkas.`, `The account "${shownName}" is disabled. Contact the Berkas admin.`);
  }
  throw wrongCredentials(Math.ceil(delayAfter(count) / 1000));
}

/**
 * A user changes their own password: the current one is checked through the same throttle as a
 * login (so the change screen is no way around it), then the new one is stored.
 */
export async function changeOwnPassword(db: Db, id: number, current: string, next: string, now?: number): Promise<void> {
  const user = getUser(db, id);
  try {
    await authenticate(db, user.name, current, { via: 'change-password', now });
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') {
      const wait = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      throw wait
        ? appError('validation', `Kata sandi saat ini salah. Terlalu banyak percobaan gagal: tunggu ${wait} detik.`, `The current password is wrong. Too many failed attempts: wait ${wait} seconds.`, { retryAfterSeconds: wait })
        : appError('validation', 'Kata sandi saat ini salah.', 'The current password is wrong.');
    }
    throw error;
  }
  await setOwnPassword(db, id, next);
}
