// Retention services over real archives: JRA versions and their preview, the due queues, legal
// holds, and the transfer, destruction, handover and re-appraisal workflows end to end.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLASS_ORDER } from '../../main/clearance/viewer.ts';
import ExcelJS from 'exceljs';
import { verifyAuditChain } from '../../main/audit/log.ts';
import { listBackups, runBackup } from '../../main/ops/backup.ts';
import { describeCase } from '../../main/retention/caseView.ts';
import { cancelCase, caseItemsSql, casesQuery, removeItems } from '../../main/retention/cases.ts';
import {
  confirmCondition,
  destructionCheck,
  executeDestruction,
  generateDaum,
  proposeDestruction,
  recordApproval,
  recordCommittee,
  recordLkd,
} from '../../main/retention/destruction.ts';
import { createHandover, executeHandover } from '../../main/retention/handover.ts';
import { createHold, heldRecords, HOLD_TARGETS_SQL, holdReport, holdsListSql, liftHold, listHolds } from '../../main/retention/holds.ts';
import { applyVersion, discardVersion, importJraFile, importJraTable, previewVersion } from '../../main/retention/jra.ts';
import { OPEN_CASE_MEMBERSHIP_SQL } from '../../main/retention/cases.ts';
import { dashboard, dueQueues } from '../../main/retention/queues.ts';
import { decideReappraisal } from '../../main/retention/reappraisal.ts';
import { APPLIED_VERSION_SQL, appliedVersion, LATEST_REAPPRAISALS_SQL, listVersions, RULES_OF_VERSION_SQL } from '../../main/retention/schedule.ts';
import { approveSimple, createTransfer, executeTransfer } from '../../main/retention/transfer.ts';
import { search } from '../../main/search/search.ts';
import { tempDir } from '../helpers/tmp.ts';
import { SIGNER, WITNESS, addFile, addRecord, applySampleJra, freshArchive, objectFile } from './retention-helpers.ts';

const TODAY = '2026-03-12';

function status(archive: ReturnType<typeof freshArchive>, id: number): string {
  return (archive.db.prepare('SELECT status FROM records WHERE id = ?').get(id) as { status: string }).status;
}

async function approvedDestruction(archive: ReturnType<typeof freshArchive>, fileIds: number[], band: '<10' | '>=10') {
  const caseId = proposeDestruction(archive.db, { fileIds, recordIds: [], title: 'Usul musnah uji' }, 'staf', TODAY);
  recordCommittee(archive.db, caseId, { letterNumber: 'PPA-01/2026', letterDate: '2026-01-10', signedBy: 'Ketua Panitia Penilai', opinion: 'Setuju dimusnahkan', agrees: true }, 'atasan', TODAY);
  if (band === '<10') {
    recordApproval(archive.db, caseId, { authority: 'kepala-daerah', letterNumber: '000.5.6/12/2026', letterDate: '2026-02-01', signedBy: 'Bupati' }, 'atasan', TODAY);
    recordApproval(archive.db, caseId, { authority: 'kepala-perangkat-daerah', letterNumber: '800/7/2026', letterDate: '2026-02-15', signedBy: 'Kepala Dinas' }, 'atasan', TODAY);
  } else {
    recordApproval(archive.db, caseId, { authority: 'anri', letterNumber: 'B-123/ANRI/2026', letterDate: '2026-02-01', signedBy: 'Kepala ANRI' }, 'atasan', TODAY);
    recordApproval(archive.db, caseId, { authority: 'kepala-daerah', letterNumber: '188.45/9/2026', letterDate: '2026-02-20', signedBy: 'Gubernur' }, 'atasan', TODAY);
  }
  return caseId;
}

const EXECUTE = { baNumber: 'BA-01/UK/2026', place: 'Palangka Raya', method: 'pencacahan dan penghapusan elektronik', executor: SIGNER, witnesses: [WITNESS] };

