// The portal channels as the Sinkronisasi screen calls them: through backend.dispatch (router,
// role check) with a logged-in user, against the test CKAN portal on loopback. Every answer and
// every progress event must parse with the contract's (strict) schemas, since the router does not
// re-check outputs. The token travels in memory only: through the worker message and through
// portal.saveToken it must never reach the database file, its WAL, or the audit log.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { archiveLayout } from '../../main/archive/layout.ts';
import { openDatabase } from '../../main/db/connection.ts';
import { createPortalTokenVault, savePortalToken, TOKEN_FILE, type TokenCrypto } from '../../main/electron/portal-token.ts';
import { createBackend, type Backend } from '../../main/host/backend.ts';
import { BackendClient } from '../../main/host/backend-client.ts';
import { TOKEN_ENV } from '../../main/portal/token.ts';
import { channels, events as eventSchemas, type Channel } from '../../preload/contract.ts';
import { ADMIN, ALL_ROLES, addUser, CLI_SENDER, loginAs, loginAsAdmin } from '../helpers/accounts.ts';
import { tempDir } from '../helpers/tmp.ts';
import { startFakeCkan } from '../portal/ckan-server.ts';
import { queueWithdrawals, seedRecords, type TestArchive } from '../portal/fixtures.ts';

const savedEnv = process.env[TOKEN_ENV];
function setEnvToken(value: string | undefined): void {
  if (value === undefined) delete process.env[TOKEN_ENV];
  else process.env[TOKEN_ENV] = value;
}
after(() => setEnvToken(savedEnv));

type Dispatcher = { dispatch(channel: string, input: unknown, sender: typeof CLI_SENDER): ReturnType<Backend['dispatch']> };

