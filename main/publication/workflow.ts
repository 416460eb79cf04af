// The four-eyes publication workflow: staff propose, a supervisor who is not the proposer approves
// or rejects, a supervisor withdraws. An approval re-checks every rule, scans for personal data,
// and in ONE transaction marks the proposal approved, writes the audit entry and appends the
// 'publish' row to the portal outbox (through portal/outbox.ts, its owner). This module owns
// publication_proposals; it never talks to a portal. reconcilePublication is what the composition
// wires to the archive's record-changed hook.
import type { Blocker, Role } from '../../preload/contract.ts';
import { requireRole, type UserWithRoles } from '../accounts/roles.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError } from '../errors.ts';
import { appendOutbox, cancelPendingPublishes } from '../portal/outbox.ts';
import { needsAcknowledgement, scanRecord } from './personal-data.ts';
import { findRecord, type PublicationRecord } from './queries.ts';
import { loadRecord } from './record-facts.ts';
import { dipGaps } from './registers.ts';
import { BLOCKED_SQL, blockersFor } from './rules.ts';
import { classHistory } from '../archive/records.ts';
import { isDowngrade } from '../clearance/viewer.ts';
import { liveDocumentsOf, RECORDS } from '../archive/queries.ts';

export interface ProposalRow {
  id: number;
  record_id: number;
  state: 'proposed' | 'approved' | 'rejected' | 'cancelled' | 'withdrawn';
  note: string | null;
  proposed_by: string;
  proposed_by_id: number;
  proposed_at: string;
  decided_by: string | null;
  decided_by_id: number | null;
  decided_at: string | null;
  decision_comment: string | null;
  personal_data_hits: number | null;
  personal_data_acknowledged: number;
  publish_outbox_id: number | null;
  withdrawn_by: string | null;
  withdrawn_at: string | null;
  withdraw_comment: string | null;
  withdraw_outbox_id: number | null;
}

/** The record's proposal that is still pending or live (at most one, by a unique index). */
export function openProposal(db: Db, recordId: number): ProposalRow | undefined {
  return db.prepare("SELECT * FROM publication_proposals WHERE record_id = ? AND state IN ('proposed','approved')").get(recordId) as ProposalRow | undefined;
}

export function getProposal(db: Db, id: number): ProposalRow {
  return db.prepare('SELECT * FROM publication_proposals WHERE id = ?').get(id) as ProposalRow;
}

/** What the portal receives for a record: its metadata and its stored documents. */
export function publishPayload(db: Db, record: PublicationRecord) {
  const documents = liveDocumentsOf(db, record.id).map(({ sha256, name, mime, size }) => ({ sha256, name, mime, size }));
  return {
    title: record.subject,
    notes: record.description ?? '',
    classificationCode: record.classificationCode,
    date: record.letterDate,
    unit: record.originatingUnit,
    category: record.publicCategory,
    documents: documents.map((d) => ({ sha256: d.sha256, name: d.name, mime: d.mime, size: d.size })),
  };
}

function blockedError(blockers: Blocker[], verb: { id: string; en: string }) {
  return appError(
    'conflict',
    `Arsip ini tidak dapat ${verb.id}: ${blockers.map((b) => b.message.id).join(' ')}`,
    `This record cannot be ${verb.en}: ${blockers.map((b) => b.message.en).join(' ')}`,
    { blockers },
  );
}

const PROPOSED = { id: 'diusulkan', en: 'proposed' };
const APPROVED = { id: 'disetujui untuk publikasi', en: 'approved for publication' };

function noPending(recordId: number) {
  return appError(
    'not-found',
    `Tidak ada usulan publikasi yang menunggu keputusan untuk arsip ${recordId}.`,
    `There is no publication proposal awaiting a decision for record ${recordId}.`,
  );
}

