// Issue 13 item 8: berkala information is published at least every six months (UU 14/2008
// Pasal 9): items not refreshed for six months are listed as due and counted for the dashboard;
// a refresh is recorded (staff, audited, never in the future, never changed) and restarts the count.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openArchive } from '../../main/archive/open.ts';
import { viewerFor } from '../../main/clearance/viewer.ts';
import { openDatabase } from '../../main/db/connection.ts';
import { migrate } from '../../main/db/migrate.ts';
import { migrations } from '../../main/db/migrations/index.ts';
import { addMonths, berkalaDueCount, berkalaItems, recordBerkalaRefresh } from '../../main/publication/berkala.ts';
import { seedRecord } from '../helpers/publication.ts';
import { tempDir } from '../helpers/tmp.ts';

const staff = { id: 2, name: 'siti', roles: ['staff'] as const };
const biasa = viewerFor({ id: 2, name: 'siti', roles: ['staff'], clearance: 'biasa' });
const full = viewerFor({ id: 3, name: 'andi', roles: ['staff', 'supervisor'], clearance: 'sangat-rahasia' });

test('six calendar months, the 31st clamped to the month end', () => {
  assert.equal(addMonths('2026-01-15', 6), '2026-07-15');
  assert.equal(addMonths('2025-08-31', 6), '2026-02-28');
  assert.equal(addMonths('2025-12-31', 6), '2026-06-30');
});

test('berkala items not refreshed for six months are due; a refresh restarts the six months; nothing above the clearance is counted', () => {
  const archive = openArchive(join(tempDir(), 'arsip'));
  try {
    const db = archive.db;
    const laporan = seedRecord(db, { subject: 'Laporan keuangan semester', publicCategory: 'berkala' });
    const renja = seedRecord(db, { subject: 'Rencana kerja', publicCategory: 'berkala' });
    seedRecord(db, { subject: 'Pengumuman', publicCategory: 'setiap-saat' });
    const secret = seedRecord(db, { subject: 'Berkala rahasia', publicCategory: 'berkala', securityClass: 'rahasia' });
    db.prepare("UPDATE records SET created_at = '2025-09-01T02:00:00.000Z' WHERE id IN (?, ?, ?)").run(laporan, renja, secret);

    assert.equal(berkalaDueCount(db, biasa, '2026-02-28'), 0, 'not yet six months');
    const items = berkalaItems(db, biasa, '2026-03-01');
    assert.deepEqual(items.map((i) => [i.recordId, i.since, i.basis, i.dueOn, i.due]), [
      [laporan, '2025-09-01', 'recorded', '2026-03-01', true],
      [renja, '2025-09-01', 'recorded', '2026-03-01', true],
    ]);
    assert.equal(berkalaDueCount(db, biasa, '2026-03-01'), 2);
    assert.equal(berkalaDueCount(db, full, '2026-03-01'), 3, 'the rahasia item is counted only for a cleared viewer');

    recordBerkalaRefresh(db, staff, biasa, { recordId: laporan, on: '2026-02-20', note: 'Laporan semester II 2025 diunggah' }, '2026-03-01');
    const after = berkalaItems(db, biasa, '2026-03-01');
    assert.deepEqual(after.find((i) => i.recordId === laporan), { recordId: laporan, subject: 'Laporan keuangan semester', letterNumber: null, since: '2026-02-20', basis: 'refreshed', dueOn: '2026-08-20', due: false });
    assert.equal(berkalaDueCount(db, biasa, '2026-03-01'), 1);

    assert.throws(() => recordBerkalaRefresh(db, staff, biasa, { recordId: laporan, on: '2026-03-02', note: 'x' }, '2026-03-01'), /setelah hari ini|after today/);
    const open = seedRecord(db, { subject: 'Pengumuman lain', publicCategory: 'setiap-saat' });
    assert.throws(() => recordBerkalaRefresh(db, staff, biasa, { recordId: open, on: '2026-03-01', note: 'x' }, '2026-03-01'), /bukan informasi berkala|not berkala/);
    assert.throws(() => recordBerkalaRefresh(db, staff, biasa, { recordId: secret, on: '2026-03-01', note: 'x' }, '2026-03-01'), /tidak ditemukan|not found/);
    assert.throws(() => recordBerkalaRefresh(db, { id: 9, name: 'tamu', roles: [] }, biasa, { recordId: renja, on: '2026-03-01', note: 'x' }, '2026-03-01'));
    assert.throws(() => db.prepare('UPDATE berkala_refreshes SET note = ?').run('lain'), /cannot be changed/);
    assert.throws(() => db.prepare('DELETE FROM berkala_refreshes').run(), /cannot be deleted/);
    const audit = JSON.parse(db.prepare("SELECT after FROM audit_log WHERE action = 'publication.berkala-refresh'").pluck().get() as string);
    assert.deepEqual(audit, { on: '2026-02-20', note: 'Laporan semester II 2025 diunggah' });
  } finally {
    archive.close();
  }
});

test('migration 0171 on an archive at 0170 holding berkala records: every record unchanged, none refreshed yet', () => {
  const dir = tempDir('berkas-m0171-');
  mkdirSync(join(dir, 'arsip'), { recursive: true });
  const db = openDatabase(join(dir, 'arsip', 'berkas.sqlite'));
  try {
    migrate(db, migrations.filter((m) => m.version <= 170));
    db.exec(`INSERT INTO records (id, subject, public_category, created_at, updated_at, created_by) VALUES (1, 'Laporan berkala', 'berkala', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 'seed'), (2, 'Lain', NULL, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 'seed')`);
    const before = db.prepare('SELECT * FROM records ORDER BY id').all();
    migrate(db, migrations.filter((m) => m.version <= 171));
    assert.equal(db.pragma('user_version', { simple: true }), 171);
    assert.deepEqual(db.prepare('SELECT * FROM records ORDER BY id').all(), before);
    assert.equal(db.prepare('SELECT count(*) FROM berkala_refreshes').pluck().get(), 0);
    migrate(db, migrations);
    assert.deepEqual(berkalaItems(db, full, '2026-01-01').map((i) => [i.recordId, i.due]), [[1, true]]);
  } finally {
    db.close();
  }
});
