// Destruction (pemusnahan): the DAUM, the appraisal committee's opinion, the approvals the law
// requires, and the execution. This is the ONLY code in Berkas that destroys anything:
// `executeDestruction` removes document content and marks records 'musnah', and it does so only
// after `destructionCheck` — the one description of what destruction needs — finds nothing in the
// way, twice: once before the berita acara is drawn and again inside the write transaction
// (BEGIN IMMEDIATE), so a hold set or an approval missing at that moment still stops it.
//
// What the law asks (domain.md § Retention schedule; PP 28/2012, Perka ANRI 25/2012):
//  - the record's retention is over and the JRA says musnah (a conditional "musnah, kecuali …"
//    needs a person to confirm the exception does not apply), it is not held, not permanent;
//  - the panitia penilai gave its written opinion, agreeing;
//  - retention under 10 years: written approval of the regent/governor (kepala daerah), then the
//    head of the department (kepala perangkat daerah) decides;
//  - retention of 10 years or more: written approval of the head of ANRI, then the regent/governor
//    decides. "Retention" is the full period, active + inactive (plus any re-appraisal extension);
//    one record of 10+ years puts the whole list on the ANRI path;
//  - retention of 10 years or more: the destruction is carried out with the regional archives
//    agency (lembaga kearsipan daerah, LKD), whose letter is recorded (recordLkd) before execution;
// Letters must follow each other in time (opinion ≤ approval ≤ decision ≤ today).
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Authority, BackupNotice, DispositionBlocker, CaseCheck, Signatory } from '../../preload/contract/retention.ts';
import type { Archive } from '../archive/open.ts';
import { documentsWithContent, markContentRemoved } from '../archive/documents.ts';
import { removedDocuments } from '../archive/queries.ts';
import { setRecordStatus } from '../archive/records.ts';
import { objectPath, removeObject } from '../archive/store.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError } from '../errors.ts';
import { beritaAcaraPemusnahan, daftarArsipUsulMusnah } from '../reports/beritaAcara.ts';
import { signatoryOf } from '../accounts/users.ts';
import { printLetterhead } from '../reports/letterhead.ts';
import { removeDocumentText } from '../search/search.ts';
import { removeOcrContent } from '../ocr/pages.ts';
import {
  assertState,
  caseApprovals,
  caseItems,
  caseRow,
  caseWithBaNumber,
  createCase,
  evaluationContext,
  insertApproval,
  insertLkd,
  lkdOf,
  listRow,
  propose,
  recordProblems,
  scheduleFor,
  setCaseState,
  setItemCondition,
  touchCase,
  type ApprovalRow,
  type CaseRow,
  type LoadedItem,
} from './cases.ts';
import { compareDates } from './clock.ts';
import { attachPdf, discardPdf, pdfName, storePdf } from './dossier.ts';
import { executeCase } from './execute.ts';
import { getVersion } from './schedule.ts';

export type Band = '<10' | '>=10';

/** Who gives the written approval and who then decides, per retention band. */
export const AUTHORITIES: Record<Band, { approval: Authority; decision: Authority }> = {
  '<10': { approval: 'kepala-daerah', decision: 'kepala-perangkat-daerah' },
  '>=10': { approval: 'anri', decision: 'kepala-daerah' },
};

export const AUTHORITY_LABEL: Record<Authority, string> = {
  atasan: 'Atasan',
  'panitia-penilai': 'Panitia Penilai Arsip',
  'kepala-perangkat-daerah': 'Kepala Perangkat Daerah',
  'kepala-daerah': 'Kepala Daerah (Gubernur/Bupati/Wali Kota)',
  anri: 'Kepala Arsip Nasional Republik Indonesia',
};

export function bandOf(totalYears: number): Band {
  return totalYears >= 10 ? '>=10' : '<10';
}

export interface DestructionCheck extends CaseCheck {
  row: CaseRow;
  items: LoadedItem[];
  approvals: ApprovalRow[];
}

function b(recordId: number | null, code: string, id: string, en: string): DispositionBlocker {
  return { recordId, code, message: { id, en } };
}

/**
 * Everything that stands between this case and destruction on `today`. Empty blockers and no
 * missing approvals is the one and only condition under which records may be destroyed.
 */
