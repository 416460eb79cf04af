// Reads the rows of a JRA table (the columns of reference/data/jra-sample.csv, or the Indonesian
// headers real schedules print) into rules. Pure: a table in, rules and row problems out. It keeps
// the JRA's own words for the disposition beside the parsed main disposition, and flags every
// conditional one ("musnah, kecuali …: permanen") for a person to decide at disposition time.
// Anything it cannot read is reported with its line, never guessed; an unknown disposition is
// never read as "musnah".
import type { Disposition } from './clock.ts';
import { codeSegments, codeSortKey, isValidCode, normaliseCode } from '../archive/codes.ts';

export interface ParsedRule {
  code: string;
  codeSort: string;
  recordType: string;
  activeYears: number;
  inactiveYears: number;
  trigger: string | null;
  disposition: Disposition;
  dispositionRaw: string;
  conditional: boolean;
  note: string | null;
  source: string | null;
  line: number;
}

export interface RowProblem {
  line: number;
  message: { id: string; en: string };
}

export type TableRow = Record<string, string>;

/** Accepted header names (lower-cased) for each field: the sample's English ones first. */
const HEADERS = {
  code: ['code', 'kode', 'kode klasifikasi', 'kode_klasifikasi', 'klasifikasi'],
  recordType: ['record_type', 'jenis arsip', 'jenis_arsip', 'jenis', 'uraian', 'uraian arsip'],
  active: ['active_years', 'retensi aktif', 'retensi_aktif', 'aktif'],
  inactive: ['inactive_years', 'retensi inaktif', 'retensi_inaktif', 'inaktif'],
  trigger: ['retention_trigger', 'trigger', 'pemicu', 'dihitung sejak'],
  disposition: ['disposition', 'keterangan', 'nasib akhir', 'nasib_akhir', 'disposisi'],
  note: ['disposition_note', 'catatan', 'keterangan tambahan', 'note'],
  source: ['source', 'sumber', 'dasar'],
} as const;

type Field = keyof typeof HEADERS;

export function headerMap(headers: readonly string[]): { map: Partial<Record<Field, string>>; missing: Field[] } {
  const lower = headers.map((h) => h.trim().toLowerCase());
  const map: Partial<Record<Field, string>> = {};
  for (const field of Object.keys(HEADERS) as Field[]) {
    const hit = HEADERS[field].find((name) => lower.includes(name));
    if (hit) map[field] = hit;
  }
  const required: Field[] = ['code', 'recordType', 'active', 'inactive', 'disposition'];
  return { map, missing: required.filter((f) => !map[f]) };
}

/** "2", "2 tahun", "2 Tahun setelah tahun anggaran berakhir", "-" → years and the event named. */
export function parseYears(cell: string, dashIsZero: boolean): { years: number; trigger: string | null } | null {
  const text = cell.trim().replace(/\s+/g, ' ');
  if (text === '' || /^[-–—]$/.test(text)) return dashIsZero ? { years: 0, trigger: null } : null;
  const m = /^(\d{1,3})(?:\s*(?:tahun|thn|th))?\.?\s*(.*)$/i.exec(text);
  if (!m) return null;
  const rest = m[2]!.trim();
  if (rest === '') return { years: Number(m[1]), trigger: null };
  if (!/^setelah\b/i.test(rest)) return null;
  return { years: Number(m[1]), trigger: rest };
}

const WORDS: readonly [RegExp, Disposition][] = [
  [/^musnah\b/i, 'musnah'],
  [/^permanen\b/i, 'permanen'],
  [/^dinilai\s+kembali\b/i, 'dinilai-kembali'],
];

/**
 * The main disposition and whether a person must decide. Conditional when the text carries an
 * exception or a condition ("kecuali", "setelah", "jika/apabila/bila") or names a second outcome.
 * Text that names no known outcome ("Masuk berkas perseorangan") becomes 'dinilai-kembali' and is
 * flagged: what cannot be read is re-appraised by people, never destroyed by rule.
 */
export function parseDisposition(raw: string, note: string | null): { disposition: Disposition; conditional: boolean } {
  const text = raw.trim().replace(/\s+/g, ' ');
  const hit = WORDS.find(([re]) => re.test(text));
  if (!hit) return { disposition: 'dinilai-kembali', conditional: true };
  const [re, disposition] = hit;
  const rest = `${text.replace(re, '')} ${note ?? ''}`;
  const condition = /\b(kecuali|setelah|jika|apabila|bila)\b/i.test(rest);
  const otherOutcome = WORDS.some(([, d]) => d !== disposition && new RegExp(`\\b${d.replace('-', '\\s+')}\\b`, 'i').test(rest));
  return { disposition, conditional: condition || otherOutcome };
}

