import assert from 'node:assert/strict';
import { randomBytes, scryptSync } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { authenticateCli, forgetCliLogins } from '../../main/accounts/cli-auth.ts';
import { authenticate, changeOwnPassword, delayAfter, FREE_FAILURES } from '../../main/accounts/login.ts';
import { hashParameters, hashPassword, SCRYPT_N, verifyPassword } from '../../main/accounts/passwords.ts';
import { requireRole } from '../../main/accounts/roles.ts';
import { Session } from '../../main/accounts/session.ts';
import { setIdleMinutes } from '../../main/accounts/settings.ts';
import { createUser, setupFirstUser, updateUser } from '../../main/accounts/users.ts';
import { openArchive } from '../../main/archive/open.ts';
import { verifyAuditChain } from '../../main/audit/log.ts';
import { AppError } from '../../main/errors.ts';
import { createBackend } from '../../main/host/backend.ts';
import { ADMIN, ALL_ROLES, CLI_SENDER, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { tempDir } from '../helpers/tmp.ts';

function archive() {
  return openArchive(join(tempDir(), 'arsip'));
}

async function rejects(promise: Promise<unknown>, code: string, pattern?: RegExp): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code, error.messages.en);
    if (pattern) assert.match(`${error.messages.id} ${error.messages.en}`, pattern);
    return error;
  }
  assert.fail('expected a rejection');
}