export function destructionCheck(db: Db, caseId: number, today: string): DestructionCheck {
  const row = caseRow(db, caseId);
  const items = caseItems(db, caseId);
  const approvals = caseApprovals(db, caseId);
  const blockers: DispositionBlocker[] = [];
  if (row.kind !== 'destruction') blockers.push(b(null, 'kind', `Kasus #${caseId} bukan kasus pemusnahan.`, `Case #${caseId} is not a destruction case.`));
  if (row.state === 'done') blockers.push(b(null, 'closed', `Pemusnahan kasus #${caseId} sudah dilaksanakan (${row.ba_number}).`, `Case #${caseId} was already carried out (${row.ba_number}).`));
  if (row.state === 'rejected' || row.state === 'cancelled') {
    blockers.push(b(null, 'closed', `Kasus #${caseId} sudah ditutup (${row.state}).`, `Case #${caseId} is closed (${row.state}).`));
  }
  if (items.length === 0) blockers.push(b(null, 'empty', 'Daftar usul musnah kosong.', 'The list of records proposed for destruction is empty.'));

  const ctx = evaluationContext(db);
  for (const failure of ctx.held.failures) {
    blockers.push(
      b(null, 'hold-evaluation', `Penahanan #${failure.holdId} tidak dapat diperiksa (${failure.message}); tidak ada yang boleh dimusnahkan sampai penahanan itu diperbaiki.`, `Hold #${failure.holdId} cannot be evaluated (${failure.message}); nothing may be destroyed until it is fixed.`),
    );
  }
  let maxTotal: number | null = null;
  for (const item of items) {
    blockers.push(...recordProblems(ctx, item.rec, item.recordId, 'destroy', today, caseId));
    const found = item.rec ? scheduleFor(ctx, item.rec) : null;
    const total = found?.schedule.totalYears ?? item.snapshot.totalYears;
    if (total != null) maxTotal = Math.max(maxTotal ?? 0, total);
    if (found?.schedule.needsDecision && !item.conditionNote) {
      blockers.push(
        b(item.recordId, 'condition', `Arsip ${item.recordId}: JRA-nya bersyarat ("${item.snapshot.dispositionText ?? ''}"); atasan harus menyatakan pengecualiannya tidak berlaku.`, `Record ${item.recordId}: its JRA rule is conditional ("${item.snapshot.dispositionText ?? ''}"); a supervisor must confirm the exception does not apply.`),
      );
    }
  }
  const band: Band | null = maxTotal == null ? null : bandOf(maxTotal);
  const required: Authority[] = ['panitia-penilai', ...(band ? [AUTHORITIES[band].approval, AUTHORITIES[band].decision] : [])];
  const byAuthority = new Map(approvals.map((a) => [a.authority, a]));
  const committee = byAuthority.get('panitia-penilai');
  if (committee && committee.agrees === 0) {
    blockers.push(b(null, 'committee-rejected', 'Panitia penilai tidak menyetujui pemusnahan.', 'The appraisal committee did not agree to the destruction.'));
  }
  const missing = required.filter((a) => {
    const found = byAuthority.get(a);
    if (!found || !found.letter_number || !found.letter_date) return true;
    return a !== 'panitia-penilai' && found.band !== band;
  });
  for (const a of required) {
    const found = byAuthority.get(a);
    if (found && a !== 'panitia-penilai' && band && found.band !== band) {
      blockers.push(
        b(null, 'band-changed', `Surat ${AUTHORITY_LABEL[a]} dicatat untuk retensi ${found.band === '>=10' ? '10 tahun atau lebih' : 'di bawah 10 tahun'}, tetapi daftar ini sekarang ${band === '>=10' ? '10 tahun atau lebih' : 'di bawah 10 tahun'}. Ajukan daftar baru.`, `The ${AUTHORITY_LABEL[a]} letter was recorded for retention ${found.band}, but this list is now ${band}. Propose a new list.`),
      );
    }
  }
  if (band) {
    const chain = [committee, byAuthority.get(AUTHORITIES[band].approval), byAuthority.get(AUTHORITIES[band].decision)];
    for (let i = 1; i < chain.length; i++) {
      const before = chain[i - 1];
      const after = chain[i];
      if (before?.letter_date && after?.letter_date && compareDates(after.letter_date, before.letter_date) < 0) {
        blockers.push(b(null, 'dates', `Tanggal surat ${AUTHORITY_LABEL[after.authority]} (${after.letter_date}) mendahului surat ${AUTHORITY_LABEL[before.authority]} (${before.letter_date}).`, `The ${AUTHORITY_LABEL[after.authority]} letter (${after.letter_date}) is dated before the ${AUTHORITY_LABEL[before.authority]} letter (${before.letter_date}).`));
      }
    }
  }
  const lkd = lkdOf(db, caseId);
  if (band === '>=10' && !lkd) {
    blockers.push(
      b(null, 'lkd-missing', 'Pemusnahan arsip dengan retensi 10 tahun atau lebih dilaksanakan bersama lembaga kearsipan daerah: catat dahulu surat keikutsertaan LKD (nomor, tanggal).', 'Destroying records kept 10 years or more is carried out with the regional archives agency: record the LKD letter (number, date) first.'),
    );
  }
  if (lkd && compareDates(lkd.letter_date, today) > 0) {
    blockers.push(b(null, 'future-letter', `Surat lembaga kearsipan daerah bertanggal ${lkd.letter_date}, setelah hari ini.`, `The regional archives agency letter is dated ${lkd.letter_date}, after today.`));
  }
  for (const a of approvals) {
    if (a.letter_date && compareDates(a.letter_date, today) > 0) {
      blockers.push(b(null, 'future-letter', `Surat ${AUTHORITY_LABEL[a.authority]} bertanggal ${a.letter_date}, setelah hari ini.`, `The ${AUTHORITY_LABEL[a.authority]} letter is dated ${a.letter_date}, after today.`));
    }
  }
  return {
    row,
    items,
    approvals,
    band,
    maxTotalYears: maxTotal,
    required,
    missing,
    blockers,
    canExecute: blockers.length === 0 && missing.length === 0 && (row.state === 'appraised' || row.state === 'approved'),
  };
}

