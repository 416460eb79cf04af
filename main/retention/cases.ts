// Disposition cases (transfer, destruction, handover): the list of records, what rule and dates
// each was proposed under, the approvals recorded, and the per-record checks every step repeats —
// right stage, due today, no hold, not in another open case. The checks here are the single
// description of "may this record be disposed of"; destruction.ts adds the approvals the law
// requires and is the only code that destroys. Owns disposition_cases, disposition_items,
// disposition_approvals and disposition_lkd (destruction.ts decides when an LKD is recorded).
import type { Authority, DispositionBlocker, CaseItem, CaseKind, CaseState, CaseSummary } from '../../preload/contract/retention.ts';
import { fileExists, openRecordIdsOfFile, recordWithFile, type RecordWithFile } from '../archive/queries.ts';
import { appendAudit } from '../audit/log.ts';
import type { ListRow } from '../reports/beritaAcara.ts';
import type { Db } from '../db/connection.ts';
import { appError, notFound } from '../errors.ts';
import { isDue, type NextAction, type Schedule } from './clock.ts';
import { heldRecords, type HeldSet } from './holds.ts';
import { dispositionText } from './jraParse.ts';
import { appliedVersion, fileSchedules, governing, type FileSchedule } from './schedule.ts';

export const CASE = { id: 'Kasus penyusutan', en: 'Disposition case' };

/** The next action each kind of case carries out. */
export const ACTION_OF: Record<CaseKind, Exclude<NextAction, 'none' | 'reappraise'>> = {
  transfer: 'transfer',
  destruction: 'destroy',
  handover: 'handover',
};

export interface CaseRow {
  id: number;
  kind: CaseKind;
  state: CaseState;
  title: string;
  jra_version_id: number | null;
  created_by: string;
  created_at: string;
  location: string | null;
  recipient: string | null;
  ba_number: string | null;
  ba_date: string | null;
  method: string | null;
  parties: string | null;
  executed_by: string | null;
  executed_at: string | null;
  export_path: string | null;
  dossier_record_id: number | null;
  closed_reason: string | null;
  updated_at: string;
}

export interface ItemSnapshot {
  ruleCode: string | null;
  ruleId: number | null;
  versionId: number | null;
  recordType: string | null;
  dispositionText: string | null;
  activeUntil: string | null;
  inactiveUntil: string | null;
  dueAt: string | null;
  totalYears: number | null;
  activeYears: number | null;
  inactiveYears: number | null;
  conditional: boolean;
  reappraisalId: number | null;
}

/** A listed record as the checks and the lists see it (the archive's read, code falling back to the file's). */
export interface RecordFacts extends Omit<RecordWithFile, 'ownCode' | 'status'> {
  status: CaseItem['status'];
}

export function recordFacts(db: Db, id: number): RecordFacts | null {
  const r = recordWithFile(db, id);
  if (!r) return null;
  const { ownCode: _own, ...facts } = r;
  return { ...facts, status: facts.status as RecordFacts['status'] };
}

/** What every check needs, read once: schedules, holds, open-case membership. */
export interface EvalContext {
  schedules: Map<number, FileSchedule>;
  held: HeldSet;
  openCases: Map<number, { caseId: number; kind: string }>;
  versionId: number | null;
}

export function evaluationContext(db: Db): EvalContext {
  return {
    schedules: new Map(fileSchedules(db).map((s) => [s.file.id, s])),
    held: heldRecords(db),
    openCases: openCaseMembership(db),
    versionId: appliedVersion(db)?.id ?? null,
  };
}

export function scheduleFor(ctx: EvalContext, rec: RecordFacts): { file: FileSchedule; schedule: Schedule } | null {
  return governing(ctx.schedules, rec);
}

