// Writes the DIP or DIK to a file as CSV (UTF-8 with BOM so Excel reads it), XLSX (reports/xlsx.ts)
// or PDF (registers-pdf.ts), and records the export in the audit log. Only ever writes the file it is
// given; the caller chooses where.
// Registers leave the machine (to the PPID utama, e-Monev, the portal) and their summaries carry
// record descriptions, so every cell is scanned for personal data (NIK, NIP, phone, e-mail) first,
// as publication does before an approval: found data stops the export and is listed, unless the
// caller asks for it masked, or a supervisor acknowledges it (audited) as not personal.
import { writeFileSync } from 'node:fs';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import type { Viewer } from '../clearance/viewer.ts';
import { PRIVATE_FILE_MODE } from '../kernel/private-files.ts';
import { csvCell } from '../reports/csv.ts';
import { xlsxWorkbook, type SheetSpec } from '../reports/xlsx.ts';
import type { PersonalDataKind, RegisterFinding, RegisterPersonalData } from '../../preload/contract.ts';
import { appError } from '../errors.ts';
import { scanText } from './personal-data.ts';
import { dikTable, dipTable, type RegisterTable } from './registers.ts';
import { printLetterhead } from '../reports/letterhead.ts';
import type { Kop } from '../reports/pdf.ts';
import { registerPdf } from './registers-pdf.ts';

export type RegisterFormat = 'xlsx' | 'pdf' | 'csv';