/** Throws unless `check` allows destruction; the message lists what is missing. */
export function assertDestructionAllowed(check: DestructionCheck): void {
  if (check.canExecute) return;
  const problems = [
    ...check.missing.map((a) => ({ id: `belum ada ${AUTHORITY_LABEL[a]}`, en: `${AUTHORITY_LABEL[a]} is missing` })),
    ...check.blockers.map((x) => x.message),
  ];
  if (problems.length === 0) problems.push({ id: `status kasus "${check.row.state}"`, en: `case state "${check.row.state}"` });
  throw appError(
    'conflict',
    `Pemusnahan ditolak: ${problems.slice(0, 4).map((p) => p.id).join('; ')}${problems.length > 4 ? `; dan ${problems.length - 4} lainnya` : ''}. Tidak ada arsip yang dimusnahkan.`,
    `Destruction refused: ${problems.slice(0, 4).map((p) => p.en).join('; ')}${problems.length > 4 ? `; and ${problems.length - 4} more` : ''}. Nothing was destroyed.`,
    { missing: check.missing, blockers: check.blockers },
  );
}

// ---------- steps before execution ----------

export function proposeDestruction(db: Db, input: { fileIds: number[]; recordIds: number[]; title: string }, actor: string, today: string, now = new Date().toISOString()): number {
  return db.transaction(() => {
    const proposal = propose(db, 'destruction', input.fileIds, input.recordIds, today);
    if (input.recordIds.length > 0 && proposal.refused.some((r) => r.recordId != null && input.recordIds.includes(r.recordId))) {
      const named = proposal.refused.filter((r) => r.recordId != null && input.recordIds.includes(r.recordId)).slice(0, 3);
      throw appError('conflict', `Arsip yang dipilih tidak dapat diusulkan musnah: ${named.map((r) => r.message.id).join(' ')}`, `The chosen records cannot be proposed for destruction: ${named.map((r) => r.message.en).join(' ')}`, {
        blockers: proposal.refused,
      });
    }
    const versionId = proposal.accepted[0]?.snapshot.versionId ?? null;
    return createCase(db, 'destruction', { title: input.title }, proposal, actor, now, versionId);
  })();
}