export function snapshotOf(ctx: EvalContext, rec: RecordFacts): ItemSnapshot {
  const found = scheduleFor(ctx, rec);
  const rule = found?.file.rule ?? null;
  const reappraisal = found?.file.reappraisal ?? null;
  return {
    ruleCode: rule?.code ?? null,
    ruleId: rule?.id ?? null,
    versionId: rule?.versionId ?? null,
    recordType: rule?.recordType ?? null,
    dispositionText: reappraisal ? `dinilai kembali: ${reappraisal.disposition}` : rule ? dispositionText(rule) : null,
    activeUntil: found?.schedule.activeUntil ?? null,
    inactiveUntil: found?.schedule.inactiveUntil ?? null,
    dueAt: found?.schedule.dueAt ?? null,
    totalYears: found?.schedule.totalYears ?? null,
    activeYears: rule?.activeYears ?? null,
    inactiveYears: rule?.inactiveYears ?? null,
    conditional: found?.schedule.needsDecision ?? false,
    reappraisalId: reappraisal?.id ?? null,
  };
}

function blocker(recordId: number | null, code: string, id: string, en: string): DispositionBlocker {
  return { recordId, code, message: { id, en } };
}

const ACTION_WORDS: Record<NextAction, { id: string; en: string }> = {
  transfer: { id: 'pemindahan', en: 'transfer' },
  destroy: { id: 'pemusnahan', en: 'destruction' },
  handover: { id: 'penyerahan', en: 'handover' },
  reappraise: { id: 'penilaian kembali', en: 're-appraisal' },
  none: { id: 'tidak ada tindakan', en: 'no action' },
};

/**
 * Why `rec` may not undergo `action` on `asOf` (empty when it may). Holds block destruction and
 * handover; a transfer only moves boxes to the records centre, so a held record may still move.
 */
export function recordProblems(ctx: EvalContext, rec: RecordFacts | null, recordId: number, action: Exclude<NextAction, 'none'>, asOf: string, ownCaseId: number | null): DispositionBlocker[] {
  if (!rec) return [blocker(recordId, 'not-found', `Arsip ${recordId} tidak ditemukan.`, `Record ${recordId} was not found.`)];
  const out: DispositionBlocker[] = [];
  const label = `Arsip ${rec.id} (${rec.subject.slice(0, 60)})`;
  const labelEn = `Record ${rec.id} (${rec.subject.slice(0, 60)})`;
  const act = ACTION_WORDS[action];
  if (rec.status !== 'aktif' && rec.status !== 'inaktif') {
    out.push(blocker(rec.id, 'status', `${label} berstatus ${rec.status}; hanya arsip aktif atau inaktif yang dapat disusutkan.`, `${labelEn} has status ${rec.status}; only active or inactive records can be disposed of.`));
    return out;
  }
  if (action === 'transfer' && rec.status !== 'aktif') {
    out.push(blocker(rec.id, 'status', `${label} sudah inaktif; pemindahan hanya untuk arsip aktif.`, `${labelEn} is already inactive; only active records are transferred.`));
  }
  if (rec.fileId == null) {
    out.push(blocker(rec.id, 'unfiled', `${label} belum masuk berkas; retensi dihitung dari penutupan berkas.`, `${labelEn} is not in a file; retention counts from the close of its file.`));
    return out;
  }
  const found = scheduleFor(ctx, rec);
  const schedule = found?.schedule;
  if (!schedule || schedule.state === 'no-rule') {
    out.push(blocker(rec.id, 'no-rule', `${label}: tidak ada aturan JRA untuk kode ${rec.code ?? '-'}.`, `${labelEn}: no JRA rule covers code ${rec.code ?? '-'}.`));
  } else if (schedule.state === 'open') {
    out.push(blocker(rec.id, 'file-open', `${label}: berkasnya belum ditutup, jadi retensinya belum berjalan.`, `${labelEn}: its file is not closed, so retention has not started.`));
  } else if (schedule.state === 'awaiting-event') {
    out.push(blocker(rec.id, 'awaiting-event', `${label}: tanggal peristiwa "${found?.file.rule?.trigger ?? ''}" belum dicatat pada berkasnya.`, `${labelEn}: the date of the event "${found?.file.rule?.trigger ?? ''}" is not recorded on its file.`));
  } else if (schedule.nextAction !== action) {
    const next = ACTION_WORDS[schedule.nextAction];
    out.push(blocker(rec.id, 'wrong-action', `${label}: menurut JRA langkah berikutnya adalah ${next.id}, bukan ${act.id}.`, `${labelEn}: under the JRA its next step is ${next.en}, not ${act.en}.`));
  } else if (!isDue(schedule, asOf)) {
    out.push(blocker(rec.id, 'not-due', `${label}: ${act.id} baru jatuh tempo pada ${schedule.dueAt}.`, `${labelEn}: ${act.en} is not due until ${schedule.dueAt}.`));
  }
  if (action !== 'transfer') {
    const holds = ctx.held.byRecord.get(rec.id);
    if (holds) {
      const names = holds.map((h) => ctx.held.names.get(h) ?? String(h)).join(', ');
      out.push(blocker(rec.id, 'held', `${label} sedang ditahan (${names}); cabut penahanannya dahulu bila perkaranya selesai.`, `${labelEn} is on hold (${names}); lift the hold first once the case is over.`));
    }
  }
  const other = ctx.openCases.get(rec.id);
  if (other && other.caseId !== ownCaseId) {
    out.push(blocker(rec.id, 'in-other-case', `${label} sudah ada dalam kasus penyusutan #${other.caseId}.`, `${labelEn} is already in disposition case #${other.caseId}.`));
  }
  return out;
}

