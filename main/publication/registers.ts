// The DIP (Daftar Informasi Publik) and DIK (Daftar Informasi yang Dikecualikan) generated from the
// records, with the columns Perki KIP and the DIP templates ask for. The retention column is what
// main/retention enforces for the record (its file's rule, re-appraisal and event date), '—' when
// no rule governs it. Read-only (the SQL is queries.ts's); the exports (CSV, XLSX, PDF) consume the
// RegisterTable built here.
import type { Bilingual, DikRow, DipRow, RegisterSettings } from '../../preload/contract.ts';
import { CATEGORY_LABELS, EXEMPTION_GROUNDS } from '../../preload/contract.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import type { Viewer } from '../clearance/viewer.ts';
import { readSetting, writeSetting } from '../db/settings.ts';
import { localToday } from '../kernel/clock.ts';
import { retentionOfRecords } from '../retention/schedule.ts';
import { dikPage, dipPage, type DipDbRow } from './queries.ts';

const SETTINGS_KEY = 'publication.register';
const EMPTY_SETTINGS: RegisterSettings = { agency: '', unit: '', responsible: '', place: '' };

export function registerSettings(db: Db): RegisterSettings {
  const saved = readSetting(db, SETTINGS_KEY) as Partial<RegisterSettings> | undefined;
  if (!saved) return { ...EMPTY_SETTINGS };
  return { ...EMPTY_SETTINGS, ...saved };
}

export function saveRegisterSettings(db: Db, actor: string, settings: RegisterSettings): RegisterSettings {
  const clean: RegisterSettings = {
    agency: settings.agency.trim(),
    unit: settings.unit.trim(),
    responsible: settings.responsible.trim(),
    place: settings.place.trim(),
  };
  db.transaction(() => {
    const before = registerSettings(db);
    writeSetting(db, SETTINGS_KEY, clean);
    appendAudit(db, { actor, action: 'publication.settings', entity: 'settings', entityId: SETTINGS_KEY, before, after: clean });
  })();
  return clean;
}

// ---- retention: what governs each record, as the clock reads it ----------------------------
// The DIP's retention column must show the period the app enforces: the rule of the record's FILE
// (with its re-appraisal and event date), read through main/retention's one answer, never a
// second lookup by the record's own code.

// ---- rows ----------------------------------------------------------------------------------

/** A record as the DIP's mandated columns read it. */
export interface DipFacts {
  classificationCode: string | null;
  letterDate: string | null;
  originatingUnit: string | null;
  creator: string | null;
}

/**
 * The DIP's mandated columns (domain.md § DIP) a record would leave empty: the unit holding it,
 * the person responsible, the time it was made, and the retention period (read from its code).
 * Approval waits until none is missing, so no published item reaches the register with "—"
 * where the law asks for data. Unit and responsible fall back to the register settings, as the
 * register itself does.
 */
export function dipGaps(db: Db, record: DipFacts): Bilingual[] {
  const settings = registerSettings(db);
  const gaps: Bilingual[] = [];
  if (!record.classificationCode)
    gaps.push({ id: 'Kode klasifikasi belum diisi (kolom jangka waktu penyimpanan DIP dibaca dari kode).', en: 'No classification code (the DIP retention column is read from the code).' });
  if (!record.letterDate) gaps.push({ id: 'Tanggal naskah belum diisi (kolom waktu pembuatan DIP).', en: 'No letter date (the DIP column for when it was made).' });
  if (!record.originatingUnit?.trim() && !settings.unit)
    gaps.push({ id: 'Unit pengolah belum diisi, di arsip ini maupun di pengaturan DIP (kolom penguasa informasi).', en: 'No originating unit, on the record or in the DIP settings (the column for who holds the information).' });
  if (!record.creator?.trim() && !settings.responsible)
    gaps.push({ id: 'Pencipta arsip belum diisi, di arsip ini maupun di pengaturan DIP (kolom penanggung jawab).', en: 'No creator, on the record or in the DIP settings (the column for the person responsible).' });
  return gaps;
}

function summary(row: DipDbRow): string {
  let text = row.subject;
  if (row.letter_number) text += ` (Nomor ${row.letter_number})`;
  const description = row.description?.trim();
  if (description) text += ` — ${description.length > 240 ? `${description.slice(0, 240).trimEnd()}…` : description}`;
  return text;
}

export function dipRows(db: Db, page: { offset: number; limit: number }, viewer: Viewer): { total: number; rows: DipRow[] } {
  const settings = registerSettings(db);
  const { total, rows } = dipPage(db, page, viewer);
  const retention = retentionOfRecords(db, rows.map((r) => ({ fileId: r.file_id, status: r.status, code: r.classification_code })));
  return {
    total,
    rows: rows.map((row, i) => {
      const forms: DipRow['forms'] = [];
      if (row.has_soft) forms.push('softcopy');
      if (row.medium !== 'elektronik') forms.push('hardcopy');
      return {
        number: page.offset + i + 1,
        recordId: row.id,
        summary: summary(row),
        unit: row.originating_unit ?? (settings.unit || null),
        responsible: row.creator ?? (settings.responsible || null),
        date: row.letter_date,
        place: settings.place || null,
        forms,
        retention: retention({ fileId: row.file_id, status: row.status, code: row.classification_code }),
        category: row.public_category,
      };
    }),
  };
}