export function propose(db: Db, user: UserWithRoles, recordId: number, note: string, now = new Date().toISOString()): number {
  requireRole(user, 'staff');
  return db.transaction(() => {
    const record = loadRecord(db, recordId);
    const blockers = blockersFor(record);
    if (blockers.length) throw blockedError(blockers, PROPOSED);
    const open = openProposal(db, recordId);
    if (open?.state === 'proposed') {
      throw appError(
        'conflict',
        `Arsip ini sudah diusulkan oleh ${open.proposed_by}; tunggu keputusan atasan.`,
        `This record was already proposed by ${open.proposed_by}; wait for a supervisor's decision.`,
      );
    }
    if (open?.state === 'approved') {
      throw appError('conflict', 'Arsip ini sudah terbit. Tarik dulu publikasinya bila perlu diusulkan ulang.', 'This record is already published. Withdraw it first to propose it again.');
    }
    const id = Number(
      db
        .prepare(
          `INSERT INTO publication_proposals (record_id, state, note, proposed_by, proposed_by_id, proposed_at)
           VALUES (?, 'proposed', ?, ?, ?, ?)`,
        )
        .run(recordId, note.trim() || null, user.name, user.id, now).lastInsertRowid,
    );
    appendAudit(db, { actor: user.name, action: 'publication.propose', entity: 'record', entityId: recordId, after: { proposalId: id, category: record.publicCategory, note: note.trim() || null }, at: now });
    return id;
  })();
}

function fourEyes(proposal: ProposalRow, user: UserWithRoles, verb: { id: string; en: string }): void {
  if (proposal.proposed_by_id === user.id) {
    throw appError(
      'forbidden',
      `Anda sendiri yang mengusulkan arsip ini, jadi tidak dapat ${verb.id}. Keputusan harus diambil oleh atasan lain (prinsip empat mata).`,
      `You proposed this record yourself, so you cannot ${verb.en} it. Another supervisor must decide (four-eyes principle).`,
    );
  }
}

export interface ApproveInput {
  recordId: number;
  comment: string;
  acknowledgePersonalData: boolean;
}

export function approve(db: Db, user: UserWithRoles, input: ApproveInput, now = new Date().toISOString()): number {
  requireRole(user, 'supervisor');
  return db.transaction(() => {
    const proposal = openProposal(db, input.recordId);
    if (proposal?.state !== 'proposed') throw noPending(input.recordId);
    fourEyes(proposal, user, { id: 'menyetujuinya', en: 'approve' });
    // Four eyes span the downgrade: whoever lowered this record's security class cannot be the
    // one who approves its publication (read here, inside the approval's transaction).
    const lowered = classHistory(db, input.recordId).find((c) => c.byId === user.id && isDowngrade(c.from, c.to));
    if (lowered) {
      throw appError(
        'forbidden',
        `Anda sendiri yang menurunkan klasifikasi keamanan arsip ini (${lowered.from} → ${lowered.to}, ${lowered.at.slice(0, 10)}), jadi tidak dapat menyetujui publikasinya. Atasan lain harus memutuskan (prinsip empat mata).`,
        `You lowered this record's security class yourself (${lowered.from} → ${lowered.to}, ${lowered.at.slice(0, 10)}), so you cannot approve its publication. Another supervisor must decide (four-eyes principle).`,
        { loweredAt: lowered.at },
      );
    }
    const record = loadRecord(db, input.recordId);
    const blockers = blockersFor(record);
    if (blockers.length) throw blockedError(blockers, APPROVED);
    const gaps = dipGaps(db, record);
    if (gaps.length) {
      throw appError(
        'validation',
        `Kolom wajib DIP belum lengkap: ${gaps.map((g) => g.id).join(' ')} Lengkapi metadata arsip, lalu setujui.`,
        `The DIP's mandated columns are incomplete: ${gaps.map((g) => g.en).join(' ')} Complete the record's metadata, then approve.`,
        { dipGaps: gaps.length },
      );
    }
    const scan = scanRecord(db, record.id);
    if (scan.pending.length) {
      throw appError(
        'conflict',
        `Teks ${scan.pending.length} dokumen belum selesai diekstrak, sehingga belum dapat diperiksa data pribadinya. Tunggu sebentar lalu coba lagi.`,
        `The text of ${scan.pending.length} document(s) is still being extracted, so it cannot be checked for personal data yet. Wait a moment and try again.`,
        { pending: scan.pending },
      );
    }
    if (needsAcknowledgement(scan) && !input.acknowledgePersonalData) {
      throw appError(
        'validation',
        `Pemeriksaan menemukan ${scan.total} kemungkinan data pribadi (NIK, NIP, nomor telepon, e-mail)` +
          (scan.unscanned.length ? ` dan ${scan.unscanned.length} dokumen yang teksnya tidak terbaca` : '') +
          '. Periksa setiap temuan, lalu nyatakan bahwa Anda sudah memeriksanya untuk menyetujui.',
        `The check found ${scan.total} possible personal data item(s) (NIK, NIP, phone, e-mail)` +
          (scan.unscanned.length ? ` and ${scan.unscanned.length} document(s) whose text could not be read` : '') +
          '. Review each finding, then confirm that you have checked them to approve.',
        { personalDataHits: scan.total, unscanned: scan.unscanned.length },
      );
    }
    const outboxId = appendOutbox(db, record.id, 'publish', publishPayload(db, record), now);
    db.prepare(
      `UPDATE publication_proposals SET state = 'approved', decided_by = ?, decided_by_id = ?, decided_at = ?, decision_comment = ?,
         personal_data_hits = ?, personal_data_acknowledged = ?, publish_outbox_id = ? WHERE id = ?`,
    ).run(user.name, user.id, now, input.comment.trim() || null, scan.total, input.acknowledgePersonalData ? 1 : 0, outboxId, proposal.id);
    appendAudit(db, {
      actor: user.name,
      action: 'publication.approve',
      entity: 'record',
      entityId: record.id,
      before: { state: 'proposed', proposedBy: proposal.proposed_by },
      after: { state: 'approved', proposalId: proposal.id, outboxId, comment: input.comment.trim() || null, personalDataHits: scan.total, unscanned: scan.unscanned.length, acknowledged: input.acknowledgePersonalData },
      at: now,
    });
    return proposal.id;
  })();
}