/** Records named directly plus the active/inactive records of the files named. */
export function candidateRecords(db: Db, fileIds: readonly number[], recordIds: readonly number[]): number[] {
  const ids = new Set(recordIds);
  for (const fileId of fileIds) {
    if (!fileExists(db, fileId)) throw notFound({ id: 'Berkas', en: 'File' }, fileId);
    for (const id of openRecordIdsOfFile(db, fileId)) ids.add(id);
  }
  return [...ids];
}

export interface Proposal {
  accepted: { rec: RecordFacts; snapshot: ItemSnapshot }[];
  refused: DispositionBlocker[];
}

/**
 * Sorts candidates into those that may go on a list now and those that may not (with why). Files
 * named as a whole contribute only their eligible records; records named one by one must all pass.
 */
export function propose(db: Db, kind: CaseKind, fileIds: readonly number[], recordIds: readonly number[], asOf: string): Proposal {
  const ctx = evaluationContext(db);
  const action = ACTION_OF[kind];
  const named = new Set(recordIds);
  const accepted: Proposal['accepted'] = [];
  const refused: DispositionBlocker[] = [];
  for (const id of candidateRecords(db, fileIds, recordIds)) {
    const rec = recordFacts(db, id);
    const problems = recordProblems(ctx, rec, id, action, asOf, null);
    if (problems.length === 0 && rec) accepted.push({ rec, snapshot: snapshotOf(ctx, rec) });
    else if (named.has(id) || problems.some((p) => p.code === 'not-found')) refused.push(...problems);
    else refused.push(...problems.filter((p) => p.code !== 'wrong-action' && p.code !== 'status'));
  }
  return { accepted, refused };
}

export function caseRow(db: Db, id: number): CaseRow {
  const row = db.prepare('SELECT * FROM disposition_cases WHERE id = ?').get(id) as CaseRow | undefined;
  if (!row) throw notFound(CASE, id);
  return row;
}

