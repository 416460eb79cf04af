// The ocr_pages table (this module is its only writer; the OCR columns of documents are written
// through archive/documents.ts): which pages of which document still need reading, and what was read (words
// with boxes, confidence) or why a page failed. Pure database code; callers hold the transaction.
// Words are document content: destruction removes them with the rest (removeOcrContent).
import { setOcrState, setRenditionBuilt } from '../archive/documents.ts';
import { OCR_PENDING_DOCUMENTS } from '../archive/queries.ts';
import type { Db } from '../db/connection.ts';
import type { OcrPageResult, OcrWord, RenditionPage } from './ocr-protocol.ts';

/** Types OCR reads: PDFs (pages without a text layer) and the image types scanners and phones write. */
export function isOcrable(mime: string): boolean {
  return mime === 'application/pdf' || mime === 'image/tiff' || mime === 'image/jpeg' || mime === 'image/png';
}

/** Marks pages to be read and the document as waiting for OCR. Pages already read stay as they are. */
export function planOcr(db: Db, documentId: number, pages: readonly number[]): number {
  const insert = db.prepare("INSERT INTO ocr_pages (document_id, page, status) VALUES (?, ?, 'pending') ON CONFLICT DO NOTHING");
  let added = 0;
  for (const page of pages) added += insert.run(documentId, page).changes;
  if (pendingPageCount(db, documentId) > 0) setOcrState(db, documentId, { status: 'pending' });
  return added;
}

/** How many of the document's pages wait to be read. */
export function pendingPageCount(db: Db, documentId: number): number {
  return (db.prepare("SELECT count(*) AS n FROM ocr_pages WHERE document_id = ? AND status = 'pending'").get(documentId) as { n: number }).n;
}

/** How many of the document's pages were ever planned (0: OCR never looked at it). */
export function plannedPageCount(db: Db, documentId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM ocr_pages WHERE document_id = ?').get(documentId) as { n: number }).n;
}

/** The queue the OCR screen shows: documents and pages still to read. */
export function pendingQueueCounts(db: Db): { documents: number; pages: number } {
  return db
    .prepare(
      `SELECT count(DISTINCT p.document_id) AS documents, count(*) AS pages
       FROM ocr_pages p JOIN (${OCR_PENDING_DOCUMENTS}) d ON d.id = p.document_id
       WHERE p.status = 'pending'`,
    )
    .get() as { documents: number; pages: number };
}

export interface PendingPage {
  documentId: number;
  recordId: number;
  page: number;
  sha256: string;
  mime: string;
}

/** Pages waiting to be read, oldest document first, pages in order. */
export function pendingPages(db: Db, limit: number, skip: ReadonlySet<string>): PendingPage[] {
  const rows = db
    .prepare(
      `SELECT p.document_id AS documentId, d.record_id AS recordId, p.page, d.sha256, d.mime
       FROM ocr_pages p JOIN (${OCR_PENDING_DOCUMENTS}) d ON d.id = p.document_id
       WHERE p.status = 'pending'
       ORDER BY p.document_id, p.page LIMIT ?`,
    )
    .all(limit + skip.size) as PendingPage[];
  return rows.filter((r) => !skip.has(pageKey(r.documentId, r.page))).slice(0, limit);
}

export const pageKey = (documentId: number, page: number) => `${documentId}:${page}`;

export function storePageResult(db: Db, documentId: number, result: OcrPageResult, now: string): void {
  db.prepare(
    `UPDATE ocr_pages SET status = 'done', confidence = ?, width = ?, height = ?, words = ?, detail = NULL, dpi = ?, done_at = ?
     WHERE document_id = ? AND page = ?`,
  ).run(result.confidence, result.width, result.height, JSON.stringify(result.words), result.dpi, now, documentId, result.page);
}

export function storePageFailure(db: Db, documentId: number, page: number, reason: string, now: string): void {
  db.prepare("UPDATE ocr_pages SET status = 'failed', words = NULL, confidence = NULL, detail = ?, done_at = ? WHERE document_id = ? AND page = ?").run(
    reason,
    now,
    documentId,
    page,
  );
}

export interface OcrSummary {
  total: number;
  done: number;
  failed: number;
  pending: number;
  /** Mean word confidence over all words read, 0..100; null when no page was read. */
  confidence: number | null;
  firstFailure: { page: number; detail: string } | null;
}

export function ocrSummary(db: Db, documentId: number): OcrSummary {
  const counts = db
    .prepare(
      `SELECT count(*) AS total,
              sum(status = 'done') AS done, sum(status = 'failed') AS failed, sum(status = 'pending') AS pending
       FROM ocr_pages WHERE document_id = ?`,
    )
    .get(documentId) as { total: number; done: number | null; failed: number | null; pending: number | null };
  // Weighted by words, so a near-empty page's guess does not count as much as a full page.
  const conf = db
    .prepare(
      `SELECT sum(confidence * json_array_length(words)) AS weighted, sum(json_array_length(words)) AS words
       FROM ocr_pages WHERE document_id = ? AND status = 'done'`,
    )
    .get(documentId) as { weighted: number | null; words: number | null };
  const failure = db
    .prepare("SELECT page, detail FROM ocr_pages WHERE document_id = ? AND status = 'failed' ORDER BY page LIMIT 1")
    .get(documentId) as { page: number; detail: string } | undefined;
  const done = counts.done ?? 0;
  return {
    total: counts.total,
    done,
    failed: counts.failed ?? 0,
    pending: counts.pending ?? 0,
    confidence: done === 0 ? null : conf.words ? Math.round((conf.weighted! / conf.words) * 10) / 10 : 0,
    firstFailure: failure ?? null,
  };
}

/** What the searchable preview lays over each page that was read. */
export function renditionPages(db: Db, documentId: number): RenditionPage[] {
  const rows = db
    .prepare("SELECT page, width, height, words FROM ocr_pages WHERE document_id = ? AND status = 'done' AND words IS NOT NULL ORDER BY page")
    .all(documentId) as { page: number; width: number; height: number; words: string }[];
  return rows.map((r) => ({ page: r.page, width: r.width, height: r.height, words: JSON.parse(r.words) as OcrWord[] }));
}

/** Failed or cancelled pages go back to the queue. */
export function requeueFailed(db: Db, documentId: number): number {
  return db.prepare("UPDATE ocr_pages SET status = 'pending', detail = NULL WHERE document_id = ? AND status = 'failed'").run(documentId).changes;
}

/** Destruction: the words read from a document are its content and go with it. */
export function removeOcrContent(db: Db, documentId: number): void {
  db.prepare('DELETE FROM ocr_pages WHERE document_id = ?').run(documentId);
  setOcrState(db, documentId, { status: null });
  setRenditionBuilt(db, documentId, null);
}