test('importing a JRA makes a draft version; the preview lists what changes; only confirmation puts it in force', async () => {
  const archive = freshArchive();
  try {
    const f1 = addFile(archive, { code: '000.1.1', closedAt: '2020-06-30' });
    addRecord(archive, { fileId: f1 });
    const f2 = addFile(archive, { code: '611.11', closedAt: '2015-01-01' });
    addRecord(archive, { fileId: f2 });
    const first = await applySampleJra(archive, TODAY);
    assert.equal(appliedVersion(archive.db)?.id, first);
    assert.equal(dueQueues(archive.db, TODAY).destroy.length, 1);

    // Version 2 keeps 000.1.1 longer and adds a rule for the old 611 code (Permendagri 78/2012).
    const v2 = importJraTable(
      archive.db,
      {
        headers: ['kode', 'jenis arsip', 'retensi aktif', 'retensi inaktif', 'keterangan'],
        rows: [
          { kode: '000.1.1', 'jenis arsip': 'Telekomunikasi', 'retensi aktif': '2 tahun', 'retensi inaktif': '10', keterangan: 'Musnah' },
          { kode: '611', 'jenis arsip': 'Irigasi', 'retensi aktif': '5', 'retensi inaktif': '-', keterangan: 'Permanen' },
        ],
        lineNumbers: [2, 3],
      },
      { fileName: 'jra-2.xlsx', name: 'Perbup 2/2026' },
      'admin',
    );
    assert.equal(v2.version.state, 'draft');
    assert.equal(appliedVersion(archive.db)?.id, first, 'a draft does not change anything yet');

    const preview = previewVersion(archive.db, v2.version.id, TODAY);
    assert.equal(preview.changes.length, 2);
    const telekom = preview.changes.find((c) => c.fileId === f1)!;
    assert.deepEqual([telekom.before.inactiveUntil, telekom.after.inactiveUntil], ['2022-06-30', '2032-06-30']);
    assert.deepEqual([telekom.before.nextAction, telekom.after.nextAction], ['destroy', 'destroy']);
    const irigasi = preview.changes.find((c) => c.fileId === f2)!;
    assert.equal(irigasi.before.state, 'no-rule');
    assert.equal(irigasi.after.ruleCode, '611');
    assert.equal(irigasi.after.nextAction, 'handover');
    assert.equal(irigasi.becomesDue, true);

    applyVersion(archive.db, v2.version.id, 'admin', TODAY);
    const versions = listVersions(archive.db);
    assert.deepEqual(versions.map((v) => v.state), ['applied', 'superseded']);
    const q = dueQueues(archive.db, TODAY);
    assert.equal(q.destroy.length, 0);
    assert.equal(q.handover.length, 1);
    assert.throws(() => applyVersion(archive.db, v2.version.id, 'admin', TODAY), /only a draft|hanya versi draf/);
    assert.throws(() => discardVersion(archive.db, first, 'admin'), /Only a draft|Hanya versi draf/);
    assert.deepEqual(verifyAuditChain(archive.db).breaks, []);
    const actions = (archive.db.prepare("SELECT action FROM audit_log WHERE entity = 'jra_version' ORDER BY id").all() as { action: string }[]).map((r) => r.action);
    assert.deepEqual(actions, ['jra.import', 'jra.apply', 'jra.import', 'jra.apply']);
  } finally {
    archive.close();
  }
});

test('a JRA with bad rows is refused whole, naming each line; an XLSX schedule imports like the CSV', async () => {
  const archive = freshArchive();
  try {
    assert.throws(
      () =>
        importJraTable(
          archive.db,
          {
            headers: ['code', 'record_type', 'active_years', 'inactive_years', 'disposition'],
            rows: [
              { code: '000.1', record_type: 'A', active_years: 'dua', inactive_years: '1', disposition: 'musnah' },
              { code: '000.1', record_type: 'B', active_years: '1', inactive_years: '1', disposition: 'musnah' },
              { code: '000.2', record_type: 'C', active_years: '1', inactive_years: '1', disposition: '' },
            ],
            lineNumbers: [2, 3, 4],
          },
          { fileName: 'x.csv' },
          'admin',
        ),
      (error: Error & { details?: { problems: { line: number }[] } }) => {
        assert.deepEqual(error.details?.problems.map((p) => p.line), [2, 3, 4]);
        return true;
      },
    );
    assert.equal(listVersions(archive.db).length, 0);

    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('JRA');
    sheet.addRow(['No', 'Kode Klasifikasi', 'Jenis Arsip', 'Retensi Aktif', 'Retensi Inaktif', 'Keterangan']);
    sheet.addRow([1, '000.1.5', 'Rapat pimpinan', 1, 1, 'Musnah, kecuali notulen terkait kebijakan Permanen']);
    sheet.addRow([2, '900.1.3.7', 'Daftar gaji', '2 Tahun setelah tahun anggaran berakhir', 8, 'Musnah']);
    await workbook.xlsx.writeFile(join(dir, 'jra.xlsx'));
    const result = await importJraFile(archive.db, join(dir, 'jra.xlsx'), 'admin');
    assert.equal(result.rules, 2);
    assert.equal(result.conditional, 1);
    assert.equal(result.withTrigger, 1);
    assert.equal(result.version.fileName, 'jra.xlsx');
  } finally {
    archive.close();
  }
});