export function confirmCondition(db: Db, caseId: number, recordIds: readonly number[], note: string, actor: string, now = new Date().toISOString()): void {
  db.transaction(() => {
    const row = caseRow(db, caseId);
    assertState(row, 'destruction', ['draft', 'appraised', 'approved']);
    const items = new Map(caseItems(db, caseId).map((i) => [i.recordId, i]));
    for (const id of recordIds) {
      const item = items.get(id);
      if (!item) throw appError('validation', `Arsip ${id} tidak ada dalam daftar kasus #${caseId}.`, `Record ${id} is not on the list of case #${caseId}.`);
      if (!item.snapshot.conditional) throw appError('validation', `Arsip ${id} tidak memakai aturan JRA bersyarat.`, `Record ${id} is not under a conditional JRA rule.`);
      setItemCondition(db, caseId, id, note, actor, now);
    }
    appendAudit(db, { actor, action: 'destruction.confirm-condition', entity: 'disposition_case', entityId: caseId, after: { recordIds, note }, at: now });
  })();
}

export function recordCommittee(
  db: Db,
  caseId: number,
  input: { letterNumber: string; letterDate: string; signedBy: string; opinion: string; agrees: boolean },
  actor: string,
  today: string,
  now = new Date().toISOString(),
): void {
  db.transaction(() => {
    const row = caseRow(db, caseId);
    assertState(row, 'destruction', ['draft']);
    if (compareDates(input.letterDate, today) > 0) {
      throw appError('validation', `Tanggal pertimbangan panitia (${input.letterDate}) tidak boleh setelah hari ini.`, `The committee's opinion date (${input.letterDate}) cannot be after today.`);
    }
    if (caseItems(db, caseId).length === 0) throw appError('conflict', 'Daftar usul musnah kosong.', 'The list is empty.');
    insertApproval(db, caseId, { authority: 'panitia-penilai', letterNumber: input.letterNumber, letterDate: input.letterDate, signedBy: input.signedBy, opinion: input.opinion, agrees: input.agrees }, actor, now);
    setCaseState(db, caseId, input.agrees ? 'appraised' : 'rejected', now, input.agrees ? null : `Panitia penilai tidak menyetujui: ${input.opinion}`);
  })();
}

export function recordApproval(
  db: Db,
  caseId: number,
  input: { authority: 'kepala-perangkat-daerah' | 'kepala-daerah' | 'anri'; letterNumber: string; letterDate: string; signedBy: string },
  actor: string,
  today: string,
  now = new Date().toISOString(),
): void {
  db.transaction(() => {
    const row = caseRow(db, caseId);
    assertState(row, 'destruction', ['appraised', 'approved']);
    const check = destructionCheck(db, caseId, today);
    if (!check.band) throw appError('conflict', 'Retensi arsip dalam daftar tidak diketahui; periksa aturan JRA-nya.', 'The retention of the listed records is unknown; check their JRA rules.');
    const { approval, decision } = AUTHORITIES[check.band];
    const bandText = check.band === '>=10' ? '10 tahun atau lebih' : 'di bawah 10 tahun';
    if (input.authority !== approval && input.authority !== decision) {
      throw appError(
        'validation',
        `Untuk retensi ${bandText} (daftar ini sampai ${check.maxTotalYears} tahun) yang diperlukan adalah persetujuan ${AUTHORITY_LABEL[approval]} lalu keputusan ${AUTHORITY_LABEL[decision]}, bukan ${AUTHORITY_LABEL[input.authority]}.`,
        `For retention ${check.band} years (this list runs to ${check.maxTotalYears}) the law needs approval by ${AUTHORITY_LABEL[approval]} and then a decision by ${AUTHORITY_LABEL[decision]}, not ${AUTHORITY_LABEL[input.authority]}.`,
        { band: check.band, required: [approval, decision] },
      );
    }
    if (compareDates(input.letterDate, today) > 0) {
      throw appError('validation', `Tanggal surat (${input.letterDate}) tidak boleh setelah hari ini.`, `The letter date (${input.letterDate}) cannot be after today.`);
    }
    const prior = check.approvals.find((a) => a.authority === (input.authority === decision ? approval : 'panitia-penilai'));
    if (!prior) {
      throw appError(
        'conflict',
        `Catat dahulu ${input.authority === decision ? `persetujuan ${AUTHORITY_LABEL[approval]}` : 'pertimbangan panitia penilai'}; keputusan pemusnahan menyusul persetujuan.`,
        `Record the ${input.authority === decision ? `approval of ${AUTHORITY_LABEL[approval]}` : "committee's opinion"} first; the decision follows the approval.`,
      );
    }
    if (prior.letter_date && compareDates(input.letterDate, prior.letter_date) < 0) {
      throw appError('validation', `Tanggal surat (${input.letterDate}) mendahului surat sebelumnya (${prior.letter_date}).`, `The letter date (${input.letterDate}) is before the previous letter (${prior.letter_date}).`);
    }
    insertApproval(db, caseId, { ...input, band: check.band }, actor, now);
    if (input.authority === decision) setCaseState(db, caseId, 'approved', now);
  })();
}

