// Records (arsip): creating, reading, editing and listing them. This module owns the records table
// (the documents table is its sibling archive/documents.ts) and the record's metadata row in the
// search index, and it is the only writer of records: other areas (retention, publication) change
// a record through the functions here, never with their own UPDATE. Every change calls the
// record-changed hooks inside the changing transaction, so whoever must react (publication
// withdrawing a record that may no longer be public) does so atomically with the change. Edits
// write their audit entry in the same transaction; list queries are paged and sorted in SQL behind
// an index, never in memory. It must never import a workflow area (publication, retention): they
// reach it through the hook the composition wires.
// Every read takes the caller's Viewer and filters by clearance in SQL (visibleSql): a record
// above it is "not found". Lowering a security class needs the supervisor role; every class
// change is kept in record_class_changes (the approval screen shows it, four eyes span it).
import { BLANK_RECORD_FIELDS, type DocumentInfo, type RecordFields, type RecordFilter, type RecordRow, type RecordView } from '../../preload/contract.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError, notFound } from '../errors.ts';
import { CLASS_ORDER, classesSql, isDowngrade, isSecret, visibleSql, type SecurityClassName, type Viewer } from '../clearance/viewer.ts';
import { assertCode, codeSortKey, isCodePrefix, subtreeRange } from './codes.ts';
import { setFileCode } from './files.ts';
import { codeTitle, resolveScheme, schemesOf } from './schemes.ts';
import { sql } from '../db/statements.ts';

const RECORD = { id: 'Arsip', en: 'Record' };

// ── the record-changed hook ────────────────────────────────────────────────────────────────

export interface RecordChange {
  recordId: number;
  actor: string;
  at: string;
}

/** Runs inside the transaction that changed the record; a throw rolls the change back. */
export type RecordChangedHook = (db: Db, change: RecordChange) => void;

const hooks = new WeakMap<Db, RecordChangedHook[]>();

/** Wires a hook to one connection (the composition does this once per opened archive). Returns
 *  a function that unwires it. */
export function onRecordChanged(db: Db, hook: RecordChangedHook): () => void {
  const list = hooks.get(db) ?? [];
  list.push(hook);
  hooks.set(db, list);
  return () => {
    const at = list.indexOf(hook);
    if (at >= 0) list.splice(at, 1);
  };
}

function recordChanged(db: Db, change: RecordChange): void {
  if (!db.inTransaction) throw new Error('record-changed hook outside a transaction');
  for (const hook of hooks.get(db) ?? []) hook(db, change);
}

/** contract field → column */
const COLUMNS = {
  letterNumber: 'letter_number',
  letterDate: 'letter_date',
  subject: 'subject',
  description: 'description',
  creator: 'creator',
  originatingUnit: 'originating_unit',
  classificationCode: 'classification_code',
  fileId: 'file_id',
  itemNumber: 'item_number',
  developmentLevel: 'development_level',
  medium: 'medium',
  count: 'count',
  countUnit: 'count_unit',
  condition: 'condition',
  location: 'location',
  securityClass: 'security_class',
  recordsCategory: 'records_category',
} as const satisfies Record<keyof RecordFields, string>;

type FieldKey = keyof typeof COLUMNS;
const FIELD_KEYS = Object.keys(COLUMNS) as FieldKey[];

/** Defaults for fields a caller leaves out (everything but the subject). */
export const DEFAULT_FIELDS: Omit<RecordFields, 'subject'> = (({ subject: _subject, ...rest }) => rest)(BLANK_RECORD_FIELDS);

interface RecordDbRow {
  id: number;
  status: RecordView['status'];
  created_at: string;
  updated_at: string;
  version: number;
  [column: string]: unknown;
}

function fieldsOf(row: RecordDbRow): RecordFields {
  const out: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) out[key] = row[COLUMNS[key]] ?? null;
  return out as RecordFields;
}

