// Handover (penyerahan) of permanent records to the archives agency (lembaga kearsipan): the list,
// the supervisor's approval, the berita acara penyerahan with its list, and an export package
// folder — the documents, the list as XLSX and CSV, and the berita acara — that the agency takes.
// Held records are not handed over. The documents' bytes stay in this archive as well (status
// 'diserahkan'); nothing here removes content.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Signatory } from '../../preload/contract/retention.ts';
import type { Archive } from '../archive/open.ts';
import { liveDocumentsOf } from '../archive/queries.ts';
import { setRecordStatus } from '../archive/records.ts';
import { objectPath } from '../archive/store.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError } from '../errors.ts';
import { beritaAcaraPenyerahan } from '../reports/beritaAcara.ts';
import { printLetterhead } from '../reports/letterhead.ts';
import { createCase, listRow, propose, type LoadedItem } from './cases.ts';
import { executeCase } from './execute.ts';
import { assertExecutable, simpleCheck } from './transfer.ts';
import { csvCell } from '../reports/csv.ts';
import { xlsxWorkbook } from '../reports/xlsx.ts';

export function createHandover(db: Db, input: { fileIds: number[]; recordIds: number[]; title: string; recipient: string }, actor: string, today: string, now = new Date().toISOString()): number {
  return db.transaction(() => {
    const proposal = propose(db, 'handover', input.fileIds, input.recordIds, today);
    const versionId = proposal.accepted[0]?.snapshot.versionId ?? null;
    return createCase(db, 'handover', { title: input.title, recipient: input.recipient }, proposal, actor, now, versionId);
  })();
}

const HEADERS = ['No', 'ID arsip', 'Nomor naskah', 'Tanggal', 'Perihal', 'Kode klasifikasi', 'Nomor berkas', 'Judul berkas', 'Tingkat perkembangan', 'Media', 'Jumlah', 'Dasar JRA', 'Dokumen', 'SHA-256'];

interface ExportDoc {
  recordId: number;
  name: string;
  sha256: string;
  source: string;
}

function documentsOf(archive: Archive, items: LoadedItem[]): ExportDoc[] {
  const docs: ExportDoc[] = [];
  for (const item of items) {
    // Attachments before the main document, as the handover listing has always had them.
    const byRole = liveDocumentsOf(archive.db, item.recordId).sort((a, b) => (a.role === b.role ? a.id - b.id : a.role < b.role ? -1 : 1));
    for (const d of byRole) {
      // Exported names are ours: record id, document id and a cleaned original name.
      const clean = d.name.replace(/[^\p{L}\p{N}._ -]+/gu, '_').replace(/^\.+/, '').slice(0, 120) || 'dokumen';
      docs.push({ recordId: item.recordId, name: `${item.recordId}-${d.id}-${clean}`, sha256: d.sha256, source: objectPath(archive.layout, d.sha256) });
    }
  }
  return docs;
}

async function writePackage(dir: string, items: LoadedItem[], docs: ExportDoc[], baBytes: Uint8Array, baName: string): Promise<void> {
  await mkdir(join(dir, 'dokumen'), { recursive: true });
  for (const d of docs) await copyFile(d.source, join(dir, 'dokumen', d.name));
  const table = items.map((item, i) => {
    const rec = item.rec;
    const row = listRow(item);
    return [
      String(i + 1),
      String(item.recordId),
      rec?.letterNumber ?? '',
      rec?.letterDate ?? '',
      rec?.subject ?? '',
      rec?.code ?? '',
      rec?.fileNumber ?? '',
      rec?.fileTitle ?? '',
      rec?.developmentLevel ?? '',
      rec?.medium ?? '',
      row.jumlah,
      row.nasibAkhir ?? '',
      docs.filter((d) => d.recordId === item.recordId).map((d) => `dokumen/${d.name}`).join('; '),
      docs.filter((d) => d.recordId === item.recordId).map((d) => d.sha256).join('; '),
    ];
  });
  // A BOM so spreadsheet programs read the UTF-8 names right.
  await writeFile(join(dir, 'daftar-arsip.csv'), `\ufeff${[HEADERS, ...table].map((r) => r.map((c) => csvCell(c)).join(',')).join('\r\n')}\r\n`);
  const widths = [5, 9, 24, 12, 50, 14, 12, 30, 14, 12, 10, 30, 40, 20];
  const columns = HEADERS.map((header, i) => ({ header, width: widths[i] ?? 14 }));
  await writeFile(join(dir, 'daftar-arsip.xlsx'), await xlsxWorkbook([{ name: 'Daftar arsip statis', columns, rows: table }]));
  await writeFile(join(dir, baName), baBytes);
}

export async function executeHandover(
  archive: Archive,
  caseId: number,
  input: { baNumber: string; from: Signatory; to: Signatory; exportDir: string },
  actor: string,
  today: string,
): Promise<{ documentId: number; exportPath: string }> {
  const { db } = archive;
  const check = () => simpleCheck(db, caseId, 'handover', today);
  const assert = (c: ReturnType<typeof check>) => assertExecutable(c, { id: 'Penyerahan', en: 'Handover' });
  // Refused before a folder is chosen: the package is written only for a case that may go.
  assert(check());
  const base = resolve(input.exportDir);
  if (!existsSync(base)) throw appError('validation', `Folder tujuan ${base} tidak ada; pilih folder yang sudah ada.`, `The target folder ${base} does not exist; choose an existing folder.`);
  let exportPath = join(base, `penyerahan-arsip-statis-${caseId}-${today}`);
  for (let n = 2; existsSync(exportPath); n++) exportPath = join(base, `penyerahan-arsip-statis-${caseId}-${today}-${n}`);

  return executeCase(archive, {
    caseId,
    actor,
    baNumber: input.baNumber,
    today,
    pdfPrefix: 'BA-Penyerahan',
    dossierKind: 'ba-penyerahan',
    check,
    assert,
    draw: (pre) =>
      beritaAcaraPenyerahan({
        letterhead: printLetterhead(db),
        number: input.baNumber,
        date: today,
        recipient: pre.row.recipient ?? '-',
        from: input.from,
        to: input.to,
        files: new Set(pre.items.map((i) => i.fileId)).size,
        rows: pre.items.map(listRow),
      }),
    prepare: (pre, bytes, pdf) => writePackage(exportPath, pre.items, documentsOf(archive, pre.items), bytes, pdf.name),
    undo: () => rm(exportPath, { recursive: true, force: true }),
    listChanged: { id: 'Daftar berubah saat paket dibuat; ulangi.', en: 'The list changed while the package was written; try again.' },
    actOn: (db, item, c, now) => {
      if (!setRecordStatus(db, item.recordId, { status: 'diserahkan', from: ['aktif', 'inaktif'] }, actor, now)) {
        throw appError('conflict', `Arsip ${item.recordId} berubah status; ulangi.`, `Record ${item.recordId} changed status; try again.`);
      }
      appendAudit(db, { actor, action: 'record.handover', entity: 'record', entityId: item.recordId, before: { status: item.rec?.status }, after: { status: 'diserahkan', case: caseId, baNumber: input.baNumber, recipient: c.row.recipient }, at: now });
    },
    closing: { parties: { from: input.from, to: input.to }, exportPath },
    audit: (c, document) => ({ action: 'handover.execute', after: { baNumber: input.baNumber, records: c.items.length, exportPath, document } }),
    result: ({ documentId }) => ({ documentId, exportPath }),
  });
}
