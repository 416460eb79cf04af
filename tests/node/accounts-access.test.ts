// Every channel that needs a role, and every CLI command of accounts/publication/audit that needs
// one, refuses a logged-in user without that role — in the main process, with a message that
// names the role and the user, and before anything is written.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { channelNames, channels, type Role } from '../../preload/contract.ts';
import { forgetCliLogins } from '../../main/accounts/cli-auth.ts';
import { main } from '../../main/cli.ts';
import { createBackend, type Backend } from '../../main/host/backend.ts';
import { addUser, CLI_SENDER, loginAs, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { seedRecord } from '../helpers/publication.ts';
import { tempDir } from '../helpers/tmp.ts';

const archiveDir = join(tempDir(), 'arsip');
let backend: Backend;
const lacking: Record<Role, { name: string; password: string }> = {} as never;

before(async () => {
  backend = await createBackend({ archiveDir, host: 'browser-shell' });
  await loginAsAdmin(backend);
  lacking.staff = await addUser(backend, 'tanpa-staf', ['supervisor', 'admin']);
  lacking.supervisor = await addUser(backend, 'tanpa-atasan', ['staff', 'admin']);
  lacking.admin = await addUser(backend, 'tanpa-admin', ['staff', 'supervisor']);
  seedRecord(backend.archive.db, { subject: 'Rencana kerja 2026', publicCategory: 'setiap-saat' });
});

after(async () => {
  await backend?.close();
});

const ROLE_ID: Record<Role, string> = { staff: 'staf', supervisor: 'atasan (supervisor)', admin: 'admin' };

function counts() {
  const one = (sql: string) => (backend.archive.db.prepare(sql).get() as { n: number }).n;
  return { audit: one('SELECT count(*) AS n FROM audit_log'), outbox: one('SELECT count(*) AS n FROM outbox'), records: one('SELECT count(*) AS n FROM records') };
}

const guarded = channelNames.filter((name) => channels[name].access !== 'public' && channels[name].access !== 'any');

test('the channel table has role-guarded channels from archive, accounts, publication and audit', () => {
  for (const prefix of ['records.', 'files.', 'import.', 'accounts.', 'publication.', 'audit.']) {
    assert.ok(guarded.some((c) => c.startsWith(prefix)), `${prefix}* has a guarded channel`);
  }
});

test('before login every channel that is not public answers "please log in"', async () => {
  await ok(backend.dispatch('accounts.logout', {}, CLI_SENDER));
  for (const name of channelNames.filter((c) => channels[c].access !== 'public')) {
    const result = await backend.dispatch(name, {}, CLI_SENDER);
    assert.equal(!result.ok && result.error.code, 'unauthenticated', name);
    assert.match(!result.ok ? result.error.message.id : '', /Silakan masuk/, name);
  }
});

for (const role of ['staff', 'supervisor', 'admin'] as const) {
  test(`a logged-in user without the ${role} role is refused on every channel that needs it`, async () => {
    const who = lacking[role];
    await loginAs(backend, who.name, who.password);
    const start = counts();
    const needing = guarded.filter((c) => channels[c].access === role);
    assert.ok(needing.length > 0);
    for (const name of needing) {
      const result = await backend.dispatch(name, { recordId: 1, id: 1 }, CLI_SENDER);
      assert.equal(result.ok, false, `${name} must be refused for ${who.name}`);
      if (result.ok) continue;
      assert.equal(result.error.code, 'forbidden', name);
      assert.equal(result.error.message.id, `Tindakan ini memerlukan peran ${ROLE_ID[role]}; akun ${who.name} tidak memilikinya. Minta admin menambahkan peran tersebut.`, name);
      assert.match(result.error.message.en, new RegExp(`needs the ${role} role, which ${who.name} does not hold`), name);
    }
    assert.deepEqual(counts(), start, 'nothing was written');
  });
}

function sink(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk, _enc, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

async function cli(user: string, password: string, argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  forgetCliLogins();
  const saved = { p: process.env.BERKAS_PASSWORD, n: process.env.BERKAS_NEW_PASSWORD };
  process.env.BERKAS_PASSWORD = password;
  process.env.BERKAS_NEW_PASSWORD = 'sandi-baru-sekali';
  const stdout = sink();
  const stderr = sink();
  try {
    const code = await main(['--archive', archiveDir, '--user', user, ...argv], { stdout: stdout as never, stderr: stderr as never });
    return { code, stdout: stdout.text, stderr: stderr.text };
  } finally {
    if (saved.p === undefined) delete process.env.BERKAS_PASSWORD;
    else process.env.BERKAS_PASSWORD = saved.p;
    if (saved.n === undefined) delete process.env.BERKAS_NEW_PASSWORD;
    else process.env.BERKAS_NEW_PASSWORD = saved.n;
    forgetCliLogins();
  }
}

const CLI_CASES: { role: Role; argv: string[] }[] = [
  { role: 'admin', argv: ['user', 'add', 'orang-baru', '--role', 'staff'] },
  { role: 'admin', argv: ['user', 'passwd', 'admin'] },
  { role: 'admin', argv: ['user', 'list'] },
  { role: 'staff', argv: ['publish', 'propose', '1'] },
  { role: 'staff', argv: ['publish', 'cancel', '1'] },
  { role: 'supervisor', argv: ['publish', 'approve', '1', '--ack-personal-data'] },
  { role: 'supervisor', argv: ['publish', 'reject', '1', '--comment', 'tidak'] },
  { role: 'supervisor', argv: ['publish', 'withdraw', '1', '--comment', 'tarik'] },
  { role: 'supervisor', argv: ['audit', 'export', '--out', join(tempDir(), 'audit.csv')] },
  { role: 'supervisor', argv: ['audit', 'verify'] },
];

for (const { role, argv } of CLI_CASES) {
  test(`CLI \`berkas ${argv.slice(0, 2).join(' ')}\` refuses a user without the ${role} role`, async () => {
    const who = lacking[role];
    const start = counts();
    const result = await cli(who.name, who.password, argv);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`needs the ${role} role, which ${who.name} does not hold`));
    assert.match(result.stderr, new RegExp(`memerlukan peran ${ROLE_ID[role].replace(/[()]/g, '\\$&')}`));
    const end = counts();
    // The CLI login itself is audited; nothing else is written.
    assert.equal(end.audit, start.audit + 1);
    assert.equal(end.outbox, start.outbox);
  });
}

test('CLI register exports need a valid login (any role)', async () => {
  const out = join(tempDir(), 'dip.csv');
  const wrong = await cli('tanpa-admin', 'bukan-sandinya', ['dip', 'export', '--format', 'csv', '--out', out]);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /Wrong user name or password/);
  const right = await cli('tanpa-admin', lacking.admin.password, ['dip', 'export', '--format', 'csv', '--out', out]);
  assert.equal(right.code, 0, right.stderr);
  assert.match(right.stdout, /1 row/);
});
