// Box and folder labels for paper files (issue 13.7): a folder label per file with its code,
// number, title, period, box and folder and a QR code of its label code (the file number) that
// the records screen looks up when a hand scanner types it; a box label per box with the files
// it holds. Written to the archive's export folder (owner-only) and audited like every export.
import { writeFileSync } from 'node:fs';
import type { FileView } from '../../preload/contract.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError } from '../errors.ts';
import { PRIVATE_FILE_MODE } from '../kernel/private-files.ts';
import { kurunWaktu } from '../reports/idDate.ts';
import { labelSheet, type LabelSpec } from '../reports/labels.ts';
import { printLetterhead } from '../reports/letterhead.ts';
import { codeSortKey } from './codes.ts';
import { getFile } from './files.ts';

const period = (f: FileView) => kurunWaktu(f.dateFrom ?? f.openedAt, f.dateTo ?? f.closedAt ?? f.dateFrom ?? f.openedAt);
const place = (f: FileView) => [f.location.room, f.location.shelf].filter(Boolean).join(', ');

function folderLabel(over: string, f: FileView): LabelSpec {
  return {
    over,
    heading: f.classificationCode,
    rows: [
      ['Nomor berkas', f.fileNumber ?? '-'],
      ['Judul', f.title],
      ['Kurun waktu', period(f)],
      ['Boks / folder', `${f.location.box ?? '-'} / ${f.location.folder ?? '-'}`],
      ...(place(f) ? ([['Lokasi', place(f)]] as [string, string][]) : []),
    ],
    qr: f.labelCode,
  };
}

function boxLabels(over: string, files: FileView[]): LabelSpec[] {
  const boxes = new Map<string, FileView[]>();
  const without: number[] = [];
  for (const f of files) {
    if (!f.location.box) without.push(f.id);
    else boxes.set(f.location.box, [...(boxes.get(f.location.box) ?? []), f]);
  }
  if (without.length) {
    throw appError(
      'validation',
      `Berkas ${without.join(', ')} belum punya nomor boks; isi lokasinya (Berkas › Lokasi) sebelum mencetak label boks.`,
      `File(s) ${without.join(', ')} have no box number yet; fill in their location (Files › Location) before printing box labels.`,
    );
  }
  return [...boxes.entries()].map(([box, inBox]) => {
    inBox.sort((a, b) => codeSortKey(a.classificationCode).localeCompare(codeSortKey(b.classificationCode)) || a.id - b.id);
    const years = inBox.flatMap((f) => [f.dateFrom ?? f.openedAt, f.dateTo ?? f.closedAt ?? f.openedAt]).filter(Boolean).sort();
    const codes = [...new Set(inBox.map((f) => f.classificationCode))];
    return {
      over,
      heading: `BOKS ${box}`,
      // What someone at the shelf needs first: which numbers, how many, which years; the titles
      // last (a full box's list is cut at three lines: each folder label carries its own).
      rows: [
        ['Kode klasifikasi', codes.join(', ')],
        ['Nomor berkas', inBox.length === 1 ? inBox[0]!.labelCode : `${inBox[0]!.labelCode} s.d. ${inBox.at(-1)!.labelCode}`],
        ['Jumlah', `${inBox.length} berkas`],
        ['Kurun waktu', kurunWaktu(years[0] ?? null, years.at(-1) ?? null)],
        ...(place(inBox[0]!) ? ([['Lokasi', place(inBox[0]!)]] as [string, string][]) : []),
        ['Isi', inBox.map((f) => f.title).join('; ')],
      ],
    };
  });
}

/** Renders the labels of `fileIds` (in the order given), writes them to `path`, audits the export. */
export async function exportLabels(db: Db, input: { fileIds: readonly number[]; kind: 'folder' | 'box' }, actor: string, path: string, now = new Date()) {
  const files = [...new Set(input.fileIds)].map((id) => getFile(db, id));
  const lh = printLetterhead(db);
  const over = [lh.instansi, lh.unit].filter((s) => s.trim()).join(' · ') || 'Arsip';
  const labels = input.kind === 'folder' ? files.map((f) => folderLabel(over, f)) : boxLabels(over, files);
  const stamp = `Dibuat dengan Berkas, ${now.toLocaleString('id-ID', { dateStyle: 'long', timeStyle: 'short' })}`;
  const { bytes, pages } = await labelSheet({ title: input.kind === 'folder' ? 'Label folder' : 'Label boks', createdAt: now, footer: stamp }, input.kind, labels);
  writeFileSync(path, bytes, { mode: PRIVATE_FILE_MODE });
  db.transaction(() =>
    appendAudit(db, { actor, action: 'labels.export', entity: 'file', entityId: null, after: { kind: input.kind, files: files.map((f) => f.id), labels: labels.length, path } }),
  )();
  return { path, labels: labels.length, pages, bytes: bytes.length };
}
