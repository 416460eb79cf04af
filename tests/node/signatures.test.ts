// A user's NIP and jabatan: who may set them, how they are checked and audited, and that every
// signature block and every "approved by" line of a generated document prints the person (name,
// jabatan, NIP) instead of the account's user name. PDFs read back with pdftotext.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { channels } from '../../preload/contract.ts';
import { createUser, getUser, updateOwnProfile, updateUser } from '../../main/accounts/users.ts';
import { openDatabase } from '../../main/db/connection.ts';
import { migrate } from '../../main/db/migrate.ts';
import { migrations } from '../../main/db/migrations/index.ts';
import { generateDaum, proposeDestruction } from '../../main/retention/destruction.ts';
import { archiveList } from '../../main/retention/lists.ts';
import { exportArchiveList } from '../../main/retention/lists-export.ts';
import { approveSimple, createTransfer, executeTransfer } from '../../main/retention/transfer.ts';
import type { Archive } from '../../main/archive/open.ts';
import { tempDir } from '../helpers/tmp.ts';
import { SIGNER, WITNESS, addFile, addRecord, applySampleJra, freshArchive, objectFile } from './retention-helpers.ts';

const TODAY = '2026-03-12';
const SRI = { name: 'sri', displayName: 'Sri Wahyuni, S.Kom.', password: 'sandi-atasan-1', roles: ['staff', 'supervisor'] as const };