test('passwords are hashed with scrypt, a per-user salt and the parameters stored with the hash', async () => {
  const a = await hashPassword('kata-sandi-rahasia');
  const b = await hashPassword('kata-sandi-rahasia');
  assert.match(a, /^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  assert.notEqual(a, b, 'same password, different salt, different hash');
  assert.deepEqual(hashParameters(a), { n: 131072, r: 8, p: 1 });
  assert.ok(SCRYPT_N >= 2 ** 17, 'scrypt cost at least N = 2^17');
  assert.equal(await verifyPassword('kata-sandi-rahasia', a), true);
  assert.equal(await verifyPassword('kata-sandi-rahasiA', a), false);
  assert.equal(await verifyPassword('kata-sandi-rahasia', 'scrypt$2$1$1$AAAA$AAAA'), false, 'absurd parameters are refused');
});

test('first-run setup works only while there are no users, and the first user is always an admin', async () => {
  const a = archive();
  try {
    const first = await setupFirstUser(a.db, { name: 'siti', displayName: 'Siti', password: 'sandi-siti-1', roles: ['staff'] });
    assert.deepEqual(first.roles, ['staff', 'admin']);
    await rejects(setupFirstUser(a.db, { name: 'budi', displayName: 'Budi', password: 'sandi-budi-1', roles: ['admin'] }), 'conflict', /sudah dibuat/);
    const stored = a.db.prepare('SELECT password_hash FROM users').all() as { password_hash: string }[];
    assert.ok(stored.every((r) => !r.password_hash.includes('sandi-siti-1')));
  } finally {
    a.close();
  }
});

test('logins are audited with the user name (never the password), and failures are throttled per user name after 5', async () => {
  const a = archive();
  try {
    await setupFirstUser(a.db, { name: 'siti', displayName: 'Siti', password: 'sandi-siti-1', roles: [] });
    let now = Date.parse('2026-05-01T08:00:00Z');
    const user = await authenticate(a.db, 'siti', 'sandi-siti-1', { via: 'app', now });
    assert.equal(user.name, 'siti');
    for (let i = 1; i <= FREE_FAILURES; i++) {
      await rejects(authenticate(a.db, 'SITI', 'salah-sandi', { via: 'app', now }), 'validation', /salah/);
    }
    // Blocked now, even with the right password, until the delay has passed.
    const blocked = await rejects(authenticate(a.db, 'siti', 'sandi-siti-1', { via: 'app', now: now + 1000 }), 'busy', /Coba lagi dalam 29 detik/);
    assert.deepEqual(blocked.details, { retryAfterSeconds: 29 });
    now += delayAfter(FREE_FAILURES) + 1;
    await rejects(authenticate(a.db, 'siti', 'salah-lagi', { via: 'app', now }), 'validation', /tunggu 60 detik/);
    assert.equal(delayAfter(FREE_FAILURES + 2), 120_000, 'the delay doubles');
    assert.equal(delayAfter(40), 3_600_000, 'and stops at an hour');
    now += 60_001;
    await authenticate(a.db, 'siti', 'sandi-siti-1', { via: 'app', now });
    // Another name is not affected by siti's failures.
    await rejects(authenticate(a.db, 'tidak-ada', 'apa-saja-1', { via: 'app', now }), 'validation', /salah/);

    const rows = a.db.prepare("SELECT actor, action, after FROM audit_log WHERE action LIKE 'account.login%' ORDER BY id").all() as { actor: string; action: string; after: string }[];
    assert.deepEqual(
      rows.map((r) => [r.actor, r.action, JSON.parse(r.after).reason ?? null]),
      [
        ['siti', 'account.login', null],
        ...Array.from({ length: FREE_FAILURES }, () => ['SITI', 'account.login-failed', 'wrong-password']),
        ['siti', 'account.login-failed', 'throttled'],
        ['siti', 'account.login-failed', 'wrong-password'],
        ['siti', 'account.login', null],
        ['tidak-ada', 'account.login-failed', 'unknown-user'],
      ],
    );
    const all = JSON.stringify(a.db.prepare('SELECT * FROM audit_log').all());
    assert.doesNotMatch(all, /sandi-siti-1|salah-sandi|salah-lagi|apa-saja-1/, 'no password in the audit log');
    assert.deepEqual(verifyAuditChain(a.db).breaks, []);
  } finally {
    a.close();
  }
});

test('a disabled account cannot log in; the last active admin cannot be removed or disabled', async () => {
  const a = archive();
  try {
    const admin = await setupFirstUser(a.db, { name: 'admin', displayName: 'Admin', password: 'sandi-admin-1', roles: [] });
    const budi = await createUser(a.db, 'admin', { name: 'budi', displayName: 'Budi', password: 'sandi-budi-1', roles: ['staff'] });
    assert.throws(() => updateUser(a.db, admin, admin.id, { roles: ['staff'] }), /last active admin/);
    assert.throws(() => updateUser(a.db, admin, admin.id, { disabled: true }), /own account/);
    updateUser(a.db, admin, budi.id, { disabled: true });
    await rejects(authenticate(a.db, 'budi', 'sandi-budi-1', { via: 'app' }), 'forbidden', /dinonaktifkan/);
    updateUser(a.db, admin, budi.id, { roles: ['staff', 'admin'], disabled: false });
    updateUser(a.db, admin, admin.id, { roles: ['supervisor'] });
  } finally {
    a.close();
  }
});

test('the session locks itself after the idle time; unlocking needs the password; a disabled user loses the session', async () => {
  const a = archive();
  try {
    const admin = await setupFirstUser(a.db, { name: 'admin', displayName: 'Admin', password: 'sandi-admin-1', roles: [] });
    setIdleMinutes(a.db, 'admin', 5);
    let now = 1_000_000;
    const session = new Session(a.db, { now: () => now });
    assert.equal(session.userForCall(true), null, 'nobody before login');
    session.begin(admin);
    now += 4 * 60_000;
    assert.equal(session.userForCall(true)?.name, 'admin', 'activity within the idle time');
    now += 4 * 60_000;
    assert.equal(session.userForCall(false)?.name, 'admin', 'counted from the last activity');
    now += 2 * 60_000;
    assert.equal(session.userForCall(true), null, 'idle for more than 5 minutes: locked');
    assert.deepEqual(session.state(), { user: { id: admin.id, name: 'admin', displayName: 'Admin', roles: ['admin'], clearance: 'sangat-rahasia', nip: '', jabatan: '' }, locked: true });
    assert.equal(session.lockedUserId(), admin.id);
    session.unlock(admin.id);
    assert.equal(session.userForCall(true)?.name, 'admin');

    const budi = await createUser(a.db, 'admin', { name: 'budi', displayName: 'Budi', password: 'sandi-budi-1', roles: ['staff'] });
    session.begin({ id: budi.id, name: budi.name, displayName: budi.displayName, roles: budi.roles, clearance: budi.clearance });
    assert.equal(session.userForCall(true)?.name, 'budi');
    updateUser(a.db, admin, budi.id, { roles: ['staff', 'supervisor'] });
    assert.deepEqual(session.userForCall(true)?.roles, ['staff', 'supervisor'], 'a role change bites at once');
    updateUser(a.db, admin, budi.id, { disabled: true });
    assert.equal(session.userForCall(true), null);
    assert.equal(session.state(), null, 'the session ended');
  } finally {
    a.close();
  }
});

test('through the backend: nothing but public channels before login, lock refuses calls until unlocked with the password', async () => {
  const backend = await createBackend({ archiveDir: join(tempDir(), 'arsip'), host: 'browser-shell' });
  try {
    const before = await backend.dispatch('archive.stats', {}, CLI_SENDER);
    assert.equal(!before.ok && before.error.code, 'unauthenticated');
    const status = await ok<{ needsSetup: boolean }>(backend.dispatch('accounts.status', {}, CLI_SENDER));
    assert.equal(status.needsSetup, true);
    await loginAsAdmin(backend);
    const again = await backend.dispatch('accounts.setup', { name: 'kedua', displayName: 'Kedua', password: 'sandi-kedua-1' }, CLI_SENDER);
    assert.equal(!again.ok && again.error.code, 'conflict', 'setup only while there are no users');
    await ok(backend.dispatch('archive.stats', {}, CLI_SENDER));

    await ok(backend.dispatch('accounts.lock', {}, CLI_SENDER));
    const locked = await backend.dispatch('archive.stats', {}, CLI_SENDER);
    assert.equal(!locked.ok && locked.error.code, 'unauthenticated');
    const wrong = await backend.dispatch('accounts.unlock', { password: 'bukan-sandinya' }, CLI_SENDER);
    assert.equal(!wrong.ok && wrong.error.code, 'validation');
    const unlocked = await ok<{ session: { locked: boolean } }>(backend.dispatch('accounts.unlock', { password: ADMIN.password }, CLI_SENDER));
    assert.equal(unlocked.session.locked, false);
    await ok(backend.dispatch('archive.stats', {}, CLI_SENDER));

    await ok(backend.dispatch('accounts.logout', {}, CLI_SENDER));
    const out = await backend.dispatch('archive.stats', {}, CLI_SENDER);
    assert.equal(!out.ok && out.error.code, 'unauthenticated');
    const actions = (backend.archive.db.prepare("SELECT action FROM audit_log WHERE entity = 'user' ORDER BY id").all() as { action: string }[]).map((r) => r.action);
    assert.deepEqual(actions, ['account.setup', 'account.lock', 'account.login-failed', 'account.unlock', 'account.logout']);
  } finally {
    await backend.close();
  }
});

test('the CLI acts as a named user: password from BERKAS_PASSWORD, a clear error without one, requireRole explains the missing role', async () => {
  const a = archive();
  try {
    await rejects(authenticateCli(a.db, { user: 'admin', env: {} }), 'unauthenticated', /user add NAME --role admin/);
    await setupFirstUser(a.db, { name: 'admin', displayName: 'Admin', password: 'sandi-admin-1', roles: ALL_ROLES });
    await createUser(a.db, 'admin', { name: 'staf1', displayName: 'Staf', password: 'sandi-staf-1', roles: ['staff'] });
    forgetCliLogins();
    await rejects(authenticateCli(a.db, { env: {} }), 'unauthenticated', /--user NAMA/);
    await rejects(authenticateCli(a.db, { user: 'staf1', env: {}, interactive: false }), 'unauthenticated', /BERKAS_PASSWORD/);
    await rejects(authenticateCli(a.db, { user: 'staf1', env: { BERKAS_PASSWORD: 'salah-sekali' } }), 'validation', /salah/);
    const staf = await authenticateCli(a.db, { user: 'staf1', env: { BERKAS_PASSWORD: 'sandi-staf-1' } });
    assert.deepEqual(staf.roles, ['staff']);
    const prompted = await authenticateCli(a.db, { user: 'admin', env: {}, interactive: true, prompt: async () => 'sandi-admin-1' });
    assert.equal(prompted.name, 'admin');
    assert.throws(
      () => requireRole(staf, 'supervisor'),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'forbidden' &&
        /memerlukan peran atasan \(supervisor\); akun staf1/.test(e.messages.id) &&
        /needs the supervisor role, which staf1 does not hold/.test(e.messages.en),
    );
    const via = (a.db.prepare("SELECT after FROM audit_log WHERE action = 'account.login' ORDER BY id DESC LIMIT 1").get() as { after: string }).after;
    assert.deepEqual(JSON.parse(via), { via: 'cli' });
  } finally {
    forgetCliLogins();
    a.close();
  }
});

test('40 logins sent at once, one with the right password among 39 wrong ones, are throttled like 40 in a row', async () => {
  const a = archive();
  try {
    await setupFirstUser(a.db, { name: 'siti', displayName: 'Siti', password: 'sandi-siti-1', roles: ['staff'] });
    const now = Date.parse('2026-05-01T08:00:00Z');
    const RIGHT = 20;
    const attempts = Array.from({ length: 40 }, (_, i) => authenticate(a.db, 'siti', i === RIGHT ? 'sandi-siti-1' : `salah-${i}`, { via: 'app', now }));
    const settled = await Promise.allSettled(attempts);
    const codes = settled.map((s) => (s.status === 'fulfilled' ? 'ok' : (s.reason as AppError).code));
    // In a row: five wrong passwords are checked, then the name is blocked — the right password
    // arriving 21st is refused like every other attempt after the fifth.
    assert.equal(codes[RIGHT], 'busy', 'the right password sent among the flood does not get in');
    assert.equal(codes.filter((c) => c === 'validation').length, FREE_FAILURES, 'only five passwords were checked');
    assert.equal(codes.filter((c) => c === 'busy').length, 40 - FREE_FAILURES);
    assert.equal(codes.filter((c) => c === 'ok').length, 0);
    const checked = a.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'account.login-failed' AND after LIKE '%wrong-password%'").get() as { n: number };
    assert.equal(checked.n, FREE_FAILURES);
    // And the block holds for the right password afterwards, until the delay has passed.
    await rejects(authenticate(a.db, 'siti', 'sandi-siti-1', { via: 'app', now: now + 1000 }), 'busy');
    const user = await authenticate(a.db, 'siti', 'sandi-siti-1', { via: 'app', now: now + delayAfter(FREE_FAILURES) + 1 });
    assert.equal(user.name, 'siti');
  } finally {
    a.close();
  }
});

test('changing one\'s own password is throttled like a login: the change screen is no way around the block', async () => {
  const a = archive();
  try {
    const siti = await setupFirstUser(a.db, { name: 'siti', displayName: 'Siti', password: 'sandi-siti-1', roles: ['staff'] });
    const now = Date.parse('2026-05-01T08:00:00Z');
    const guesses = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => changeOwnPassword(a.db, siti.id, `tebakan-${i}`, 'sandi-baru-siti-1', now)));
    const codes = guesses.map((g) => (g.status === 'fulfilled' ? 'ok' : (g.reason as AppError).code));
    assert.equal(codes.filter((c) => c === 'validation').length, FREE_FAILURES);
    assert.equal(codes.filter((c) => c === 'busy').length, 12 - FREE_FAILURES);
    await rejects(changeOwnPassword(a.db, siti.id, 'sandi-siti-1', 'sandi-baru-siti-1', now + 1000), 'busy', /Coba lagi dalam/);
    // The same block stops the login screen.
    await rejects(authenticate(a.db, 'siti', 'sandi-siti-1', { via: 'app', now: now + 1000 }), 'busy');
    const later = now + delayAfter(FREE_FAILURES) + 1;
    await changeOwnPassword(a.db, siti.id, 'sandi-siti-1', 'sandi-baru-siti-1', later);
    await rejects(authenticate(a.db, 'siti', 'sandi-siti-1', { via: 'app', now: later }), 'validation');
    assert.equal((await authenticate(a.db, 'siti', 'sandi-baru-siti-1', { via: 'app', now: later })).name, 'siti');
  } finally {
    a.close();
  }
});