export function reject(db: Db, user: UserWithRoles, input: { recordId: number; comment: string }, now = new Date().toISOString()): number {
  requireRole(user, 'supervisor');
  const comment = input.comment.trim();
  if (!comment) throw appError('validation', 'Tuliskan alasan penolakan agar pengusul tahu apa yang harus diperbaiki.', 'Write why it is rejected so the proposer knows what to fix.');
  return db.transaction(() => {
    const proposal = openProposal(db, input.recordId);
    if (proposal?.state !== 'proposed') throw noPending(input.recordId);
    fourEyes(proposal, user, { id: 'menolaknya', en: 'reject' });
    db.prepare(`UPDATE publication_proposals SET state = 'rejected', decided_by = ?, decided_by_id = ?, decided_at = ?, decision_comment = ? WHERE id = ?`).run(
      user.name,
      user.id,
      now,
      comment,
      proposal.id,
    );
    appendAudit(db, { actor: user.name, action: 'publication.reject', entity: 'record', entityId: input.recordId, before: { state: 'proposed' }, after: { state: 'rejected', proposalId: proposal.id, comment }, at: now });
    return proposal.id;
  })();
}

/** The proposer (or a supervisor) takes back a proposal nobody has decided yet. */
export function cancel(db: Db, user: UserWithRoles, recordId: number, now = new Date().toISOString()): number {
  requireRole(user, 'staff');
  return db.transaction(() => {
    const proposal = openProposal(db, recordId);
    if (proposal?.state !== 'proposed') throw noPending(recordId);
    if (proposal.proposed_by_id !== user.id && !user.roles.includes('supervisor' satisfies Role)) {
      throw appError('forbidden', `Hanya pengusul (${proposal.proposed_by}) atau atasan yang dapat membatalkan usulan ini.`, `Only the proposer (${proposal.proposed_by}) or a supervisor can cancel this proposal.`);
    }
    db.prepare(`UPDATE publication_proposals SET state = 'cancelled', decided_by = ?, decided_by_id = ?, decided_at = ? WHERE id = ?`).run(user.name, user.id, now, proposal.id);
    appendAudit(db, { actor: user.name, action: 'publication.cancel', entity: 'record', entityId: recordId, before: { state: 'proposed' }, after: { state: 'cancelled', proposalId: proposal.id }, at: now });
    return proposal.id;
  })();
}

