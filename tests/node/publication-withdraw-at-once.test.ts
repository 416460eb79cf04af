// Withdraw at once (issue 12 item 3, issue 11 item 1): every change that makes a live record
// unpublishable queues its withdrawal in the SAME transaction as the change, through the archive's
// record-changed hook that the composition wires to publication. Each test looks at the outbox
// right after the call, before anything reads publication state (no Publikasi screen's tidy()).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SessionUser } from '../../preload/contract.ts';
import { createUser } from '../../main/accounts/users.ts';
import type { Archive } from '../../main/archive/open.ts';
import { bulkUpdateRecords, updateRecord } from '../../main/archive/records.ts';
import type { Db } from '../../main/db/connection.ts';
import { createBackend } from '../../main/host/backend.ts';
import { openComposedArchive } from '../../main/host/compose.ts';
import { approve, openProposal, propose } from '../../main/publication/workflow.ts';
import { executeDestruction, proposeDestruction, recordApproval, recordCommittee } from '../../main/retention/destruction.ts';
import { createHandover, executeHandover } from '../../main/retention/handover.ts';
import { approveSimple } from '../../main/retention/transfer.ts';
import { CLI_SENDER, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { tempDir } from '../helpers/tmp.ts';
import { SIGNER, WITNESS, addFile, addRecord, applySampleJra } from './retention-helpers.ts';
import { fullViewer } from '../../main/clearance/viewer.ts';

const TODAY = '2026-03-12';

async function twoPeople(db: Db): Promise<{ staff: SessionUser; boss: SessionUser }> {
  const mk = async (name: string, roles: SessionUser['roles']) => {
    const u = await createUser(db, 'admin', { name, displayName: name, password: `sandi-${name}-1`, roles });
    return { id: u.id, name: u.name, displayName: u.displayName, roles: u.roles, clearance: u.clearance };
  };
  return { staff: await mk('siti', ['staff']), boss: await mk('andi', ['staff', 'supervisor']) };
}

/** Classifies, proposes and approves: the record is live (its publish is queued). */
function makeLive(db: Db, people: { staff: SessionUser; boss: SessionUser }, recordId: number): void {
  // An approvable record fills the DIP's mandated columns (approval refuses gaps).
  db.prepare(
    `UPDATE records SET public_category = 'setiap-saat', letter_date = coalesce(letter_date, '2026-01-05'),
       originating_unit = coalesce(originating_unit, 'Sekretariat'), creator = coalesce(creator, 'Kepala Dinas') WHERE id = ?`,
  ).run(recordId);
  propose(db, people.staff, recordId, 'mohon diterbitkan');
  approve(db, people.boss, { recordId, comment: 'Setuju', acknowledgePersonalData: false });
  assert.equal(openProposal(db, recordId)?.state, 'approved');
}

const withdrawals = (db: Db) => (db.prepare("SELECT record_id FROM outbox WHERE kind = 'withdraw' ORDER BY id").pluck().all() as number[]);
const proposalState = (db: Db, recordId: number) => (db.prepare('SELECT state FROM publication_proposals WHERE record_id = ? ORDER BY id DESC LIMIT 1').pluck().get(recordId) as string);

test('records.update raising a live record to rahasia queues its withdrawal in the same call, before any Publikasi read', async () => {
  const backend = await createBackend({ archiveDir: join(tempDir(), 'arsip'), host: 'browser-shell' });
  try {
    await loginAsAdmin(backend);
    const db = backend.archive.db;
    const people = await twoPeople(db);
    const memo = addRecord(backend.archive, { fileId: null, code: '000.1.2', subject: 'Nota dinas anggaran', status: 'aktif' }).recordId;
    const other = addRecord(backend.archive, { fileId: null, code: '000.1.2', subject: 'Laporan kegiatan', status: 'aktif' }).recordId;
    makeLive(db, people, memo);
    makeLive(db, people, other);

    await ok(backend.dispatch('records.update', { id: other, fields: { location: 'Lemari 2' } }, CLI_SENDER));
    assert.deepEqual(withdrawals(db), [], 'an edit that keeps the record public withdraws nothing');

    await ok(backend.dispatch('records.update', { id: memo, fields: { securityClass: 'rahasia' } }, CLI_SENDER));
    assert.deepEqual(withdrawals(db), [memo]);
    assert.equal(proposalState(db, memo), 'withdrawn');
    assert.equal(proposalState(db, other), 'approved');
    const audit = db.prepare("SELECT action FROM audit_log WHERE entity = 'record' AND entity_id = ? ORDER BY id DESC LIMIT 2").pluck().all(String(memo)) as string[];
    assert.deepEqual(audit, ['publication.withdraw', 'record.update']);
  } finally {
    await backend.close();
  }
});

test('records.bulkUpdate to sangat-rahasia withdraws every live record it touches, atomically with the edit', async () => {
  const backend = await createBackend({ archiveDir: join(tempDir(), 'arsip'), host: 'browser-shell' });
  try {
    await loginAsAdmin(backend);
    const db = backend.archive.db;
    const people = await twoPeople(db);
    const ids = [1, 2, 3].map((n) => addRecord(backend.archive, { fileId: null, code: '000.1.2', subject: `Surat ${n}`, status: 'aktif' }).recordId);
    makeLive(db, people, ids[0]!);
    makeLive(db, people, ids[2]!);
    const result = await ok<{ updated: number }>(backend.dispatch('records.bulkUpdate', { ids, fields: { securityClass: 'sangat-rahasia' } }, CLI_SENDER));
    assert.equal(result.updated, 3);
    assert.deepEqual(withdrawals(db), [ids[0], ids[2]]);
  } finally {
    await backend.close();
  }
});

test('a failing hook rolls the record edit back: the change and its withdrawal are one transaction', async () => {
  const archive = openComposedArchive(join(tempDir(), 'arsip'));
  try {
    const db = archive.db;
    const people = await twoPeople(db);
    const a = addRecord(archive, { fileId: null, code: '000.1.2', subject: 'Surat A', status: 'aktif' }).recordId;
    const b = addRecord(archive, { fileId: null, code: '000.1.2', subject: 'Surat B', status: 'aktif' }).recordId;
    makeLive(db, people, a);
    // Record b fails half-way through the bulk edit (it was destroyed, so it cannot be edited):
    // record a's withdrawal, queued by then, must vanish with a's edit.
    db.prepare("UPDATE records SET status = 'musnah' WHERE id = ?").run(b);
    assert.throws(() => bulkUpdateRecords(db, [a, b], { securityClass: 'rahasia' }, fullViewer('siti')), /destroyed|dimusnahkan/);
    assert.deepEqual(withdrawals(db), []);
    assert.equal(proposalState(db, a), 'approved');
    updateRecord(db, a, { securityClass: 'rahasia' }, fullViewer('siti'));
    assert.deepEqual(withdrawals(db), [a]);
  } finally {
    archive.close();
  }
});

async function destroyable(archive: Archive) {
  await applySampleJra(archive, TODAY);
  const file = addFile(archive, { code: '000.1.1', closedAt: '2020-06-30', fileNumber: 'B-07' });
  const rec = addRecord(archive, { fileId: file, subject: 'Tagihan telepon 2020' });
  return { file, rec: rec.recordId };
}

test('a destruction withdraws a live record it destroys in its own transaction', async () => {
  const archive = openComposedArchive(join(tempDir(), 'arsip'));
  try {
    const db = archive.db;
    const people = await twoPeople(db);
    const { file, rec } = await destroyable(archive);
    makeLive(db, people, rec);
    const caseId = proposeDestruction(db, { fileIds: [file], recordIds: [], title: 'Telekomunikasi 2020' }, 'staf', TODAY);
    recordCommittee(db, caseId, { letterNumber: 'PPA-01/2026', letterDate: '2026-01-10', signedBy: 'Ketua Panitia', opinion: 'Setuju', agrees: true }, 'atasan', TODAY);
    recordApproval(db, caseId, { authority: 'kepala-daerah', letterNumber: '000.5.6/12/2026', letterDate: '2026-02-01', signedBy: 'Bupati' }, 'atasan', TODAY);
    recordApproval(db, caseId, { authority: 'kepala-perangkat-daerah', letterNumber: '800/7/2026', letterDate: '2026-02-15', signedBy: 'Kepala Dinas' }, 'atasan', TODAY);
    assert.deepEqual(withdrawals(db), []);
    await executeDestruction(archive, caseId, { baNumber: 'BA-01/UK/2026', place: 'Palangka Raya', method: 'pencacahan', executor: SIGNER, witnesses: [WITNESS] }, 'atasan', TODAY, { backupRoot: null });
    assert.deepEqual(withdrawals(db), [rec]);
    const withdrawn = db.prepare("SELECT withdrawn_by FROM publication_proposals WHERE record_id = ? AND state = 'withdrawn'").pluck().get(rec);
    assert.equal(withdrawn, 'atasan', 'the withdrawal names who carried out the destruction');
  } finally {
    archive.close();
  }
});

test('a handover withdraws a live record it hands over in its own transaction', async () => {
  const archive = openComposedArchive(join(tempDir(), 'arsip'));
  try {
    const db = archive.db;
    const people = await twoPeople(db);
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: '000.2.5', closedAt: '2015-01-01', title: 'Database BMD 2014' });
    const rec = addRecord(archive, { fileId: file, subject: 'Database BMD semester 1' }).recordId;
    makeLive(db, people, rec);
    const caseId = createHandover(db, { fileIds: [file], recordIds: [], title: 'Penyerahan BMD', recipient: 'Dinas Perpustakaan dan Kearsipan Provinsi' }, 'staf', TODAY);
    approveSimple(db, caseId, 'handover', '', 'atasan', TODAY);
    await executeHandover(archive, caseId, { baNumber: 'BA-S/1/2026', from: SIGNER, to: WITNESS, exportDir: tempDir() }, 'atasan', TODAY);
    assert.deepEqual(withdrawals(db), [rec]);
    assert.equal(proposalState(db, rec), 'withdrawn');
  } finally {
    archive.close();
  }
});

test('the portal pusher sweeps before its run: a change the hook did not see is withdrawn by the next push', async () => {
  const backend = await createBackend({ archiveDir: join(tempDir(), 'arsip'), host: 'browser-shell' });
  try {
    await loginAsAdmin(backend);
    const db = backend.archive.db;
    const people = await twoPeople(db);
    const rec = addRecord(backend.archive, { fileId: null, code: '000.1.2', subject: 'Nota dinas', status: 'aktif' }).recordId;
    makeLive(db, people, rec);
    // A hand edit of the database (or an older Berkas) bypasses the archive's owner module.
    db.prepare("UPDATE records SET security_class = 'rahasia' WHERE id = ?").run(rec);
    assert.deepEqual(withdrawals(db), []);
    await backend.portal.pushNow();
    assert.deepEqual(withdrawals(db), [rec]);
    assert.equal(proposalState(db, rec), 'withdrawn');
  } finally {
    await backend.close();
  }
});
