// One execute-a-case for transfer, destruction and handover. Drawing the berita acara is async (a
// PDF), so it is drawn from a check made first; then, inside one IMMEDIATE transaction, the check
// runs again where nothing can change underneath it, the list must be the one the berita acara
// names, each record is acted on, the berita acara joins the case dossier (whose record takes the
// berita acara's number and date), the case closes as done and the step's audit entry is written.
// Any failure rolls all of that back and removes what was written outside the database (the
// stored PDF, and whatever the step's `prepare` wrote). The step says only what differs: its
// check, its berita acara, what it does to one record and what it records on the case.
import type { Bilingual } from '../../preload/contract.ts';
import type { Archive } from '../archive/open.ts';
import { setLetter } from '../archive/records.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError } from '../errors.ts';
import { closeCaseDone, type CaseClosing, type CaseRow, type LoadedItem } from './cases.ts';
import { attachPdf, discardPdf, pdfName, storePdf, type DossierDocumentKind, type StoredPdf } from './dossier.ts';

export interface CaseCheckResult {
  row: CaseRow;
  items: LoadedItem[];
}

export interface CaseExecution<C extends CaseCheckResult, R> {
  caseId: number;
  actor: string;
  /** The berita acara's number and date (today). */
  baNumber: string;
  today: string;
  /** `BA-Pemindahan` etc.: the stored file is `<prefix>-<number>.pdf`. */
  pdfPrefix: string;
  dossierKind: DossierDocumentKind;
  /** Computes what stands in the way; run before drawing and again inside the transaction. */
  check: (db: Db) => C;
  /** Throws the step's refusal when the check says no. */
  assert: (check: C) => void;
  /** The berita acara, drawn from the first check. */
  draw: (check: C) => Promise<Uint8Array>;
  /** Work outside the database before the transaction (handover writes its package); undone by `undo`. */
  prepare?: (check: C, bytes: Uint8Array, pdf: StoredPdf) => Promise<void>;
  undo?: () => Promise<void>;
  /** Said when the list changed between drawing and the transaction. */
  listChanged: Bilingual;
  /** Acts on one listed record inside the transaction (status change, its audit entry). */
  actOn: (db: Db, item: LoadedItem, check: C, now: string) => void;
  /** What the case keeps of the berita acara (besides number, date and executor). */
  closing: Pick<CaseClosing, 'parties' | 'method' | 'exportPath'>;
  /** The case's own audit entry; `document` is the berita acara's document id. */
  audit: (check: C, document: number) => { action: string; before?: unknown; after: Record<string, unknown> };
  /** The step's result, from the in-transaction check. */
  result: (done: { check: C; documentId: number; dossierRecordId: number; now: string }) => R;
}

export async function executeCase<C extends CaseCheckResult, R>(archive: Archive, step: CaseExecution<C, R>): Promise<R> {
  const { db } = archive;
  const pre = step.check(db);
  step.assert(pre);
  const bytes = await step.draw(pre);
  const pdf = await storePdf(archive, bytes, pdfName(step.pdfPrefix, step.baNumber));
  try {
    await step.prepare?.(pre, bytes, pdf);
    return db
      .transaction(() => {
        const check = step.check(db);
        step.assert(check);
        if (check.items.map((i) => i.recordId).join(',') !== pre.items.map((i) => i.recordId).join(',')) {
          throw appError('conflict', step.listChanged.id, step.listChanged.en);
        }
        const now = new Date().toISOString();
        for (const item of check.items) step.actOn(db, item, check, now);
        const { documentId, recordId } = attachPdf(db, check.row, pdf, step.dossierKind, step.actor, now);
        setLetter(db, recordId, step.baNumber, step.today, step.actor, now);
        closeCaseDone(db, step.caseId, { ...step.closing, baNumber: step.baNumber, baDate: step.today, executedBy: step.actor }, now);
        const entry = step.audit(check, documentId);
        appendAudit(db, { actor: step.actor, action: entry.action, entity: 'disposition_case', entityId: step.caseId, before: entry.before, after: entry.after, at: now });
        return step.result({ check, documentId, dossierRecordId: recordId, now });
      })
      .immediate();
  } catch (error) {
    await discardPdf(archive, pdf);
    await step.undo?.();
    throw error;
  }
}
