// A disposition case as the screen shows it: its list, approvals, documents and — computed fresh
// for today — what still stands in the way of carrying it out.
import type { CaseDocument, CaseView } from '../../preload/contract/retention.ts';
import type { Db } from '../db/connection.ts';
import { caseApprovals, caseItems, caseRow, itemView, lkdOf } from './cases.ts';
import { destructionCheck } from './destruction.ts';
import { caseAttachments, caseDocuments } from './dossier.ts';
import { simpleCheck } from './transfer.ts';

export function describeCase(db: Db, id: number, today: string): CaseView {
  const row = caseRow(db, id);
  const check = row.kind === 'destruction' ? destructionCheck(db, id, today) : simpleCheck(db, id, row.kind, today);
  const closed = row.state === 'done' || row.state === 'cancelled' || row.state === 'rejected';
  const documents: CaseDocument[] = caseDocuments(db, id);
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    title: row.title,
    jraVersionId: row.jra_version_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    location: row.location,
    recipient: row.recipient,
    baNumber: row.ba_number,
    baDate: row.ba_date,
    method: row.method,
    executedBy: row.executed_by,
    executedAt: row.executed_at,
    exportPath: row.export_path,
    dossierRecordId: row.dossier_record_id,
    closedReason: row.closed_reason,
    items: caseItems(db, id, { includeRemoved: true }).map(itemView),
    approvals: caseApprovals(db, id).map((a) => ({
      authority: a.authority,
      letterNumber: a.letter_number,
      letterDate: a.letter_date,
      signedBy: a.signed_by,
      opinion: a.opinion,
      agrees: a.agrees === 1,
      recordedBy: a.recorded_by,
      recordedAt: a.recorded_at,
    })),
    documents,
    attachments: caseAttachments(db, id),
    lkd: (() => {
      const l = lkdOf(db, id);
      return l ? { agency: l.agency, letterNumber: l.letter_number, letterDate: l.letter_date, officer: l.officer, recordedBy: l.recorded_by, recordedAt: l.recorded_at } : null;
    })(),
    // A closed case has nothing left to check; its blockers would only describe today's state.
    check: closed
      ? { band: check.band, maxTotalYears: check.maxTotalYears, required: check.required, missing: [], blockers: [], canExecute: false }
      : { band: check.band, maxTotalYears: check.maxTotalYears, required: check.required, missing: check.missing, blockers: check.blockers, canExecute: check.canExecute },
  };
}
