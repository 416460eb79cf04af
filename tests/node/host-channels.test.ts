// Restore, the native picker and the updater are contract channels the host answers itself: the
// browser shell (the same routeCall the Electron shell uses) checks the sender, the role and the
// input schema for them as the router does for the backend's, and answers through the output schema.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { startBrowserShell, type BrowserShell } from '../../main/browser-shell/server.ts';
import { tempDir } from '../helpers/tmp.ts';

let shell: BrowserShell;
const archiveDir = join(tempDir(), 'arsip');
before(async () => {
  shell = await startBrowserShell({ archiveDir });
});
after(() => shell.close());

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: { id: string; en: string } } };

async function invoke(channel: string, input: unknown): Promise<Answer> {
  const res = await fetch(`${shell.origin}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-berkas-token': shell.token },
    body: JSON.stringify(input),
  });
  return (await res.json()) as Answer;
}

const ADMIN = { name: 'admin', displayName: 'Admin TI', password: 'kata-sandi-admin-123' };
const STAFF = { name: 'staf', displayName: 'Staf Arsip', password: 'kata-sandi-staf-123' };

test('restore, pick and update answer through the contract: role, schema, and no more than the output schema says', { timeout: 120_000 }, async () => {
  // Nobody logged in: the role-guarded host channels refuse, the public one answers.
  assert.equal(((await invoke('backup.restore', { name: 'berkas-backup-20260101-000000', force: false })) as { error: { code: string } }).error.code, 'unauthenticated');
  assert.deepEqual(await invoke('update.run', { action: 'status' }), { ok: true, value: null }, 'the shell has no updater');
  assert.equal(((await invoke('update.run', { action: 'reboot' })) as { error: { code: string } }).error.code, 'validation');

  assert.equal((await invoke('accounts.setup', { ...ADMIN, roles: ['staff', 'supervisor', 'admin'] })).ok, true);
  assert.deepEqual(await invoke('dialog.pick', { kind: 'files' }), { ok: true, value: null }, 'no native picker: the renderer offers a file input');
  const badKind = await invoke('dialog.pick', { kind: 'disk' });
  assert.equal(badKind.ok, false);
  assert.match((badKind as { error: { message: { en: string } } }).error.message.en, /Invalid input/);

  const run = await invoke('backup.run', {});
  assert.equal(run.ok, true, JSON.stringify(run));
  const name = (run as { value: { name: string } }).value.name;

  // A path instead of a generation name never reaches the restore.
  const traversal = await invoke('backup.restore', { name: '../../etc', force: true });
  assert.equal((traversal as { error: { code: string } }).error.code, 'validation');

  // Staff may not restore.
  assert.equal((await invoke('accounts.create', { ...STAFF, roles: ['staff'] })).ok, true);
  await invoke('accounts.logout', {});
  assert.equal((await invoke('accounts.login', { name: STAFF.name, password: STAFF.password })).ok, true);
  const denied = await invoke('backup.restore', { name, force: true });
  assert.equal((denied as { error: { code: string } }).error.code, 'forbidden');
  assert.match((denied as { error: { message: { id: string } } }).error.message.id, /peran admin/);
  await invoke('accounts.logout', {});

  assert.equal((await invoke('accounts.login', { name: ADMIN.name, password: ADMIN.password })).ok, true);
  const intact = await invoke('backup.restore', { name, force: false });
  assert.equal((intact as { error: { code: string } }).error.code, 'conflict', 'an intact archive needs the explicit roll-back');
  const restored = await invoke('backup.restore', { name, force: true });
  assert.equal(restored.ok, true, JSON.stringify(restored));
  const value = (restored as { value: Record<string, unknown> }).value;
  assert.deepEqual(Object.keys(value).sort(), ['created', 'previous', 'restoredFrom'], 'paths and counts of the host stay in the host');
  assert.match(String(value.previous), /before-restore-/);
  assert.ok(existsSync(String(value.previous)));
  assert.equal(readdirSync(dirname(archiveDir)).filter((n) => n.startsWith('arsip.before-restore-')).length, 1);
  // The backend came back on the restored archive.
  assert.equal((await invoke('app.info', {})).ok, true);
});