interface Checked {
  clean: Partial<RecordFields>;
  /** The scheme of the code, when the code was set or changed (undefined: leave as is). */
  scheme: string | null | undefined;
}

/**
 * The filing rules every write of a record obeys (form, bulk edit, import): the code is one of the
 * schemes in force; a filed record's code lies under its file's code, because the file's code is
 * what the retention clock counts by (a 900.1.3.7 record in a 000.1.1 file would be destroyed on
 * the file's two years). A record filed without a code takes its file's; the first record of an
 * empty file may instead give the file its own code.
 */
function checkFields(db: Db, fields: Partial<RecordFields>, current: RecordDbRow | null, actor: string): Checked {
  const clean = { ...fields };
  if (clean.classificationCode != null) {
    clean.classificationCode = clean.classificationCode.trim() === '' ? null : assertCode(clean.classificationCode);
  }
  if (clean.subject !== undefined && clean.subject.trim() === '') {
    throw appError('validation', 'Perihal (hal) wajib diisi.', 'The subject (perihal) is required.');
  }
  const touchesCode = current === null || clean.classificationCode !== undefined;
  const touchesFile = current === null || clean.fileId !== undefined;
  if (!touchesCode && !touchesFile) return { clean, scheme: undefined };
  const fileId = clean.fileId !== undefined ? clean.fileId : ((current?.file_id as number | null) ?? null);
  let code = clean.classificationCode !== undefined ? clean.classificationCode : ((current?.classification_code as string | null) ?? null);
  let fileScheme: string | null = null;
  if (fileId != null) {
    const file = db.prepare('SELECT classification_code, closed_at, title FROM files WHERE id = ?').get(fileId) as { classification_code: string; closed_at: string | null; title: string } | undefined;
    if (!file) throw notFound({ id: 'Berkas', en: 'File' }, fileId);
    const joining = current === null || (current.file_id as number | null) !== fileId;
    if (file.closed_at && (joining || touchesCode)) {
      throw appError('conflict', `Berkas ${fileId} sudah ditutup; buka kembali berkas itu untuk menambahkan atau mengubah arsip.`, `File ${fileId} is closed; reopen it to add or change records.`);
    }
    if (code == null) {
      code = file.classification_code;
      clean.classificationCode = code;
    } else if (!isCodePrefix(file.classification_code, code)) {
      const others = db.prepare('SELECT count(*) FROM records WHERE file_id = ? AND id <> ?').pluck().get(fileId, current?.id ?? -1) as number;
      if (others > 0) {
        throw appError(
          'validation',
          `Kode arsip ${code} tidak berada di bawah kode berkas ${file.classification_code} ("${file.title}"). Retensi dihitung menurut kode berkas; pilih berkas dengan kode yang sesuai, atau ubah kode arsip ke ${file.classification_code} atau turunannya.`,
          `Record code ${code} does not lie under the file's code ${file.classification_code} ("${file.title}"). Retention counts by the file's code; choose a file with a matching code, or change the record's code to ${file.classification_code} or one below it.`,
        );
      }
      // The first record of an empty file gives the file its code.
      resolveScheme(db, code);
      setFileCode(db, fileId, code);
      appendAudit(db, { actor, action: 'file.recode', entity: 'file', entityId: fileId, before: { classificationCode: file.classification_code }, after: { classificationCode: code, reason: 'first record' } });
    }
    fileScheme = schemesOf(db, code)[0] ?? null;
  }
  if (!touchesCode && clean.classificationCode === undefined) return { clean, scheme: undefined };
  return { clean, scheme: code == null ? null : resolveScheme(db, code, fileScheme) };
}

/** The text the search index holds for a record's metadata. */
function metadataText(db: Db, id: number): string {
  const r = sql(db, 'SELECT * FROM records WHERE id = ?').get(id) as RecordDbRow;
  const names = (sql(db, 'SELECT original_name FROM documents WHERE record_id = ?').all(id) as { original_name: string }[]).map((d) => d.original_name);
  const code = r.classification_code as string | null;
  return [r.subject, r.letter_number, r.description, r.creator, r.originating_unit, code, codeTitle(db, code), r.location, r.destruction_ref, ...names]
    .filter((v) => v != null && v !== '')
    .join('\n');
}