test('the queues sort files by what is due on the as-of day, and list files with no rule, waiting for an event, and on hold', async () => {
  const archive = freshArchive();
  try {
    await applySampleJra(archive, TODAY);
    const destroy = addFile(archive, { code: '000.1.1', closedAt: '2020-06-30' });
    for (let i = 0; i < 3; i++) addRecord(archive, { fileId: destroy });
    const handover = addFile(archive, { code: '000.2.5', closedAt: '2015-01-01' });
    addRecord(archive, { fileId: handover });
    const transfer = addFile(archive, { code: '000.1.6', closedAt: '2024-12-31' });
    addRecord(archive, { fileId: transfer, status: 'aktif' });
    const noRule = addFile(archive, { code: '611', closedAt: '2015-01-01' });
    addRecord(archive, { fileId: noRule });
    const waiting = addFile(archive, { code: 'PR.00.01', closedAt: '2015-01-01' });
    addRecord(archive, { fileId: waiting, code: null });
    const open = addFile(archive, { code: '000.1.1', closedAt: null });
    addRecord(archive, { fileId: open, status: 'aktif' });
    const reappraise = addFile(archive, { code: 'KP.01.07.c', closedAt: '2010-01-01', triggerDate: '2011-01-01' });
    addRecord(archive, { fileId: reappraise, code: null });
    addRecord(archive, { fileId: null, code: '000.1.1', status: 'aktif' });
    createHold(archive.db, { name: 'Perkara 12/2026', reason: 'gugatan', caseRef: '12/Pdt.G/2026', targets: [{ kind: 'file', fileId: handover }] }, 'staf');

    const early = dueQueues(archive.db, '2025-12-30');
    assert.deepEqual(early.transfer.map((i) => i.fileId), []);
    const q = dueQueues(archive.db, TODAY);
    assert.deepEqual(q.transfer.map((i) => i.fileId), [transfer]);
    assert.deepEqual(q.destroy.map((i) => [i.fileId, i.eligible]), [[destroy, 3]]);
    assert.deepEqual(q.handover.map((i) => i.fileId), [], 'a fully held file is not offered for handover');
    assert.deepEqual(q.onHold.map((i) => [i.fileId, i.held, i.holdNames]), [[handover, 1, ['Perkara 12/2026']]]);
    assert.deepEqual(q.reappraise.map((i) => i.fileId), [reappraise]);
    assert.deepEqual(q.noRule.map((f) => f.fileId), [noRule]);
    assert.deepEqual(q.awaitingEvent.map((f) => [f.fileId, f.detail]), [[waiting, 'setelah tidak berlaku']]);
    assert.equal(q.unfiledRecords, 1);
    assert.ok(![...q.transfer, ...q.destroy, ...q.handover, ...q.reappraise].some((i) => i.fileId === open), 'an open file is never due');

    const d = dashboard(archive.db, TODAY);
    assert.deepEqual(d.due, { transfer: 1, destroy: 1, handover: 0, reappraise: 1 });
    assert.equal(d.dueRecords.destroy, 3);
    assert.equal(d.perMonth.length, 12);
    assert.equal(d.perMonth[0]!.month, '2026-03');
    assert.equal(d.perMonth[11]!.month, '2027-02');
    assert.equal(d.noRule, 1);
    assert.equal(d.activeHolds, 1);
    assert.deepEqual(d.byCode.find((c) => c.code === '000'), { code: '000', count: 7 });
    assert.equal(d.byStatus.reduce((n, s) => n + s.count, 0), 10);
    // The transfer of the 000.1.6 file (closed 2024-12-31) fell due 2025-12-31; its inactive-stage
    // destruction would come in 2026-12: the forward months count what is not yet due.
    const later = dashboard(archive.db, '2025-06-01');
    assert.equal(later.perMonth.find((m) => m.month === '2025-12')!.transfer, 1);
  } finally {
    archive.close();
  }
});

test('holds cover records, files, code prefixes and saved searches evaluated anew; lifting is recorded and audited', async () => {
  const archive = freshArchive();
  try {
    await applySampleJra(archive, TODAY);
    const f1 = addFile(archive, { code: '000.1.1', closedAt: '2020-06-30' });
    const a = addRecord(archive, { fileId: f1, subject: 'Tagihan telepon kantor' }).recordId;
    const f2 = addFile(archive, { code: '000.1.10', closedAt: '2020-06-30' });
    const b = addRecord(archive, { fileId: f2, subject: 'Langganan internet' }).recordId;
    const f3 = addFile(archive, { code: '800.1.6.2', closedAt: '2010-06-30' });
    const c = addRecord(archive, { fileId: f3, subject: 'Disiplin pegawai', text: 'pemeriksaan pelanggaran disiplin saudara Ahmad' }).recordId;

    const byCode = createHold(archive.db, { name: 'Audit BPK', reason: 'pemeriksaan', caseRef: null, targets: [{ kind: 'code', codePrefix: '000.1.1' }] }, 'staf');
    assert.deepEqual([...heldRecords(archive.db).byRecord.keys()], [a], '000.1.1 does not hold 000.1.10');
    const bySearch = createHold(archive.db, { name: 'Perkara Ahmad', reason: 'sengketa kepegawaian', caseRef: '5/G/2026/PTUN', targets: [{ kind: 'search', query: { text: 'Ahmad' } }] }, 'staf');
    assert.ok(heldRecords(archive.db).byRecord.has(c));
    // A record that matches the saved search later is held too: the search runs at disposition time.
    const later = addRecord(archive, { fileId: f3, subject: 'Banding Ahmad' }).recordId;
    assert.ok(heldRecords(archive.db).byRecord.has(later));
    assert.throws(() => createHold(archive.db, { name: 'Semua', reason: 'x', caseRef: null, targets: [{ kind: 'search', query: {} }] }, 'staf'), /whole archive|seluruh arsip/);

    assert.equal(listHolds(archive.db).find((h) => h.id === bySearch.id)!.heldRecords, 2);
    const report = holdReport(archive.db);
    assert.equal(report.total, 3);
    assert.deepEqual(report.rows.find((r) => r.recordId === a)!.holds, ['Audit BPK']);

    assert.throws(() => liftHold(archive.db, byCode.id, '  ', 'atasan'), /reason|alasan/);
    const lifted = liftHold(archive.db, byCode.id, 'Pemeriksaan selesai', 'atasan');
    assert.equal(lifted.liftedBy, 'atasan');
    assert.equal(lifted.liftReason, 'Pemeriksaan selesai');
    assert.ok(!heldRecords(archive.db).byRecord.has(a));
    assert.throws(() => liftHold(archive.db, byCode.id, 'lagi', 'atasan'), /already lifted|sudah dicabut/);
    assert.throws(() => archive.db.prepare('DELETE FROM legal_holds WHERE id = ?').run(byCode.id), /never deleted/);
    const audit = archive.db.prepare("SELECT action, actor FROM audit_log WHERE entity = 'legal_hold' ORDER BY id").all();
    assert.deepEqual(audit, [
      { action: 'hold.create', actor: 'staf' },
      { action: 'hold.create', actor: 'staf' },
      { action: 'hold.lift', actor: 'atasan' },
    ]);
    assert.ok(!heldRecords(archive.db).byRecord.has(b));
  } finally {
    archive.close();
  }
});

