// The rules of law that decide whether a record may leave the machine (UU 14/2008 KIP; Perka ANRI
// 17/2011 for the security class): only a record classified as public information, not exempt,
// classed biasa (terbatas, rahasia and sangat rahasia never leave), and still held by this unit. Pure functions over facts;
// each rule has a test that names it.
import type { Blocker, OpenCategory, PublicCategory } from '../../preload/contract.ts';

export const OPEN_CATEGORIES: readonly OpenCategory[] = ['berkala', 'serta-merta', 'setiap-saat'];
/** Only 'biasa' (biasa/terbuka) is publishable. */
export const BLOCKING_SECURITY = ['terbatas', 'rahasia', 'sangat-rahasia'] as const;
/** Destroyed records have no content; handed-over ones are held by the archives agency now. */
export const NOT_HELD = ['musnah', 'diserahkan'] as const;

export interface RecordFacts {
  publicCategory: PublicCategory | null;
  securityClass: string;
  status: string;
}

export function isOpenCategory(category: string | null): category is OpenCategory {
  return category !== null && (OPEN_CATEGORIES as readonly string[]).includes(category);
}

export function blockersFor(record: RecordFacts): Blocker[] {
  const blockers: Blocker[] = [];
  if (record.publicCategory === null) {
    blockers.push({
      code: 'unclassified',
      message: {
        id: 'Belum diklasifikasikan sebagai informasi publik. Pilih kategori (berkala, serta merta, atau setiap saat) terlebih dahulu.',
        en: 'Not yet classified as public information. Choose a category (berkala, serta merta or setiap saat) first.',
      },
    });
  } else if (record.publicCategory === 'dikecualikan') {
    blockers.push({
      code: 'exempt',
      message: {
        id: 'Informasi ini dikecualikan (uji konsekuensi berlaku) dan tidak boleh dipublikasikan.',
        en: 'This information is exempt (a consequence test applies) and must not be published.',
      },
    });
  }
  if ((BLOCKING_SECURITY as readonly string[]).includes(record.securityClass)) {
    blockers.push({
      code: 'secret',
      message: {
        id: `Klasifikasi keamanan "${record.securityClass}": hanya arsip berklasifikasi biasa/terbuka yang boleh dipublikasikan (terbatas, rahasia dan sangat rahasia tidak).`,
        en: `Security class "${record.securityClass}": only records classed biasa (ordinary/open) may be published (not terbatas, rahasia or sangat rahasia).`,
      },
    });
  }
  if ((NOT_HELD as readonly string[]).includes(record.status)) {
    blockers.push({
      code: 'not-held',
      message: {
        id: `Arsip berstatus "${record.status}" tidak lagi dikuasai unit ini.`,
        en: `The record's status is "${record.status}"; this unit no longer holds it.`,
      },
    });
  }
  return blockers;
}

/** SQL condition (over records aliased r) true when a record must not be published. */
export const BLOCKED_SQL = `(r.public_category IS NULL OR r.public_category NOT IN ('berkala','serta-merta','setiap-saat')
  OR r.security_class <> 'biasa' OR r.status IN ('musnah','diserahkan'))`;
