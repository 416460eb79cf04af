// Re-appraisal (penilaian kembali): a recorded decision, with its reason, that restarts a file's
// clock — keep it N more years, and/or change what happens at the end. The decision names the JRA
// version in force and the schedule it replaced; later JRA versions do not undo it. Owns the
// reappraisals table.
import type { Disposition, FileScheduleView } from '../../preload/contract/retention.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError, notFound } from '../errors.ts';
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
  input: { extendYears: number; disposition: Disposition; reason: string; decisionRef: string | null },
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