test('destruction under 10 years: committee, regent approval, department decision, then a stub, a permanent berita acara and no bytes left', async () => {
  const archive = freshArchive();
  try {
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: '000.1.1', closedAt: '2020-06-30', fileNumber: 'B-07' });
    const seeded = [addRecord(archive, { fileId: file, text: 'rahasia tagihan nomor 778899' }), addRecord(archive, { fileId: file })];
    const caseId = proposeDestruction(archive.db, { fileIds: [file], recordIds: [], title: 'Telekomunikasi 2020' }, 'staf', TODAY);
    const daumId = await generateDaum(archive, caseId, 'staf', TODAY);
    assert.ok(daumId > 0);

    let check = destructionCheck(archive.db, caseId, TODAY);
    assert.equal(check.band, '<10');
    assert.deepEqual(check.missing, ['panitia-penilai', 'kepala-daerah', 'kepala-perangkat-daerah']);
    await assert.rejects(executeDestruction(archive, caseId, EXECUTE, 'atasan', TODAY, { backupRoot: null }), /Destruction refused|Pemusnahan ditolak/);

    recordCommittee(archive.db, caseId, { letterNumber: 'PPA-01/2026', letterDate: '2026-01-10', signedBy: 'Ketua Panitia', opinion: 'Setuju', agrees: true }, 'atasan', TODAY);
    assert.throws(
      () => recordApproval(archive.db, caseId, { authority: 'anri', letterNumber: 'B-1/ANRI', letterDate: '2026-02-01', signedBy: 'Kepala ANRI' }, 'atasan', TODAY),
      /not Kepala Arsip|bukan Kepala Arsip/,
    );
    assert.throws(
      () => recordApproval(archive.db, caseId, { authority: 'kepala-perangkat-daerah', letterNumber: '800/7', letterDate: '2026-02-15', signedBy: 'Kadis' }, 'atasan', TODAY),
      /first|dahulu/,
      'the decision cannot come before the regent approves',
    );
    assert.throws(
      () => recordApproval(archive.db, caseId, { authority: 'kepala-daerah', letterNumber: 'X', letterDate: '2026-01-01', signedBy: 'Bupati' }, 'atasan', TODAY),
      /before the previous|mendahului/,
    );
    recordApproval(archive.db, caseId, { authority: 'kepala-daerah', letterNumber: '000.5.6/12/2026', letterDate: '2026-02-01', signedBy: 'Bupati' }, 'atasan', TODAY);
    check = destructionCheck(archive.db, caseId, TODAY);
    assert.deepEqual(check.missing, ['kepala-perangkat-daerah']);
    recordApproval(archive.db, caseId, { authority: 'kepala-perangkat-daerah', letterNumber: '800/7/2026', letterDate: '2026-02-15', signedBy: 'Kepala Dinas' }, 'atasan', TODAY);
    assert.equal(destructionCheck(archive.db, caseId, TODAY).canExecute, true);
    assert.throws(() => recordLkd(archive.db, caseId, { agency: 'DPK', letterNumber: '1', letterDate: '2026-02-20', officer: null }, 'atasan', TODAY), /not required|tidak dipersyaratkan/);

    const result = await executeDestruction(archive, caseId, EXECUTE, 'atasan', TODAY, { backupRoot: null });
    assert.equal(result.destroyedRecords, 2);
    assert.match(result.backups.message.en, /Backups and copies taken before/);
    for (const s of seeded) {
      const row = archive.db.prepare('SELECT status, destruction_ref, subject FROM records WHERE id = ?').get(s.recordId) as { status: string; destruction_ref: string; subject: string };
      assert.equal(row.status, 'musnah');
      assert.equal(row.destruction_ref, 'BA-01/UK/2026');
      const doc = archive.db.prepare('SELECT content_removed_at FROM documents WHERE id = ?').get(s.documentId) as { content_removed_at: string | null };
      assert.ok(doc.content_removed_at);
      assert.equal(existsSync(objectFile(archive, s.sha256!)), false, 'the bytes are gone from the store');
    }
    // Content text is gone from the index; the metadata stub is still found, with the BA number.
    assert.equal(search(archive.db, '778899', { filter: {}, offset: 0, limit: 10, classes: CLASS_ORDER }).total, 0);
    const stub = search(archive.db, '"BA-01/UK/2026"', { filter: { status: ['musnah'] }, offset: 0, limit: 10, classes: CLASS_ORDER });
    assert.deepEqual(stub.hits.map((h) => h.recordId).sort(), seeded.map((s) => s.recordId).sort());

    const view = describeCase(archive.db, caseId, TODAY);
    assert.equal(view.state, 'done');
    assert.deepEqual(view.documents.map((d) => d.kind), ['daum', 'ba-pemusnahan']);
    const dossier = archive.db.prepare('SELECT status, classification_code, letter_number FROM records WHERE id = ?').get(result.dossierRecordId);
    assert.deepEqual(dossier, { status: 'permanen', classification_code: '000.5.6', letter_number: 'BA-01/UK/2026' });
    const ba = archive.db.prepare('SELECT sha256, record_id FROM documents WHERE id = ?').get(result.documentId) as { sha256: string; record_id: number };
    assert.equal(ba.record_id, result.dossierRecordId);
    assert.ok(readFileSync(objectFile(archive, ba.sha256)).subarray(0, 5).equals(Buffer.from('%PDF-')));
    // The dossier itself can never be proposed for destruction.
    assert.throws(() => proposeDestruction(archive.db, { fileIds: [], recordIds: [result.dossierRecordId], title: 'x' }, 'staf', '2099-01-01'), /cannot be proposed|tidak dapat diusulkan/);
    await assert.rejects(executeDestruction(archive, caseId, EXECUTE, 'atasan', TODAY, { backupRoot: null }), /already carried out|sudah dilaksanakan/);
    assert.throws(() => archive.db.prepare("UPDATE disposition_approvals SET letter_number = 'x'").run(), /cannot be changed/);
    const destroyAudit = archive.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'record.destroy'").get() as { n: number };
    assert.equal(destroyAudit.n, 2);
    assert.deepEqual(verifyAuditChain(archive.db).breaks, []);
  } finally {
    archive.close();
  }
});