/** Calls a portal channel and parses the answer with its output schema: a mismatch fails here. */
async function callParsed<C extends Channel>(backend: Dispatcher, channel: C, input: unknown) {
  const result = await backend.dispatch(channel, input, CLI_SENDER);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} — ${result.error.message.en}`);
  const parsed = channels[channel].output.safeParse(result.value);
  assert.ok(parsed.success, `${channel} output does not match its schema: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`);
  return parsed.data as never;
}

function archiveOf(backend: Backend): TestArchive {
  return { dir: backend.archive.layout.dir, layout: backend.archive.layout, db: backend.archive.db, close() {} };
}

function assertTokenNotIn(databaseFile: string, token: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    const file = databaseFile + suffix;
    if (existsSync(file)) assert.equal(readFileSync(file).includes(Buffer.from(token)), false, `token found in ${file}`);
  }
}

test('every portal channel answers in its schema through the router, and a push run shows in the activity tracker', async () => {
  const server = await startFakeCkan();
  setEnvToken(server.tokens.editor);
  const backend = await createBackend({ archiveDir: join(tempDir(), 'arsip'), host: 'browser-shell' });
  const progress: unknown[] = [];
  const busyAtStart: boolean[] = [];
  backend.events.subscribe((event) => {
    if (event.name !== 'portal.progress') return;
    progress.push(event.payload);
    if (event.payload.type === 'run-start') busyAtStart.push(backend.activity.current().reason === 'portal push');
  });
  try {
    await loginAsAdmin(backend);

    const first = (await callParsed(backend, 'portal.settings', {})) as { target: string; token: { present: boolean; source: string | null } };
    assert.equal(first.target, 'none');
    assert.deepEqual(first.token, { present: true, source: 'environment', problem: null });

    const saved = (await callParsed(backend, 'portal.saveSettings', {
      target: 'ckan',
      url: `  ${server.url}/  `,
      organization: server.organization.name,
      intervalMinutes: 30,
      privateOnArrival: false,
      withdrawMode: 'private',
    })) as { url: string; intervalMinutes: number };
    assert.equal(saved.url, server.url, 'trimmed, without the trailing slash');
    assert.equal(saved.intervalMinutes, 30);

    const report = (await callParsed(backend, 'portal.testConnection', {})) as { ok: boolean; organization: { name: string } | null };
    assert.equal(report.ok, true);
    assert.equal(report.organization?.name, server.organization.name);

    const records = seedRecords(archiveOf(backend), 5, { secret: [5] });
    const run = (await callParsed(backend, 'portal.pushNow', { wait: true })) as { summary: { published: number; refused: number } };
    assert.equal(run.summary.published, 4);
    assert.equal(run.summary.refused, 1);
    assert.ok(busyAtStart.length > 0 && busyAtStart.every(Boolean), 'every run was marked in the activity tracker');
    assert.equal(backend.activity.current().busy, false, 'and unmarked when it ended');

    const status = (await callParsed(backend, 'portal.status', {})) as {
      counts: { live: number; parked: number; refused: number; total: number };
      items: { recordId: number; state: string; reason: { id: string } | null; datasetUrl: string | null }[];
    };
    assert.deepEqual([status.counts.live, status.counts.refused, status.counts.parked, status.counts.total], [4, 1, 0, 5]);
    const secret = status.items.find((i) => i.state === 'refused')!;
    assert.equal(secret.recordId, records[4]!.id);
    assert.match(secret.reason!.id, /^Ditolak: arsip/);
    assert.ok(status.items.filter((i) => i.state === 'live').every((i) => i.datasetUrl?.startsWith(server.url)));
    const onlyParked = (await callParsed(backend, 'portal.status', { states: ['refused'], limit: 10 })) as { matching: number; items: unknown[] };
    assert.equal(onlyParked.matching, 1);
    assert.equal(onlyParked.items.length, 1);

    // Still secret: a retry would only be refused again, so it stays parked and says why.
    const retried = (await callParsed(backend, 'portal.retryParked', { recordIds: [secret.recordId] })) as {
      requeued: number;
      notRequeued: { recordId: number; outcome: string; reason: { id: string; en: string } }[];
    };
    assert.equal(retried.requeued, 0);
    assert.deepEqual(retried.notRequeued.map((n) => [n.recordId, n.outcome]), [[secret.recordId, 'parked']]);
    assert.match(retried.notRequeued[0]!.reason.en, /Security class "rahasia"/);

    // Withdrawing every live record trips the fail-safe; a supervisor confirms it.
    await callParsed(backend, 'portal.saveSettings', { withdrawFailSafeMin: 1 });
    queueWithdrawals(backend.archive.db, records.slice(0, 4).map((r) => r.id));
    const held = (await callParsed(backend, 'portal.status', { limit: 0 })) as { counts: { needsConfirmation: number }; failSafe: { blocked: boolean } };
    assert.equal(held.failSafe.blocked, true);
    assert.equal(held.counts.needsConfirmation, 4);
    const confirmed = (await callParsed(backend, 'portal.confirmWithdrawals', {})) as { confirmed: number };
    assert.equal(confirmed.confirmed, 4);
    // The confirmation wakes the background pusher; a push now waits for its run, then drains the rest.
    await callParsed(backend, 'portal.pushNow', { wait: true });
    const withdrawn = (await callParsed(backend, 'portal.status', { limit: 0 })) as { counts: { withdrawn: number; live: number } };
    assert.deepEqual([withdrawn.counts.withdrawn, withdrawn.counts.live], [4, 0]);
    assert.ok(records.slice(0, 4).every((r) => server.datasetsForRecord(r.id)[0]?.private === true), 'withdrawn as private datasets');

    const exported = (await callParsed(backend, 'portal.exportCatalogue', {})) as { dir: string; datasets: number };
    assert.equal(exported.dir, join(backend.archive.layout.dir, 'ekspor', 'katalog-dcat'));

    // Without waiting, the run goes on in the background and reports through events.
    const background = (await callParsed(backend, 'portal.pushNow', {})) as { summary: unknown };
    assert.equal(background.summary, null);
    await backend.portal.pushNow(); // queued behind it: returns once it has ended

    // The browser shell cannot keep a token: the answer says where it comes from instead.
    const refused = await backend.dispatch('portal.saveToken', { token: 'abcdefgh12345' }, CLI_SENDER);
    assert.equal(refused.ok, false);
    assert.match(!refused.ok ? refused.error.message.id : '', /BERKAS_PORTAL_TOKEN.*chmod 600/);
    assert.match(!refused.ok ? refused.error.message.en : '', /BERKAS_PORTAL_TOKEN.*chmod 600/);

    // A token the portal does not know: the test fails with words, not an exception, and without the token.
    setEnvToken('salah-token-1234567890');
    const failed = (await callParsed(backend, 'portal.testConnection', {})) as { ok: boolean; message: { id: string; en: string } };
    assert.equal(failed.ok, false);
    assert.ok(!JSON.stringify(failed).includes('salah-token-1234567890'));

    // A token file others can read is refused when it is set, with the command that fixes it.
    const badFile = await backend.dispatch('portal.saveSettings', { tokenFile: 'token.txt' }, CLI_SENDER);
    assert.equal(!badFile.ok && badFile.error.code, 'validation');

    assert.ok(progress.length > 0);
    for (const payload of progress) {
      const parsed = eventSchemas['portal.progress'].safeParse(payload);
      assert.ok(parsed.success, `progress event out of schema: ${JSON.stringify(payload)}`);
    }
  } finally {
    await backend.close();
    await server.close();
  }
});

test('the router enforces each portal channel’s role: staff push, supervisors confirm, admins configure', async () => {
  const backend = await createBackend({ archiveDir: join(tempDir(), 'arsip'), host: 'browser-shell' });
  try {
    const staff = await addUser(backend, 'staf-saja', ['staff']);
    await loginAs(backend, staff.name, staff.password);
    const expect = async (channel: Channel, input: unknown, allowed: boolean) => {
      const result = await backend.dispatch(channel, input, CLI_SENDER);
      assert.equal(result.ok || result.error.code !== 'forbidden', allowed, `${channel} for staff`);
    };
    await expect('portal.settings', {}, true);
    await expect('portal.status', {}, true);
    await expect('portal.pushNow', { wait: true }, true);
    await expect('portal.saveSettings', { intervalMinutes: 5 }, false);
    await expect('portal.testConnection', {}, false);
    await expect('portal.saveToken', { token: 'abcdefgh12345' }, false);
    await expect('portal.confirmWithdrawals', {}, false);
    await expect('portal.retryParked', {}, false);
  } finally {
    await backend.close();
  }
});

test('the token reaches the backend worker in memory only: portal.saveToken and the host message push with it, the database never holds it', async () => {
  const server = await startFakeCkan();
  setEnvToken(undefined); // the worker copies the environment when it starts: no token from there
  const dir = join(tempDir(), 'arsip');
  const token = server.tokens.editor;
  const layout = archiveLayout(dir);
  const seed = (n: number) => {
    // A second connection, like the publication workflow in another process would be.
    const db = openDatabase(layout.database);
    try {
      return seedRecords({ dir, layout, db, close() {} }, n);
    } finally {
      db.close();
    }
  };

  const client = new BackendClient({ archiveDir: dir, host: 'electron' });
  await client.ready;
  const worker: Dispatcher = { dispatch: (channel, input, sender) => client.call(channel, input, sender) };
  try {
    assert.equal((await client.call('accounts.setup', { ...ADMIN, roles: ALL_ROLES }, CLI_SENDER)).ok, true);
    await callParsed(worker, 'portal.saveSettings', { target: 'ckan', url: server.url, organization: server.organization.name });
    const before = (await callParsed(worker, 'portal.settings', {})) as { token: { present: boolean } };
    assert.equal(before.token.present, false);
    const noToken = (await callParsed(worker, 'portal.testConnection', {})) as { ok: boolean; message: { id: string } };
    assert.equal(noToken.ok, false);
    assert.match(noToken.message.id, /Token API portal belum diatur: isi Sinkronisasi → Token/);

    const stored = (await callParsed(worker, 'portal.saveToken', { token })) as { stored: string };
    assert.equal(stored.stored, 'session-only', 'the backend holds it; only the Electron main process can seal it');
    const afterSave = (await callParsed(worker, 'portal.settings', {})) as { token: { present: boolean; source: string } };
    assert.deepEqual(afterSave.token, { present: true, source: 'app', problem: null });
    seed(3);
    const run = (await callParsed(worker, 'portal.pushNow', { wait: true })) as { summary: { published: number } };
    assert.equal(run.summary.published, 3);
  } finally {
    await client.close();
  }

  // A new worker knows no token until the host hands it over with the 'set-portal-token' message.
  const again = new BackendClient({ archiveDir: dir, host: 'electron' });
  await again.ready;
  const worker2: Dispatcher = { dispatch: (channel, input, sender) => again.call(channel, input, sender) };
  try {
    assert.equal((await again.call('accounts.login', { name: ADMIN.name, password: ADMIN.password }, CLI_SENDER)).ok, true);
    const fresh = (await callParsed(worker2, 'portal.settings', {})) as { token: { present: boolean } };
    assert.equal(fresh.token.present, false, 'nothing was kept in the archive');
    again.setPortalToken(token);
    const handed = (await callParsed(worker2, 'portal.settings', {})) as { token: { present: boolean; source: string } };
    assert.deepEqual(handed.token, { present: true, source: 'app', problem: null });
    seed(2);
    const run = (await callParsed(worker2, 'portal.pushNow', { wait: true })) as { summary: { published: number } };
    assert.equal(run.summary.published, 2);
    again.setPortalToken(null);
    const forgotten = (await callParsed(worker2, 'portal.settings', {})) as { token: { present: boolean } };
    assert.equal(forgotten.token.present, false);
  } finally {
    await again.close();
  }

  assert.equal(server.datasetCountByRecord().size, 5);
  assertTokenNotIn(layout.database, token);
  const db = openDatabase(layout.database, { readonly: true });
  try {
    const audit = db.prepare("SELECT after FROM audit_log WHERE action = 'portal.token'").all() as { after: string }[];
    assert.deepEqual(audit.map((a) => JSON.parse(a.after)), [{ token: 'set' }], 'the audit says that it was set, not what it is');
  } finally {
    db.close();
  }
  await server.close();
});

/** A reversible stand-in for the OS keychain (the thing under test is the vault's file handling). */
function keychain(backend: ReturnType<NonNullable<TokenCrypto['getSelectedStorageBackend']>> = 'gnome_libsecret'): TokenCrypto {
  const key = 0x5a;
  return {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (text) => Buffer.from([...Buffer.from(`sealed:${text}`)].map((b) => b ^ key)),
    decryptStringAsync: async (sealed) => ({ result: Buffer.from([...sealed].map((b) => b ^ key)).toString().replace(/^sealed:/, ''), shouldReEncrypt: false }),
    getSelectedStorageBackend: () => backend,
  };
}

test('Electron keeps the token sealed in the user-data folder, owner-only, and only after the backend accepted the call', async () => {
  const dir = join(tempDir(), 'arsip');
  const userData = join(tempDir(), 'userdata');
  const token = 'eyJ0eXAiOiJKV1Qi.rahasia-token-uji-123';
  const vault = createPortalTokenVault(userData, keychain(), 'linux');
  const client = new BackendClient({ archiveDir: dir, host: 'electron' });
  await client.ready;
  try {
    // Nobody logged in: refused by the router, nothing written.
    const refused = await savePortalToken(vault, client, { token }, CLI_SENDER);
    assert.equal(refused.ok, false);
    assert.equal(existsSync(join(userData, TOKEN_FILE)), false);

    await client.call('accounts.setup', { ...ADMIN, roles: ALL_ROLES }, CLI_SENDER);
    const malformed = await savePortalToken(vault, client, { token: 'dua kata' }, CLI_SENDER);
    assert.equal(!malformed.ok && malformed.error.code, 'validation');
    assert.ok(!JSON.stringify(malformed).includes('dua kata'), 'the error does not echo the token');

    const saved = await savePortalToken(vault, client, { token }, CLI_SENDER);
    assert.deepEqual(saved, { ok: true, value: { stored: 'secure-storage' } });
    const file = join(userData, TOKEN_FILE);
    assert.equal(statSync(file).mode & 0o077, 0, 'owner-only');
    assert.equal(readFileSync(file).includes(Buffer.from(token)), false, 'never in plain text');
    assert.equal(await vault.load(), token);
    const settings = await client.call('portal.settings', {}, CLI_SENDER);
    assert.equal(settings.ok && (settings.value as { token: { source: string } }).token.source, 'app');

    const cleared = await savePortalToken(vault, client, { token: null }, CLI_SENDER);
    assert.deepEqual(cleared, { ok: true, value: { stored: 'cleared' } });
    assert.equal(existsSync(file), false);
    assert.equal(await vault.load(), null);
  } finally {
    await client.close();
  }
  assertTokenNotIn(archiveLayout(dir).database, token);

  // Linux without a keyring: safeStorage would only obfuscate, so nothing is written.
  const weak = createPortalTokenVault(userData, keychain('basic_text'), 'linux');
  assert.equal(await weak.save(token), 'session-only');
  assert.equal(existsSync(join(userData, TOKEN_FILE)), false);
});
