// Writes the DIP or DIK to a file as CSV (UTF-8 with BOM so Excel reads it), XLSX (reports/xlsx.ts)
// or PDF (registers-pdf.ts), and records the export in the audit log. Only ever writes the file it is
// given; the caller chooses where.
import { writeFileSync } from 'node:fs';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import type { Viewer } from '../clearance/viewer.ts';
import { PRIVATE_FILE_MODE } from '../kernel/private-files.ts';
import { csvCell } from '../reports/csv.ts';
import { xlsxWorkbook, type SheetSpec } from '../reports/xlsx.ts';
import { dikTable, dipTable, type RegisterTable } from './registers.ts';
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

export async function renderRegister(table: RegisterTable, format: RegisterFormat): Promise<Uint8Array> {
  switch (format) {
    case 'csv':
      return registerCsv(table);
    case 'xlsx':
      return registerXlsx(table);
    case 'pdf':
      return registerPdf(table);
  }
}

/** Builds the register, writes it to `path`, and audits the export. */
export async function exportRegister(db: Db, viewer: Viewer, register: 'dip' | 'dik', format: RegisterFormat, path: string): Promise<{ path: string; rows: number; bytes: number }> {
  const actor = viewer.name;
  const table = register === 'dip' ? dipTable(db, viewer) : dikTable(db, viewer);
  const bytes = await renderRegister(table, format);
  writeFileSync(path, bytes, { mode: PRIVATE_FILE_MODE });
  db.transaction(() => appendAudit(db, { actor, action: `${register}.export`, entity: register, entityId: null, after: { format, rows: table.rows.length, path } }))();
  return { path, rows: table.rows.length, bytes: bytes.length };
}