const CANCELLED_BY_WITHDRAWAL = {
  id: 'Dibatalkan: publikasi arsip ini ditarik sebelum terkirim ke portal; item ini tidak akan pernah dikirim.',
  en: 'Cancelled: the publication of this record was withdrawn before it reached the portal; this item will never be sent.',
};

/** Takes a live publication down: marks it withdrawn, cancels every publish of the record that
 *  has not gone out yet (parked ones included) and queues a 'withdraw' for the portal.
 *  Call inside a transaction. Returns the proposal id, or null when nothing was live. */
export function withdrawLive(db: Db, recordId: number, actor: string, comment: string, now: string): number | null {
  const live = openProposal(db, recordId);
  if (live?.state !== 'approved') return null;
  const cancelled = cancelPendingPublishes(db, recordId, now, CANCELLED_BY_WITHDRAWAL);
  const outboxId = appendOutbox(db, recordId, 'withdraw', {}, now);
  db.prepare(`UPDATE publication_proposals SET state = 'withdrawn', withdrawn_by = ?, withdrawn_at = ?, withdraw_comment = ?, withdraw_outbox_id = ? WHERE id = ?`).run(
    actor,
    now,
    comment,
    outboxId,
    live.id,
  );
  appendAudit(db, { actor, action: 'publication.withdraw', entity: 'record', entityId: recordId, before: { state: 'approved' }, after: { state: 'withdrawn', proposalId: live.id, outboxId, comment, cancelledOutboxIds: cancelled }, at: now });
  return live.id;
}

export function withdraw(db: Db, user: UserWithRoles, input: { recordId: number; comment: string }, now = new Date().toISOString()): number {
  requireRole(user, 'supervisor');
  const comment = input.comment.trim();
  if (!comment) throw appError('validation', 'Tuliskan alasan penarikan publikasi.', 'Write why the publication is withdrawn.');
  return db.transaction(() => {
    const id = withdrawLive(db, input.recordId, user.name, comment, now);
    if (id === null) {
      throw appError('not-found', `Arsip ${input.recordId} tidak sedang terbit; tidak ada yang ditarik.`, `Record ${input.recordId} is not published; there is nothing to withdraw.`);
    }
    return id;
  })();
}

const AUTO_WITHDRAW = 'Ditarik otomatis: arsip tidak lagi memenuhi syarat publikasi / withdrawn automatically: the record no longer qualifies for publication';

/** Withdraws a live publication whose record no longer qualifies (reclassified, made secret,
 *  destroyed, handed over). The composition wires it to the archive's record-changed hook, so it
 *  runs inside the transaction that changed the record. */
export function reconcilePublication(db: Db, recordId: number, actor = 'system', now = new Date().toISOString()): boolean {
  // Cheap when nothing is live or approved, which is nearly every record a bulk edit touches.
  if (openProposal(db, recordId)?.state !== 'approved') return false;
  const record = findRecord(db, recordId);
  if (!record || blockersFor(record).length === 0) return false;
  return withdrawLive(db, recordId, actor, AUTO_WITHDRAW, now) !== null;
}

/** The same check over every live publication, for changes made by code that did not call
 *  reconcilePublication. Cheap: walks only the approved proposals. */
export function sweepUnpublishable(db: Db, now = new Date().toISOString()): number[] {
  return db.transaction(() => {
    const ids = (
      db
        .prepare(`SELECT p.record_id AS id FROM publication_proposals p JOIN ${RECORDS} r ON r.id = p.record_id WHERE p.state = 'approved' AND ${BLOCKED_SQL}`)
        .all() as { id: number }[]
    ).map((r) => r.id);
    for (const id of ids) withdrawLive(db, id, 'system', AUTO_WITHDRAW, now);
    return ids;
  })();
}
