// The DIP/DIK as a PDF for the PPID utama and e-Monev evidence: A4 landscape, a table whose long
// texts wrap, the header row repeated on every page (a row taller than a page continues on the
// next, nothing cut), a running title and page numbers. Drawn with the one PDF writer
// (reports/pdf.ts); this module only lays the register out.
import { rgb } from 'pdf-lib';
import { PdfWriter, type Kop } from '../reports/pdf.ts';
import type { RegisterTable } from './registers.ts';

const GREY = rgb(0.35, 0.35, 0.35);

/** `kop`: the office's letterhead, drawn above the title on the first page. */
export async function registerPdf(table: RegisterTable, generatedAt = new Date(), kop: Kop | null = null): Promise<Uint8Array> {
  const heading = table.agency ? `${table.title} — ${table.agency}` : table.title;
  const stamp = `Dibuat dengan Berkas, ${generatedAt.toLocaleString('id-ID', { dateStyle: 'long', timeStyle: 'short' })}`;
  const w = await PdfWriter.create({ title: heading, createdAt: generatedAt }, stamp);
  w.margin = { top: 36, right: 32, bottom: 30, left: 32 };
  await w.registerHead({ title: table.title, agency: table.agency, subtitle: table.asOf, running: heading, kop });
  w.table(
    table.columns.map((c) => ({ header: c.header, width: c.width })),
    table.rows,
    { size: 8.5, headerSize: 8, pad: 4, splitRows: true, headerFill: [0.88, 0.92, 0.91], border: [0.55, 0.55, 0.55] },
  );
  if (table.rows.length === 0) {
    w.page.drawRectangle({ x: w.margin.left, y: w.y - 24, width: w.contentWidth, height: 24, borderColor: rgb(0.55, 0.55, 0.55), borderWidth: 0.6 });
    w.page.drawText('Belum ada informasi dalam daftar ini.', { x: w.margin.left + 4, y: w.y - 16, size: 8.5, font: w.regular, color: GREY });
  }
  return w.finish();
}