function pdfText(archive: Archive, documentId: number): string {
  const sha = archive.db.prepare('SELECT sha256 FROM documents WHERE id = ?').pluck().get(documentId) as string;
  return execFileSync('pdftotext', [objectFile(archive, sha), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

async function withSri(archive: Archive) {
  const admin = await createUser(archive.db, 'admin', { name: 'admin', displayName: 'Admin', password: 'sandi-admin-1', roles: ['admin'] });
  const sri = await createUser(archive.db, 'admin', { ...SRI, roles: [...SRI.roles] });
  updateUser(archive.db, admin, sri.id, { nip: '19800101 200501 2 001', jabatan: 'Kepala Bidang Arsip' });
  return sri;
}

test('an NIP is 18 digits: the admin sets NIP and jabatan, the user sets their own, each change audited', async () => {
  const archive = freshArchive();
  try {
    const admin = await createUser(archive.db, 'admin', { name: 'admin', displayName: 'Admin', password: 'sandi-admin-1', roles: ['admin'] });
    const sri = await createUser(archive.db, 'admin', { ...SRI, roles: [...SRI.roles] });
    assert.deepEqual([sri.nip, sri.jabatan], ['', ''], 'new accounts start without NIP or jabatan');

    const set = updateUser(archive.db, admin, sri.id, { nip: '19800101 200501 2 001', jabatan: 'Kepala Bidang Arsip' });
    assert.deepEqual([set.nip, set.jabatan], ['198001012005012001', 'Kepala Bidang Arsip'], 'the spaces people type are dropped');
    assert.throws(() => updateUser(archive.db, admin, sri.id, { nip: '1980 0101' }), /18 (angka|digits)/);
    assert.throws(() => updateOwnProfile(archive.db, sri.id, { displayName: 'Sri', nip: '19800101200501200X', jabatan: '' }), /18 (angka|digits)/);
    assert.throws(() => archive.db.prepare("UPDATE users SET nip = '123' WHERE id = ?").run(sri.id), /CHECK/, 'the table refuses it too');
    assert.equal(getUser(archive.db, sri.id).nip, '198001012005012001', 'a refused change leaves the stored NIP');

    const own = updateOwnProfile(archive.db, sri.id, { displayName: ' Sri Wahyuni, S.Kom. ', nip: '198001012005012001', jabatan: 'Kepala Bidang Arsip dan Perpustakaan' });
    assert.deepEqual([own.displayName, own.jabatan, own.roles], ['Sri Wahyuni, S.Kom.', 'Kepala Bidang Arsip dan Perpustakaan', ['staff', 'supervisor']]);

    const audit = archive.db.prepare("SELECT actor, action, before, after FROM audit_log WHERE action IN ('account.update', 'account.profile') ORDER BY id").all() as { actor: string; action: string; before: string; after: string }[];
    assert.deepEqual(
      audit.map((a) => [a.actor, a.action, JSON.parse(a.after).nip, JSON.parse(a.after).jabatan]),
      [
        ['admin', 'account.update', '198001012005012001', 'Kepala Bidang Arsip'],
        ['sri', 'account.profile', '198001012005012001', 'Kepala Bidang Arsip dan Perpustakaan'],
      ],
    );
    assert.equal(JSON.parse(audit[1]!.before).jabatan, 'Kepala Bidang Arsip');

    // At the boundary: the contract says the same before anything reaches a service.
    const bad = channels['accounts.updateProfile'].input.safeParse({ displayName: 'Sri', nip: '12345', jabatan: '' });
    assert.equal(bad.success, false);
    assert.match(JSON.stringify(bad.error?.issues), /18 angka/);
    assert.equal(channels['accounts.updateProfile'].access, 'any', 'every signed-in user may set their own');
    assert.equal(channels['accounts.update'].access, 'admin');
  } finally {
    archive.close();
  }
});

test('the berita acara pemindahan names the approving supervisor by name, jabatan and NIP, not by user name', { timeout: 60_000 }, async () => {
  const archive = freshArchive();
  try {
    await withSri(archive);
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: '000.1.6', closedAt: '2024-12-31' });
    addRecord(archive, { fileId: file, status: 'aktif' });
    const caseId = createTransfer(archive.db, { fileIds: [file], recordIds: [], title: 'Pemindahan 2026', location: 'Record center', firstBox: 1, foldersPerBox: 1 }, 'staf', TODAY);
    approveSimple(archive.db, caseId, 'transfer', 'Silakan', 'sri', TODAY);
    const ba = pdfText(archive, await executeTransfer(archive, caseId, { baNumber: 'BA-P/1', from: SIGNER, to: WITNESS }, 'sri', TODAY));
    assert.match(ba, /disetujui oleh Sri Wahyuni, S\.Kom\., Kepala Bidang Arsip, NIP 19800101 200501 2 001 pada tanggal 12 Maret 2026/);
    assert.doesNotMatch(ba, /oleh sri\b/);
    // The parties, in the body and in their signature blocks, with the NIP in its printed groups.
    assert.match(ba, /Nama : Siti Rahma, S\.Sos\. NIP : 19800101 200501 2 001 Jabatan : Kepala Unit Kearsipan/);
    assert.match(ba, /Yang menyerahkan, Kepala Unit Kearsipan/);
    assert.match(ba, /Budi Santoso NIP 19750505 200001 1 002/);
  } finally {
    archive.close();
  }
});

test('the DAUM and the Daftar Arsip are signed by who drew them up (name, jabatan, NIP) under the head of the unit', { timeout: 60_000 }, async () => {
  const archive = freshArchive();
  try {
    await withSri(archive);
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: '000.1.1', closedAt: '2020-06-30' });
    addRecord(archive, { fileId: file });
    const caseId = proposeDestruction(archive.db, { fileIds: [file], recordIds: [], title: 'Telekomunikasi 2020' }, 'sri', TODAY);
    const daum = pdfText(archive, await generateDaum(archive, caseId, 'sri', TODAY));
    assert.match(daum, /Mengetahui,/);
    assert.match(daum, /Yang membuat, Kepala Bidang Arsip Sri Wahyuni, S\.Kom\. NIP 19800101 200501 2 001/);
    assert.doesNotMatch(daum, /\bsri\b/);

    const list = archiveList(archive.db, { kind: 'inaktif', unit: null, year: null }, null);
    const out = await exportArchiveList(archive.db, 'sri', list, 'pdf', join(tempDir(), 'dai.pdf'));
    const dai = execFileSync('pdftotext', [out.path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.match(dai, /Yang membuat, Kepala Bidang Arsip Sri Wahyuni, S\.Kom\. NIP 19800101 200501 2 001/);
  } finally {
    archive.close();
  }
});

test('migration 0320 keeps the accounts of a version-180 archive, each without NIP or jabatan', () => {
  const db = openDatabase(join(tempDir('berkas-migrate-'), 'berkas.sqlite'));
  migrate(db, migrations.filter((m) => m.version <= 180));
  const NOW = '2026-03-01T08:00:00.000Z';
  db.prepare(`INSERT INTO users (id, name, display_name, password_hash, password_changed_at, created_at, updated_at) VALUES (1, 'siti', 'Siti', 'scrypt$x', ?, ?, ?)`).run(NOW, NOW, NOW);
  const before = db.prepare('SELECT * FROM users').all();
  migrate(db, migrations.filter((m) => m.version <= 320));
  assert.equal(db.pragma('user_version', { simple: true }), 320);
  assert.deepEqual(db.prepare('SELECT * FROM users').all(), (before as object[]).map((u) => ({ ...u, nip: '', jabatan: '' })));
  assert.throws(() => db.prepare("UPDATE users SET nip = '19800101' WHERE id = 1").run(), /CHECK/);
  db.prepare("UPDATE users SET nip = '198001012005012001' WHERE id = 1").run();
  db.close();
});