export function dikRows(db: Db, page: { offset: number; limit: number }, viewer: Viewer): { total: number; rows: DikRow[] } {
  const { total, rows } = dikPage(db, page, viewer);
  return {
    total,
    rows: rows.map(({ letterNumber, statuteName, statuteArticle, ...row }, i) => ({
      ...row,
      statute: statuteName && statuteArticle ? { name: statuteName, article: statuteArticle } : null,
      subject: letterNumber ? `${row.subject} (Nomor ${letterNumber})` : row.subject,
      number: page.offset + i + 1,
    })),
  };
}

// ---- the table every export draws -----------------------------------------------------------

export interface RegisterTable {
  kind: 'dip' | 'dik';
  title: string;
  agency: string;
  /** e.g. 'Keadaan per 3 Juni 2026' */
  asOf: string;
  columns: { header: string; width: number }[];
  rows: string[][];
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** 2026-05-12 → 12 Mei 2026 (registers are official Indonesian documents). */
export function tanggal(iso: string | null): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}


export const DIP_HEADERS = [
  'No.',
  'Ringkasan Isi Informasi',
  'Pejabat/Unit/Satuan Kerja yang Menguasai Informasi',
  'Penanggung Jawab Pembuatan atau Penerbitan Informasi',
  'Waktu dan Tempat Pembuatan Informasi',
  'Bentuk Informasi yang Tersedia',
  'Jangka Waktu Penyimpanan atau Retensi Arsip',
  'Kategori Informasi',
] as const;

export const DIK_HEADERS = [
  'No.',
  'Informasi yang Dikecualikan',
  'Arsip (Perihal, Nomor)',
  'Dasar Hukum Pengecualian',
  'Konsekuensi bila Dibuka',
  'Jangka Waktu Pengecualian',
  'Penetapan PPID (Nomor, Tanggal)',
] as const;

const ALL = { offset: 0, limit: Number.MAX_SAFE_INTEGER };
const dash = (s: string | null) => (s && s.trim() ? s : '—');

export function dipTable(db: Db, viewer: Viewer, now = new Date()): RegisterTable {
  const settings = registerSettings(db);
  const widths = [4, 27, 14, 14, 12, 9, 12, 8];
  return {
    kind: 'dip',
    title: 'DAFTAR INFORMASI PUBLIK (DIP)',
    agency: settings.agency,
    asOf: `Keadaan per ${tanggal(localToday(now))}`,
    columns: DIP_HEADERS.map((header, i) => ({ header, width: widths[i]! })),
    rows: dipRows(db, ALL, viewer).rows.map((r) => [
      String(r.number),
      r.summary,
      dash(r.unit),
      dash(r.responsible),
      [tanggal(r.date), r.place].filter((v) => v && v !== '—').join(', ') || '—',
      r.forms.length ? r.forms.map((f) => (f === 'softcopy' ? 'Softcopy' : 'Hardcopy')).join(', ') : '—',
      dash(r.retention),
      CATEGORY_LABELS[r.category].id,
    ]),
  };
}

/** The DIK's legal-basis column: the Pasal 17 ground and, for huruf j, the statute it rests on. */
export function legalBasis(r: Pick<DikRow, 'ground' | 'statute'>): string {
  const base = `UU 14/2008 Pasal 17 huruf ${r.ground}: ${EXEMPTION_GROUNDS[r.ground].id}`;
  if (r.statute) return `${base}; jo. ${r.statute.name} ${r.statute.article}`;
  // Recorded before the statute was a field (migration 0170): said plainly, so the PPID completes it.
  return r.ground === 'j' ? `${base}; undang-undang yang menjadi dasar belum dicatat` : base;
}

export function dikTable(db: Db, viewer: Viewer, now = new Date()): RegisterTable {
  const settings = registerSettings(db);
  const widths = [4, 20, 16, 18, 20, 10, 12];
  return {
    kind: 'dik',
    title: 'DAFTAR INFORMASI YANG DIKECUALIKAN (DIK)',
    agency: settings.agency,
    asOf: `Keadaan per ${tanggal(localToday(now))}`,
    columns: DIK_HEADERS.map((header, i) => ({ header, width: widths[i]! })),
    rows: dikRows(db, ALL, viewer).rows.map((r) => [
      String(r.number),
      r.information,
      r.subject,
      legalBasis(r),
      r.harm,
      r.until ? `s.d. ${tanggal(r.until)}` : 'Permanen',
      `${r.decisionNumber}, ${tanggal(r.decisionDate)}`,
    ]),
  };
}
