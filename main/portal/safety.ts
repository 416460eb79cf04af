// The last check before anything leaves the machine: is this record, right now, allowed to be
// public? The publication workflow decides that at approval; this re-reads the record because
// an exemption or a higher security class can arrive between approval and push. It only reads.
import type { Bilingual } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';
import { sql } from './sql.ts';

/** KIP categories that may be published (UU 14/2008): berkala, serta merta, setiap saat. */
export const PUBLIC_CATEGORIES = ['berkala', 'serta-merta', 'setiap-saat'] as const;
const SECRET_CLASSES = new Set(['rahasia', 'sangat-rahasia']);
// Spelling varies between screens and imports ('serta merta', 'serta_merta'); compare letters only.
const PUBLIC_KEYS = new Set(PUBLIC_CATEGORIES.map((c) => c.replace(/[^a-z]/g, '')));

export type Refusal = 'missing' | 'secret' | 'exempt' | 'uncategorised' | 'unknown-category' | 'not-held';

export type Publishability = { ok: true; category: string } | { ok: false; code: Refusal; reason: Bilingual };

interface RecordRow {
  security_class: string;
  public_category: string | null;
  status: string;
}

export function checkPublishable(db: Db, recordId: number): Publishability {
  const row = sql(db, 'SELECT security_class, public_category, status FROM records WHERE id = ?').get(recordId) as RecordRow | undefined;
  if (!row) {
    return { ok: false, code: 'missing', reason: { id: `Arsip ${recordId} tidak ada lagi.`, en: `Record ${recordId} no longer exists.` } };
  }
  if (SECRET_CLASSES.has(row.security_class)) {
    return {
      ok: false,
      code: 'secret',
      reason: {
        id: `Ditolak: arsip ${recordId} berklasifikasi keamanan "${row.security_class}"; tidak dikirim ke portal.`,
        en: `Refused: record ${recordId} has security class "${row.security_class}"; it was not sent to the portal.`,
      },
    };
  }
  if (row.status === 'musnah' || row.status === 'diserahkan') {
    // Destroyed, or handed over to the archives agency: this unit no longer holds it.
    return {
      ok: false,
      code: 'not-held',
      reason: {
        id: `Ditolak: arsip ${recordId} berstatus "${row.status}" dan tidak lagi dikuasai unit ini.`,
        en: `Refused: record ${recordId} has status "${row.status}"; this unit no longer holds it.`,
      },
    };
  }
  if (row.public_category === null || row.public_category.trim() === '') {
    return {
      ok: false,
      code: 'uncategorised',
      reason: {
        id: `Ditolak: arsip ${recordId} belum punya kategori informasi publik; tidak dikirim ke portal.`,
        en: `Refused: record ${recordId} has no public-information category; it was not sent to the portal.`,
      },
    };
  }
  const key = row.public_category.toLowerCase().replace(/[^a-z]/g, '');
  if (key === 'dikecualikan') {
    return {
      ok: false,
      code: 'exempt',
      reason: {
        id: `Ditolak: arsip ${recordId} termasuk informasi yang dikecualikan; tidak dikirim ke portal.`,
        en: `Refused: record ${recordId} is exempt information (dikecualikan); it was not sent to the portal.`,
      },
    };
  }
  if (!PUBLIC_KEYS.has(key)) {
    return {
      ok: false,
      code: 'unknown-category',
      reason: {
        id: `Ditolak: kategori informasi publik "${row.public_category}" pada arsip ${recordId} tidak dikenal.`,
        en: `Refused: record ${recordId} has an unknown public-information category "${row.public_category}".`,
      },
    };
  }
  return { ok: true, category: row.public_category };
}
