// Legal holds (penahanan): named holds with a reason and a case reference that suspend disposition
// of whatever they cover — single records, files, classification-code prefixes, or a saved search
// that is evaluated anew every time it is asked (so a record that matches later is held too).
// Holds are lifted with who, when and why, never deleted. This module owns legal_holds and
// legal_hold_targets and answers one question for everything else: which records are held now.
import type { RecordFilter } from '../../preload/contract.ts';
import { assertCode, isCodePrefix, normaliseCode } from '../archive/codes.ts';
import { allRecordIds, fileExists, recordAndFileCodes, recordExists, recordIdsOfFile, recordIdsWhere, recordWithFile } from '../archive/queries.ts';
import { filterSql } from '../archive/records.ts';
import { CLASS_ORDER } from '../clearance/viewer.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError, notFound } from '../errors.ts';
import { parseQuery } from '../search/query.ts';
import { recordIdsMatchingText } from '../search/search.ts';

export interface SavedSearch {
  text?: string;
  filter?: RecordFilter;
}

export type HoldTarget =
  | { kind: 'record'; recordId: number }
  | { kind: 'file'; fileId: number }
  | { kind: 'code'; codePrefix: string }
  | { kind: 'search'; query: SavedSearch };

export interface HoldView {
  id: number;
  name: string;
  reason: string;
  caseRef: string | null;
  createdBy: string;
  createdAt: string;
  liftedAt: string | null;
  liftedBy: string | null;
  liftReason: string | null;
  targets: HoldTarget[];
  /** Records the hold covers right now (null when lifted). */
  heldRecords: number | null;
}

export interface HeldSet {
  /** record id → ids of the active holds covering it */
  byRecord: Map<number, number[]>;
  /** holds that could not be evaluated: while any exists, nothing may be disposed of */
  failures: { holdId: number; message: string }[];
  names: Map<number, string>;
}

interface HoldRow {
  id: number;
  name: string;
  reason: string;
  case_ref: string | null;
  created_by: string;
  created_at: string;
  lifted_at: string | null;
  lifted_by: string | null;
  lift_reason: string | null;
}

interface TargetRow {
  hold_id: number;
  kind: HoldTarget['kind'];
  record_id: number | null;
  file_id: number | null;
  code_prefix: string | null;
  query: string | null;
}

function toTarget(row: TargetRow): HoldTarget {
  switch (row.kind) {
    case 'record':
      return { kind: 'record', recordId: row.record_id! };
    case 'file':
      return { kind: 'file', fileId: row.file_id! };
    case 'code':
      return { kind: 'code', codePrefix: row.code_prefix! };
    case 'search':
      return { kind: 'search', query: JSON.parse(row.query!) as SavedSearch };
  }
}

/** Record ids a saved search matches now: the records filter plus, when given, full-text words. */
export function savedSearchRecords(db: Db, query: SavedSearch): number[] {
  // A hold covers every record it names, whatever its class: the archive's own rule, no viewer.
  const { where, params } = filterSql(query.filter ?? {}, CLASS_ORDER);
  const text = query.text?.trim();
  if (text) {
    const parsed = parseQuery(text);
    if (!parsed.match) return [];
    return recordIdsMatchingText(db, parsed.match, where, params);
  }
  if (!where) {
    // An empty saved search would hold the whole archive; creation refuses it, and an old row that
    // somehow has none still holds everything rather than nothing.
    return allRecordIds(db);
  }
  return recordIdsWhere(db, where, params);
}

/** Which records every active hold covers at this moment. */
export function heldRecords(db: Db): HeldSet {
  const byRecord = new Map<number, number[]>();
  const failures: HeldSet['failures'] = [];
  const names = new Map<number, string>();
  const add = (recordId: number, holdId: number) => {
    const list = byRecord.get(recordId);
    if (!list) byRecord.set(recordId, [holdId]);
    else if (!list.includes(holdId)) list.push(holdId);
  };
  const targets = db
    .prepare(
      `SELECT t.hold_id, t.kind, t.record_id, t.file_id, t.code_prefix, t.query, h.name
       FROM legal_holds h JOIN legal_hold_targets t ON t.hold_id = h.id
       WHERE h.lifted_at IS NULL ORDER BY h.id, t.id`,
    )
    .all() as (TargetRow & { name: string })[];
  if (targets.length === 0) return { byRecord, failures, names };
  const codeTargets: { holdId: number; prefix: string }[] = [];
  for (const t of targets) {
    names.set(t.hold_id, t.name);
    try {
      switch (t.kind) {
        case 'record':
          add(t.record_id!, t.hold_id);
          break;
        case 'file':
          for (const id of recordIdsOfFile(db, t.file_id!)) add(id, t.hold_id);
          break;
        case 'code':
          codeTargets.push({ holdId: t.hold_id, prefix: t.code_prefix! });
          break;
        case 'search':
          for (const id of savedSearchRecords(db, JSON.parse(t.query!) as SavedSearch)) add(id, t.hold_id);
          break;
      }
    } catch (error) {
      failures.push({ holdId: t.hold_id, message: (error as Error).message });
    }
  }
  if (codeTargets.length > 0) {
    // A code hold covers a record by its own code or by the code of the file it sits in. Archives
    // hold few distinct codes, so each is matched against the holds once.
    const matches = new Map<string, number[]>();
    const holdsFor = (code: string | null): number[] => {
      if (!code) return [];
      let hit = matches.get(code);
      if (!hit) matches.set(code, (hit = codeTargets.filter((t) => isCodePrefix(t.prefix, code)).map((t) => t.holdId)));
      return hit;
    };
    for (const [id, code, fileCode] of recordAndFileCodes(db)) {
      for (const holdId of holdsFor(code)) add(id, holdId);
      for (const holdId of holdsFor(fileCode)) add(id, holdId);
    }
  }
  return { byRecord, failures, names };
}

