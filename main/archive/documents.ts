// Documents: the stored files of a record (one main document, any number of attachments).
// This module owns the documents table (with archive/records.ts, the only writer of it); the bytes
// live in the store (store.ts). Other areas call these functions instead of writing SQL on it.
import type { Db } from '../db/connection.ts';
import type { DocumentInfo } from '../../preload/contract.ts';
import { DOCUMENT_COLUMNS, documentInfo, type DocumentDbRow } from './records.ts';
import { visibleSql, type Viewer } from '../clearance/viewer.ts';
import { sql } from '../db/statements.ts';

export interface NewDocument {
  recordId: number;
  role: 'main' | 'attachment';
  sha256: string;
  size: number;
  mime: string;
  originalName: string;
  extractStatus: DocumentInfo['extractStatus'];
}

export function insertDocument(db: Db, doc: NewDocument, now = new Date().toISOString()): number {
  const info = sql(
    db,
    `INSERT INTO documents (record_id, role, sha256, size, mime, original_name, extract_status, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .run(doc.recordId, doc.role, doc.sha256, doc.size, doc.mime, doc.originalName, doc.extractStatus, now);
  return Number(info.lastInsertRowid);
}

export function findBySha(db: Db, sha256: string): { id: number; recordId: number } | undefined {
  return sql(db, 'SELECT id, record_id AS recordId FROM documents WHERE sha256 = ?').get(sha256) as { id: number; recordId: number } | undefined;
}

export interface StoredDocument {
  id: number;
  recordId: number;
  sha256: string;
  mime: string;
  size: number;
  originalName: string;
  contentRemoved: boolean;
}

/** A stored document; with a viewer, only when its record is within the viewer's clearance
 *  (without one: the archive's own processes, the indexer). */
export function getDocument(db: Db, id: number, viewer?: Viewer): (StoredDocument & { securityClass: string }) | undefined {
  const row = db
    .prepare(
      `SELECT d.id, d.record_id AS recordId, d.sha256, d.mime, d.size, d.original_name AS originalName,
              d.content_removed_at IS NOT NULL AS contentRemoved, r.security_class AS securityClass
       FROM documents d JOIN records r ON r.id = d.record_id WHERE d.id = ? AND ${viewer ? visibleSql(viewer) : '1'}`,
    )
    .get(id) as (Omit<StoredDocument, 'contentRemoved'> & { contentRemoved: number; securityClass: string }) | undefined;
  return row ? { ...row, contentRemoved: row.contentRemoved === 1 } : undefined;
}

export function setExtractResult(db: Db, id: number, status: DocumentInfo['extractStatus'], pages: number | null, detail: string | null): void {
  db.prepare('UPDATE documents SET extract_status = ?, pages = ?, extract_detail = ? WHERE id = ?').run(status, pages, detail, id);
}

/** The documents of a record whose content is still held (not removed by a destruction). */
export function documentsWithContent(db: Db, recordId: number): { id: number; sha256: string }[] {
  return db.prepare('SELECT id, sha256 FROM documents WHERE record_id = ? AND content_removed_at IS NULL').all(recordId) as { id: number; sha256: string }[];
}

/** Marks a document's content as removed (destruction keeps the row as the stub's evidence). */
export function markContentRemoved(db: Db, id: number, now: string): void {
  db.prepare('UPDATE documents SET content_removed_at = ? WHERE id = ?').run(now, id);
}

/** Each given record's document extract status (the last document's, as the import report shows),
 *  read for those records only: one indexed lookup each, however large the archive. */
export function extractStatusOf(db: Db, recordIds: readonly number[]): Map<number, string> {
  const out = new Map<number, string>();
  const one = db.prepare('SELECT extract_status AS s FROM documents WHERE record_id = ? ORDER BY id DESC LIMIT 1').pluck();
  for (const id of new Set(recordIds)) {
    const s = one.get(id) as string | undefined;
    if (s !== undefined) out.set(id, s);
  }
  return out;
}

export function pendingDocuments(db: Db): number[] {
  return (db.prepare("SELECT id FROM documents WHERE extract_status = 'pending' ORDER BY id").all() as { id: number }[]).map((r) => r.id);
}

/** Types whose text Berkas extracts; others are stored with metadata only. */
export function isExtractable(mime: string): boolean {
  return mime === 'application/pdf' || mime.startsWith('text/') || mime.startsWith('image/');
}

export function documentInfoById(db: Db, id: number, viewer: Viewer): DocumentInfo | undefined {
  const row = db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents d JOIN records r ON r.id = d.record_id WHERE d.id = ? AND ${visibleSql(viewer)}`).get(id) as DocumentDbRow | undefined;
  return row ? documentInfo(row) : undefined;
}

// ---- OCR state (main/ocr decides; the columns are written here) ---------------------------------

export type OcrStatus = 'pending' | 'done' | 'failed' | 'cancelled';

export function setOcrState(
  db: Db,
  id: number,
  state: { status: OcrStatus | null; confidence?: number | null; detail?: string | null; languages?: string | null },
): void {
  db.prepare('UPDATE documents SET ocr_status = ?, ocr_confidence = ?, ocr_detail = ?, ocr_languages = coalesce(?, ocr_languages) WHERE id = ?').run(
    state.status,
    state.confidence ?? null,
    state.detail ?? null,
    state.languages ?? null,
    id,
  );
}

export function setRenditionBuilt(db: Db, id: number, at: string | null): void {
  db.prepare('UPDATE documents SET rendition_at = ? WHERE id = ?').run(at, id);
}
