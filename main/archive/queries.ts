// The archive's read side for other areas: every question retention, publication, portal, search,
// OCR and ops ask about records, documents, files and codes is a function here, so the SQL on the
// archive's tables stays inside archive/ (the writers are records.ts, documents.ts, files.ts,
// schemes.ts). Where another area must join archive rows into its own query (a register paged in
// SQL, a search filtered by record fields), it joins `RECORDS` below — the columns listed there
// are the whole of what other areas may depend on. This module never writes and imports no other
// area but the clearance filter (clearance/viewer.ts, below the archive).
import type { DocumentInfo } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';
import { sql } from '../db/statements.ts';
import { visibleSql, type Viewer } from '../clearance/viewer.ts';

/** Records as other areas may join them: `FROM ${RECORDS} r` (SQLite flattens the subquery, so
 *  the records indexes serve the outer query as if it named the table). */
export const RECORDS = `(SELECT id, subject, description, letter_number, letter_date, classification_code, code_sort, file_id,
  item_number, status, security_class, medium, public_category, originating_unit, creator, count, count_unit,
  development_level, records_category, created_at, updated_at FROM records)`;

/** `EXISTS` over a record's documents for other areas' queries (`r` is the joined record). */
export const HAS_LIVE_DOCUMENT = '(SELECT 1 FROM documents d WHERE d.record_id = r.id AND d.content_removed_at IS NULL)';
export const HAS_PENDING_TEXT = "(SELECT 1 FROM documents d WHERE d.record_id = r.id AND d.extract_status = 'pending' AND d.content_removed_at IS NULL)";

// ── records ───────────────────────────────────────────────────────────────────────────────────

export function recordExists(db: Db, id: number): boolean {
  return sql(db, 'SELECT 1 FROM records WHERE id = ?').get(id) !== undefined;
}

export function allRecordIds(db: Db): number[] {
  return sql(db, 'SELECT id FROM records').pluck().all() as number[];
}

/** Ids of the records a records filter (`filterSql`) selects, unpaged. */
export function recordIdsWhere(db: Db, where: string, params: readonly unknown[]): number[] {
  return db.prepare(`SELECT r.id FROM records r ${where}`).pluck().all(...params) as number[];
}

export function recordIdsOfFile(db: Db, fileId: number): number[] {
  return sql(db, 'SELECT id FROM records WHERE file_id = ?').pluck().all(fileId) as number[];
}

/** The active and inactive records of a file, in their order inside the file. */
export function openRecordIdsOfFile(db: Db, fileId: number): number[] {
  return sql(db, "SELECT id FROM records WHERE file_id = ? AND status IN ('aktif','inaktif') ORDER BY item_number, id").pluck().all(fileId) as number[];
}

/** Every record's own code and the code of the file it sits in: [id, code, fileCode]. */
export function recordAndFileCodes(db: Db): [number, string | null, string | null][] {
  return sql(db, 'SELECT r.id, r.classification_code AS code, f.classification_code AS fileCode FROM records r LEFT JOIN files f ON f.id = r.file_id')
    .raw()
    .all() as [number, string | null, string | null][];
}

/** A record with what disposition shows of it and of its file. `code` falls back to the file's. */
export interface RecordWithFile {
  id: number;
  fileId: number | null;
  status: string;
  subject: string;
  letterNumber: string | null;
  letterDate: string | null;
  ownCode: string | null;
  code: string | null;
  fileTitle: string | null;
  fileNumber: string | null;
  count: number;
  countUnit: string;
  developmentLevel: string;
  medium: string;
}