/** Replaces the record's metadata row in the search index; call inside the changing transaction. */
export function reindexRecordMetadata(db: Db, id: number): void {
  sql(db, 'DELETE FROM search_index WHERE rowid = ?').run(id);
  sql(db, 'INSERT INTO search_index (rowid, record_id, document_id, page, body) VALUES (?, ?, NULL, NULL, ?)').run(id, id, metadataText(db, id));
}

/** Inserts a record; call inside a transaction (the importer adds its document in the same one). */
/** FTS5's own check of the search index: null when whole, else its message (verify.ts). */
export function searchIndexProblem(db: Db): string | null {
  try {
    db.prepare("INSERT INTO search_index (search_index) VALUES ('integrity-check')").run();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export function insertRecord(db: Db, fields: RecordFields, actor: string, now = new Date().toISOString()): number {
  const checked = checkFields(db, { ...DEFAULT_FIELDS, ...fields }, null, actor);
  const clean = checked.clean as RecordFields;
  const cols = FIELD_KEYS.map((k) => COLUMNS[k]);
  const info = sql(
    db,
    `INSERT INTO records (${cols.join(', ')}, code_sort, classification_scheme, status, created_at, updated_at, created_by)
       VALUES (${cols.map(() => '?').join(', ')}, ?, ?, 'aktif', ?, ?, ?)`,
  )
    .run(...FIELD_KEYS.map((k) => clean[k] ?? null), clean.classificationCode ? codeSortKey(clean.classificationCode) : null, checked.scheme ?? null, now, now, actor);
  const id = Number(info.lastInsertRowid);
  appendAudit(db, { actor, action: 'record.create', entity: 'record', entityId: id, after: clean, at: now });
  return id;
}

export function createRecord(db: Db, fields: RecordFields, editor: Editor): RecordView {
  const id = db.transaction(() => {
    const newId = insertRecord(db, fields, editor.name);
    reindexRecordMetadata(db, newId);
    return newId;
  })();
  return ownRecord(db, id);
}

/** Who changes records: the viewer's name goes into the audit log, its roles guard downgrades. */
export type Editor = Viewer;

function downgradeNeedsSupervisor(id: number, from: string, to: string) {
  return appError(
    'forbidden',
    `Menurunkan klasifikasi keamanan arsip ${id} dari "${from}" ke "${to}" memerlukan peran atasan (supervisor). Minta atasan melakukannya.`,
    `Lowering the security class of record ${id} from "${from}" to "${to}" needs the supervisor role. Ask a supervisor to do it.`,
    { required: 'supervisor' },
  );
}

/** Keeps a security-class change in the record's class history; call inside the changing transaction. */
export function recordClassChange(db: Db, recordId: number, from: string, to: string, editor: Editor, now: string): void {
  db.prepare('INSERT INTO record_class_changes (record_id, from_class, to_class, changed_by, changed_by_id, changed_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    recordId,
    from,
    to,
    editor.name,
    editor.id,
    now,
  );
}

export interface ClassChange {
  from: SecurityClassName;
  to: SecurityClassName;
  by: string;
  byId: number | null;
  at: string;
}

/** A record's security-class history, oldest first. */
export function classHistory(db: Db, recordId: number): ClassChange[] {
  return db
    .prepare('SELECT from_class AS "from", to_class AS "to", changed_by AS by, changed_by_id AS byId, changed_at AS at FROM record_class_changes WHERE record_id = ? ORDER BY id')
    .all(recordId) as ClassChange[];
}

function applyUpdate(db: Db, id: number, fields: Partial<RecordFields>, editor: Editor, action: string, expectedVersion?: number): boolean {
  const actor = editor.name;
  const row = db.prepare(`SELECT * FROM records r WHERE r.id = ? AND ${visibleSql(editor)}`).get(id) as RecordDbRow | undefined;
  if (!row) throw notFound(RECORD, id);
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw appError(
      'conflict',
      `Arsip ${id} telah diubah orang lain sejak formulir ini dibuka (versi ${expectedVersion} → ${row.version}). Isian Anda belum disimpan; bandingkan dengan versi tersimpan di bawah.`,
      `Record ${id} was changed by someone else since this form was opened (version ${expectedVersion} → ${row.version}). Your entries are not saved yet; compare them with the saved version below.`,
      { current: findRecordView(db, id, editor) },
    );
  }
  if (row.status === 'musnah') {
    throw appError('conflict', `Arsip ${id} sudah dimusnahkan; metadatanya tidak dapat diubah.`, `Record ${id} was destroyed; its metadata cannot be changed.`);
  }
  const before = fieldsOf(row);
  const { clean, scheme } = checkFields(db, fields, row, actor);
  const changed = FIELD_KEYS.filter((k) => k in clean && clean[k] !== undefined && clean[k] !== before[k]);
  if (changed.length === 0) return false;
  const sets = changed.map((k) => `${COLUMNS[k]} = ?`);
  const values: unknown[] = changed.map((k) => clean[k] ?? null);
  if (changed.includes('classificationCode')) {
    sets.push('code_sort = ?', 'classification_scheme = ?');
    values.push(clean.classificationCode ? codeSortKey(clean.classificationCode) : null, scheme ?? null);
  }
  const now = new Date().toISOString();
  if (changed.includes('securityClass')) {
    const from = before.securityClass;
    const to = clean.securityClass!;
    if (isDowngrade(from, to) && !editor.roles.includes('supervisor')) throw downgradeNeedsSupervisor(id, from, to);
    recordClassChange(db, id, from, to, editor, now);
  }
  db.prepare(`UPDATE records SET ${sets.join(', ')}, updated_at = ?, version = version + 1 WHERE id = ?`).run(...values, now, id);
  appendAudit(db, {
    actor,
    action,
    entity: 'record',
    entityId: id,
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, clean[k]])),
    at: now,
  });
  reindexRecordMetadata(db, id);
  recordChanged(db, { recordId: id, actor, at: now });
  return true;
}