export function createCase(
  db: Db,
  kind: CaseKind,
  fields: { title: string; location?: string | null; recipient?: string | null },
  proposal: Proposal,
  actor: string,
  now: string,
  versionId: number | null,
  boxes?: Map<number, { box: string; folder: string }>,
): number {
  if (proposal.refused.length > 0 && proposal.accepted.length === 0) {
    const first = proposal.refused.slice(0, 3);
    throw appError(
      'conflict',
      `Tidak ada arsip yang dapat dimasukkan ke daftar. ${first.map((b) => b.message.id).join(' ')}`,
      `No record can go on the list. ${first.map((b) => b.message.en).join(' ')}`,
      { blockers: proposal.refused },
    );
  }
  if (proposal.accepted.length === 0) {
    throw appError('validation', 'Pilih berkas atau arsip yang akan dimasukkan ke daftar.', 'Choose the files or records to put on the list.');
  }
  const info = db
    .prepare(
      `INSERT INTO disposition_cases (kind, state, title, jra_version_id, created_by, created_at, location, recipient, updated_at)
       VALUES (?, 'draft', ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(kind, fields.title, versionId, actor, now, fields.location ?? null, fields.recipient ?? null, now);
  const caseId = Number(info.lastInsertRowid);
  const insert = db.prepare('INSERT INTO disposition_items (case_id, record_id, file_id, snapshot, box_number, folder_number) VALUES (?, ?, ?, ?, ?, ?)');
  for (const { rec, snapshot } of proposal.accepted) {
    const box = rec.fileId != null ? boxes?.get(rec.fileId) : undefined;
    insert.run(caseId, rec.id, rec.fileId, JSON.stringify(snapshot), box?.box ?? null, box?.folder ?? null);
  }
  appendAudit(db, {
    actor,
    action: `${kind}.propose`,
    entity: 'disposition_case',
    entityId: caseId,
    after: { title: fields.title, records: proposal.accepted.map((a) => a.rec.id), jraVersion: versionId, skipped: proposal.refused.length },
    at: now,
  });
  return caseId;
}

interface ItemDbRow {
  record_id: number;
  file_id: number | null;
  snapshot: string;
  box_number: string | null;
  folder_number: string | null;
  condition_note: string | null;
  removed_at: string | null;
  removed_reason: string | null;
}

export interface LoadedItem {
  recordId: number;
  fileId: number | null;
  snapshot: ItemSnapshot;
  boxNumber: string | null;
  folderNumber: string | null;
  conditionNote: string | null;
  removed: boolean;
  removedReason: string | null;
  rec: RecordFacts | null;
}

/** A case's list in file order (param: the case id); exported for the query-plan test. */
export function caseItemsSql(includeRemoved: boolean): string {
  return `SELECT * FROM disposition_items WHERE case_id = ? ${includeRemoved ? '' : 'AND removed_at IS NULL'} ORDER BY file_id, record_id`;
}

export function caseItems(db: Db, caseId: number, options: { includeRemoved?: boolean } = {}): LoadedItem[] {
  const rows = db
    .prepare(caseItemsSql(options.includeRemoved ?? false))
    .all(caseId) as ItemDbRow[];
  return rows.map((r) => ({
    recordId: r.record_id,
    fileId: r.file_id,
    snapshot: JSON.parse(r.snapshot) as ItemSnapshot,
    boxNumber: r.box_number,
    folderNumber: r.folder_number,
    conditionNote: r.condition_note,
    removed: r.removed_at !== null,
    removedReason: r.removed_reason,
    rec: recordFacts(db, r.record_id),
  }));
}

export function itemView(item: LoadedItem): CaseItem {
  const rec = item.rec;
  return {
    recordId: item.recordId,
    fileId: item.fileId,
    subject: rec?.subject ?? '',
    letterNumber: rec?.letterNumber ?? null,
    letterDate: rec?.letterDate ?? null,
    classificationCode: rec?.code ?? null,
    fileTitle: rec?.fileTitle ?? null,
    fileNumber: rec?.fileNumber ?? null,
    status: rec?.status ?? 'aktif',
    ruleCode: item.snapshot.ruleCode,
    versionId: item.snapshot.versionId,
    dispositionText: item.snapshot.dispositionText,
    dueAt: item.snapshot.dueAt,
    totalYears: item.snapshot.totalYears,
    conditional: item.snapshot.conditional,
    conditionNote: item.conditionNote,
    boxNumber: item.boxNumber,
    folderNumber: item.folderNumber,
    removed: item.removed,
    removedReason: item.removedReason,
  };
}

export interface ApprovalRow {
  authority: Authority;
  letter_number: string | null;
  letter_date: string | null;
  signed_by: string | null;
  opinion: string | null;
  agrees: number;
  band: '<10' | '>=10' | null;
  recorded_by: string;
  recorded_at: string;
}

export function caseApprovals(db: Db, caseId: number): ApprovalRow[] {
  return db.prepare('SELECT * FROM disposition_approvals WHERE case_id = ? ORDER BY id').all(caseId) as ApprovalRow[];
}

export function insertApproval(
  db: Db,
  caseId: number,
  a: { authority: Authority; letterNumber: string | null; letterDate: string | null; signedBy: string | null; opinion?: string | null; agrees?: boolean; band?: '<10' | '>=10' | null },
  actor: string,
  now: string,
): void {
  if (db.prepare('SELECT 1 FROM disposition_approvals WHERE case_id = ? AND authority = ?').get(caseId, a.authority)) {
    throw appError('conflict', `Persetujuan ${a.authority} untuk kasus #${caseId} sudah dicatat dan tidak dapat diubah.`, `The ${a.authority} approval for case #${caseId} is already recorded and cannot be changed.`);
  }
  db.prepare(
    `INSERT INTO disposition_approvals (case_id, authority, letter_number, letter_date, signed_by, opinion, agrees, band, recorded_by, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(caseId, a.authority, a.letterNumber, a.letterDate, a.signedBy, a.opinion ?? null, a.agrees === false ? 0 : 1, a.band ?? null, actor, now);
  appendAudit(db, { actor, action: 'disposition.approval', entity: 'disposition_case', entityId: caseId, after: a, at: now });
}

export function assertState(row: CaseRow, kind: CaseKind, allowed: CaseState[]): void {
  if (row.kind !== kind) throw appError('validation', `Kasus #${row.id} bukan kasus ${kind}.`, `Case #${row.id} is not a ${kind} case.`);
  if (!allowed.includes(row.state)) {
    throw appError(
      'conflict',
      `Kasus #${row.id} berstatus "${row.state}"; langkah ini memerlukan status ${allowed.join(' atau ')}.`,
      `Case #${row.id} is "${row.state}"; this step needs it to be ${allowed.join(' or ')}.`,
    );
  }
}

export function removeItems(db: Db, caseId: number, recordIds: readonly number[], reason: string, actor: string, now = new Date().toISOString()): void {
  db.transaction(() => {
    const row = caseRow(db, caseId);
    if (!['draft', 'appraised', 'approved'].includes(row.state)) {
      throw appError('conflict', `Kasus #${caseId} sudah ditutup (${row.state}); daftarnya tidak dapat diubah.`, `Case #${caseId} is closed (${row.state}); its list cannot be changed.`);
    }
    const update = db.prepare('UPDATE disposition_items SET removed_at = ?, removed_by = ?, removed_reason = ? WHERE case_id = ? AND record_id = ? AND removed_at IS NULL');
    let removed = 0;
    for (const id of recordIds) removed += update.run(now, actor, reason, caseId, id).changes;
    if (removed === 0) throw appError('validation', 'Arsip yang dipilih tidak ada dalam daftar kasus ini.', 'The chosen records are not on this case list.');
    db.prepare('UPDATE disposition_cases SET updated_at = ? WHERE id = ?').run(now, caseId);
    appendAudit(db, { actor, action: 'disposition.remove-items', entity: 'disposition_case', entityId: caseId, after: { recordIds, reason }, at: now });
  })();
}

export function cancelCase(db: Db, caseId: number, reason: string, actor: string, now = new Date().toISOString()): void {
  db.transaction(() => {
    const row = caseRow(db, caseId);
    if (!['draft', 'appraised', 'approved'].includes(row.state)) {
      throw appError('conflict', `Kasus #${caseId} sudah ditutup (${row.state}).`, `Case #${caseId} is already closed (${row.state}).`);
    }
    db.prepare("UPDATE disposition_cases SET state = 'cancelled', closed_reason = ?, updated_at = ? WHERE id = ?").run(reason, now, caseId);
    appendAudit(db, { actor, action: `${row.kind}.cancel`, entity: 'disposition_case', entityId: caseId, before: { state: row.state }, after: { state: 'cancelled', reason }, at: now });
  })();
}

/** The cases list's SQL, newest first; exported for the query-plan test. */
export function casesQuery(options: { kind?: CaseKind; includeClosed?: boolean }): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.kind) {
    where.push('c.kind = ?');
    params.push(options.kind);
  }
  if (options.includeClosed === false) where.push("c.state IN ('draft','appraised','approved')");
  return {
    sql: `SELECT c.id, c.kind, c.state, c.title, c.created_at, c.created_by, c.ba_number, c.executed_at,
              (SELECT count(*) FROM disposition_items i WHERE i.case_id = c.id AND i.removed_at IS NULL) AS items
       FROM disposition_cases c ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.id DESC`,
    params,
  };
}