function checkTarget(db: Db, target: HoldTarget): TargetRow {
  const base = { hold_id: 0, record_id: null, file_id: null, code_prefix: null, query: null };
  switch (target.kind) {
    case 'record':
      if (!recordExists(db, target.recordId)) throw notFound({ id: 'Arsip', en: 'Record' }, target.recordId);
      return { ...base, kind: 'record', record_id: target.recordId };
    case 'file':
      if (!fileExists(db, target.fileId)) throw notFound({ id: 'Berkas', en: 'File' }, target.fileId);
      return { ...base, kind: 'file', file_id: target.fileId };
    case 'code': {
      const code = normaliseCode(target.codePrefix);
      if (!code) throw appError('validation', 'Kode klasifikasi untuk penahanan kosong.', 'The classification code for the hold is empty.');
      return { ...base, kind: 'code', code_prefix: code };
    }
    case 'search': {
      const query = { text: target.query.text?.trim() || undefined, filter: target.query.filter ?? {} };
      const hasFilter = Object.values(query.filter).some((v) => v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0));
      if (!query.text && !hasFilter) {
        throw appError(
          'validation',
          'Pencarian tersimpan untuk penahanan harus berisi kata kunci atau saringan; penahanan atas seluruh arsip tidak dibuat.',
          'A saved search for a hold needs words or a filter; a hold over the whole archive was not created.',
        );
      }
      if (query.filter.codePrefix) assertCode(query.filter.codePrefix);
      return { ...base, kind: 'search', query: JSON.stringify(query) };
    }
  }
}

function insertTargets(db: Db, holdId: number, targets: readonly HoldTarget[]): TargetRow[] {
  const rows = targets.map((t) => ({ ...checkTarget(db, t), hold_id: holdId }));
  const insert = db.prepare(
    'INSERT INTO legal_hold_targets (hold_id, kind, record_id, file_id, code_prefix, query) VALUES (@hold_id, @kind, @record_id, @file_id, @code_prefix, @query)',
  );
  for (const row of rows) insert.run(row);
  return rows;
}

export interface NewHold {
  name: string;
  reason: string;
  caseRef: string | null;
  targets: HoldTarget[];
}