test('destruction of 10 years or more needs ANRI approval, the regent decision and the regional archives agency (LKD) letter; the notice lists backup generations', async () => {
  const archive = freshArchive();
  try {
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: '900.1.3.7', closedAt: '2012-12-31' });
    const { recordId } = addRecord(archive, { fileId: file });
    const caseId = proposeDestruction(archive.db, { fileIds: [file], recordIds: [], title: 'Daftar gaji 2012' }, 'staf', TODAY);
    recordCommittee(archive.db, caseId, { letterNumber: 'PPA-02/2026', letterDate: '2026-01-10', signedBy: 'Ketua Panitia', opinion: 'Setuju', agrees: true }, 'atasan', TODAY);
    assert.equal(destructionCheck(archive.db, caseId, TODAY).band, '>=10');
    assert.throws(
      () => recordApproval(archive.db, caseId, { authority: 'kepala-perangkat-daerah', letterNumber: '1', letterDate: '2026-02-01', signedBy: 'Kadis' }, 'atasan', TODAY),
      /10 years|10 tahun/,
    );
    assert.throws(
      () => recordApproval(archive.db, caseId, { authority: 'kepala-daerah', letterNumber: '1', letterDate: '2026-02-01', signedBy: 'Gubernur' }, 'atasan', TODAY),
      /approval of Kepala Arsip|persetujuan Kepala Arsip/,
    );
    recordApproval(archive.db, caseId, { authority: 'anri', letterNumber: 'B-123/ANRI/2026', letterDate: '2026-02-01', signedBy: 'Kepala ANRI' }, 'atasan', TODAY);
    await assert.rejects(executeDestruction(archive, caseId, EXECUTE, 'atasan', TODAY, { backupRoot: null }), /Kepala Daerah/);
    recordApproval(archive.db, caseId, { authority: 'kepala-daerah', letterNumber: '188.45/9/2026', letterDate: '2026-02-20', signedBy: 'Gubernur' }, 'atasan', TODAY);

    // Every approval is there, but the LKD's participation is not: nothing is destroyed.
    assert.deepEqual(destructionCheck(archive.db, caseId, TODAY).blockers.map((b) => b.code), ['lkd-missing']);
    await assert.rejects(executeDestruction(archive, caseId, EXECUTE, 'atasan', TODAY, { backupRoot: null }), /lembaga kearsipan daerah|regional archives agency/);
    assert.equal(status(archive, recordId), 'inaktif');
    assert.deepEqual(readdirSync(archive.layout.staging), [], 'the refused berita acara left nothing behind');
    const lkd = { agency: 'Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Tengah', letterNumber: '045/112/DPK/2026', letterDate: '2026-02-25', officer: 'Arsiparis Ahli Madya DPK' };
    assert.throws(() => recordLkd(archive.db, caseId, { ...lkd, letterDate: '2026-03-13' }, 'atasan', TODAY), /after today|setelah hari ini/);
    recordLkd(archive.db, caseId, lkd, 'atasan', TODAY);
    assert.throws(() => recordLkd(archive.db, caseId, { ...lkd, letterNumber: 'lain' }, 'atasan', TODAY), /cannot be changed|tidak dapat diubah/);
    assert.deepEqual(describeCase(archive.db, caseId, TODAY).lkd, { ...lkd, recordedBy: 'atasan', recordedAt: describeCase(archive.db, caseId, TODAY).lkd!.recordedAt });
    assert.equal(destructionCheck(archive.db, caseId, TODAY).canExecute, true);

    const root = join(tempDir(), 'backups');
    const backup = await runBackup(archive.layout.dir, root, { keep: 3 });
    assert.ok(backup.ok);
    const result = await executeDestruction(archive, caseId, { ...EXECUTE, baNumber: 'BA-02/UK/2026' }, 'atasan', TODAY, { backupRoot: root, listBackups });
    assert.equal(status(archive, recordId), 'musnah');
    assert.equal(result.backups.generations.length, 1);
    assert.equal(result.backups.folder, root);
    assert.match(result.backups.message.id, /1 generasi cadangan/);
    const ba = archive.db.prepare('SELECT sha256 FROM documents WHERE id = ?').pluck().get(result.documentId) as string;
    const baText = execFileSync('pdftotext', [objectFile(archive, ba), '-']).toString().replace(/\s+/g, ' ');
    assert.match(baText, /Surat Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Tengah Nomor 045\/112\/DPK\/2026 tanggal 25 Februari 2026 tentang keikutsertaan lembaga kearsipan daerah/);
  } finally {
    archive.close();
  }
});

