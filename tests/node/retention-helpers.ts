// Seeding for the retention tests: files, records and documents written with plain SQL (and real
// bytes in the content-addressed store), so these tests do not depend on the archive area's
// services while those are being written. Not a test file itself.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openArchive, type Archive } from '../../main/archive/open.ts';
import { applyVersion, importJraFile } from '../../main/retention/jra.ts';
import { codeSortKey } from '../../main/archive/codes.ts';
import { SHARED, tempDir } from '../helpers/tmp.ts';

export const JRA_SAMPLE = join(SHARED, 'reference', 'data', 'jra-sample.csv');

export function freshArchive(dir?: string): Archive {
  return openArchive(dir ?? join(tempDir('berkas-retention-'), 'archive'));
}

export async function applySampleJra(archive: Archive, asOf = '2026-01-01'): Promise<number> {
  const { version } = await importJraFile(archive.db, JRA_SAMPLE, 'tester');
  applyVersion(archive.db, version.id, 'tester', asOf);
  return version.id;
}

export function addFile(archive: Archive, f: { code: string; title?: string; closedAt: string | null; triggerDate?: string | null; openedAt?: string; fileNumber?: string }): number {
  const now = new Date().toISOString();
  const info = archive.db
    .prepare(
      `INSERT INTO files (file_number, classification_code, code_sort, title, opened_at, closed_at, trigger_date, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(f.fileNumber ?? null, f.code, codeSortKey(f.code), f.title ?? `Berkas ${f.code}`, f.openedAt ?? '2010-01-01', f.closedAt, f.triggerDate ?? null, now, now);
  return Number(info.lastInsertRowid);
}

let counter = 0;

/** A record in a file, with one document whose bytes are in the store and whose text is indexed. */
export function addRecord(
  archive: Archive,
  r: { fileId: number | null; code?: string | null; subject?: string; status?: string; letterDate?: string; text?: string; withDocument?: boolean },
): { recordId: number; documentId: number | null; sha256: string | null } {
  const db = archive.db;
  const now = new Date().toISOString();
  const code = r.code === undefined ? ((db.prepare('SELECT classification_code AS c FROM files WHERE id = ?').get(r.fileId) as { c: string } | undefined)?.c ?? null) : r.code;
  counter++;
  const subject = r.subject ?? `Surat nomor ${counter}`;
  const info = db
    .prepare(
      `INSERT INTO records (letter_number, letter_date, subject, classification_code, code_sort, file_id, status, created_at, updated_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'seed')`,
    )
    .run(`${code ?? 'X'}/${counter}/2019`, r.letterDate ?? '2019-05-02', subject, code, code ? codeSortKey(code) : null, r.fileId, r.status ?? 'inaktif', now, now);
  const recordId = Number(info.lastInsertRowid);
  db.prepare('INSERT INTO search_index (rowid, record_id, document_id, page, body) VALUES (?, ?, NULL, NULL, ?)').run(recordId, recordId, `${subject}\n${code ?? ''}`);
  if (r.withDocument === false) return { recordId, documentId: null, sha256: null };
  const text = r.text ?? `Isi dokumen arsip ${recordId}: ${subject}`;
  const bytes = Buffer.from(`%PDF-1.4\n% seed ${recordId} ${text}\n`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = join(archive.layout.store, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(path)) writeFileSync(path, bytes);
  const doc = db
    .prepare(
      `INSERT INTO documents (record_id, role, sha256, size, mime, original_name, extract_status, pages, imported_at)
       VALUES (?, 'main', ?, ?, 'application/pdf', ?, 'ok', 1, ?)`,
    )
    .run(recordId, sha256, bytes.length, `surat-${recordId}.pdf`, now);
  const documentId = Number(doc.lastInsertRowid);
  db.prepare('INSERT INTO search_index (rowid, record_id, document_id, page, body) VALUES (?, ?, ?, 1, ?)').run(2 ** 40 + documentId * 2 ** 16 + 1, recordId, documentId, text);
  return { recordId, documentId, sha256 };
}

export function objectFile(archive: Archive, sha256: string): string {
  return join(archive.layout.store, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export const SIGNER = { name: 'Siti Rahma, S.Sos.', nip: '198001012005012001', jabatan: 'Kepala Unit Kearsipan' };
export const WITNESS = { name: 'Budi Santoso', nip: '197505052000011002', jabatan: 'Inspektorat' };
