// The rules of law issue 13 found bypassable, each proved over a real archive: re-appraisal can
// never make a file due earlier than its JRA allows (with a property test over random decisions),
// nor turn a permanent file into one to destroy; event dates start the clock of event-triggered
// rows; close dates are checked and reopening is supervised; a record's code lies under its file's
// code, is checked against the schemes, and the DIP shows what the clock enforces.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { BLANK_RECORD_FIELDS } from '../../preload/contract.ts';
import { closeFile, createFile, getFile, reopenFile, setTriggerDate } from '../../main/archive/files.ts';
import { openArchive } from '../../main/archive/open.ts';
import { bulkUpdateRecords, createRecord, getRecord, updateRecord } from '../../main/archive/records.ts';
import { addLocalCode, importSchemeFile } from '../../main/archive/schemes.ts';
import { dipRows } from '../../main/publication/registers.ts';
import { archiveWithUser, runCli } from '../helpers/cli.ts';
import { SHARED, tempDir } from '../helpers/tmp.ts';
import { compareDates, isDue } from '../../main/retention/clock.ts';
import { proposeDestruction } from '../../main/retention/destruction.ts';
import { dueQueues } from '../../main/retention/queues.ts';
import { decideReappraisal } from '../../main/retention/reappraisal.ts';
import { fileSchedules, scheduleOf } from '../../main/retention/schedule.ts';
import { addFile, addRecord, applySampleJra, freshArchive } from './retention-helpers.ts';
import { fullViewer } from '../../main/clearance/viewer.ts';

const TODAY = '2026-03-12';
const DECISION = { reason: 'Hasil rapat panitia penilai', decisionRef: 'BA-PPA/4/2026' };

test('a re-appraisal cannot make a 2+3-year musnah file due before its JRA end (000.3.2 closed 2025-06-30)', async () => {
  const archive = freshArchive();
  try {
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: '000.3.2', closedAt: '2025-06-30' });
    addRecord(archive, { fileId: file, status: 'aktif' });
    assert.throws(
      () => decideReappraisal(archive.db, file, { extendYears: 0, disposition: 'musnah', ...DECISION }, 'atasan', TODAY),
      /belum jatuh tempo|not due yet/,
    );
    // Even a row written around the service (an old database, a bypass) does not move the end early.
    archive.db
      .prepare(`INSERT INTO reappraisals (file_id, decided_at, extend_years, disposition, reason, decided_by, recorded_at) VALUES (?, ?, 0, 'musnah', 'x', 'x', ?)`)
      .run(file, TODAY, new Date().toISOString());
    const s = scheduleOf(archive.db, file)!;
    assert.equal(s.main.inactiveUntil, '2030-06-30');
    assert.equal(isDue(s.main, TODAY), false);
    assert.equal(dueQueues(archive.db, TODAY).destroy.length, 0);
    assert.throws(() => proposeDestruction(archive.db, { fileIds: [file], recordIds: [], title: 'Usul' }, 'staf', TODAY), /Choose the files or records/);
  } finally {
    archive.close();
  }
});

test('a permanent file cannot be re-appraised into destruction, even when due', async () => {
  const archive = freshArchive();
  try {
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: '000.8.3.3', closedAt: '2015-01-10' }); // SOP, 2+3, permanen
    addRecord(archive, { fileId: file, status: 'inaktif' });
    assert.equal(isDue(scheduleOf(archive.db, file)!.main, TODAY), true);
    assert.throws(() => decideReappraisal(archive.db, file, { extendYears: 0, disposition: 'musnah', ...DECISION }, 'atasan', TODAY), /permanen|permanent/);
    assert.equal((archive.db.prepare('SELECT count(*) AS n FROM reappraisals').get() as { n: number }).n, 0);
    // Keeping it longer, still permanent, is allowed.
    const kept = decideReappraisal(archive.db, file, { extendYears: 5, disposition: 'permanen', ...DECISION }, 'atasan', TODAY);
    assert.equal(kept.schedule.dueAt, '2031-03-12');
  } finally {
    archive.close();
  }
});