test('nothing on hold, undue, conditional-unconfirmed or changed by a new JRA is destroyed, even after all approvals', async () => {
  const archive = freshArchive();
  try {
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: '000.1.5', closedAt: '2020-06-30' });
    const { recordId } = addRecord(archive, { fileId: file });
    const caseId = await approvedDestruction(archive, [file], '<10');
    let check = destructionCheck(archive.db, caseId, TODAY);
    assert.deepEqual(check.blockers.map((b) => b.code), ['condition']);
    await assert.rejects(executeDestruction(archive, caseId, EXECUTE, 'atasan', TODAY, { backupRoot: null }), /conditional|bersyarat/);
    confirmCondition(archive.db, caseId, [recordId], 'Bukan notulen terkait kebijakan', 'atasan');
    assert.equal(destructionCheck(archive.db, caseId, TODAY).canExecute, true);

    // A hold set after every approval still stops it.
    const hold = createHold(archive.db, { name: 'Laporan Inspektorat', reason: 'pemeriksaan khusus', caseRef: null, targets: [{ kind: 'record', recordId }] }, 'staf');
    await assert.rejects(executeDestruction(archive, caseId, EXECUTE, 'atasan', TODAY, { backupRoot: null }), /on hold|ditahan/);
    assert.equal(status(archive, recordId), 'inaktif');
    liftHold(archive.db, hold.id, 'selesai', 'atasan');

    // The day before it falls due, it is not destroyed either.
    await assert.rejects(executeDestruction(archive, caseId, EXECUTE, 'atasan', '2022-06-29', { backupRoot: null }), /not due|jatuh tempo/);

    // A re-appraisal that keeps the file longer takes it off the destruction path.
    decideReappraisal(archive.db, file, { extendYears: 5, disposition: 'musnah', reason: 'Masih dirujuk perencanaan', decisionRef: 'BA-PPA/2/2026' }, 'atasan', TODAY);
    check = destructionCheck(archive.db, caseId, TODAY);
    assert.ok(check.blockers.some((b) => b.code === 'not-due'));
    await assert.rejects(executeDestruction(archive, caseId, EXECUTE, 'atasan', TODAY, { backupRoot: null }));
    assert.equal(status(archive, recordId), 'inaktif');
    assert.ok(existsSync(objectFile(archive, (archive.db.prepare('SELECT sha256 FROM documents WHERE record_id = ?').get(recordId) as { sha256: string }).sha256)));
    const staged = readdirSync(archive.layout.staging);
    assert.deepEqual(staged, [], 'refused executions leave nothing in staging');
  } finally {
    archive.close();
  }
});