export function createHold(db: Db, input: NewHold, actor: string, now = new Date().toISOString()): HoldView {
  const name = input.name.trim();
  const reason = input.reason.trim();
  if (!name) throw appError('validation', 'Nama penahanan wajib diisi.', 'The hold needs a name.');
  if (!reason) throw appError('validation', 'Alasan penahanan wajib diisi (misalnya perkara yang sedang berjalan).', 'The hold needs a reason (for example the case in progress).');
  if (input.targets.length === 0) {
    throw appError('validation', 'Pilih apa yang ditahan: arsip, berkas, kode klasifikasi, atau pencarian tersimpan.', 'Choose what the hold covers: records, files, a classification code or a saved search.');
  }
  const id = db.transaction(() => {
    const info = db
      .prepare('INSERT INTO legal_holds (name, reason, case_ref, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(name, reason, input.caseRef?.trim() || null, actor, now);
    const holdId = Number(info.lastInsertRowid);
    const rows = insertTargets(db, holdId, input.targets);
    appendAudit(db, { actor, action: 'hold.create', entity: 'legal_hold', entityId: holdId, after: { name, reason, caseRef: input.caseRef, targets: rows.map(toTarget) }, at: now });
    return holdId;
  })();
  return getHold(db, id);
}

export function addHoldTargets(db: Db, holdId: number, targets: HoldTarget[], actor: string): HoldView {
  db.transaction(() => {
    const hold = holdRow(db, holdId);
    if (hold.lifted_at) throw appError('conflict', `Penahanan "${hold.name}" sudah dicabut; buat penahanan baru.`, `Hold "${hold.name}" was lifted; create a new hold.`);
    const rows = insertTargets(db, holdId, targets);
    appendAudit(db, { actor, action: 'hold.add-targets', entity: 'legal_hold', entityId: holdId, after: rows.map(toTarget) });
  })();
  return getHold(db, holdId);
}

export function liftHold(db: Db, holdId: number, reason: string, actor: string, now = new Date().toISOString()): HoldView {
  const why = reason.trim();
  if (!why) throw appError('validation', 'Tuliskan alasan pencabutan penahanan (misalnya putusan perkara sudah berkekuatan hukum tetap).', 'Give the reason for lifting the hold (for example the case has been finally decided).');
  db.transaction(() => {
    const hold = holdRow(db, holdId);
    if (hold.lifted_at) throw appError('conflict', `Penahanan "${hold.name}" sudah dicabut pada ${hold.lifted_at}.`, `Hold "${hold.name}" was already lifted on ${hold.lifted_at}.`);
    db.prepare('UPDATE legal_holds SET lifted_at = ?, lifted_by = ?, lift_reason = ? WHERE id = ?').run(now, actor, why, holdId);
    appendAudit(db, { actor, action: 'hold.lift', entity: 'legal_hold', entityId: holdId, before: { liftedAt: null }, after: { liftedAt: now, liftedBy: actor, reason: why }, at: now });
  })();
  return getHold(db, holdId);
}

function holdRow(db: Db, id: number): HoldRow {
  const row = db.prepare('SELECT * FROM legal_holds WHERE id = ?').get(id) as HoldRow | undefined;
  if (!row) throw notFound({ id: 'Penahanan', en: 'Hold' }, id);
  return row;
}

function view(row: HoldRow, targets: HoldTarget[], held: HeldSet | null): HoldView {
  let count: number | null = null;
  if (!row.lifted_at && held) {
    count = 0;
    for (const holds of held.byRecord.values()) if (holds.includes(row.id)) count++;
  }
  return {
    id: row.id,
    name: row.name,
    reason: row.reason,
    caseRef: row.case_ref,
    createdBy: row.created_by,
    createdAt: row.created_at,
    liftedAt: row.lifted_at,
    liftedBy: row.lifted_by,
    liftReason: row.lift_reason,
    targets,
    heldRecords: count,
  };
}

/** A hold's targets (param: the hold id) and the holds list; exported for the query-plan test. */
export const HOLD_TARGETS_SQL = 'SELECT * FROM legal_hold_targets WHERE hold_id = ? ORDER BY id';
export const holdsListSql = (includeLifted: boolean) => `SELECT * FROM legal_holds ${includeLifted ? '' : 'WHERE lifted_at IS NULL'} ORDER BY lifted_at IS NOT NULL, id DESC`;

function targetsOf(db: Db, holdId: number): HoldTarget[] {
  return (db.prepare(HOLD_TARGETS_SQL).all(holdId) as TargetRow[]).map(toTarget);
}

export function getHold(db: Db, id: number): HoldView {
  return view(holdRow(db, id), targetsOf(db, id), heldRecords(db));
}

export function listHolds(db: Db, options: { includeLifted?: boolean } = {}): HoldView[] {
  const rows = db
    .prepare(holdsListSql(options.includeLifted ?? false))
    .all() as HoldRow[];
  const held = heldRecords(db);
  return rows.map((row) => view(row, targetsOf(db, row.id), held));
}

export interface HoldReportRow {
  recordId: number;
  subject: string;
  letterNumber: string | null;
  classificationCode: string | null;
  fileId: number | null;
  fileTitle: string | null;
  status: string;
  holds: string[];
}

/** Every record held now, with the holds that hold it — what the office shows an auditor. */
export function holdReport(db: Db, limit = 5000): { total: number; rows: HoldReportRow[]; failures: HeldSet['failures'] } {
  const held = heldRecords(db);
  const ids = [...held.byRecord.keys()].sort((a, b) => a - b);
  const rows: HoldReportRow[] = [];
  for (const id of ids.slice(0, limit)) {
    const r = recordWithFile(db, id);
    if (!r) continue;
    rows.push({
      recordId: r.id,
      subject: r.subject,
      letterNumber: r.letterNumber,
      classificationCode: r.ownCode,
      fileId: r.fileId,
      fileTitle: r.fileTitle,
      status: r.status,
      holds: (held.byRecord.get(id) ?? []).map((h) => held.names.get(h) ?? String(h)),
    });
  }
  return { total: ids.length, rows, failures: held.failures };
}

/** Holds in force (not lifted), for the dashboard. */
export function activeHoldCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM legal_holds WHERE lifted_at IS NULL').get() as { n: number }).n;
}