/**
 * Records that the regional archives agency (LKD) takes part in this destruction: its letter
 * (number, date) and the officer it sends. Only for lists on the ten-years-or-more path, never
 * dated after today, recorded once (the table refuses changes: evidence).
 */
export function recordLkd(
  db: Db,
  caseId: number,
  input: { agency: string; letterNumber: string; letterDate: string; officer: string | null },
  actor: string,
  today: string,
  now = new Date().toISOString(),
): void {
  db.transaction(() => {
    const row = caseRow(db, caseId);
    assertState(row, 'destruction', ['draft', 'appraised', 'approved']);
    const existing = lkdOf(db, caseId);
    if (existing) {
      throw appError('conflict', `Keikutsertaan LKD kasus #${caseId} sudah dicatat (${existing.letter_number}, ${existing.letter_date}) dan tidak dapat diubah.`, `The LKD participation for case #${caseId} is already recorded (${existing.letter_number}, ${existing.letter_date}) and cannot be changed.`);
    }
    const check = destructionCheck(db, caseId, today);
    if (check.band !== '>=10') {
      throw appError(
        'validation',
        check.band ? `Daftar ini retensinya di bawah 10 tahun (sampai ${check.maxTotalYears} tahun); keikutsertaan lembaga kearsipan daerah tidak dipersyaratkan.` : 'Retensi arsip dalam daftar tidak diketahui; periksa aturan JRA-nya.',
        check.band ? `This list's retention is under 10 years (up to ${check.maxTotalYears}); the regional archives agency's participation is not required.` : 'The retention of the listed records is unknown; check their JRA rules.',
      );
    }
    if (compareDates(input.letterDate, today) > 0) {
      throw appError('validation', `Tanggal surat LKD (${input.letterDate}) tidak boleh setelah hari ini.`, `The LKD letter date (${input.letterDate}) cannot be after today.`);
    }
    insertLkd(db, caseId, { agency: input.agency.trim(), letterNumber: input.letterNumber.trim(), letterDate: input.letterDate, officer: input.officer?.trim() || null }, actor, now);
    touchCase(db, caseId, now);
    appendAudit(db, { actor, action: 'destruction.lkd', entity: 'disposition_case', entityId: caseId, after: { agency: input.agency, letterNumber: input.letterNumber, letterDate: input.letterDate, officer: input.officer }, at: now });
  })();
}

/** The DAUM as a PDF in the case dossier. */
export async function generateDaum(archive: Archive, caseId: number, actor: string, today: string): Promise<number> {
  const { db } = archive;
  const row = caseRow(db, caseId);
  assertState(row, 'destruction', ['draft', 'appraised', 'approved', 'done']);
  const items = caseItems(db, caseId);
  const version = row.jra_version_id ? getVersion(db, row.jra_version_id) : null;
  const bytes = await daftarArsipUsulMusnah({
    letterhead: printLetterhead(db),
    caseNumber: `UM-${row.created_at.slice(0, 4)}-${String(caseId).padStart(3, '0')}`,
    title: row.title,
    date: today,
    jraName: version ? `${version.name} (versi ${version.id})` : null,
    rows: items.map(listRow),
    signer: signatoryOf(db, actor),
  });
  const pdf = await storePdf(archive, bytes, pdfName('DAUM', `${caseId}-${today}`));
  try {
    const now = new Date().toISOString();
    return db.transaction(() => attachPdf(db, caseRow(db, caseId), pdf, 'daum', actor, now).documentId)();
  } catch (error) {
    await discardPdf(archive, pdf);
    throw error;
  }
}