test('a re-appraisal needs the reference of the decision', async () => {
  const archive = freshArchive();
  try {
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: 'KP.01.07.c', closedAt: '2010-01-01', triggerDate: '2012-03-01' });
    addRecord(archive, { fileId: file, code: null });
    assert.throws(() => decideReappraisal(archive.db, file, { extendYears: 5, disposition: 'permanen', reason: 'x', decisionRef: null }, 'atasan', TODAY), /nomor keputusan|reference/);
    assert.throws(() => decideReappraisal(archive.db, file, { extendYears: 5, disposition: 'permanen', reason: 'x', decisionRef: '  ' }, 'atasan', TODAY), /nomor keputusan|reference/);
  } finally {
    archive.close();
  }
});

// Codes of the sample JRA with their terms, and close dates around today, so that some files are
// due, some not, and some say "dinilai kembali".
const CODES = ['000.1.1', '000.3.2', '000.8.3.3', '900.1.3.7', '700.1.2.1', 'KP.01.07.c', '000.2.4'] as const;

test('property: no sequence of re-appraisals makes any file due before its JRA end, or a permanent file destroyable', async () => {
  const archive = freshArchive();
  try {
    await applySampleJra(archive, TODAY);
    const dayArb = fc.integer({ min: 0, max: 365 * 14 }).map((n) => {
      const d = new Date(Date.UTC(2012, 0, 1) + n * 86_400_000);
      return d.toISOString().slice(0, 10);
    });
    const fileArb = fc.record({ code: fc.constantFrom(...CODES), closedAt: dayArb, trigger: fc.option(dayArb, { nil: null }), stage: fc.constantFrom('aktif', 'inaktif') });
    const decisionArb = fc.record({
      file: fc.nat(),
      on: dayArb,
      extendYears: fc.integer({ min: 0, max: 12 }),
      disposition: fc.constantFrom('musnah', 'permanen', 'dinilai-kembali' as const),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fileArb, { minLength: 1, maxLength: 6 }), fc.array(decisionArb, { maxLength: 12 }), async (files, decisions) => {
        archive.db.exec('DELETE FROM reappraisals; DELETE FROM search_index; DELETE FROM documents; DELETE FROM records; DELETE FROM files;');
        const ids = files.map((f) => {
          const id = addFile(archive, { code: f.code, closedAt: f.closedAt, triggerDate: f.trigger });
          addRecord(archive, { fileId: id, status: f.stage, withDocument: false });
          return id;
        });
        // JRA-alone ends and dispositions, before any decision.
        const jra = new Map(fileSchedules(archive.db).map((s) => [s.file.id, { until: s.main.jraUntil, disposition: s.rule?.disposition ?? null }]));
        const sorted = [...decisions].sort((a, b) => compareDates(a.on, b.on));
        for (const d of sorted) {
          const id = ids[d.file % ids.length]!;
          try {
            decideReappraisal(archive.db, id, { extendYears: d.extendYears, disposition: d.disposition, ...DECISION }, 'atasan', d.on);
          } catch {
            // refused decisions are the point; what was accepted is checked below
          }
        }
        for (const s of fileSchedules(archive.db)) {
          const before = jra.get(s.file.id)!;
          for (const stage of s.stages) {
            const sch = stage.schedule;
            if (sch.state !== 'scheduled' || sch.nextAction === 'transfer') continue;
            if (before.until) assert.ok(compareDates(sch.dueAt!, before.until) >= 0, `file ${s.file.id} due ${sch.dueAt} before JRA end ${before.until}`);
            if (before.disposition === 'permanen') assert.notEqual(sch.finalAction, 'destroy', `permanent file ${s.file.id} became destroyable`);
          }
        }
      }),
      { numRuns: 60 },
    );
  } finally {
    archive.close();
  }
});

// ---------- event dates (Why: event-triggered retention never starts) ----------

const STAFF = { actor: 'staf', supervisor: false };
const BOSS = { actor: 'atasan', supervisor: true };