export function recordWithFile(db: Db, id: number): RecordWithFile | null {
  return (
    (sql(
      db,
      `SELECT r.id, r.file_id AS fileId, r.status, r.subject, r.letter_number AS letterNumber, r.letter_date AS letterDate,
              r.classification_code AS ownCode, coalesce(r.classification_code, f.classification_code) AS code,
              f.title AS fileTitle, f.file_number AS fileNumber,
              r.count, r.count_unit AS countUnit, r.development_level AS developmentLevel, r.medium
       FROM records r LEFT JOIN files f ON f.id = r.file_id WHERE r.id = ?`,
    ).get(id) as RecordWithFile | undefined) ?? null
  );
}

/** Filed records still active or inactive: what the retention queues count. */
export function filedOpenRecords(db: Db): { id: number; file_id: number; status: 'aktif' | 'inaktif' }[] {
  return sql(db, "SELECT id, file_id, status FROM records WHERE file_id IS NOT NULL AND status IN ('aktif','inaktif')").all() as {
    id: number;
    file_id: number;
    status: 'aktif' | 'inaktif';
  }[];
}

export function unfiledOpenRecordCount(db: Db): number {
  return sql(db, "SELECT count(*) FROM records WHERE file_id IS NULL AND status IN ('aktif','inaktif')").pluck().get() as number;
}

export function recordCountsByStatus(db: Db): { status: string; count: number }[] {
  return sql(db, 'SELECT status, count(*) AS count FROM records GROUP BY status ORDER BY count DESC').all() as { status: string; count: number }[];
}

export function recordCountsByCode(db: Db): { code: string | null; n: number }[] {
  return sql(db, 'SELECT classification_code AS code, count(*) AS n FROM records GROUP BY classification_code').all() as { code: string | null; n: number }[];
}

/** Subjects of the given records (missing ids are left out). */
export function recordSubjects(db: Db, ids: readonly number[]): Map<number, string> {
  const one = sql(db, 'SELECT subject FROM records WHERE id = ?').pluck();
  const out = new Map<number, string>();
  for (const id of ids) {
    const subject = one.get(id) as string | undefined;
    if (subject !== undefined) out.set(id, subject);
  }
  return out;
}

/** What a search hit shows of its record. */
export function recordHeading(db: Db, id: number): { subject: string; letter_number: string | null; letter_date: string | null; classification_code: string | null } | undefined {
  return sql(db, 'SELECT subject, letter_number, letter_date, classification_code FROM records WHERE id = ?').get(id) as
    | { subject: string; letter_number: string | null; letter_date: string | null; classification_code: string | null }
    | undefined;
}

/** The facts publication decides on: may this record be (or stay) public? */
export interface PublicationFacts {
  security_class: string;
  public_category: string | null;
  status: string;
}

export function publicationFacts(db: Db, id: number): PublicationFacts | undefined {
  return sql(db, 'SELECT security_class, public_category, status FROM records WHERE id = ?').get(id) as PublicationFacts | undefined;
}

// ── files ─────────────────────────────────────────────────────────────────────────────────────

export function fileExists(db: Db, id: number): boolean {
  return sql(db, 'SELECT 1 FROM files WHERE id = ?').get(id) !== undefined;
}

/** A file with how many of its records are at each stage: what the retention clock works on. */
export interface FileStageCounts {
  id: number;
  fileNumber: string | null;
  title: string;
  code: string;
  closedAt: string | null;
  triggerDate: string | null;
  aktif: number;
  inaktif: number;
  other: number;
}

const FILE_STAGES = `
  SELECT f.id, f.file_number AS fileNumber, f.title, f.classification_code AS code, f.closed_at AS closedAt, f.trigger_date AS triggerDate,
         coalesce(sum(r.status = 'aktif'), 0) AS aktif, coalesce(sum(r.status = 'inaktif'), 0) AS inaktif,
         coalesce(sum(r.status NOT IN ('aktif','inaktif')), 0) AS other
  FROM files f LEFT JOIN records r ON r.file_id = f.id`;

