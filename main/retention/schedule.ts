// Applies the clock to the archive: which JRA version is in force, which rule governs each file
// (longest dotted-code prefix, see archive/codes.ts), the latest re-appraisal of each file, and the
// resulting schedule per file and per stage of its records. Reads only; decisions are written by
// jra.ts, reappraisal.ts and the disposition workflows.
import type { Db } from '../db/connection.ts';
import { computeSchedule, type Disposition, type ReappraisalTerms, type RetentionTerms, type Schedule, type Stage } from './clock.ts';
import { ruleIndex } from '../archive/codes.ts';
import { fileStageCounts, type FileStageCounts } from '../archive/queries.ts';

export interface JraRule extends RetentionTerms {
  id: number;
  versionId: number;
  code: string;
  recordType: string;
  dispositionRaw: string;
  note: string | null;
  source: string | null;
}

export interface JraVersionRow {
  id: number;
  name: string;
  fileName: string;
  state: 'draft' | 'applied' | 'superseded' | 'discarded';
  ruleCount: number;
  importedAt: string;
  importedBy: string;
  appliedAt: string | null;
  appliedBy: string | null;
}

/** A file and how many of its records are active / transferred (inactive) / anything else. */
export type FileFacts = FileStageCounts;

export interface StageSchedule {
  stage: Exclude<Stage, 'done'>;
  records: number;
  schedule: Schedule;
}

export interface FileSchedule {
  file: FileFacts;
  rule: JraRule | null;
  reappraisal: (ReappraisalTerms & { id: number; reason: string }) | null;
  /** The schedule of the stage the file as a whole stands in (active if any record is). */
  main: Schedule;
  stages: StageSchedule[];
}

const VERSION_SELECT = `SELECT id, name, file_name AS fileName, state, rule_count AS ruleCount, imported_at AS importedAt,
  imported_by AS importedBy, applied_at AS appliedAt, applied_by AS appliedBy FROM jra_versions`;

// Exported for the query-plan test, which runs exactly these.
export const APPLIED_VERSION_SQL = `${VERSION_SELECT} WHERE state = 'applied'`;
export const RULES_OF_VERSION_SQL = 'SELECT * FROM jra_rules WHERE version_id = ? ORDER BY code_sort';
export const LATEST_REAPPRAISALS_SQL = `SELECT id, file_id, decided_at, extend_years, disposition, reason FROM reappraisals
  WHERE id IN (SELECT max(id) FROM reappraisals GROUP BY file_id)`;

export function appliedVersion(db: Db): JraVersionRow | null {
  return (db.prepare(APPLIED_VERSION_SQL).get() as JraVersionRow | undefined) ?? null;
}

export function getVersion(db: Db, id: number): JraVersionRow | null {
  return (db.prepare(`${VERSION_SELECT} WHERE id = ?`).get(id) as JraVersionRow | undefined) ?? null;
}

export function listVersions(db: Db): JraVersionRow[] {
  return db.prepare(`${VERSION_SELECT} ORDER BY id DESC`).all() as JraVersionRow[];
}

interface RuleDbRow {
  id: number;
  version_id: number;
  code: string;
  record_type: string;
  active_years: number;
  inactive_years: number;
  trigger_text: string | null;
  disposition: Disposition;
  disposition_raw: string;
  conditional: number;
  note: string | null;
  source: string | null;
}

export function rulesOf(db: Db, versionId: number): JraRule[] {
  return (db.prepare(RULES_OF_VERSION_SQL).all(versionId) as RuleDbRow[]).map((r) => ({
    id: r.id,
    versionId: r.version_id,
    code: r.code,
    recordType: r.record_type,
    activeYears: r.active_years,
    inactiveYears: r.inactive_years,
    trigger: r.trigger_text,
    disposition: r.disposition,
    dispositionRaw: r.disposition_raw,
    conditional: r.conditional === 1,
    note: r.note,
    source: r.source,
  }));
}

export function loadFiles(db: Db, fileIds?: readonly number[]): FileFacts[] {
  return fileStageCounts(db, fileIds);
}

export function latestReappraisals(db: Db): Map<number, ReappraisalTerms & { id: number; reason: string }> {
  const rows = db.prepare(LATEST_REAPPRAISALS_SQL).all() as { id: number; file_id: number; decided_at: string; extend_years: number; disposition: Disposition; reason: string }[];
  return new Map(rows.map((r) => [r.file_id, { id: r.id, decidedAt: r.decided_at, extendYears: r.extend_years, disposition: r.disposition, reason: r.reason }]));
}