export function parseJraRows(
  headers: readonly string[],
  rows: readonly TableRow[],
  lineNumbers: readonly number[],
): { rules: ParsedRule[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const { map, missing } = headerMap(headers);
  if (missing.length > 0) {
    return {
      rules: [],
      problems: [
        {
          line: 1,
          message: {
            id: `Kolom wajib tidak ditemukan: ${missing.join(', ')}. Judul kolom yang dikenali: code, record_type, active_years, inactive_years, disposition (atau kode, jenis arsip, retensi aktif, retensi inaktif, keterangan).`,
            en: `Required columns are missing: ${missing.join(', ')}. Recognised headers: code, record_type, active_years, inactive_years, disposition (or kode, jenis arsip, retensi aktif, retensi inaktif, keterangan).`,
          },
        },
      ],
    };
  }
  const get = (row: TableRow, field: Field) => {
    const key = map[field];
    return key ? (row[key] ?? '').trim() : '';
  };
  const rules: ParsedRule[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const line = lineNumbers[i] ?? i + 2;
    const fail = (id: string, en: string) => problems.push({ line, message: { id: `Baris ${line}: ${id}`, en: `Line ${line}: ${en}` } });
    const code = normaliseCode(get(row, 'code'));
    if (codeSegments(code).length === 0) return fail('kode klasifikasi kosong.', 'the classification code is empty.');
    // The same test records and files pass: a rule for a code no record may carry would never apply.
    if (!isValidCode(code)) {
      return fail(
        `kode klasifikasi "${code}" tidak valid; gunakan bagian bertitik berupa angka atau huruf, misalnya 000.1.2 atau UM.02.01.`,
        `classification code "${code}" is not valid; use dotted parts of digits or letters, e.g. 000.1.2 or UM.02.01.`,
      );
    }
    const codeSort = codeSortKey(code);
    const earlier = seen.get(codeSort);
    if (earlier !== undefined) return fail(`kode ${code} sudah ada di baris ${earlier}.`, `code ${code} already appears on line ${earlier}.`);
    seen.set(codeSort, line);
    const recordType = get(row, 'recordType');
    if (!recordType) return fail(`jenis arsip untuk kode ${code} kosong.`, `the record type for code ${code} is empty.`);
    const active = parseYears(get(row, 'active'), false);
    if (!active) return fail(`retensi aktif "${get(row, 'active')}" untuk kode ${code} bukan jumlah tahun.`, `active retention "${get(row, 'active')}" for code ${code} is not a number of years.`);
    const inactive = parseYears(get(row, 'inactive'), true);
    if (!inactive || inactive.trigger) {
      return fail(`retensi inaktif "${get(row, 'inactive')}" untuk kode ${code} bukan jumlah tahun.`, `inactive retention "${get(row, 'inactive')}" for code ${code} is not a number of years.`);
    }
    const dispositionRaw = get(row, 'disposition');
    if (!dispositionRaw) return fail(`keterangan (musnah/permanen/dinilai kembali) untuk kode ${code} kosong.`, `the disposition (musnah/permanen/dinilai kembali) for code ${code} is empty.`);
    const note = get(row, 'note') || null;
    const triggerCell = get(row, 'trigger');
    const trigger = triggerCell ? triggerCell : active.trigger;
    const { disposition, conditional } = parseDisposition(dispositionRaw, note);
    rules.push({
      code,
      codeSort,
      recordType,
      activeYears: active.years,
      inactiveYears: inactive.years,
      trigger,
      disposition,
      dispositionRaw,
      conditional,
      note,
      source: get(row, 'source') || null,
      line,
    });
  });
  if (rows.length === 0) {
    problems.push({ line: 1, message: { id: 'Tabel JRA tidak berisi baris aturan.', en: 'The JRA table has no rule rows.' } });
  }
  return { rules, problems };
}

/** The JRA's words for display: "musnah, kecuali notulen…: permanen". */
export function dispositionText(rule: { dispositionRaw: string; note: string | null }): string {
  return rule.note ? `${rule.dispositionRaw}, ${rule.note}` : rule.dispositionRaw;
}
