// Issue 17, item 4, on the embedded archive first: a version per record, and a save made from an
// older version is refused with the record as it is now, never a silent overwrite. Through the
// backend's channels with a real archive: two people (or the CLI and the app) editing one record.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createBackend, type Backend } from '../../main/host/backend.ts';
import { CLI_SENDER, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { confidentialRecord } from '../helpers/clearance.ts';
import { tempDir } from '../helpers/tmp.ts';

const root = tempDir();
let backend: Backend;
let recordId: number;
type Result = { ok: true; value: unknown } | { ok: false; error: { code: string; message: { id: string; en: string }; details?: unknown } };
const call = (channel: string, input: unknown = {}) => backend.dispatch(channel, input, CLI_SENDER) as Promise<Result>;
type View = { id: number; version: number; subject: string; location: string | null };

before(async () => {
  backend = await createBackend({ archiveDir: join(root, 'arsip'), host: 'browser-shell' });
  await loginAsAdmin(backend);
  ({ recordId } = await confidentialRecord(backend, root, { name: 'undangan.txt', text: 'Undangan rapat koordinasi.', subject: 'Undangan rapat', securityClass: 'biasa' }));
});

after(async () => {
  await backend?.close();
});

test('every change of a record adds one to its version; a save from the version it was made on goes through', async () => {
  const first = await ok<View>(call('records.get', { id: recordId }));
  const saved = await ok<View>(call('records.update', { id: recordId, fields: { location: 'Rak 1' }, expectedVersion: first.version }));
  assert.equal(saved.version, first.version + 1);
  await ok(call('records.bulkUpdate', { ids: [recordId], fields: { location: 'Rak 2' } }));
  assert.equal((await ok<View>(call('records.get', { id: recordId }))).version, first.version + 2);
});

test('a save made from an older version is refused with the record as it is now, and what the other person saved stays', async () => {
  const updates = () => backend.archive.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'record.update' AND entity_id = ?").pluck().get(String(recordId)) as number;
  const auditedBefore = updates();
  const opened = await ok<View>(call('records.get', { id: recordId }));
  // Someone else saves first (another PC, the CLI, a second window).
  await ok(call('records.update', { id: recordId, fields: { subject: 'Undangan rapat koordinasi (diralat)' }, expectedVersion: opened.version }));
  const late = await call('records.update', { id: recordId, fields: { subject: 'Undangan rapat — versi saya', location: 'Rak 9' }, expectedVersion: opened.version });
  assert.equal(late.ok, false);
  if (late.ok) return;
  assert.equal(late.error.code, 'conflict');
  assert.match(late.error.message.id, /telah diubah orang lain/);
  const current = (late.error.details as { current: View }).current;
  assert.equal(current.subject, 'Undangan rapat koordinasi (diralat)', 'the conflict carries the saved version to show beside the form');
  assert.equal(current.version, opened.version + 1);
  const now = await ok<View>(call('records.get', { id: recordId }));
  assert.equal(now.subject, 'Undangan rapat koordinasi (diralat)', 'nothing was overwritten');
  assert.equal(now.location, opened.location, 'not even the fields the other person did not touch');
  // Saving again over the version now seen is the user's explicit choice, and it goes through.
  const over = await ok<View>(call('records.update', { id: recordId, fields: { subject: 'Undangan rapat — versi saya' }, expectedVersion: current.version }));
  assert.equal(over.subject, 'Undangan rapat — versi saya');
  assert.equal(updates() - auditedBefore, 2, 'the refused save left no audit entry');
});
