// Writes the DIP or DIK to a file as CSV (UTF-8 with BOM so Excel reads it), XLSX (exceljs) or PDF
// (registers-pdf.ts), and records the export in the audit log. Only ever writes the file it is
// given; the caller chooses where.
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import type { Viewer } from '../clearance/viewer.ts';
import { PRIVATE_FILE_MODE } from '../kernel/private-files.ts';
import { csvCell } from '../reports/csv.ts';
import { dikTable, dipTable, type RegisterTable } from './registers.ts';
import { registerPdf } from './registers-pdf.ts';

export type RegisterFormat = 'xlsx' | 'pdf' | 'csv';

export function registerCsv(table: RegisterTable): Buffer {
  const lines = [table.columns.map((c) => c.header), ...table.rows].map((cells) => cells.map((c) => csvCell(c)).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

/** Row where the column headers are in the XLSX (after the title block). */
export const XLSX_HEADER_ROW = 5;

export async function registerXlsx(table: RegisterTable, generatedAt = new Date()): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Berkas';
  book.created = generatedAt;
  const sheet = book.addWorksheet(table.kind.toUpperCase(), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${XLSX_HEADER_ROW}:${XLSX_HEADER_ROW}` },
    views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW }],
  });
  const n = table.columns.length;
  sheet.columns = table.columns.map((c) => ({ width: Math.max(6, Math.round(c.width * 1.9)) }));
  const titleRows: [string, number][] = [
    [table.title, 14],
    [table.agency, 12],
    [table.asOf, 10],
  ];
  titleRows.forEach(([text, size], i) => {
    sheet.mergeCells(i + 1, 1, i + 1, n);
    const cell = sheet.getCell(i + 1, 1);
    cell.value = text;
    cell.font = { bold: i < 2, size };
    cell.alignment = { horizontal: 'center' };
  });
  const header = sheet.getRow(XLSX_HEADER_ROW);
  header.values = table.columns.map((c) => c.header);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE0EBE8' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  header.height = 45;
  table.rows.forEach((cells, i) => {
    const row = sheet.getRow(XLSX_HEADER_ROW + 1 + i);
    row.values = cells.map((v, c) => (c === 0 && /^\d+$/.test(v) ? Number(v) : v));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.alignment = { wrapText: true, vertical: 'top' };
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
  });
  return Buffer.from(await book.xlsx.writeBuffer());
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