/**
 * One record's edit. With `expectedVersion` (the version the user's form was opened on) a save
 * over a newer version is refused, inside the same transaction as the write, with a conflict whose
 * details carry the record as it is now (as this editor may see it): the screen shows both, and
 * nothing the other person saved is overwritten unless the user saves again over it.
 */
export function updateRecord(db: Db, id: number, fields: Partial<RecordFields>, editor: Editor, expectedVersion?: number): RecordView {
  db.transaction(() => applyUpdate(db, id, fields, editor, 'record.update', expectedVersion))();
  return ownRecord(db, id);
}

/** The record just written, for the one who wrote it (who may have raised it above their own
 *  clearance: raising a class protects, so it is allowed, and they have just typed what it holds). */
function ownRecord(db: Db, id: number): RecordView {
  const view = findRecordView(db, id, null);
  if (!view) throw notFound(RECORD, id);
  return view;
}

/** Bulk edit: all or nothing, one audit entry per record that changed. */
export function bulkUpdateRecords(db: Db, ids: number[], fields: Partial<RecordFields>, editor: Editor): number {
  if (Object.keys(fields).length === 0) {
    throw appError('validation', 'Pilih setidaknya satu isian yang akan diubah.', 'Choose at least one field to change.');
  }
  return db.transaction(() => {
    let updated = 0;
    for (const id of new Set(ids)) if (applyUpdate(db, id, fields, editor, 'record.bulk-update')) updated++;
    return updated;
  })();
}

// ── changes other areas ask for (retention, publication); call each inside a transaction ────────

export type RecordStatus = RecordView['status'];

