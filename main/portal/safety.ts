// The last check before anything leaves the machine: does the approval behind this publish item
// still stand, and is the record, right now, allowed to be public? The publication workflow
// decides that at approval; this asks again because a withdrawal, an exemption, a higher security
// class or a destruction can arrive between approval and push (or while the item sat parked).
// The rules themselves are publication/rules.ts (the law lives there); this module only reads.
import type { Bilingual, Blocker, PublicCategory } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';
import { standingApproval } from '../publication/queries.ts';
import { blockersFor, isOpenCategory } from '../publication/rules.ts';
import { sql } from './sql.ts';

export type Refusal = Blocker['code'] | 'missing' | 'unknown-category' | 'not-approved';

export type Publishability = { ok: true; category: string } | { ok: false; code: Refusal; reason: Bilingual };

interface RecordRow {
  security_class: string;
  public_category: string | null;
  status: string;
}

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

/** outboxId: the publish item about to go out (or, for the catalogue, the one behind the receipt). */
export function checkPublishable(db: Db, recordId: number, outboxId: number): Publishability {
  const row = sql(db, 'SELECT security_class, public_category, status FROM records WHERE id = ?').get(recordId) as RecordRow | undefined;
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