// ---------- execution ----------

export interface ExecuteInput {
  baNumber: string;
  place: string;
  method: string;
  executor: Signatory;
  witnesses: Signatory[];
}

export interface ExecutionResult {
  destroyedRecords: number;
  documentId: number;
  dossierRecordId: number;
  removedObjects: number;
  backups: BackupNotice;
}

function letter(a: ApprovalRow | undefined): { number: string; date: string; signedBy: string } {
  return { number: a?.letter_number ?? '-', date: a?.letter_date ?? '', signedBy: a?.signed_by ?? '-' };
}

/** Lists the backup generations in a folder (ops/backup.ts listBackups, handed in by the
 *  composition: retention never imports ops). */
export type BackupLister = (root: string) => Promise<{ name: string; created: string }[]>;

/** Where the backups are, for the notice after a destruction; null: unknown (general notice). */
export type DestructionBackups = { backupRoot: null } | { backupRoot: string; listBackups: BackupLister };

async function backupNotice(backups: DestructionBackups): Promise<BackupNotice> {
  const root = backups.backupRoot;
  const general = {
    id: 'Cadangan (backup) dan salinan yang dibuat sebelum pemusnahan masih memuat isi dokumen ini. Hapus atau kelola cadangan itu sesuai prosedur agar pemusnahan tuntas.',
    en: 'Backups and copies taken before the destruction still hold the content of these documents. Delete or manage those backups under your procedure so the destruction is complete.',
  };
  if (!root) return { folder: null, generations: [], message: general };
  // Listed right after the commit: every generation there was taken before the content went.
  const generations = (await backups.listBackups(root)).map((g) => ({ name: g.name, modifiedAt: g.created }));
  if (generations.length === 0) {
    return {
      folder: root,
      generations,
      message: { id: `Tidak ada generasi cadangan di ${root}. ${general.id}`, en: `No backup generations were found in ${root}. ${general.en}` },
    };
  }
  return {
    folder: root,
    generations,
    message: {
      id: `Isi dokumen yang dimusnahkan masih ada di ${generations.length} generasi cadangan di ${root} (terbaru: ${generations.at(-1)!.name}). Generasi itu akan terhapus sendiri menurut aturan penyimpanan cadangan; hapus lebih awal bila prosedur mengharuskan. Salinan lain (ekspor, flashdisk) juga harus dimusnahkan.`,
      en: `The destroyed content is still in ${generations.length} backup generation(s) in ${root} (newest: ${generations.at(-1)!.name}). They are pruned by the backup retention setting; delete them earlier if your procedure requires. Other copies (exports, USB drives) must be destroyed too.`,
    },
  };
}

/** Deletes store objects of documents whose content a committed destruction removed (idempotent). */
export async function purgeRemovedContent(archive: Archive): Promise<number> {
  let removed = 0;
  for (const { id, sha256 } of removedDocuments(archive.db)) {
    // A scan's searchable preview carries its pages and words: it goes with the original.
    await rm(join(archive.layout.renditions, `${id}.pdf`), { force: true });
    if (existsSync(objectPath(archive.layout, sha256))) {
      await removeObject(archive.layout, sha256);
      removed++;
    }
  }
  return removed;
}

/**
 * Carries out an approved destruction. The berita acara (with the list of destroyed records) is
 * rendered first, from the same check that then must pass again inside the transaction; if
 * anything changed in between, nothing is destroyed and the drawn PDF is discarded. Bytes leave
 * the store only after the transaction committed (a crash in between leaves content marked
 * removed, which purgeRemovedContent finishes on the next run).
 */