export function scheduleFile(
  file: FileFacts,
  rule: JraRule | null,
  reappraisal: FileSchedule['reappraisal'],
): FileSchedule {
  const stages: StageSchedule[] = [];
  if (file.aktif > 0) stages.push({ stage: 'aktif', records: file.aktif, schedule: computeSchedule(file, rule, 'aktif', reappraisal) });
  if (file.inaktif > 0) stages.push({ stage: 'inaktif', records: file.inaktif, schedule: computeSchedule(file, rule, 'inaktif', reappraisal) });
  const mainStage: Stage = file.aktif > 0 ? 'aktif' : file.inaktif > 0 ? 'inaktif' : file.other > 0 ? 'done' : 'aktif';
  return { file, rule, reappraisal, main: computeSchedule(file, rule, mainStage, reappraisal), stages };
}

/** Every file's schedule under a version (default: the one in force). */
export function fileSchedules(db: Db, options: { versionId?: number | null; fileIds?: readonly number[] } = {}): FileSchedule[] {
  const versionId = options.versionId === undefined ? (appliedVersion(db)?.id ?? null) : options.versionId;
  const lookup = ruleIndex(versionId == null ? [] : rulesOf(db, versionId));
  const reappraisals = latestReappraisals(db);
  return loadFiles(db, options.fileIds).map((file) => scheduleFile(file, lookup(file.code), reappraisals.get(file.id) ?? null));
}

/** One file's schedule under the version in force. */
export function scheduleOf(db: Db, fileId: number): FileSchedule | null {
  return fileSchedules(db, { fileIds: [fileId] })[0] ?? null;
}

/** The part of a record that decides which rule governs it. */
export interface GovernedRecord {
  fileId: number | null;
  status: string;
}

/**
 * Which rule governs a record: the JRA rule of its FILE's code (never the record's own code —
 * filing keeps the two consistent, see archive/records), the file's latest re-appraisal and its
 * event date, as the file's schedule for the stage the record is in. The one answer the clock,
 * the disposition cases and the DIP's retention column all read. An unfiled record has no clock.
 */
export function governing(schedules: ReadonlyMap<number, FileSchedule>, rec: GovernedRecord): { file: FileSchedule; schedule: Schedule } | null {
  if (rec.fileId == null) return null;
  const file = schedules.get(rec.fileId);
  if (!file) return null;
  const stage = file.stages.find((s) => s.stage === rec.status);
  return stage ? { file, schedule: stage.schedule } : { file, schedule: file.main };
}

/** The retention as a register shows it, from what governs the record (null: no rule). */
export function retentionText(g: { file: FileSchedule; schedule: Schedule } | null): string | null {
  if (!g) return null;
  const { rule, reappraisal } = g.file;
  if (reappraisal) {
    const until = g.schedule.inactiveUntil ? ` s.d. ${g.schedule.inactiveUntil}` : '';
    return `Dinilai kembali ${reappraisal.decidedAt}: disimpan${until} — ${reappraisal.disposition}`;
  }
  return rule ? ruleText(rule) : null;
}

function ruleText(rule: JraRule): string {
  const trigger = rule.trigger ? ` ${rule.trigger}` : '';
  return `Aktif ${rule.activeYears} th${trigger}, inaktif ${rule.inactiveYears} th — ${rule.dispositionRaw}`;
}

/** For registers: each record's retention text under the version in force. A filed record shows
 *  what governs it (above); an unfiled one has no clock yet, so it shows its own code's rule
 *  marked as not yet filed. */
export function retentionOfRecords(db: Db, records: readonly (GovernedRecord & { code: string | null })[]): (rec: GovernedRecord & { code: string | null }) => string | null {
  const fileIds = [...new Set(records.map((r) => r.fileId).filter((id): id is number => id != null))];
  const versionId = appliedVersion(db)?.id ?? null;
  const schedules = new Map(fileSchedules(db, { fileIds }).map((s) => [s.file.id, s]));
  const lookup = ruleIndex(versionId == null ? [] : rulesOf(db, versionId));
  return (rec) => {
    if (rec.fileId != null) return retentionText(governing(schedules, rec));
    const rule = lookup(rec.code);
    return rule ? `${ruleText(rule)} (belum diberkaskan)` : null;
  };
}