test('a committee that disagrees closes the case; removed items are not destroyed; cancelled cases do nothing', async () => {
  const archive = freshArchive();
  try {
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: '000.1.1', closedAt: '2020-06-30' });
    const keep = addRecord(archive, { fileId: file }).recordId;
    const go = addRecord(archive, { fileId: file }).recordId;
    const rejected = proposeDestruction(archive.db, { fileIds: [file], recordIds: [], title: 'A' }, 'staf', TODAY);
    assert.throws(() => proposeDestruction(archive.db, { fileIds: [], recordIds: [keep], title: 'B' }, 'staf', TODAY), /already in disposition case|sudah ada dalam kasus/);
    recordCommittee(archive.db, rejected, { letterNumber: 'PPA-3', letterDate: '2026-01-10', signedBy: 'Ketua', opinion: 'Masih bernilai guna', agrees: false }, 'atasan', TODAY);
    assert.equal(describeCase(archive.db, rejected, TODAY).state, 'rejected');
    await assert.rejects(executeDestruction(archive, rejected, EXECUTE, 'atasan', TODAY, { backupRoot: null }));

    const caseId = await approvedDestruction(archive, [file], '<10');
    removeItems(archive.db, caseId, [keep], 'Masih diperlukan', 'staf');
    await executeDestruction(archive, caseId, EXECUTE, 'atasan', TODAY, { backupRoot: null });
    assert.equal(status(archive, keep), 'inaktif');
    assert.equal(status(archive, go), 'musnah');

    const other = addFile(archive, { code: '000.1.1', closedAt: '2020-06-30' });
    const r = addRecord(archive, { fileId: other }).recordId;
    const cancelled = await approvedDestruction(archive, [other], '<10');
    cancelCase(archive.db, cancelled, 'Ditunda', 'atasan');
    await assert.rejects(executeDestruction(archive, cancelled, { ...EXECUTE, baNumber: 'BA-9' }, 'atasan', TODAY, { backupRoot: null }), /closed|ditutup/);
    assert.equal(status(archive, r), 'inaktif');
  } finally {
    archive.close();
  }
});

test('transfer: list with boxes and folders, supervisor approval, berita acara, records inactive at their new location', async () => {
  const archive = freshArchive();
  try {
    await applySampleJra(archive, TODAY);
    const files = [addFile(archive, { code: '000.1.6', closedAt: '2024-12-31' }), addFile(archive, { code: '000.1.1', closedAt: '2024-01-31' })];
    const records = files.map((f) => addRecord(archive, { fileId: f, status: 'aktif' }).recordId);
    const notDue = addFile(archive, { code: '000.3.2', closedAt: '2025-01-01' });
    addRecord(archive, { fileId: notDue, status: 'aktif' });
    const caseId = createTransfer(archive.db, { fileIds: [...files, notDue], recordIds: [], title: 'Pemindahan 2026', location: 'Record center Gedung B, rak 3', firstBox: 12, foldersPerBox: 1 }, 'staf', TODAY);
    let view = describeCase(archive.db, caseId, TODAY);
    assert.equal(view.items.length, 2, 'the file not yet due is left out');
    assert.deepEqual(view.items.map((i) => [i.boxNumber, i.folderNumber]).sort(), [['12', '1'], ['13', '1']]);
    assert.deepEqual(view.check.missing, ['atasan']);
    await assert.rejects(executeTransfer(archive, caseId, { baNumber: 'BA-P/1', from: SIGNER, to: WITNESS }, 'atasan', TODAY), /not yet approved|belum disetujui/);
    approveSimple(archive.db, caseId, 'transfer', 'Silakan', 'atasan', TODAY);
    const documentId = await executeTransfer(archive, caseId, { baNumber: 'BA-P/1', from: SIGNER, to: WITNESS }, 'atasan', TODAY);
    view = describeCase(archive.db, caseId, TODAY);
    assert.equal(view.state, 'done');
    assert.equal(view.documents[0]!.documentId, documentId);
    for (const id of records) {
      const row = archive.db.prepare('SELECT status, location FROM records WHERE id = ?').get(id) as { status: string; location: string };
      assert.equal(row.status, 'inaktif');
      assert.match(row.location, /^Record center Gedung B, rak 3, boks 1[23], folder 1$/);
    }
    assert.equal(view.approvals[0]!.recordedBy, 'atasan');
  } finally {
    archive.close();
  }
});

test('handover: berita acara and an export package with the documents, XLSX and CSV; held records stay', async () => {
  const archive = freshArchive();
  try {
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: '000.2.5', closedAt: '2015-01-01', title: 'Database BMD 2014' });
    const a = addRecord(archive, { fileId: file, subject: 'Database BMD semester 1' });
    const b = addRecord(archive, { fileId: file, subject: 'Database BMD semester 2' });
    createHold(archive.db, { name: 'Sengketa aset', reason: 'perkara', caseRef: null, targets: [{ kind: 'record', recordId: b.recordId }] }, 'staf');
    const caseId = createHandover(archive.db, { fileIds: [file], recordIds: [], title: 'Penyerahan BMD', recipient: 'Dinas Perpustakaan dan Kearsipan Provinsi' }, 'staf', TODAY);
    assert.deepEqual(describeCase(archive.db, caseId, TODAY).items.map((i) => i.recordId), [a.recordId]);
    approveSimple(archive.db, caseId, 'handover', '', 'atasan', TODAY);
    const out = tempDir();
    const { exportPath, documentId } = await executeHandover(archive, caseId, { baNumber: 'BA-S/1/2026', from: SIGNER, to: WITNESS, exportDir: out }, 'atasan', TODAY);
    assert.ok(documentId > 0);
    assert.equal(status(archive, a.recordId), 'diserahkan');
    assert.equal(status(archive, b.recordId), 'inaktif');
    assert.deepEqual(readdirSync(exportPath).sort(), ['BA-Penyerahan-BA-S-1-2026.pdf', 'daftar-arsip.csv', 'daftar-arsip.xlsx', 'dokumen']);
    const [docName] = readdirSync(join(exportPath, 'dokumen'));
    assert.match(docName!, new RegExp(`^${a.recordId}-${a.documentId}-surat-${a.recordId}\\.pdf$`));
    assert.ok(readFileSync(join(exportPath, 'dokumen', docName!)).equals(readFileSync(objectFile(archive, a.sha256!))));
    const csv = readFileSync(join(exportPath, 'daftar-arsip.csv'), 'utf8');
    assert.match(csv, /Database BMD semester 1/);
    assert.match(csv, new RegExp(a.sha256!));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(exportPath, 'daftar-arsip.xlsx'));
    assert.equal(workbook.worksheets[0]!.getRow(2).getCell(5).value, 'Database BMD semester 1');
    assert.ok(existsSync(objectFile(archive, a.sha256!)), 'handover keeps the bytes in this archive too');
  } finally {
    archive.close();
  }
});