/**
 * Moves a record to a new status (transfer, destruction, handover, dossier) when it is in one of
 * `from`; optionally sets its location or destruction reference with it. Returns false when the
 * record was not in one of those states (the caller decides whether that is a conflict). The
 * caller writes the audit entry that names its case.
 */
export function setRecordStatus(
  db: Db,
  id: number,
  change: { status: RecordStatus; from?: readonly RecordStatus[]; location?: string; destructionRef?: string },
  actor: string,
  now: string,
  options: { touch?: boolean } = {},
): boolean {
  const sets = ['status = ?', 'version = version + 1'];
  const values: unknown[] = [change.status];
  if (change.location !== undefined) {
    sets.push('location = ?');
    values.push(change.location);
  }
  if (change.destructionRef !== undefined) {
    sets.push('destruction_ref = ?');
    values.push(change.destructionRef);
  }
  if (options.touch !== false) {
    sets.push('updated_at = ?');
    values.push(now);
  }
  const from = change.from ?? [];
  const where = from.length ? ` AND status IN (${from.map(() => '?').join(', ')})` : '';
  const changed = db.prepare(`UPDATE records SET ${sets.join(', ')} WHERE id = ?${where}`).run(...values, id, ...from).changes === 1;
  if (!changed) return false;
  reindexRecordMetadata(db, id);
  recordChanged(db, { recordId: id, actor, at: now });
  return true;
}