/** Every file in code order, or the given ones (missing ids left out). */
export function fileStageCounts(db: Db, fileIds?: readonly number[]): FileStageCounts[] {
  if (!fileIds) return sql(db, `${FILE_STAGES} GROUP BY f.id ORDER BY f.code_sort, f.id`).all() as FileStageCounts[];
  const one = sql(db, `${FILE_STAGES} WHERE f.id = ? GROUP BY f.id`);
  return fileIds.map((id) => one.get(id) as FileStageCounts | undefined).filter((f): f is FileStageCounts => f !== undefined);
}

// ── documents ─────────────────────────────────────────────────────────────────────────────────

export function documentExists(db: Db, id: number): boolean {
  return sql(db, 'SELECT 1 FROM documents WHERE id = ?').get(id) !== undefined;
}

/** Which record holds the document with these bytes, and whether its content was removed. */
export function documentBySha(db: Db, sha256: string): { record_id: number; content_removed_at: string | null } | undefined {
  return sql(db, 'SELECT record_id, content_removed_at FROM documents WHERE sha256 = ?').get(sha256) as { record_id: number; content_removed_at: string | null } | undefined;
}

/** A record's documents still held, the main document first. */
export interface LiveDocument {
  id: number;
  role: 'main' | 'attachment';
  sha256: string;
  name: string;
  mime: string;
  size: number;
  extract_status: DocumentInfo['extractStatus'];
}

export function liveDocumentsOf(db: Db, recordId: number): LiveDocument[] {
  return sql(
    db,
    `SELECT id, role, sha256, original_name AS name, mime, size, extract_status FROM documents
     WHERE record_id = ? AND content_removed_at IS NULL ORDER BY role = 'main' DESC, id`,
  ).all(recordId) as LiveDocument[];
}

/** Every document whose content is still held, in id order (backups, health checks). */
export function liveDocuments(db: Db): { id: number; sha256: string; size: number }[] {
  return sql(db, 'SELECT id, sha256, size FROM documents WHERE content_removed_at IS NULL ORDER BY id').all() as { id: number; sha256: string; size: number }[];
}

/** Documents whose content a destruction removed (their store objects may still need purging). */
export function removedDocuments(db: Db): { id: number; sha256: string }[] {
  return sql(db, 'SELECT id, sha256 FROM documents WHERE content_removed_at IS NOT NULL').all() as { id: number; sha256: string }[];
}

/** The name and bytes of a document, if its content is still held. */
export function liveDocumentFile(db: Db, id: number): { sha256: string; original_name: string } | undefined {
  return sql(db, 'SELECT sha256, original_name FROM documents WHERE id = ? AND content_removed_at IS NULL').get(id) as { sha256: string; original_name: string } | undefined;
}

/** What a dossier lists about a document: name, type, size and content address. */
export function documentFacts(db: Db, id: number): { sha256: string; original_name: string; mime: string; size: number } | undefined {
  return sql(db, 'SELECT sha256, original_name, mime, size FROM documents WHERE id = ?').get(id) as { sha256: string; original_name: string; mime: string; size: number } | undefined;
}

export function documentName(db: Db, id: number): string | undefined {
  return sql(db, 'SELECT original_name FROM documents WHERE id = ?').pluck().get(id) as string | undefined;
}

/** Row counts of the archive's own tables (backup summaries). */
export function archiveCounts(db: Db): { records: number; documents: number; files: number } {
  return sql(db, 'SELECT (SELECT count(*) FROM records) AS records, (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM files) AS files').get() as {
    records: number;
    documents: number;
    files: number;
  };
}

// ── what a viewer may see (stats.ts; clearance/guard.ts) ────────────────────────────────────

/** The records the viewer may see (before login: none). */
export function recordCount(db: Db, viewer: Viewer): number {
  return (db.prepare(`SELECT count(*) AS n FROM records r WHERE ${visibleSql(viewer)}`).get() as { n: number }).n;
}

/** Counts of the documents of records the viewer may see, and the archive's files and codes
 *  (records above the viewer's clearance are not counted). */