export function listCases(db: Db, options: { kind?: CaseKind; includeClosed?: boolean }): CaseSummary[] {
  const { sql, params } = casesQuery(options);
  const rows = db
    .prepare(sql)
    .all(...params) as { id: number; kind: CaseKind; state: CaseState; title: string; created_at: string; created_by: string; ba_number: string | null; executed_at: string | null; items: number }[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    state: r.state,
    title: r.title,
    createdAt: r.created_at,
    createdBy: r.created_by,
    items: r.items,
    baNumber: r.ba_number,
    executedAt: r.executed_at,
  }));
}

/** "1 berkas", "12 lembar" */
export function jumlah(rec: RecordFacts | null): string {
  return rec ? `${rec.count} ${rec.countUnit}` : '';
}

/** One row of a daftar arsip (transfer, DAUM, destroyed, handed over). */
export function listRow(item: LoadedItem): ListRow {
  const rec = item.rec;
  const s = item.snapshot;
  const uraian = [rec?.subject ?? '', rec?.letterNumber ? `Nomor ${rec.letterNumber}` : ''].filter(Boolean).join(' — ');
  const where = [rec?.fileNumber ? `Berkas ${rec.fileNumber}` : '', rec?.fileTitle ?? ''].filter(Boolean).join(': ');
  return {
    code: rec?.code ?? '-',
    uraian: uraian || '-',
    kurun: rec?.letterDate ? rec.letterDate.slice(0, 4) : '-',
    tingkat: rec?.developmentLevel ?? '-',
    jumlah: jumlah(rec),
    keterangan: [where, item.conditionNote ? `Pengecualian JRA tidak berlaku: ${item.conditionNote}` : ''].filter(Boolean).join('. ') || '-',
    box: item.boxNumber ?? undefined,
    folder: item.folderNumber ?? undefined,
    retensi: s.activeYears != null ? `${s.activeYears}/${s.inactiveYears ?? 0}` : '-',
    nasibAkhir: s.ruleCode ? `${s.ruleCode}${s.versionId ? ` (JRA v${s.versionId})` : ''}: ${s.dispositionText ?? ''}` : (s.dispositionText ?? '-'),
  };
}