/** Gives a generated record (a case dossier) the number and date of the berita acara it holds. */
export function setLetter(db: Db, id: number, letterNumber: string, letterDate: string, actor: string, now: string): void {
  db.prepare('UPDATE records SET letter_number = ?, letter_date = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(letterNumber, letterDate, now, id);
  reindexRecordMetadata(db, id);
  recordChanged(db, { recordId: id, actor, at: now });
}

/** The record's public-information category (written for publication/classification.ts, which
 *  decides it and audits it). */
export function setPublicCategory(db: Db, id: number, category: string | null, actor: string, now: string): void {
  db.prepare('UPDATE records SET public_category = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(category, now, id);
  recordChanged(db, { recordId: id, actor, at: now });
}

export interface DocumentDbRow {
  id: number;
  record_id: number;
  role: 'main' | 'attachment';
  sha256: string;
  size: number;
  mime: string;
  original_name: string;
  pages: number | null;
  extract_status: DocumentInfo['extractStatus'];
  extract_detail: string | null;
  imported_at: string;
  ocr_status: DocumentInfo['ocrStatus'];
  ocr_confidence: number | null;
  ocr_detail: string | null;
  rendition_at: string | null;
  /** From DOCUMENT_COLUMNS' subqueries. */
  ocr_pages_done: number;
  ocr_pages_total: number;
}

/** Every documents column plus the OCR page counts DocumentInfo reports. */
export const DOCUMENT_COLUMNS = `d.*,
  (SELECT count(*) FROM ocr_pages p WHERE p.document_id = d.id AND p.status != 'pending') AS ocr_pages_done,
  (SELECT count(*) FROM ocr_pages p WHERE p.document_id = d.id) AS ocr_pages_total`;

/** A scan with OCR words, and every TIFF, previews as the searchable PDF Berkas builds from it. */
export function previewMime(mime: string, renditionAt: string | null): string {
  return mime === 'image/tiff' || renditionAt !== null ? 'application/pdf' : mime;
}

export function documentInfo(d: DocumentDbRow): DocumentInfo {
  return {
    id: d.id,
    recordId: d.record_id,
    role: d.role,
    sha256: d.sha256,
    size: d.size,
    mime: d.mime,
    originalName: d.original_name,
    pages: d.pages,
    extractStatus: d.extract_status,
    extractDetail: d.extract_detail,
    importedAt: d.imported_at,
    ocrStatus: d.ocr_status,
    ocrConfidence: d.ocr_confidence,
    ocrDetail: d.ocr_detail,
    ocrPagesDone: d.ocr_pages_done,
    ocrPagesTotal: d.ocr_pages_total,
    previewMime: previewMime(d.mime, d.rendition_at),
  };
}

/** A record as its viewer may see it: not found when it is above their clearance. */
export function getRecord(db: Db, id: number, viewer: Viewer): RecordView {
  const view = findRecordView(db, id, viewer);
  if (!view) throw notFound(RECORD, id);
  return view;
}

/** Reading a record on a screen or the CLI: a rahasia or sangat-rahasia one leaves an audit entry. */
export function readRecord(db: Db, id: number, viewer: Viewer): RecordView {
  const view = getRecord(db, id, viewer);
  if (isSecret(view.securityClass)) {
    db.transaction(() => appendAudit(db, { actor: viewer.name, action: 'record.read', entity: 'record', entityId: id, after: { securityClass: view.securityClass } }))();
  }
  return view;
}

/** viewer null: no clearance check (only for the writer's own answer, above). */
function findRecordView(db: Db, id: number, viewer: Viewer | null): RecordView | undefined {
  const row = db.prepare(`SELECT * FROM records r WHERE r.id = ? AND ${viewer ? visibleSql(viewer) : '1'}`).get(id) as RecordDbRow | undefined;
  if (!row) return undefined;
  const docs = db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE d.record_id = ? ORDER BY d.role = 'attachment', d.id`).all(id) as DocumentDbRow[];
  const fields = fieldsOf(row);
  const file = fields.fileId ? (db.prepare('SELECT title FROM files WHERE id = ?').get(fields.fileId) as { title: string } | undefined) : undefined;
  return {
    ...fields,
    id: row.id,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    classificationTitle: codeTitle(db, fields.classificationCode),
    classificationScheme: (row.classification_scheme as string | null) ?? null,
    fileTitle: file?.title ?? null,
    documents: docs.map(documentInfo),
  };
}

const SORT_SQL = {
  letterDate: 'r.letter_date',
  subject: 'r.subject COLLATE NOCASE',
  classificationCode: 'r.code_sort',
  createdAt: 'r.created_at',
  id: 'r.id',
} as const;

export interface ListOptions {
  filter: RecordFilter;
  sort: keyof typeof SORT_SQL;
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** WHERE clause for a filter on records aliased `r`, limited to the security classes the caller
 *  may see (`classes`: a Viewer's `classes`); shared with search. */
export function filterSql(filter: RecordFilter, classes: readonly SecurityClassName[]): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const visible = classesSql(classes, 'r.security_class');
  if (visible !== '1') clauses.push(visible);
  if (filter.codePrefix) {
    const { from, to } = subtreeRange(assertCode(filter.codePrefix));
    clauses.push('r.code_sort >= ? AND r.code_sort < ?');
    params.push(from, to);
  }
  if (filter.dateFrom) {
    // A record dated only "2025" or "2025-03" may fall on or after any day of that year/month.
    clauses.push('(r.letter_date >= ? OR r.letter_date IN (?, ?))');
    params.push(filter.dateFrom, filter.dateFrom.slice(0, 4), filter.dateFrom.slice(0, 7));
  }
  if (filter.dateTo) {
    clauses.push('r.letter_date <= ?');
    params.push(filter.dateTo);
  }
  for (const [key, column] of [
    ['status', 'r.status'],
    ['medium', 'r.medium'],
    ['securityClass', 'r.security_class'],
  ] as const) {
    const values = filter[key];
    if (values && values.length > 0) {
      clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    }
  }
  if (filter.fileId) {
    clauses.push('r.file_id = ?');
    params.push(filter.fileId);
  }
  if (filter.unfiled) clauses.push('r.classification_code IS NULL');
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** The SQL recordIds runs (exported so the query-plan tests run exactly this text). The last
 *  parameter is the row limit. */
export function recordIdsQuery(options: Omit<ListOptions, 'offset' | 'limit'>, classes: readonly SecurityClassName[]): { sql: string; params: unknown[] } {
  const { where, params } = filterSql(options.filter, classes);
  const dir = options.direction === 'asc' ? 'ASC' : 'DESC';
  return { sql: `SELECT r.id FROM records r ${where} ORDER BY ${SORT_SQL[options.sort]} ${dir}, r.id ${dir} LIMIT ?`, params };
}

export function recordIds(db: Db, options: Omit<ListOptions, 'offset'>, viewer: Viewer): { ids: number[]; truncated: boolean } {
  const { sql, params } = recordIdsQuery(options, viewer.classes);
  const rows = db
    .prepare(sql)
    .pluck()
    .all(...params, options.limit + 1) as number[];
  return { ids: rows.slice(0, options.limit), truncated: rows.length > options.limit };
}

/**
 * The SQL of the list's total (exported so the query-plan test runs exactly this text). Below full
 * clearance it counts everything that matches and subtracts what the caller may not see: the hidden
 * classes are the small part, and both counts are index-only (0.26 ms against 6 ms for counting the
 * visible classes through the class index, at 100k records).
 */
export function recordCountQuery(filter: RecordFilter, classes: readonly SecurityClassName[]): { sql: string; params: unknown[] } {
  const { where, params } = filterSql(filter, CLASS_ORDER);
  const hidden = CLASS_ORDER.filter((c) => !classes.includes(c));
  if (hidden.length === 0) return { sql: `SELECT count(*) AS n FROM records r ${where}`, params };
  if (hidden.length === CLASS_ORDER.length) return { sql: 'SELECT 0 AS n', params: [] };
  const hiddenRows = `${where ? `${where} AND` : 'WHERE'} r.security_class IN (${hidden.map((c) => `'${c}'`).join(', ')})`;
  return { sql: `SELECT (SELECT count(*) FROM records r ${where}) - (SELECT count(*) FROM records r ${hiddenRows}) AS n`, params: [...params, ...params] };
}

export function listRecords(db: Db, options: ListOptions, viewer: Viewer): { total: number; rows: RecordRow[] } {
  const { where, params } = filterSql(options.filter, viewer.classes);
  const count = recordCountQuery(options.filter, viewer.classes);
  const total = (db.prepare(count.sql).get(...count.params) as { n: number }).n;
  const dir = options.direction === 'asc' ? 'ASC' : 'DESC';
  const rows = db
    .prepare(
      `SELECT r.id, r.letter_number, r.letter_date, r.subject, r.classification_code, r.status, r.security_class, r.medium, r.created_at,
              d.id AS doc_id, d.mime AS doc_mime, d.extract_status AS doc_status
       FROM (SELECT r.* FROM records r ${where} ORDER BY ${SORT_SQL[options.sort]} ${dir}, r.id ${dir} LIMIT ? OFFSET ?) r
       LEFT JOIN documents d ON d.id = (SELECT id FROM documents WHERE record_id = r.id AND role = 'main' ORDER BY id LIMIT 1)
       ORDER BY ${SORT_SQL[options.sort]} ${dir}, r.id ${dir}`,
    )
    .all(...params, options.limit, options.offset) as {
    id: number;
    letter_number: string | null;
    letter_date: string | null;
    subject: string;
    classification_code: string | null;
    status: RecordRow['status'];
    security_class: RecordRow['securityClass'];
    medium: RecordRow['medium'];
    created_at: string;
    doc_id: number | null;
    doc_mime: string | null;
    doc_status: RecordRow['extractStatus'];
  }[];
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      letterNumber: r.letter_number,
      letterDate: r.letter_date,
      subject: r.subject,
      classificationCode: r.classification_code,
      status: r.status,
      securityClass: r.security_class,
      medium: r.medium,
      mainDocumentId: r.doc_id,
      mainMime: r.doc_mime,
      extractStatus: r.doc_status,
      createdAt: r.created_at,
    })),
  };
}
