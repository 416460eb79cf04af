// The one XLSX writer for every export a spreadsheet program opens: the DIP/DIK registers, the
// handover list, the portal catalogue. A workbook of sheets, each a header row over rows of text
// and numbers, optionally under a title block merged across the columns and laid out for printing
// on A4 landscape. Cells are written as values, never as formulas. It knows nothing of records:
// callers hand it strings and numbers.
import ExcelJS from 'exceljs';

export type Cell = string | number;

export interface SheetSpec {
  name: string;
  columns: { header: string; width: number }[];
  rows: Cell[][];
  /** Lines above the header (title, agency, date), each merged across the columns and centred;
   *  one empty row separates them from the header. */
  title?: { text: string; size: number; bold?: boolean }[];
  /** Keep the header row in view while scrolling. */
  freezeHeader?: boolean;
  /** Ruled, wrapped cells, a shaded header, and A4 landscape print setup with the header on every page. */
  print?: boolean;
}

export interface WorkbookInfo {
  created?: Date;
  title?: string;
}

/** The row the column headers stand in (1-based): after the title block and its empty row. */
export function headerRow(sheet: Pick<SheetSpec, 'title'>): number {
  return sheet.title?.length ? sheet.title.length + 2 : 1;
}

const THIN = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } } as const;

export async function xlsxWorkbook(sheets: SheetSpec[], info: WorkbookInfo = {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Berkas';
  if (info.created) book.created = info.created;
  if (info.title) book.title = info.title;
  for (const spec of sheets) {
    const at = headerRow(spec);
    const sheet = book.addWorksheet(spec.name, {
      ...(spec.print ? { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${at}:${at}` } } : {}),
      ...(spec.freezeHeader ? { views: [{ state: 'frozen', ySplit: at }] } : {}),
    });
    sheet.columns = spec.columns.map((c) => ({ width: c.width }));
    spec.title?.forEach((line, i) => {
      sheet.mergeCells(i + 1, 1, i + 1, spec.columns.length);
      const cell = sheet.getCell(i + 1, 1);
      cell.value = line.text;
      cell.font = { bold: line.bold ?? false, size: line.size };
      cell.alignment = { horizontal: 'center' };
    });
    const header = sheet.getRow(at);
    header.values = spec.columns.map((c) => c.header);
    header.font = { bold: true };
    if (spec.print) {
      header.eachCell((cell) => {
        cell.font = { bold: true };
        cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE0EBE8' } };
        cell.border = THIN;
      });
      header.height = 45;
    }
    spec.rows.forEach((cells, i) => {
      const row = sheet.getRow(at + 1 + i);
      row.values = cells;
      if (spec.print) {
        row.eachCell({ includeEmpty: true }, (cell) => {
          cell.alignment = { wrapText: true, vertical: 'top' };
          cell.border = THIN;
        });
      }
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