test('a password hashed at the old cost (N = 2^15) still logs in, and that login upgrades the stored hash', async () => {
  const a = archive();
  try {
    const siti = await setupFirstUser(a.db, { name: 'siti', displayName: 'Siti', password: 'sandi-siti-1', roles: ['staff'] });
    // The form berkas wrote before this change: scrypt$32768$8$1$salt$key.
    const salt = randomBytes(16);
    const old = ['scrypt', 32768, 8, 1, salt.toString('base64'), scryptSync('sandi-siti-1', salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('base64')].join('$');
    a.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(old, siti.id);
    await authenticate(a.db, 'siti', 'sandi-siti-1', { via: 'app' });
    const stored = (a.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(siti.id) as { password_hash: string }).password_hash;
    assert.deepEqual(hashParameters(stored), { n: SCRYPT_N, r: 8, p: 1 });
    assert.notEqual(stored, old);
    assert.equal(await verifyPassword('sandi-siti-1', stored), true);
    const audit = a.db.prepare("SELECT after FROM audit_log WHERE action = 'account.login' ORDER BY id DESC LIMIT 1").get() as { after: string };
    assert.equal(JSON.parse(audit.after).passwordRehashed, true);
    // A wrong password never rewrites the hash.
    await rejects(authenticate(a.db, 'siti', 'salah', { via: 'app' }), 'validation');
    assert.equal((a.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(siti.id) as { password_hash: string }).password_hash, stored);
  } finally {
    a.close();
  }
});
