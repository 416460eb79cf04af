// The rules of law issue 13 found bypassable, each proved over a real archive: re-appraisal can
// never make a file due earlier than its JRA allows (with a property test over random decisions),
// nor turn a permanent file into one to destroy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compareDates, isDue } from '../../main/retention/clock.ts';
import { proposeDestruction } from '../../main/retention/destruction.ts';
import { dueQueues } from '../../main/retention/queues.ts';
import { decideReappraisal } from '../../main/retention/reappraisal.ts';
import { fileSchedules, scheduleOf } from '../../main/retention/schedule.ts';
import { addFile, addRecord, applySampleJra, freshArchive } from './retention-helpers.ts';

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
