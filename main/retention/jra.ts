// JRA versions: importing a schedule (CSV/XLSX) as a draft, showing what it would change for the
// files already in the archive, and putting it in force only when a person confirms. A version in
// force is never edited: a new schedule is a new version, and the old one stays (superseded) so
// every earlier decision can still name the rules it used. Owns jra_versions and jra_rules.
import { basename } from 'node:path';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError, notFound } from '../errors.ts';
import { readTable } from '../tabular/read.ts';
import type { NextAction } from './clock.ts';
import { isDue } from './clock.ts';
import { parseJraRows, type TableRow } from './jraParse.ts';
import { appliedVersion, fileSchedules, getVersion, type FileSchedule, type JraVersionRow } from './schedule.ts';

export interface ImportSummary {
  version: JraVersionRow;
  rules: number;
  conditional: number;
  withTrigger: number;
}

export function importJraTable(
  db: Db,
  table: { headers: readonly string[]; rows: readonly TableRow[]; lineNumbers: readonly number[] },
  meta: { fileName: string; name?: string | null },
  actor: string,
  now = new Date().toISOString(),
): ImportSummary {
  const { rules, problems } = parseJraRows(table.headers, table.rows, table.lineNumbers);
  if (problems.length > 0) {
    const first = problems.slice(0, 5);
    throw appError(
      'validation',
      `JRA tidak diimpor: ${problems.length} baris perlu diperbaiki. ${first.map((p) => p.message.id).join(' ')} Perbaiki berkasnya lalu impor lagi.`,
      `The JRA was not imported: ${problems.length} row(s) need fixing. ${first.map((p) => p.message.en).join(' ')} Fix the file and import it again.`,
      { problems },
    );
  }
  const name = meta.name?.trim() || rules.find((r) => r.source)?.source || meta.fileName;
  const id = db.transaction(() => {
    const info = db
      .prepare('INSERT INTO jra_versions (name, file_name, state, rule_count, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(name, meta.fileName, 'draft', rules.length, now, actor);
    const versionId = Number(info.lastInsertRowid);
    const insert = db.prepare(
      `INSERT INTO jra_rules (version_id, code, code_sort, record_type, active_years, inactive_years, trigger_text, disposition,
                              disposition_raw, conditional, note, source, line)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of rules) {
      insert.run(versionId, r.code, r.codeSort, r.recordType, r.activeYears, r.inactiveYears, r.trigger, r.disposition, r.dispositionRaw, r.conditional ? 1 : 0, r.note, r.source, r.line);
    }
    appendAudit(db, { actor, action: 'jra.import', entity: 'jra_version', entityId: versionId, after: { name, fileName: meta.fileName, rules: rules.length }, at: now });
    return versionId;
  })();
  return {
    version: getVersion(db, id)!,
    rules: rules.length,
    conditional: rules.filter((r) => r.conditional).length,
    withTrigger: rules.filter((r) => r.trigger).length,
  };
}

export async function importJraFile(db: Db, path: string, actor: string, name?: string | null): Promise<ImportSummary> {
  const table = await readTable(path);
  return importJraTable(db, table, { fileName: basename(path), name }, actor);
}

export interface ScheduleSummary {
  ruleCode: string | null;
  disposition: string | null;
  activeUntil: string | null;
  inactiveUntil: string | null;
  nextAction: NextAction;
  dueAt: string | null;
  state: string;
}

export interface VersionChange {
  fileId: number;
  fileNumber: string | null;
  title: string;
  classificationCode: string;
  before: ScheduleSummary;
  after: ScheduleSummary;
  /** due on `asOf` under the new version but not under the one in force */
  becomesDue: boolean;
  /** a re-appraisal decision already set this file's final step; the new version does not undo it */
  keepsReappraisal: boolean;
}

export interface VersionPreview {
  version: JraVersionRow;
  current: JraVersionRow | null;
  asOf: string;
  filesCompared: number;
  changes: VersionChange[];
  /** files whose code the new version has no rule for */
  withoutRule: { fileId: number; classificationCode: string; title: string }[];
}

function summary(s: FileSchedule): ScheduleSummary {
  return {
    ruleCode: s.rule?.code ?? null,
    disposition: s.reappraisal ? s.reappraisal.disposition : (s.rule?.disposition ?? null),
    activeUntil: s.main.activeUntil,
    inactiveUntil: s.main.inactiveUntil,
    nextAction: s.main.nextAction,
    dueAt: s.main.dueAt,
    state: s.main.state,
  };
}

function sameSummary(a: ScheduleSummary, b: ScheduleSummary): boolean {
  return (Object.keys(a) as (keyof ScheduleSummary)[]).every((k) => a[k] === b[k]);
}

/** What putting `versionId` in force would change for every file, as of a day. */
export function previewVersion(db: Db, versionId: number, asOf: string): VersionPreview {
  const version = getVersion(db, versionId);
  if (!version) throw notFound({ id: 'Versi JRA', en: 'JRA version' }, versionId);
  const current = appliedVersion(db);
  const before = new Map(fileSchedules(db, { versionId: current?.id ?? null }).map((s) => [s.file.id, s]));
  const after = fileSchedules(db, { versionId });
  const changes: VersionChange[] = [];
  const withoutRule: VersionPreview['withoutRule'] = [];
  for (const next of after) {
    const prev = before.get(next.file.id)!;
    if (!next.rule) withoutRule.push({ fileId: next.file.id, classificationCode: next.file.code, title: next.file.title });
    const a = summary(prev);
    const b = summary(next);
    if (sameSummary(a, b)) continue;
    changes.push({
      fileId: next.file.id,
      fileNumber: next.file.fileNumber,
      title: next.file.title,
      classificationCode: next.file.code,
      before: a,
      after: b,
      becomesDue: isDue(next.main, asOf) && !isDue(prev.main, asOf),
      keepsReappraisal: next.reappraisal !== null,
    });
  }
  return { version, current, asOf, filesCompared: after.length, changes, withoutRule };
}

/** Puts a draft version in force; the one in force before becomes 'superseded' (kept, never edited). */
export function applyVersion(db: Db, versionId: number, actor: string, asOf: string, now = new Date().toISOString()): JraVersionRow {
  return db.transaction(() => {
    const version = getVersion(db, versionId);
    if (!version) throw notFound({ id: 'Versi JRA', en: 'JRA version' }, versionId);
    if (version.state !== 'draft') {
      throw appError('conflict', `Versi JRA ${versionId} berstatus ${version.state}; hanya versi draf yang dapat diberlakukan. Impor ulang berkasnya bila perlu.`, `JRA version ${versionId} is ${version.state}; only a draft can be put in force. Import the file again if needed.`);
    }
    const preview = previewVersion(db, versionId, asOf);
    const current = appliedVersion(db);
    if (current) db.prepare("UPDATE jra_versions SET state = 'superseded' WHERE id = ?").run(current.id);
    db.prepare("UPDATE jra_versions SET state = 'applied', applied_at = ?, applied_by = ? WHERE id = ?").run(now, actor, versionId);
    appendAudit(db, {
      actor,
      action: 'jra.apply',
      entity: 'jra_version',
      entityId: versionId,
      before: { inForce: current?.id ?? null },
      after: { inForce: versionId, filesChanged: preview.changes.length, filesWithoutRule: preview.withoutRule.length, becomeDue: preview.changes.filter((c) => c.becomesDue).length },
      at: now,
    });
    return getVersion(db, versionId)!;
  })();
}

export function discardVersion(db: Db, versionId: number, actor: string): JraVersionRow {
  return db.transaction(() => {
    const version = getVersion(db, versionId);
    if (!version) throw notFound({ id: 'Versi JRA', en: 'JRA version' }, versionId);
    if (version.state !== 'draft') {
      throw appError('conflict', `Hanya versi draf yang dapat dibuang; versi ${versionId} berstatus ${version.state}.`, `Only a draft can be discarded; version ${versionId} is ${version.state}.`);
    }
    db.prepare("UPDATE jra_versions SET state = 'discarded' WHERE id = ?").run(versionId);
    appendAudit(db, { actor, action: 'jra.discard', entity: 'jra_version', entityId: versionId });
    return getVersion(db, versionId)!;
  })();
}