export function visibleCounts(db: Db, viewer: Viewer): { documents: number; storeBytes: number; byExtractStatus: { s: string; n: number }[]; files: number; codes: number } {
  const one = (text: string) => (db.prepare(text).get() as { n: number }).n;
  const docs = `documents d JOIN records r ON r.id = d.record_id WHERE ${visibleSql(viewer)}`;
  return {
    byExtractStatus: db.prepare(`SELECT d.extract_status AS s, count(*) AS n FROM ${docs} GROUP BY 1`).all() as { s: string; n: number }[],
    documents: one(`SELECT count(*) AS n FROM ${docs}`),
    files: one('SELECT count(*) AS n FROM files'),
    storeBytes: one(`SELECT coalesce(sum(d.size), 0) AS n FROM ${docs} AND d.content_removed_at IS NULL`),
    codes: one('SELECT count(*) AS n FROM classification_codes'),
  };
}

/** Ids of the records that fail a clearance condition on `r` (visibleSql). */
export function recordIdsBeyond(db: Db, visible: string): number[] {
  return db.prepare(`SELECT r.id FROM ${RECORDS} r WHERE NOT (${visible})`).pluck().all() as number[];
}

/** A test, prepared once, of whether record `id` meets a clearance condition on `r`. */
export function recordMeetsClearance(db: Db, visible: string): (id: number) => boolean {
  const one = db.prepare(`SELECT 1 FROM ${RECORDS} r WHERE r.id = ? AND ${visible}`);
  return (id) => one.get(id) !== undefined;
}

/** A test, prepared once, of whether file `fileId` holds a record that fails a clearance condition. */
export function fileHoldsRecordBeyond(db: Db, visible: string): (fileId: number) => boolean {
  const hiddenIn = db.prepare(`SELECT 1 FROM ${RECORDS} r WHERE r.file_id = ? AND NOT (${visible}) LIMIT 1`);
  return (fileId) => hiddenIn.get(fileId) !== undefined;
}

/** Every document row, removed ones too (verify.ts checks each against the store). */
export function everyDocument(db: Db): { id: number; recordId: number; sha256: string; size: number; removedAt: string | null }[] {
  return db.prepare('SELECT id, record_id AS recordId, sha256, size, content_removed_at AS removedAt FROM documents ORDER BY id').all() as {
    id: number;
    recordId: number;
    sha256: string;
    size: number;
    removedAt: string | null;
  }[];
}

// ── documents, as OCR reads them ──────────────────────────────────────────────────────────────

export interface OcrDocumentRow {
  id: number;
  record_id: number;
  sha256: string;
  mime: string;
  pages: number | null;
  ocr_status: string | null;
  ocr_confidence: number | null;
  content_removed_at: string | null;
  rendition_at: string | null;
}

export function ocrDocument(db: Db, id: number): OcrDocumentRow | undefined {
  return sql(db, 'SELECT id, record_id, sha256, mime, pages, ocr_status, ocr_confidence, content_removed_at, rendition_at FROM documents WHERE id = ?').get(id) as
    | OcrDocumentRow
    | undefined;
}

/** Scans stored without a text layer that OCR has never looked at. */
export function scansNeverRead(db: Db): { id: number; mime: string; pages: number | null }[] {
  return sql(
    db,
    `SELECT id, mime, pages FROM documents
     WHERE ocr_status IS NULL AND extract_status = 'no-text' AND content_removed_at IS NULL
       AND mime IN ('application/pdf','image/tiff','image/jpeg','image/png')`,
  ).all() as { id: number; mime: string; pages: number | null }[];
}

/** Documents OCR is reading now: still held and waiting for pages (ids, for OCR's own join). */
export const OCR_PENDING_DOCUMENTS = "SELECT id, record_id, sha256, mime FROM documents WHERE ocr_status = 'pending' AND content_removed_at IS NULL";

