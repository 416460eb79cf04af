// The Daftar Arsip Aktif (DAA) and Daftar Arsip Inaktif (DAI) a records unit hands in at least once
// a year, per originating unit and year: laid out from the archive's records (archive/queries.ts
// listItems), with the retention the clock enforces (schedule.ts) in the DAI. The DAA follows the
// ten columns of Permenko Polhukam 3/2024 Lampiran I — file columns on the file's first item, then
// one row per item — and the DAI the fields of the DPR guide (folder and box numbers, storage
// location, retention and final disposition, records category), one row per file.
// Read-only; rendering to PDF and XLSX is lists-export.ts. Never lists a record above the
// caller's clearance.
import type { ArchiveListKind, ArchiveListTable } from '../../preload/contract/retention.ts';
import { listItems, listChoices, type ListItemRow } from '../archive/queries.ts';
import type { Db } from '../db/connection.ts';
import { localToday } from '../kernel/clock.ts';
import { readLetterhead } from '../reports/letterhead.ts';
import { retentionOfRecords } from './schedule.ts';

export interface ListFilter {
  kind: ArchiveListKind;
  unit: string | null;
  year: number | null;
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

function tanggal(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : '—';
}

const LEVEL: Record<string, string> = { asli: 'Asli', salinan: 'Salinan', tembusan: 'Tembusan', konsep: 'Konsep', petikan: 'Petikan' };
const MEDIUM: Record<string, string> = { tekstual: 'Tekstual', elektronik: 'Elektronik', kartografi: 'Kartografi', 'audio-visual': 'Audio visual' };
const CATEGORY: Record<string, string> = { vital: 'Vital', terjaga: 'Terjaga', umum: 'Umum' };

/** The years a file (or an unfiled record) spans: "2024" or "2023–2025"; "2025–…" while open. */
function kurunWaktu(from: string | null, to: string | null, open: boolean): string {
  const a = from?.slice(0, 4);
  const b = to?.slice(0, 4);
  if (!a && !b) return '—';
  if (open) return `${a ?? b}–…`;
  return !a || !b || a === b ? (a ?? b)! : `${a}–${b}`;
}

function place(parts: readonly (string | null)[], fallback: string | null): string {
  const named = parts.filter((p): p is string => Boolean(p?.trim()));
  return named.length ? named.join(', ') : fallback?.trim() || '—';
}

const withWord = (word: string, value: string | null) => (value?.trim() ? (/^\d/.test(value.trim()) ? `${word} ${value.trim()}` : value.trim()) : null);

interface Group {
  key: string;
  items: ListItemRow[];
}

function groups(items: ListItemRow[]): Group[] {
  const out: Group[] = [];
  for (const item of items) {
    const key = item.file_id != null ? `f${item.file_id}` : `r${item.id}`;
    const last = out.at(-1);
    if (last?.key === key) last.items.push(item);
    else out.push({ key, items: [item] });
  }
  return out;
}

function heading(kind: ArchiveListKind): string {
  return kind === 'aktif' ? 'DAFTAR ARSIP AKTIF' : 'DAFTAR ARSIP INAKTIF';
}

export const DAA_HEADERS = [
  'Nomor Berkas',
  'Kode Klasifikasi',
  'Uraian Informasi Berkas',
  'Kurun Waktu',
  'Jumlah',
  'Nomor Item',
  'Uraian Informasi Arsip',
  'Tanggal',
  'Tingkat Perkembangan',
  'Keterangan (Media, Kondisi, Lokasi)',
] as const;

export const DAI_HEADERS = [
  'No.',
  'Nomor Berkas',
  'Kode Klasifikasi',
  'Uraian Informasi',
  'Kurun Waktu',
  'Tingkat Perkembangan',
  'Jumlah',
  'No. Folder',
  'No. Boks',
  'Lokasi Simpan',
  'Jangka Simpan dan Nasib Akhir',
  'Kategori Arsip',
  'Keterangan',
] as const;

function itemText(r: ListItemRow): string {
  let text = r.subject;
  if (r.letter_number) text += ` (Nomor ${r.letter_number})`;
  return text;
}

function daaRows(items: ListItemRow[]): string[][] {
  const rows: string[][] = [];
  for (const g of groups(items)) {
    const first = g.items[0]!;
    const filed = first.file_id != null;
    g.items.forEach((r, i) => {
      const head = i === 0;
      const where = place([r.location_room ?? first.file_room, r.location_shelf ?? first.file_shelf, withWord('Boks', r.location_box ?? first.file_box), withWord('Folder', r.location_folder ?? first.file_folder)], r.location ?? first.file_location);
      rows.push([
        head ? (filed ? (first.file_number ?? '—') : '—') : '',
        head ? (first.file_code ?? first.classification_code ?? '—') : '',
        head ? (filed ? first.file_title! : 'Belum diberkaskan') : '',
        head ? (filed ? kurunWaktu(first.file_opened_at, first.file_closed_at, first.file_closed_at == null) : kurunWaktu(r.letter_date, r.letter_date, false)) : '',
        head ? `${g.items.length} item` : '',
        r.item_number != null ? String(r.item_number) : String(i + 1),
        itemText(r),
        tanggal(r.letter_date),
        LEVEL[r.development_level] ?? r.development_level,
        [`${MEDIUM[r.medium] ?? r.medium}, ${r.count} ${r.count_unit}`, r.condition?.trim() || null, where === '—' ? null : where].filter(Boolean).join('; '),
      ]);
    });
  }
  return rows;
}

const CATEGORY_RANK = ['umum', 'terjaga', 'vital'];

function daiRows(db: Db, items: ListItemRow[]): string[][] {
  const retention = retentionOfRecords(db, items.map((r) => ({ fileId: r.file_id, status: r.status, code: r.classification_code })));
  return groups(items).map((g, n) => {
    const first = g.items[0]!;
    const filed = first.file_id != null;
    const levels = [...new Set(g.items.map((r) => LEVEL[r.development_level] ?? r.development_level))].join(', ');
    const category = g.items.map((r) => r.records_category).sort((a, b) => CATEGORY_RANK.indexOf(b) - CATEGORY_RANK.indexOf(a))[0]!;
    const media = [...new Set(g.items.map((r) => MEDIUM[r.medium] ?? r.medium))].join(', ');
    const conditions = [...new Set(g.items.map((r) => r.condition?.trim()).filter(Boolean))].join(', ');
    const box = first.file_box ?? first.location_box;
    const folder = first.file_folder ?? first.location_folder;
    return [
      String(n + 1),
      filed ? (first.file_number ?? '—') : '—',
      first.file_code ?? first.classification_code ?? '—',
      filed ? first.file_title! : `${itemText(first)} (belum diberkaskan)`,
      filed ? kurunWaktu(first.file_opened_at, first.file_closed_at, first.file_closed_at == null) : kurunWaktu(first.letter_date, first.letter_date, false),
      levels,
      `${g.items.length} item`,
      folder?.trim() || '—',
      box?.trim() || '—',
      place([first.file_room ?? first.location_room, first.file_shelf ?? first.location_shelf], first.file_location ?? first.location),
      retention({ fileId: first.file_id, status: first.status, code: first.classification_code }) ?? '—',
      CATEGORY[category] ?? category,
      [media, conditions].filter(Boolean).join('; '),
    ];
  });
}

/** The list, laid out as the form asks; `classes` are the security classes the caller may see. */
export function archiveList(db: Db, filter: ListFilter, classes: readonly string[] | null, now = new Date()): ArchiveListTable {
  const items = listItems(db, { status: filter.kind, unit: filter.unit, year: filter.year, classes });
  const { letterhead } = readLetterhead(db);
  const daa = filter.kind === 'aktif';
  const headers = daa ? DAA_HEADERS : DAI_HEADERS;
  const widths = daa ? [6, 7, 16, 7, 5, 4, 19, 8, 9.5, 15] : [3, 6, 7, 17, 6, 7, 5, 5, 5, 10, 13, 6, 9];
  return {
    kind: filter.kind,
    title: heading(filter.kind),
    agency: [letterhead.instansi, letterhead.unit].filter((s) => s.trim()).join(' — '),
    unit: filter.unit === null ? 'Semua unit pengolah' : filter.unit || '(unit pengolah tidak diisi)',
    period: filter.year === null ? 'Semua tahun' : `Tahun ${filter.year}`,
    asOf: `Keadaan per ${tanggal(localToday(now))}`,
    columns: headers.map((header, i) => ({ header, width: widths[i]! })),
    rows: daa ? daaRows(items) : daiRows(db, items),
    records: items.length,
    files: groups(items).length,
  };
}

export function archiveListChoices(db: Db, kind: ArchiveListKind, classes: readonly string[] | null): { units: string[]; years: number[] } {
  return listChoices(db, kind, classes);
}
