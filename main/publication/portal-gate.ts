// Publication's answer to the portal's last question before a push: does the approval behind this
// publish item still stand, and is the record, right now, allowed to be public? The workflow
// decides that at approval; this asks again because a withdrawal, an exemption, a higher security
// class or a destruction can arrive between approval and push (or while the item sat parked).
// The rules are rules.ts; the composition hands this function to the portal through the kernel's
// publication gate. Reads only.
import type { Bilingual, PublicCategory } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';
import type { Publishability, Refusal } from '../kernel/publication-gate.ts';
import { standingApproval } from './queries.ts';
import { blockersFor, isOpenCategory } from './rules.ts';
import { publicationFacts } from '../archive/queries.ts';

function refused(recordId: number, code: Refusal, why: Bilingual): Publishability {
  return {
    ok: false,
    code,
    reason: {
      id: `Ditolak: arsip ${recordId} tidak dikirim ke portal. ${why.id}`,
      en: `Refused: record ${recordId} was not sent to the portal. ${why.en}`,
    },
  };
}

export function checkPublishable(db: Db, recordId: number, outboxId: number): Publishability {
  const row = publicationFacts(db, recordId);
  if (!row) return refused(recordId, 'missing', { id: 'Arsip ini tidak ada lagi.', en: 'The record no longer exists.' });
  const [first] = blockersFor({ publicCategory: row.public_category as PublicCategory | null, securityClass: row.security_class, status: row.status });
  if (first) return refused(recordId, first.code, first.message);
  // blockersFor trusts the column to hold one of the four categories; a stray value must not pass.
  if (!isOpenCategory(row.public_category)) {
    return refused(recordId, 'unknown-category', {
      id: `Kategori informasi publik "${row.public_category}" tidak dikenal.`,
      en: `The public-information category "${row.public_category}" is not one Berkas knows.`,
    });
  }
  if (!standingApproval(db, recordId, outboxId)) {
    return refused(recordId, 'not-approved', {
      id: 'Persetujuan publikasinya sudah tidak berlaku (ditarik atau belum disetujui). Ajukan dan setujui lagi bila arsip ini memang harus terbit.',
      en: 'Its publication approval no longer stands (withdrawn, or never approved). Propose and approve it again if it is to be published.',
    });
  }
  return { ok: true, category: row.public_category };
}
