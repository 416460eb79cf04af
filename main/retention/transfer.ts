// Transfer (pemindahan) of inactive records to the records centre: the transfer list with box and
// folder numbers, the supervisor's approval, then the berita acara pemindahan with the daftar arsip
// inaktif yang dipindahkan — and the records become 'inaktif' with their new location. Moving boxes
// destroys nothing, so a legal hold does not stop a transfer (it stops destruction and handover).
import type { DispositionBlocker, CaseCheck, Signatory } from '../../preload/contract/retention.ts';
import type { Archive } from '../archive/open.ts';
import { setRecordStatus } from '../archive/records.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError } from '../errors.ts';
import { beritaAcaraPemindahan } from '../reports/beritaAcara.ts';
import { signatoryOf } from '../accounts/users.ts';
import { printLetterhead } from '../reports/letterhead.ts';
import {
  assertState,
  caseApprovals,
  caseItems,
  caseRow,
  createCase,
  evaluationContext,
  insertApproval,
  listRow,
  propose,
  recordProblems,
  setCaseState,
  setItemBoxes,
  type ApprovalRow,
  type CaseRow,
  type LoadedItem,
} from './cases.ts';
import { executeCase } from './execute.ts';

export interface SimpleCheck extends CaseCheck {
  row: CaseRow;
  items: LoadedItem[];
  approvals: ApprovalRow[];
}

/** What stands between a transfer or handover case and its execution on `today`. */
export function simpleCheck(db: Db, caseId: number, kind: 'transfer' | 'handover', today: string): SimpleCheck {
  const row = caseRow(db, caseId);
  const items = caseItems(db, caseId);
  const approvals = caseApprovals(db, caseId);
  const blockers: DispositionBlocker[] = [];
  if (row.kind !== kind) blockers.push({ recordId: null, code: 'kind', message: { id: `Kasus #${caseId} bukan kasus ${kind}.`, en: `Case #${caseId} is not a ${kind} case.` } });
  if (!['draft', 'approved'].includes(row.state)) {
    blockers.push({ recordId: null, code: 'closed', message: { id: `Kasus #${caseId} sudah ditutup (${row.state}).`, en: `Case #${caseId} is closed (${row.state}).` } });
  }
  if (items.length === 0) blockers.push({ recordId: null, code: 'empty', message: { id: 'Daftarnya kosong.', en: 'The list is empty.' } });
  const ctx = evaluationContext(db);
  if (kind === 'handover') {
    for (const failure of ctx.held.failures) {
      blockers.push({ recordId: null, code: 'hold-evaluation', message: { id: `Penahanan #${failure.holdId} tidak dapat diperiksa: ${failure.message}`, en: `Hold #${failure.holdId} cannot be evaluated: ${failure.message}` } });
    }
  }
  for (const item of items) blockers.push(...recordProblems(ctx, item.rec, item.recordId, kind === 'transfer' ? 'transfer' : 'handover', today, caseId));
  const missing = approvals.some((a) => a.authority === 'atasan') ? [] : (['atasan'] as const);
  return {
    row,
    items,
    approvals,
    band: null,
    maxTotalYears: null,
    required: ['atasan'],
    missing: [...missing],
    blockers,
    canExecute: blockers.length === 0 && missing.length === 0 && row.state === 'approved',
  };
}

export function assertExecutable(check: SimpleCheck, what: { id: string; en: string }): void {
  if (check.canExecute) return;
  const problems = [...(check.missing.length ? [{ id: 'belum disetujui atasan', en: 'not yet approved by a supervisor' }] : []), ...check.blockers.map((x) => x.message)];
  if (problems.length === 0) problems.push({ id: `status kasus "${check.row.state}"`, en: `case state "${check.row.state}"` });
  throw appError(
    'conflict',
    `${what.id} ditolak: ${problems.slice(0, 4).map((p) => p.id).join('; ')}${problems.length > 4 ? `; dan ${problems.length - 4} lainnya` : ''}.`,
    `${what.en} refused: ${problems.slice(0, 4).map((p) => p.en).join('; ')}${problems.length > 4 ? `; and ${problems.length - 4} more` : ''}.`,
    { missing: check.missing, blockers: check.blockers },
  );
}