test('a re-appraisal records its reason and the schedule it replaced, and restarts the clock', async () => {
  const archive = freshArchive();
  try {
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: 'KP.01.07.c', closedAt: '2010-01-01', triggerDate: '2012-03-01' });
    addRecord(archive, { fileId: file, code: null });
    assert.equal(dueQueues(archive.db, TODAY).reappraise.length, 1);
    const after = decideReappraisal(archive.db, file, { extendYears: 10, disposition: 'permanen', reason: 'Berkas perseorangan pejabat eselon II', decisionRef: 'BA-PPA/4/2026' }, 'atasan', TODAY);
    assert.equal(after.schedule.nextAction, 'handover');
    assert.equal(after.schedule.dueAt, '2036-03-12');
    assert.equal(after.reappraisal?.reason, 'Berkas perseorangan pejabat eselon II');
    assert.equal(dueQueues(archive.db, TODAY).reappraise.length, 0);
    const row = archive.db.prepare('SELECT previous, jra_version_id, decided_by FROM reappraisals').get() as { previous: string; jra_version_id: number; decided_by: string };
    assert.equal(JSON.parse(row.previous).nextAction, 'reappraise');
    assert.equal(row.decided_by, 'atasan');
    assert.ok(row.jra_version_id);
    const open = addFile(archive, { code: '000.1.1', closedAt: null });
    addRecord(archive, { fileId: open, status: 'aktif' });
    assert.throws(() => decideReappraisal(archive.db, open, { extendYears: 1, disposition: 'musnah', reason: 'x', decisionRef: null }, 'atasan', TODAY), /not closed|belum ditutup/);
  } finally {
    archive.close();
  }
});

test('the letterhead has a default until saved, and saving is audited', async () => {
  const { readLetterhead, saveLetterhead } = await import('../../main/reports/letterhead.ts');
  const archive = freshArchive();
  try {
    assert.equal(readLetterhead(archive.db).isDefault, true);
    const saved = saveLetterhead(archive.db, { instansi: 'Pemerintah Provinsi Kalimantan Tengah', unit: ' Diskominfo ', alamat: 'Jl. Willem AS 5', kontak: '', kota: 'Palangka Raya', kepala: 'Agus', nip: '1970', jabatan: 'Kepala Dinas' }, 'admin');
    assert.equal(saved.isDefault, false);
    assert.equal(saved.letterhead.unit, 'Diskominfo');
    assert.equal((archive.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'settings.letterhead'").get() as { n: number }).n, 1);
    writeFileSync(join(archive.layout.dir, 'unused.txt'), '');
  } finally {
    archive.close();
  }
});

test('the retention list queries are served by indexes', () => {
  const archive = freshArchive();
  try {
    const plan = (sql: string, ...params: unknown[]) =>
      (archive.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    // The modules' own SQL (exported for this), not copies that could drift from the code.
    const open = casesQuery({ kind: 'destruction', includeClosed: false });
    assert.match(plan(open.sql, ...open.params), /USING (COVERING )?INDEX disposition_cases_kind/);
    const items = plan(caseItemsSql(false), 1);
    assert.match(items, /USING INDEX (disposition_items_case|sqlite_autoindex_disposition_items_1)/);
    assert.doesNotMatch(items, /TEMP B-TREE/, items);
    // Open-case membership walks the open cases and their items, never every item ever listed.
    const membership = plan(OPEN_CASE_MEMBERSHIP_SQL);
    assert.match(membership, /SEARCH i USING INDEX (disposition_items_case|sqlite_autoindex_disposition_items_1)/, membership);
    assert.doesNotMatch(membership, /SCAN i\b/, membership);
    assert.match(plan(holdsListSql(false)), /USING INDEX legal_holds_active/);
    assert.match(plan(HOLD_TARGETS_SQL, 1), /USING INDEX legal_hold_targets_hold/);
    const rules = plan(RULES_OF_VERSION_SQL, 1);
    assert.match(rules, /USING INDEX sqlite_autoindex_jra_rules_1/);
    assert.doesNotMatch(rules, /TEMP B-TREE/, rules);
    assert.match(plan(LATEST_REAPPRAISALS_SQL), /USING (COVERING )?INDEX reappraisals_file/);
    assert.match(plan(APPLIED_VERSION_SQL), /USING INDEX (jra_versions_one_applied|jra_versions_state)/);
  } finally {
    archive.close();
  }
});