test('an event date starts the clock of a "setelah tidak berlaku" file; moving it once it runs takes a supervisor and a reason', async () => {
  const archive = freshArchive();
  try {
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: 'PR.00.01', closedAt: '2018-05-01', title: 'SOP pelayanan 2018' }); // 2 tahun setelah tidak berlaku, 3, permanen
    addRecord(archive, { fileId: file, status: 'aktif', letterDate: '2018-04-02' });
    let q = dueQueues(archive.db, TODAY);
    assert.deepEqual(q.awaitingEvent.map((f) => [f.fileId, f.detail]), [[file, 'setelah tidak berlaku']]);

    assert.throws(() => setTriggerDate(archive.db, file, { date: '2021-02-01', reason: '' }, STAFF, TODAY), /alasan|reason/);
    assert.throws(() => setTriggerDate(archive.db, file, { date: '2026-04-01', reason: 'x' }, STAFF, TODAY), /belum terjadi|not happened/);
    const set = setTriggerDate(archive.db, file, { date: '2021-02-01', reason: 'Dicabut Perbup 3/2021' }, STAFF, TODAY);
    assert.equal(set.triggerDate, '2021-02-01');
    q = dueQueues(archive.db, TODAY);
    assert.equal(q.awaitingEvent.length, 0);
    assert.deepEqual(q.transfer.map((i) => [i.fileId, i.dueAt, i.basis]), [[file, '2023-02-01', 'trigger']]);

    // The clock now runs from that date: staff cannot move or clear it.
    assert.throws(() => setTriggerDate(archive.db, file, { date: '2025-01-01', reason: 'salah ketik' }, STAFF, TODAY), /hanya atasan|only a supervisor/);
    assert.throws(() => setTriggerDate(archive.db, file, { date: null, reason: 'salah' }, STAFF, TODAY), /hanya atasan|only a supervisor/);
    setTriggerDate(archive.db, file, { date: '2025-01-01', reason: 'Tanggal pencabutan yang benar: Perbup 1/2025' }, BOSS, TODAY);
    assert.equal(dueQueues(archive.db, TODAY).transfer.length, 0, 'the moved date is not due yet');
    const audit = archive.db.prepare("SELECT action, actor, before AS b, after AS a FROM audit_log WHERE entity = 'file' AND action LIKE 'file.trigger%' ORDER BY id").all() as { action: string; actor: string; b: string; a: string }[];
    assert.deepEqual(audit.map((r) => [r.action, r.actor]), [['file.trigger-set', 'staf'], ['file.trigger-change', 'atasan']]);
    assert.match(audit[1]!.a, /Perbup 1\/2025/);
    setTriggerDate(archive.db, file, { date: null, reason: 'Peraturan ternyata masih berlaku' }, BOSS, TODAY);
    assert.equal(dueQueues(archive.db, TODAY).awaitingEvent.length, 1);
  } finally {
    archive.close();
  }
});

test('berkas file event sets and clears an event date from the CLI', { timeout: 120_000 }, async () => {
  const dir = join(tempDir(), 'arsip');
  await archiveWithUser(dir);
  const archive = openArchive(dir);
  let file: number;
  try {
    file = addFile(archive, { code: 'KP.01.07.c', closedAt: '2020-01-02' });
    addRecord(archive, { fileId: file, status: 'aktif', letterDate: '2019-12-01' });
  } finally {
    archive.close();
  }
  const set = runCli(dir, ['--json', 'file', 'event', String(file), '--date', '2021-03-01', '--reason', 'SK pengangkatan ASN 813/2021']);
  assert.equal(set.status, 0, set.stderr);
  assert.equal((set.json as { triggerDate: string }).triggerDate, '2021-03-01');
  const bad = runCli(dir, ['file', 'event', String(file), '--date', '2021-03-01']);
  assert.equal(bad.status, 2, 'the reason is required');
  const clear = runCli(dir, ['--json', 'file', 'event', String(file), '--clear', '--reason', 'salah berkas']);
  assert.equal(clear.status, 0, clear.stderr);
  assert.equal((clear.json as { triggerDate: string | null }).triggerDate, null);
});

