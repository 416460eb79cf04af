// Audit entries for events that change nothing in the archive but must still be on the record:
// a document opened, a file exported. Hooks for other areas (the documents.url handler calls
// auditDocumentOpened). Writes only through appendAudit, each in its own transaction.
import type { Db } from '../db/connection.ts';
import { appendAudit, type AuditRow } from './log.ts';

/** Records that `actor` opened a document (preview or download). */
export function auditDocumentOpened(db: Db, actor: string, documentId: number): AuditRow {
  return db.transaction(() => {
    const doc = db.prepare('SELECT record_id AS recordId, original_name AS name FROM documents WHERE id = ?').get(documentId) as
      | { recordId: number; name: string }
      | undefined;
    return appendAudit(db, { actor, action: 'document.open', entity: 'document', entityId: documentId, after: doc ? { recordId: doc.recordId, name: doc.name } : null });
  })();
}

/** Records that `actor` exported something (`what` names it, e.g. 'audit', 'dip'). */
export function auditExport(db: Db, actor: string, what: string, details: Record<string, unknown>): AuditRow {
  return db.transaction(() => appendAudit(db, { actor, action: `${what}.export`, entity: what, entityId: null, after: details }))();
}