export function registerCsv(table: RegisterTable): Buffer {
  const lines = [table.columns.map((c) => c.header), ...table.rows].map((cells) => cells.map((c) => csvCell(c)).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

export async function registerXlsx(table: RegisterTable, generatedAt = new Date()): Promise<Buffer> {
  const sheet: SheetSpec = {
    name: table.kind.toUpperCase(),
    columns: table.columns.map((c) => ({ header: c.header, width: Math.max(6, Math.round(c.width * 1.9)) })),
    // The row number is a number in the sheet, so it sorts and sums as one.
    rows: table.rows.map((cells) => cells.map((v, c) => (c === 0 && /^\d+$/.test(v) ? Number(v) : v))),
    title: [
      { text: table.title, size: 14, bold: true },
      { text: table.agency, size: 12, bold: true },
      { text: table.asOf, size: 10 },
    ],
    freezeHeader: true,
    print: true,
  };
  return xlsxWorkbook([sheet], { created: generatedAt });
}

export async function renderRegister(table: RegisterTable, format: RegisterFormat, kop: Kop | null = null): Promise<Uint8Array> {
  switch (format) {
    case 'csv':
      return registerCsv(table);
    case 'xlsx':
      return registerXlsx(table);
    case 'pdf':
      return registerPdf(table, new Date(), kop);
  }
}

const KIND_WORD: Record<PersonalDataKind, { id: string; en: string }> = {
  nik: { id: 'NIK', en: 'NIK' },
  nip: { id: 'NIP', en: 'NIP' },
  phone: { id: 'nomor telepon', en: 'phone number' },
  email: { id: 'alamat e-mail', en: 'e-mail address' },
};

/** What a finding shows of the match: enough to find it, not the number itself. */
export function maskMatch(kind: PersonalDataKind, match: string): string {
  if (kind === 'email') {
    const at = match.indexOf('@');
    return `${match.slice(0, 1)}${'*'.repeat(Math.max(1, at - 1))}${match.slice(at)}`;
  }
  // Digits become '*' except the last four; separators and a leading '+' stay, so the shape reads.
  const digits = match.replace(/\D/g, '').length;
  let seen = 0;
  return match.replace(/\d/g, (d) => (++seen > digits - 4 ? d : '*'));
}

/** Every personal-data hit in the register's cells (the header row is the app's own text). */
export function scanRegister(table: RegisterTable): RegisterFinding[] {
  const findings: RegisterFinding[] = [];
  table.rows.forEach((cells, row) => {
    cells.forEach((cell, c) => {
      for (const hit of scanText(cell)) findings.push({ row: row + 1, number: cells[0] ?? String(row + 1), column: table.columns[c]?.header ?? String(c + 1), kind: hit.kind, masked: maskMatch(hit.kind, hit.match) });
    });
  });
  return findings;
}

/** The register with every hit masked in place. */
export function maskRegister(table: RegisterTable): RegisterTable {
  return {
    ...table,
    rows: table.rows.map((cells) =>
      cells.map((cell) => {
        const hits = scanText(cell);
        let out = cell;
        for (const hit of [...hits].reverse()) out = out.slice(0, hit.index) + maskMatch(hit.kind, hit.match) + out.slice(hit.index + hit.match.length);
        return out;
      }),
    ),
  };
}

export interface ExportOptions {
  /** 'check' (default): refuse when personal data is found; 'mask': export with it masked;
   *  'keep': export as it is, a supervisor's acknowledgement that what was found is not personal. */
  personalData?: RegisterPersonalData;
}

function summarise(findings: RegisterFinding[]): { id: string; en: string } {
  const counts = new Map<PersonalDataKind, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  const parts = [...counts].map(([k, n]) => ({ id: `${n} ${KIND_WORD[k].id}`, en: `${n} ${KIND_WORD[k].en}` }));
  return { id: parts.map((p) => p.id).join(', '), en: parts.map((p) => p.en).join(', ') };
}

/** Builds the register, scans it for personal data, writes it to `path`, and audits the export. */
export async function exportRegister(
  db: Db,
  viewer: Viewer,
  register: 'dip' | 'dik',
  format: RegisterFormat,
  path: string,
  options: ExportOptions = {},
): Promise<{ path: string; rows: number; bytes: number; personalData: { found: number; action: RegisterPersonalData } }> {
  const actor = viewer.name;
  const mode = options.personalData ?? 'check';
  const built = register === 'dip' ? dipTable(db, viewer) : dikTable(db, viewer);
  const findings = scanRegister(built);
  const name = register.toUpperCase();
  if (findings.length && mode === 'check') {
    const what = summarise(findings);
    const first = findings[0]!;
    throw appError(
      'conflict',
      `${name} memuat data pribadi (${what.id}), mis. baris ${first.number} kolom "${first.column}": ${first.masked}. Perbaiki uraian arsipnya, atau ekspor dengan data pribadi disamarkan; bila yang ditemukan bukan data pribadi, atasan dapat mengekspor apa adanya.`,
      `The ${name} contains personal data (${what.en}), e.g. row ${first.number}, column "${first.column}": ${first.masked}. Fix the record's description, or export with the personal data masked; if what was found is not personal data, a supervisor may export it as it is.`,
      { findings: findings.slice(0, 200), total: findings.length },
    );
  }
  if (findings.length && mode === 'keep' && !viewer.roles.includes('supervisor')) {
    throw appError(
      'forbidden',
      `Hanya atasan yang dapat mengekspor ${name} beserta data yang terdeteksi sebagai data pribadi. Pilih "samarkan", atau minta atasan.`,
      `Only a supervisor may export the ${name} with what was detected as personal data. Choose "mask", or ask a supervisor.`,
    );
  }
  const table = findings.length && mode === 'mask' ? maskRegister(built) : built;
  const action: RegisterPersonalData = findings.length ? mode : 'check';
  const bytes = await renderRegister(table, format, printLetterhead(db));
  writeFileSync(path, bytes, { mode: PRIVATE_FILE_MODE });
  db.transaction(() =>
    appendAudit(db, {
      actor,
      action: `${register}.export`,
      entity: register,
      entityId: null,
      after: { format, rows: table.rows.length, path, personalData: { found: findings.length, action, findings: findings.slice(0, 50) } },
    }),
  )();
  return { path, rows: table.rows.length, bytes: bytes.length, personalData: { found: findings.length, action } };
}