// ---------- close dates (Why: close dates are not checked; reopening moves the clock silently) ----------

test('a file cannot be closed before its latest record or in the future; reopening takes a supervisor and a reason', () => {
  const archive = freshArchive();
  try {
    const f = createFile(archive.db, { classificationCode: '000.1.1', title: 'Tagihan telepon', fileNumber: '7', openedAt: '2025-01-02' }, 'staf');
    createRecord(archive.db, { ...BLANK_RECORD_FIELDS, subject: 'Tagihan Juni', letterDate: '2025-06-15', fileId: f.id }, fullViewer('staf'));
    assert.throws(() => closeFile(archive.db, f.id, '2025-06-14', 'staf', TODAY), /arsip terakhir|latest record/);
    assert.throws(() => closeFile(archive.db, f.id, '2026-03-13', 'staf', TODAY), /masa depan|future/);
    closeFile(archive.db, f.id, '2025-06-30', 'staf', TODAY);
    assert.throws(() => reopenFile(archive.db, f.id, { reason: 'tambah arsip' }, STAFF), /hanya atasan|only a supervisor/);
    assert.throws(() => reopenFile(archive.db, f.id, { reason: ' ' }, BOSS), /alasan|reason/);
    const reopened = reopenFile(archive.db, f.id, { reason: 'Tagihan Juli tertinggal' }, BOSS);
    assert.equal(reopened.closedAt, null);
    const row = archive.db.prepare("SELECT actor, before AS b, after AS a FROM audit_log WHERE action = 'file.reopen'").get() as { actor: string; b: string; a: string };
    assert.equal(row.actor, 'atasan');
    assert.match(row.b, /2025-06-30/);
    assert.match(row.a, /Tagihan Juli tertinggal/);
  } finally {
    archive.close();
  }
});

// ---------- record code and file code (Why: they disagree) ----------

test('a record whose code is not under its file code is refused (900.1.3.7 in a 000.1.1 file), in the form, bulk edit and when filing', () => {
  const archive = freshArchive();
  try {
    const f = createFile(archive.db, { classificationCode: '000.1.1', title: 'Telekomunikasi 2025', fileNumber: '1', openedAt: '2025-01-02' }, 'staf');
    const ok = createRecord(archive.db, { ...BLANK_RECORD_FIELDS, subject: 'Tagihan', fileId: f.id, classificationCode: '000.1.1' }, fullViewer('staf'));
    assert.throws(() => createRecord(archive.db, { ...BLANK_RECORD_FIELDS, subject: 'Daftar gaji', fileId: f.id, classificationCode: '900.1.3.7' }, fullViewer('staf')), /tidak berada di bawah kode berkas|does not lie under/);
    // Filed without a code, a record takes its file's.
    const inherit = createRecord(archive.db, { ...BLANK_RECORD_FIELDS, subject: 'Tagihan Juli', fileId: f.id }, fullViewer('staf'));
    assert.equal(inherit.classificationCode, '000.1.1');
    // An unfiled payroll record cannot be put into that file, nor have its code changed to one outside.
    const gaji = createRecord(archive.db, { ...BLANK_RECORD_FIELDS, subject: 'Daftar gaji Juni', classificationCode: '900.1.3.7' }, fullViewer('staf'));
    assert.throws(() => bulkUpdateRecords(archive.db, [gaji.id], { fileId: f.id }, fullViewer('staf')), /does not lie under/);
    assert.throws(() => bulkUpdateRecords(archive.db, [ok.id, inherit.id], { classificationCode: '900.1.3.7' }, fullViewer('staf')), /does not lie under/);
    assert.equal(getRecord(archive.db, ok.id, fullViewer('test')).classificationCode, '000.1.1', 'all or nothing');
    // A deeper code under the file's is fine.
    assert.equal(updateRecord(archive.db, ok.id, { classificationCode: '000.1.1.2' }, fullViewer('staf')).classificationCode, '000.1.1.2');
    // The first record of an empty file gives the file its code.
    const empty = createFile(archive.db, { classificationCode: '000.1', title: 'Berkas baru', fileNumber: '2', openedAt: '2025-01-02' }, 'staf');
    createRecord(archive.db, { ...BLANK_RECORD_FIELDS, subject: 'Daftar gaji Juli', fileId: empty.id, classificationCode: '900.1.3.7' }, fullViewer('staf'));
    assert.equal(getFile(archive.db, empty.id).classificationCode, '900.1.3.7');
  } finally {
    archive.close();
  }
});

