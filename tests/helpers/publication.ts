// Seeds records, documents and their indexed text straight into an archive database, for the
// publication, register and audit tests (the archive's own import is tested elsewhere). Page text
// goes through main/search's indexPage so the rows sit where the real extractor puts them.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../main/db/connection.ts';
import { indexPage } from '../../main/search/search.ts';

export interface SeedRecord {
  subject?: string;
  description?: string | null;
  letterNumber?: string | null;
  letterDate?: string | null;
  classificationCode?: string | null;
  originatingUnit?: string | null;
  creator?: string | null;
  securityClass?: 'biasa' | 'terbatas' | 'rahasia' | 'sangat-rahasia';
  status?: 'aktif' | 'inaktif' | 'permanen' | 'musnah' | 'diserahkan';
  medium?: 'tekstual' | 'elektronik' | 'kartografi' | 'audio-visual';
  publicCategory?: 'berkala' | 'serta-merta' | 'setiap-saat' | 'dikecualikan' | null;
}

const codeSort = (code: string) =>
  code
    .split('.')
    .map((p) => p.padStart(4, '0'))
    .join('.');

export function seedRecord(db: Db, fields: SeedRecord = {}): number {
  const now = new Date().toISOString();
  const r = {
    subject: 'Laporan kegiatan',
    description: null,
    letterNumber: null,
    letterDate: '2026-03-02',
    classificationCode: '000.1.2',
    originatingUnit: 'Bidang Informasi',
    creator: 'Kepala Bidang Informasi',
    securityClass: 'biasa',
    status: 'aktif',
    medium: 'elektronik',
    publicCategory: null,
    ...fields,
  };
  const id = Number(
    db
      .prepare(
        `INSERT INTO records (subject, description, letter_number, letter_date, classification_code, code_sort, originating_unit, creator,
                              security_class, status, medium, public_category, created_at, updated_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'seed')`,
      )
      .run(
        r.subject,
        r.description,
        r.letterNumber,
        r.letterDate,
        r.classificationCode,
        r.classificationCode ? codeSort(r.classificationCode) : null,
        r.originatingUnit,
        r.creator,
        r.securityClass,
        r.status,
        r.medium,
        r.publicCategory,
        now,
        now,
      ).lastInsertRowid,
  );
  db.prepare('INSERT INTO search_index (rowid, record_id, document_id, page, body) VALUES (?, ?, NULL, NULL, ?)').run(
    id,
    id,
    [r.subject, r.letterNumber, r.description].filter(Boolean).join('\n'),
  );
  return id;
}

export function seedDocument(
  db: Db,
  recordId: number,
  options: { name?: string; pages?: string[]; extractStatus?: 'pending' | 'ok' | 'no-text' | 'password' | 'unreadable' | 'unsupported' | 'timeout'; role?: 'main' | 'attachment' } = {},
): { id: number; sha256: string; size: number } {
  const pages = options.pages ?? ['Isi dokumen tanpa data pribadi.'];
  const bytes = Buffer.concat([Buffer.from(pages.join('\f')), randomBytes(8)]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const id = Number(
    db
      .prepare(
        `INSERT INTO documents (record_id, role, sha256, size, mime, original_name, pages, extract_status, imported_at)
         VALUES (?, ?, ?, ?, 'application/pdf', ?, ?, ?, ?)`,
      )
      .run(recordId, options.role ?? 'main', sha256, bytes.length, options.name ?? `dokumen-${recordId}.pdf`, pages.length, options.extractStatus ?? 'ok', new Date().toISOString())
      .lastInsertRowid,
  );
  if ((options.extractStatus ?? 'ok') === 'ok') pages.forEach((text, i) => indexPage(db, recordId, id, i + 1, text));
  return { id, sha256, size: bytes.length };
}
