// Audit entries for events that change nothing in the archive but must still be on the record:
// a document opened, a file exported. Hooks for other areas (the documents.url handler calls
// auditDocumentOpened). Writes only through appendAudit, each in its own transaction.
import type { Db } from '../db/connection.ts';
import { appendAudit, type AuditRow } from './log.ts';

/** How a document left the store: shown in the preview, saved as a copy, or handed to a system program. */
export type DocumentAccess = 'view' | 'copy' | 'external';

const ACCESS_ACTION: Record<DocumentAccess, string> = { view: 'document.open', copy: 'document.copy', external: 'document.open-external' };

/** Records that `actor` opened a document, or took a copy of it out of the app (`access`). The
 *  caller, which has just read the document from the archive, says which record it belongs to
 *  and its name. */
export function auditDocumentOpened(db: Db, actor: string, doc: { id: number; recordId: number; name: string; securityClass: string }, access: DocumentAccess = 'view'): AuditRow {
  return db.transaction(() =>
    appendAudit(db, { actor, action: ACCESS_ACTION[access], entity: 'document', entityId: doc.id, after: { recordId: doc.recordId, name: doc.name, securityClass: doc.securityClass } }),
  )();
}

/** Records that `actor` exported something (`what` names it, e.g. 'audit', 'dip'). */
export function auditExport(db: Db, actor: string, what: string, details: Record<string, unknown>): AuditRow {
  return db.transaction(() => appendAudit(db, { actor, action: `${what}.export`, entity: what, entityId: null, after: details }))();
}