// ── the Daftar Arsip Aktif / Inaktif (retention/lists.ts lays them out) ───────────────────────

/** One record as the archive lists read it, with its file. */
export interface ListItemRow {
  id: number;
  item_number: number | null;
  subject: string;
  description: string | null;
  letter_number: string | null;
  letter_date: string | null;
  count: number;
  count_unit: string;
  development_level: string;
  medium: string;
  condition: string | null;
  records_category: string;
  originating_unit: string | null;
  status: string;
  classification_code: string | null;
  location: string | null;
  location_room: string | null;
  location_shelf: string | null;
  location_box: string | null;
  location_folder: string | null;
  file_id: number | null;
  file_number: string | null;
  file_code: string | null;
  file_title: string | null;
  file_opened_at: string | null;
  file_closed_at: string | null;
  file_location: string | null;
  file_room: string | null;
  file_shelf: string | null;
  file_box: string | null;
  file_folder: string | null;
}

export interface ListItemFilter {
  status: 'aktif' | 'inaktif';
  /** originating unit, exactly; null: every unit */
  unit: string | null;
  /** the year of the record's date (its letter date, else when it was filed in); null: every year */
  year: number | null;
  /** security classes the caller may see; null: all */
  classes: readonly string[] | null;
}

const LIST_YEAR = "CAST(substr(coalesce(r.letter_date, r.created_at), 1, 4) AS INTEGER)";

/** The records of one lifecycle stage, filed ones by file (in code order) and item, then unfiled. */
export function listItems(db: Db, filter: ListItemFilter): ListItemRow[] {
  const where = ['r.status = ?'];
  const params: unknown[] = [filter.status];
  if (filter.unit !== null) {
    where.push("coalesce(r.originating_unit, '') = ?");
    params.push(filter.unit);
  }
  if (filter.year !== null) {
    where.push(`${LIST_YEAR} = ?`);
    params.push(filter.year);
  }
  if (filter.classes !== null) {
    where.push(`r.security_class IN (${filter.classes.map(() => '?').join(',') || "''"})`);
    params.push(...filter.classes);
  }
  return db
    .prepare(
      `SELECT r.id, r.item_number, r.subject, r.description, r.letter_number, r.letter_date, r.count, r.count_unit, r.development_level, r.medium,
              r.condition, r.records_category, r.originating_unit, r.status, r.classification_code, r.location, r.location_room, r.location_shelf,
              r.location_box, r.location_folder, f.id AS file_id, f.file_number, f.classification_code AS file_code, f.title AS file_title,
              f.opened_at AS file_opened_at, f.closed_at AS file_closed_at, f.location AS file_location, f.location_room AS file_room,
              f.location_shelf AS file_shelf, f.location_box AS file_box, f.location_folder AS file_folder
       FROM records r LEFT JOIN files f ON f.id = r.file_id
       WHERE ${where.join(' AND ')}
       ORDER BY f.id IS NULL, f.code_sort, f.id, r.item_number IS NULL, r.item_number, coalesce(r.letter_date, r.created_at), r.id`,
    )
    .all(...params) as ListItemRow[];
}

/** The units and years a list can be asked for (those that have records in the stage). */
export function listChoices(db: Db, status: 'aktif' | 'inaktif', classes: readonly string[] | null): { units: string[]; years: number[] } {
  const visible = classes === null ? '' : ` AND r.security_class IN (${classes.map(() => '?').join(',') || "''"})`;
  const params = [status, ...(classes ?? [])];
  const units = db.prepare(`SELECT DISTINCT coalesce(r.originating_unit, '') FROM records r WHERE r.status = ?${visible} ORDER BY 1`).pluck().all(...params) as string[];
  const years = db.prepare(`SELECT DISTINCT ${LIST_YEAR} FROM records r WHERE r.status = ?${visible} ORDER BY 1 DESC`).pluck().all(...params) as number[];
  return { units, years };
}
