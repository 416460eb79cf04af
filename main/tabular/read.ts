// Reads a table (header row + rows) from a CSV or XLSX file that an admin brings in: classification
// schemes, retention schedules. Values come back as trimmed strings keyed by lower-cased header.
// It never guesses a format: anything but .csv/.xlsx is refused with a message saying what to do.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { appError } from '../errors.ts';

export type Row = Record<string, string>;

export interface Table {
  headers: string[];
  rows: Row[];
  /** 1-based line (CSV) or row (XLSX) number of each row, for error messages. */
  lineNumbers: number[];
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM; ',' or ';' (Excel in
 *  Indonesian locale saves with ';') detected from the header line. */
export function parseCsv(text: string): string[][] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw appError('validation', 'Berkas CSV rusak: ada tanda kutip yang tidak ditutup.', 'The CSV file is damaged: a quote is never closed.');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((v) => v.trim() !== ''));
}

function toTable(matrix: string[][], lineNumbers: number[]): Table {
  const [header, ...body] = matrix;
  if (!header) throw appError('validation', 'Berkas kosong: tidak ada baris judul kolom.', 'The file is empty: there is no header row.');
  const headers = header.map((h) => h.trim().toLowerCase());
  const rows = body.map((cells) => {
    const row: Row = {};
    headers.forEach((h, i) => (row[h] = (cells[i] ?? '').trim()));
    return row;
  });
  return { headers, rows, lineNumbers: lineNumbers.slice(1) };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return value.result == null ? '' : String(value.result);
    if ('text' in value) return String(value.text);
  }
  return String(value);
}

export async function readTable(file: string): Promise<Table> {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') {
    const matrix = parseCsv(await readFile(file, 'utf8'));
    return toTable(matrix, matrix.map((_, i) => i + 1));
  }
  if (ext === '.xlsx') {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.readFile(file);
    } catch (error) {
      throw appError('validation', `Berkas XLSX tidak dapat dibaca: ${(error as Error).message}`, `The XLSX file cannot be read: ${(error as Error).message}`);
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw appError('validation', 'Berkas XLSX tidak berisi lembar kerja.', 'The XLSX file has no worksheet.');
    const matrix: string[][] = [];
    const numbers: number[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value));
      if (cells.some((v) => v.trim() !== '')) {
        matrix.push(cells);
        numbers.push(rowNumber);
      }
    });
    return toTable(matrix, numbers);
  }
  throw appError(
    'validation',
    `Format berkas ${ext || '(tanpa ekstensi)'} tidak didukung. Simpan tabel sebagai .csv atau .xlsx lalu coba lagi.`,
    `File format ${ext || '(no extension)'} is not supported. Save the table as .csv or .xlsx and try again.`,
  );
}