test('the DIP retention column shows what the clock enforces: the file rule and its re-appraisal, not the record code', async () => {
  const archive = freshArchive();
  try {
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: '000.8.3.3', closedAt: '2015-01-10' }); // SOP 2+3 permanen
    const rec = addRecord(archive, { fileId: file, code: '000.8.3.3', status: 'inaktif' }).recordId;
    archive.db.prepare("UPDATE records SET public_category = 'setiap-saat' WHERE id = ?").run(rec);
    assert.equal(dipRows(archive.db, { offset: 0, limit: 10 }, fullViewer('test')).rows[0]!.retention, 'Aktif 2 th, inaktif 3 th — permanen');
    decideReappraisal(archive.db, file, { extendYears: 10, disposition: 'permanen', ...DECISION }, 'atasan', TODAY);
    assert.equal(dipRows(archive.db, { offset: 0, limit: 10 }, fullViewer('test')).rows[0]!.retention, 'Dinilai kembali 2026-03-12: disimpan s.d. 2036-03-12 — permanen');
  } finally {
    archive.close();
  }
});

const SCHEMES = join(SHARED, 'reference', 'data', 'klasifikasi-sample.csv');

test('codes are checked against the schemes in force; an admin adds a local code; a record stores its scheme', async () => {
  const archive = freshArchive();
  try {
    await importSchemeFile(archive.db, SCHEMES, { actor: 'admin' });
    assert.throws(() => createRecord(archive.db, { ...BLANK_RECORD_FIELDS, subject: 'Typo', classificationCode: '000.1.99' }, fullViewer('staf')), /tidak ada dalam skema|not in any classification scheme/);
    assert.throws(() => createFile(archive.db, { classificationCode: '000.1.99', title: 'x', fileNumber: null, openedAt: '2025-01-01' }, 'staf'), /not in any classification scheme/);
    addLocalCode(archive.db, { scheme: 'Kode lokal Diskominfo Kalteng', code: '000.1.99', title: 'Layanan aduan daring' }, 'admin');
    const local = createRecord(archive.db, { ...BLANK_RECORD_FIELDS, subject: 'Aduan', classificationCode: '000.1.99' }, fullViewer('staf'));
    assert.equal(local.classificationScheme, 'Kode lokal Diskominfo Kalteng');
    assert.throws(() => addLocalCode(archive.db, { scheme: 'Kode lokal Diskominfo Kalteng', code: '000.77.1', title: 'x' }, 'admin'), /induk|parent/);
    // 611 lives only in 78/2012; 600 in both, and inside a 78/2012 file it is read as 78/2012.
    const old = createRecord(archive.db, { ...BLANK_RECORD_FIELDS, subject: 'Irigasi 2010', classificationCode: '611' }, fullViewer('staf'));
    assert.equal(old.classificationScheme, 'Permendagri 78/2012');
    const f = createFile(archive.db, { classificationCode: '600', title: 'PU lama', fileNumber: null, openedAt: '2010-01-01' }, 'staf');
    assert.ok(['Permendagri 83/2022', 'Permendagri 78/2012'].includes(createRecord(archive.db, { ...BLANK_RECORD_FIELDS, subject: 'PU', fileId: f.id }, fullViewer('staf')).classificationScheme!));
    const audit = archive.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'scheme.add-code'").get() as { n: number };
    assert.equal(audit.n, 1);
  } finally {
    archive.close();
  }
});