export async function executeDestruction(
  archive: Archive,
  caseId: number,
  input: ExecuteInput,
  actor: string,
  today: string,
  options: DestructionBackups,
): Promise<ExecutionResult> {
  const { db } = archive;
  const removed: string[] = [];
  const outcome = await executeCase(archive, {
    caseId,
    actor,
    baNumber: input.baNumber,
    today,
    pdfPrefix: 'BA-Pemusnahan',
    dossierKind: 'ba-pemusnahan',
    check: () => destructionCheck(db, caseId, today),
    assert: (check) => {
      assertDestructionAllowed(check);
      const duplicate = caseWithBaNumber(db, 'destruction', input.baNumber, caseId);
      if (duplicate !== null) throw appError('conflict', `Nomor berita acara ${input.baNumber} sudah dipakai kasus #${duplicate}.`, `Berita acara number ${input.baNumber} is already used by case #${duplicate}.`);
    },
    draw: (pre) => {
      const byAuthority = new Map(pre.approvals.map((a) => [a.authority, a]));
      const band = pre.band!;
      return beritaAcaraPemusnahan({
        letterhead: printLetterhead(db),
        number: input.baNumber,
        date: today,
        place: input.place,
        method: input.method,
        files: new Set(pre.items.map((i) => i.fileId)).size,
        executor: input.executor,
        witnesses: input.witnesses,
        committee: letter(byAuthority.get('panitia-penilai')),
        approval: { ...letter(byAuthority.get(AUTHORITIES[band].approval)), authority: AUTHORITY_LABEL[AUTHORITIES[band].approval] },
        decision: { ...letter(byAuthority.get(AUTHORITIES[band].decision)), authority: AUTHORITY_LABEL[AUTHORITIES[band].decision] },
        lkd: (() => {
          const l = lkdOf(db, caseId);
          return l ? { agency: l.agency, number: l.letter_number, date: l.letter_date, officer: l.officer } : null;
        })(),
        band,
        rows: pre.items.map(listRow),
      });
    },
    listChanged: { id: 'Daftar arsip berubah saat berita acara dibuat; ulangi pelaksanaan.', en: 'The list changed while the berita acara was drawn; carry it out again.' },
    actOn: (db, item, _check, now) => {
      const docs = documentsWithContent(db, item.recordId);
      for (const d of docs) {
        markContentRemoved(db, d.id, now);
        removeDocumentText(db, d.id);
        removeOcrContent(db, d.id);
        removed.push(d.sha256);
      }
      if (!setRecordStatus(db, item.recordId, { status: 'musnah', from: ['aktif', 'inaktif'], destructionRef: input.baNumber }, actor, now)) {
        throw appError('conflict', `Arsip ${item.recordId} berubah status saat pemusnahan; tidak ada yang dimusnahkan.`, `Record ${item.recordId} changed status during the destruction; nothing was destroyed.`);
      }
      appendAudit(db, {
        actor,
        action: 'record.destroy',
        entity: 'record',
        entityId: item.recordId,
        before: { status: item.rec?.status, documents: docs.map((d) => d.sha256) },
        after: { status: 'musnah', destructionRef: input.baNumber, case: caseId, rule: item.snapshot.ruleCode, jraVersion: item.snapshot.versionId },
        at: now,
      });
    },
    closing: { parties: { executor: input.executor, witnesses: input.witnesses, place: input.place }, method: input.method },
    audit: (check, document) => ({
      action: 'destruction.execute',
      before: { state: check.row.state },
      after: {
        state: 'done',
        baNumber: input.baNumber,
        records: check.items.map((i) => i.recordId),
        band: check.band,
        lkd: lkdOf(db, caseId)?.letter_number ?? null,
        approvals: check.approvals.map((a) => ({ authority: a.authority, letter: a.letter_number, date: a.letter_date, recordedBy: a.recorded_by })),
        document,
      },
    }),
    result: ({ check, documentId, dossierRecordId }) => ({ removed, documentId, dossierRecordId, destroyed: check.items.length }),
  });
  for (const sha of outcome.removed) await removeObject(archive.layout, sha);
  await purgeRemovedContent(archive);
  return {
    destroyedRecords: outcome.destroyed,
    documentId: outcome.documentId,
    dossierRecordId: outcome.dossierRecordId,
    removedObjects: outcome.removed.length,
    backups: await backupNotice(options),
  };
}
