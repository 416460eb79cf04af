// The Daftar Arsip Aktif / Inaktif as a PDF (A4 landscape, the header row repeated on every page,
// a signature block for the head of the records unit) or an XLSX sheet, through the one PDF writer
// and the one XLSX writer (reports/). Writes only the file it is given and audits the export.
import { writeFileSync } from 'node:fs';
import type { ArchiveListTable } from '../../preload/contract/retention.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { PRIVATE_FILE_MODE } from '../kernel/private-files.ts';
import { signatoryOf } from '../accounts/users.ts';
import { listSignatures } from '../reports/beritaAcara.ts';
import { printLetterhead } from '../reports/letterhead.ts';
import { PdfWriter } from '../reports/pdf.ts';
import { xlsxWorkbook } from '../reports/xlsx.ts';

/** `signer`: the account name of who exports (and signs) the list. */
export async function archiveListPdf(db: Db, table: ArchiveListTable, signer: string, generatedAt = new Date()): Promise<Uint8Array> {
  const heading = `${table.title} — ${table.unit}, ${table.period}`;
  const stamp = `Dibuat dengan Berkas, ${generatedAt.toLocaleString('id-ID', { dateStyle: 'long', timeStyle: 'short' })}`;
  const w = await PdfWriter.create({ title: heading, createdAt: generatedAt }, stamp);
  w.margin = { top: 36, right: 28, bottom: 30, left: 28 };
  const lh = printLetterhead(db);
  await w.registerHead({ title: table.title, agency: table.agency, subtitle: `Unit pengolah: ${table.unit} · ${table.period} · ${table.asOf}`, running: heading, kop: lh });
  w.table(
    table.columns.map((c) => ({ header: c.header, width: c.width })),
    table.rows.length ? table.rows : [table.columns.map((_, i) => (i === 0 ? 'Tidak ada arsip dalam daftar ini.' : ''))],
    { size: 8, headerSize: 7.5, pad: 3.5, splitRows: true, headerFill: [0.88, 0.92, 0.91], border: [0.55, 0.55, 0.55] },
  );
  w.space(6);
  w.text(`Jumlah: ${table.files} berkas, ${table.records} arsip.`, { size: 9 });
  w.space(12);
  const day = table.asOf.replace(/^Keadaan per /, '');
  w.signatures(listSignatures(lh, lh.kota ? `${lh.kota}, ${day}` : day, signatoryOf(db, signer)), { size: 10 });
  return w.finish();
}

export async function archiveListXlsx(table: ArchiveListTable, generatedAt = new Date()): Promise<Buffer> {
  return xlsxWorkbook(
    [
      {
        name: table.kind === 'aktif' ? 'DAA' : 'DAI',
        columns: table.columns.map((c) => ({ header: c.header, width: Math.max(6, Math.round(c.width * 2.2)) })),
        rows: table.rows.map((cells) => cells.map((v, c) => (c === 0 && /^\d+$/.test(v) ? Number(v) : v))),
        title: [
          { text: table.title, size: 14, bold: true },
          { text: table.agency, size: 12, bold: true },
          { text: `Unit pengolah: ${table.unit} · ${table.period} · ${table.asOf}`, size: 10 },
        ],
        freezeHeader: true,
        print: true,
      },
    ],
    { created: generatedAt, title: table.title },
  );
}

/** Renders the list, writes it to `path`, and audits the export. */
export async function exportArchiveList(db: Db, actor: string, table: ArchiveListTable, format: 'pdf' | 'xlsx', path: string): Promise<{ path: string; rows: number; bytes: number }> {
  const bytes = format === 'pdf' ? await archiveListPdf(db, table, actor) : await archiveListXlsx(table);
  writeFileSync(path, bytes, { mode: PRIVATE_FILE_MODE });
  db.transaction(() =>
    appendAudit(db, { actor, action: `archive-list.export`, entity: 'archive-list', entityId: null, after: { kind: table.kind, unit: table.unit, period: table.period, format, rows: table.rows.length, path } }),
  )();
  return { path, rows: table.rows.length, bytes: bytes.length };
}
