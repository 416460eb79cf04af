// Re-appraisal (penilaian kembali): a recorded decision, with its reason and the reference of the
// decision letter, that restarts a file's clock — keep it N more years, and/or change what happens
// at the end. The decision names the JRA version in force and the schedule it replaced; later JRA
// versions do not undo it. Owns the reappraisals table.
//
// What it must never do: make anything due earlier than the JRA allows, or turn a permanent file
// into one that may be destroyed. A re-appraisal is open only to files whose JRA row says
// "dinilai kembali" or whose next step is already due; its new end is never before the JRA end
// (the clock enforces the same floor, so old rows written before this rule cannot either).
import type { Disposition, FileScheduleView } from '../../preload/contract/retention.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError, notFound } from '../errors.ts';
import { addYears as addYearsTo, compareDates, isDue } from './clock.ts';
import { appliedVersion, scheduleOf, type FileSchedule } from './schedule.ts';

export function fileScheduleView(s: FileSchedule): FileScheduleView {
  return {
    fileId: s.file.id,
    classificationCode: s.file.code,
    rule: s.rule
      ? {
          id: s.rule.id,
          code: s.rule.code,
          recordType: s.rule.recordType,
          activeYears: s.rule.activeYears,
          inactiveYears: s.rule.inactiveYears,
          trigger: s.rule.trigger,
          disposition: s.rule.disposition,
          dispositionRaw: s.rule.dispositionRaw,
          conditional: s.rule.conditional,
          note: s.rule.note,
          source: s.rule.source,
        }
      : null,
    reappraisal: s.reappraisal ? { id: s.reappraisal.id, decidedAt: s.reappraisal.decidedAt, extendYears: s.reappraisal.extendYears, disposition: s.reappraisal.disposition, reason: s.reappraisal.reason } : null,
    schedule: {
      ruleCode: s.rule?.code ?? null,
      disposition: s.reappraisal?.disposition ?? s.rule?.disposition ?? null,
      activeUntil: s.main.activeUntil,
      inactiveUntil: s.main.inactiveUntil,
      nextAction: s.main.nextAction,
      dueAt: s.main.dueAt,
      state: s.main.state,
      basis: s.main.basis,
      needsDecision: s.main.needsDecision,
      totalYears: s.main.totalYears,
    },
  };
}

export function fileSchedule(db: Db, fileId: number): FileScheduleView {
  const s = scheduleOf(db, fileId);
  if (!s) throw notFound({ id: 'Berkas', en: 'File' }, fileId);
  return fileScheduleView(s);
}

export function decideReappraisal(
  db: Db,
  fileId: number,
  input: ReappraisalInput,
  actor: string,
  today: string,
  now = new Date().toISOString(),
): FileScheduleView {
  db.transaction(() => {
    const before = scheduleOf(db, fileId);
    if (!before) throw notFound({ id: 'Berkas', en: 'File' }, fileId);
    if (!before.file.closedAt) {
      throw appError('conflict', `Berkas ${fileId} belum ditutup; retensinya belum berjalan sehingga belum dapat dinilai kembali.`, `File ${fileId} is not closed; its retention has not started, so it cannot be re-appraised yet.`);
    }
    if (before.file.aktif + before.file.inaktif === 0) {
      throw appError('conflict', `Arsip dalam berkas ${fileId} sudah disusutkan; tidak ada yang dinilai kembali.`, `The records of file ${fileId} have already been disposed of; there is nothing to re-appraise.`);
    }
    checkReappraisal(before, input, today);
    const previous = fileScheduleView(before);
    const info = db
      .prepare(
        `INSERT INTO reappraisals (file_id, decided_at, extend_years, disposition, reason, decision_ref, jra_version_id, previous, decided_by, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(fileId, today, input.extendYears, input.disposition, input.reason, input.decisionRef, appliedVersion(db)?.id ?? null, JSON.stringify(previous.schedule), actor, now);
    appendAudit(db, {
      actor,
      action: 'reappraisal.decide',
      entity: 'file',
      entityId: fileId,
      before: previous.schedule,
      after: { reappraisal: Number(info.lastInsertRowid), decidedAt: today, ...input },
      at: now,
    });
  })();
  return fileSchedule(db, fileId);
}

export interface ReappraisalInput {
  extendYears: number;
  disposition: Disposition;
  reason: string;
  decisionRef: string | null;
}

/** The rules of law for a re-appraisal of a closed file; throws with what to do instead. */
export function checkReappraisal(s: FileSchedule, input: ReappraisalInput, today: string): void {
  const id = s.file.id;
  if (!input.decisionRef || !input.decisionRef.trim()) {
    throw appError('validation', `Penilaian kembali berkas ${id} memerlukan nomor keputusan/berita acara panitia penilai.`, `A re-appraisal of file ${id} needs the reference of the appraisal committee's decision or record.`);
  }
  if (!Number.isInteger(input.extendYears) || input.extendYears < 0 || input.extendYears > 100) {
    throw appError('validation', 'Perpanjangan harus bilangan bulat 0–100 tahun.', 'The extension must be a whole number of years from 0 to 100.');
  }
  const ruleSays = s.reappraisal?.disposition ?? s.rule?.disposition ?? null;
  const due = isDue(s.main, today);
  if (ruleSays !== 'dinilai-kembali' && !due) {
    throw appError(
      'conflict',
      `Berkas ${id} belum jatuh tempo (${s.main.dueAt ?? 'tanggal belum diketahui'}) dan JRA-nya tidak berketerangan "dinilai kembali"; penilaian kembali baru dapat diputuskan saat jatuh tempo.`,
      `File ${id} is not due yet (${s.main.dueAt ?? 'date unknown'}) and its JRA row does not say "dinilai kembali"; a re-appraisal can only be decided once it is due.`,
    );
  }
  const permanent = s.rule?.disposition === 'permanen' || s.reappraisal?.disposition === 'permanen';
  if (permanent && input.disposition === 'musnah') {
    throw appError(
      'conflict',
      `Berkas ${id} berketerangan permanen; penilaian kembali tidak dapat mengubahnya menjadi musnah.`,
      `File ${id} is permanent; a re-appraisal cannot turn it into one to be destroyed.`,
    );
  }
  const floor = jraEnd(s);
  const newEnd = addYearsTo(today, input.extendYears);
  if (floor && compareDates(newEnd, floor) < 0) {
    throw appError(
      'validation',
      `Akhir retensi baru (${newEnd}) lebih awal daripada akhir menurut JRA (${floor}); perpanjang sekurang-kurangnya sampai ${floor}.`,
      `The new end of retention (${newEnd}) is earlier than the JRA end (${floor}); extend it to at least ${floor}.`,
    );
  }
}

/** The end of retention the JRA alone gives (before any re-appraisal), or null when not knowable. */
function jraEnd(s: FileSchedule): string | null {
  return s.main.jraUntil ?? s.stages.find((st) => st.schedule.jraUntil)?.schedule.jraUntil ?? null;
}