// ── state changes the workflow steps ask for (this module is the only writer of the case tables) ──

/** A step's move of a case to a new state (approval recorded, committee said no…). */
export function setCaseState(db: Db, caseId: number, state: CaseState, now: string, closedReason?: string | null): void {
  if (closedReason === undefined) db.prepare('UPDATE disposition_cases SET state = ?, updated_at = ? WHERE id = ?').run(state, now, caseId);
  else db.prepare('UPDATE disposition_cases SET state = ?, updated_at = ?, closed_reason = ? WHERE id = ?').run(state, now, closedReason, caseId);
}

/** A step that adds evidence to a case (an LKD letter, an attached scan) marks it changed. */
export function touchCase(db: Db, caseId: number, now: string): void {
  db.prepare('UPDATE disposition_cases SET updated_at = ? WHERE id = ?').run(now, caseId);
}

/** The dossier record that holds the case's generated documents. */
export function setCaseDossier(db: Db, caseId: number, recordId: number, now: string): void {
  db.prepare('UPDATE disposition_cases SET dossier_record_id = ?, updated_at = ? WHERE id = ?').run(recordId, now, caseId);
}

/** What the berita acara of an executed case fixed: its number, date, parties and who carried it out. */
export interface CaseClosing {
  baNumber: string;
  baDate: string;
  parties: unknown;
  method?: string | null;
  exportPath?: string | null;
  executedBy: string;
}