export function createTransfer(
  db: Db,
  input: { fileIds: number[]; recordIds: number[]; title: string; location: string; firstBox: number; foldersPerBox: number },
  actor: string,
  today: string,
  now = new Date().toISOString(),
): number {
  return db.transaction(() => {
    const proposal = propose(db, 'transfer', input.fileIds, input.recordIds, today);
    // One folder per file, filled into boxes in classification order, as the records centre shelves them.
    const files = [...new Set(proposal.accepted.map((a) => a.rec.fileId).filter((f): f is number => f != null))];
    const order = new Map(proposal.accepted.map((a) => [a.rec.fileId, a.rec.code ?? '']));
    files.sort((a, b) => (order.get(a) ?? '').localeCompare(order.get(b) ?? '') || a - b);
    const boxes = new Map<number, { box: string; folder: string }>();
    files.forEach((fileId, i) => boxes.set(fileId, { box: String(input.firstBox + Math.floor(i / input.foldersPerBox)), folder: String((i % input.foldersPerBox) + 1) }));
    const versionId = proposal.accepted[0]?.snapshot.versionId ?? null;
    return createCase(db, 'transfer', { title: input.title, location: input.location }, proposal, actor, now, versionId, boxes);
  })();
}

export function setBoxes(db: Db, caseId: number, items: { fileId: number; boxNumber: string; folderNumber: string }[], actor: string, now = new Date().toISOString()): void {
  db.transaction(() => {
    assertState(caseRow(db, caseId), 'transfer', ['draft', 'approved']);
    for (const item of items) {
      if (!setItemBoxes(db, caseId, item.fileId, item.boxNumber, item.folderNumber)) {
        throw appError('validation', `Berkas ${item.fileId} tidak ada dalam daftar pemindahan #${caseId}.`, `File ${item.fileId} is not on transfer list #${caseId}.`);
      }
    }
    appendAudit(db, { actor, action: 'transfer.boxes', entity: 'disposition_case', entityId: caseId, after: items, at: now });
  })();
}

/** The supervisor's approval of a transfer or handover list; the service records who gave it. */
export function approveSimple(db: Db, caseId: number, kind: 'transfer' | 'handover', note: string, actor: string, today: string, now = new Date().toISOString()): void {
  db.transaction(() => {
    const row = caseRow(db, caseId);
    assertState(row, kind, ['draft']);
    if (caseItems(db, caseId).length === 0) throw appError('conflict', 'Daftarnya kosong.', 'The list is empty.');
    insertApproval(db, caseId, { authority: 'atasan', letterNumber: null, letterDate: today, signedBy: actor, opinion: note || null }, actor, now);
    setCaseState(db, caseId, 'approved', now);
  })();
}

export async function executeTransfer(
  archive: Archive,
  caseId: number,
  input: { baNumber: string; from: Signatory; to: Signatory },
  actor: string,
  today: string,
): Promise<number> {
  const { db } = archive;
  return executeCase(archive, {
    caseId,
    actor,
    baNumber: input.baNumber,
    today,
    pdfPrefix: 'BA-Pemindahan',
    dossierKind: 'ba-pemindahan',
    check: () => simpleCheck(db, caseId, 'transfer', today),
    assert: (check) => assertExecutable(check, { id: 'Pemindahan', en: 'Transfer' }),
    draw: (pre) => {
      const approval = pre.approvals.find((a) => a.authority === 'atasan');
      return beritaAcaraPemindahan({
        letterhead: printLetterhead(db),
        number: input.baNumber,
        date: today,
        location: pre.row.location ?? '-',
        from: input.from,
        to: input.to,
        approvedBy: approval ? signatoryOf(db, approval.signed_by ?? approval.recorded_by) : null,
        approvedAt: approval?.letter_date ?? null,
        files: new Set(pre.items.map((i) => i.fileId)).size,
        rows: pre.items.map(listRow),
      });
    },
    listChanged: { id: 'Daftar berubah saat berita acara dibuat; ulangi.', en: 'The list changed while the berita acara was drawn; try again.' },
    actOn: (db, item, check, now) => {
      const location = [check.row.location, item.boxNumber ? `boks ${item.boxNumber}` : '', item.folderNumber ? `folder ${item.folderNumber}` : ''].filter(Boolean).join(', ');
      if (!setRecordStatus(db, item.recordId, { status: 'inaktif', from: ['aktif'], location }, actor, now)) {
        throw appError('conflict', `Arsip ${item.recordId} berubah status; ulangi pemindahan.`, `Record ${item.recordId} changed status; try the transfer again.`);
      }
      appendAudit(db, { actor, action: 'record.transfer', entity: 'record', entityId: item.recordId, before: { status: 'aktif' }, after: { status: 'inaktif', location, case: caseId, baNumber: input.baNumber }, at: now });
    },
    closing: { parties: { from: input.from, to: input.to } },
    audit: (check, document) => ({ action: 'transfer.execute', after: { baNumber: input.baNumber, records: check.items.length, document } }),
    result: ({ documentId }) => documentId,
  });
}