export function closeCaseDone(db: Db, caseId: number, closing: CaseClosing, now: string): void {
  db.prepare(
    `UPDATE disposition_cases SET state = 'done', ba_number = @baNumber, ba_date = @baDate, parties = @parties,
       method = coalesce(@method, method), export_path = coalesce(@exportPath, export_path),
       executed_by = @executedBy, executed_at = @now, updated_at = @now WHERE id = @caseId`,
  ).run({ ...closing, parties: JSON.stringify(closing.parties), method: closing.method ?? null, exportPath: closing.exportPath ?? null, now, caseId });
}

/** Another case of this kind that already used this berita acara number. */
export function caseWithBaNumber(db: Db, kind: CaseKind, baNumber: string, exceptCaseId: number): number | null {
  return (db.prepare('SELECT id FROM disposition_cases WHERE kind = ? AND ba_number = ? AND id != ?').pluck().get(kind, baNumber, exceptCaseId) as number | undefined) ?? null;
}

/** Box and folder of one file's records on a transfer list; false when the file is not on it. */
export function setItemBoxes(db: Db, caseId: number, fileId: number, boxNumber: string, folderNumber: string): boolean {
  return db.prepare('UPDATE disposition_items SET box_number = ?, folder_number = ? WHERE case_id = ? AND file_id = ? AND removed_at IS NULL').run(boxNumber, folderNumber, caseId, fileId).changes > 0;
}

/** The confirmation that a conditional rule's condition holds for one listed record. */
export function setItemCondition(db: Db, caseId: number, recordId: number, note: string, actor: string, now: string): void {
  db.prepare('UPDATE disposition_items SET condition_note = ?, condition_by = ?, condition_at = ? WHERE case_id = ? AND record_id = ?').run(note, actor, now, caseId, recordId);
}

/** Every record listed in an open case; exported for the query-plan test. Driven from the cases
 *  (CROSS JOIN fixes the order): open cases are few, while the items of every case ever closed
 *  only grow, and must not be walked on each queue read. */
export const OPEN_CASE_MEMBERSHIP_SQL = `SELECT i.record_id, c.id AS case_id, c.kind FROM disposition_cases c CROSS JOIN disposition_items i ON i.case_id = c.id
  WHERE i.removed_at IS NULL AND c.state IN ('draft','appraised','approved')`;

/** record id → the open case (not done, rejected or cancelled) it is listed in */
export function openCaseMembership(db: Db): Map<number, { caseId: number; kind: string }> {
  const rows = db.prepare(OPEN_CASE_MEMBERSHIP_SQL).all() as { record_id: number; case_id: number; kind: string }[];
  return new Map(rows.map((r) => [r.record_id, { caseId: r.case_id, kind: r.kind }]));
}

/** Open cases (not done, rejected or cancelled) per kind, for the dashboard. */
export function openCaseCounts(db: Db): { kind: CaseKind; n: number }[] {
  return db.prepare("SELECT kind, count(*) AS n FROM disposition_cases WHERE state IN ('draft','appraised','approved') GROUP BY kind").all() as { kind: CaseKind; n: number }[];
}

// ── the regional archives agency's (LKD) part in a destruction ─────────────────────────────

export interface LkdRow {
  case_id: number;
  agency: string;
  letter_number: string;
  letter_date: string;
  officer: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** The regional archives agency's recorded participation in a destruction case, if any. */
export function lkdOf(db: Db, caseId: number): LkdRow | null {
  return (db.prepare('SELECT * FROM disposition_lkd WHERE case_id = ?').get(caseId) as LkdRow | undefined) ?? null;
}

/** Records the LKD's participation (destruction.ts recordLkd checks it may); rows never change. */
export function insertLkd(db: Db, caseId: number, lkd: { agency: string; letterNumber: string; letterDate: string; officer: string | null }, actor: string, now: string): void {
  db.prepare('INSERT INTO disposition_lkd (case_id, agency, letter_number, letter_date, officer, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    caseId,
    lkd.agency,
    lkd.letterNumber,
    lkd.letterDate,
    lkd.officer,
    actor,
    now,
  );
}
