// Texts of the drop folders ("folder pantau"): the settings card, its history, and the import
// panel's feed. Registered with i18n/ as the `dropFolder` section when first imported.
import { registerTexts } from '../../i18n/index.ts';

export const dropFolderId = {
  title: 'Folder pantau (pemindai)',
  help: 'Dokumen yang disimpan pemindai ke folder ini diimpor otomatis setelah selesai ditulis, lalu dipindah ke subfolder “diimpor” atau “ditolak” agar tidak diimpor dua kali. Bisa folder lokal atau folder bersama di jaringan.',
  none: 'Belum ada folder pantau.',
  columns: { folder: 'Folder', state: 'Keadaan', waiting: 'Menunggu', lastScan: 'Diperiksa', subfolders: 'Subfolder' },
  state: { watching: 'Dipantau', offline: 'Tidak terjangkau' },
  offlineHint: 'Folder tidak dapat dibaca ({{error}}). Berkas terus mencoba; periksa apakah folder bersama sedang tersambung.',
  remove: 'Hapus',
  removeConfirm: 'Berhenti memantau {{path}}? Dokumen yang sudah diimpor tetap di arsip.',
  add: 'Tambah folder pantau…',
  adding: 'Memilih folder…',
  importedDir: 'Subfolder untuk yang diimpor',
  rejectedDir: 'Subfolder untuk yang ditolak',
  code: 'Kode klasifikasi awal (boleh kosong)',
  noPicker: 'Folder pantau dipilih lewat dialog folder aplikasi desktop Berkas. Di sini tidak ada dialog itu; IT dapat memakai perintah “berkas watch FOLDER”.',
  added: 'Folder {{path}} sekarang dipantau.',
  history: 'Riwayat folder pantau',
  historyEmpty: 'Belum ada dokumen yang diambil dari folder pantau.',
  historyColumns: { at: 'Waktu', file: 'Dokumen', status: 'Hasil', reason: 'Keterangan' },
  status: { imported: 'Diimpor', duplicate: 'Duplikat', rejected: 'Ditolak' },
  movedTo: 'dipindah ke {{path}}',
  openRecord: 'Buka arsip {{id}}',
  feedTitle: 'Dari folder pantau',
};

export const dropFolderEn: typeof dropFolderId = {
  title: 'Drop folders (scanner)',
  help: 'Files a scanner saves into these folders are imported automatically once they are fully written, then moved into the “imported” or “rejected” subfolder so nothing is imported twice. A local folder or a network share.',
  none: 'No drop folder yet.',
  columns: { folder: 'Folder', state: 'State', waiting: 'Waiting', lastScan: 'Checked', subfolders: 'Subfolders' },
  state: { watching: 'Watched', offline: 'Unreachable' },
  offlineHint: 'The folder cannot be read ({{error}}). Berkas keeps trying; check that the network share is connected.',
  remove: 'Remove',
  removeConfirm: 'Stop watching {{path}}? Files already imported stay in the archive.',
  add: 'Add a drop folder…',
  adding: 'Choosing a folder…',
  importedDir: 'Subfolder for imported files',
  rejectedDir: 'Subfolder for rejected files',
  code: 'Initial classification code (optional)',
  noPicker: 'Drop folders are chosen in the folder dialog of the Berkas desktop app. There is no such dialog here; IT can use the command “berkas watch FOLDER”.',
  added: 'The folder {{path}} is now watched.',
  history: 'Drop-folder history',
  historyEmpty: 'No file has been taken from a drop folder yet.',
  historyColumns: { at: 'Time', file: 'File', status: 'Result', reason: 'Details' },
  status: { imported: 'Imported', duplicate: 'Duplicate', rejected: 'Rejected' },
  movedTo: 'moved to {{path}}',
  openRecord: 'Open record {{id}}',
  feedTitle: 'From drop folders',
};

registerTexts('dropFolder', { id: dropFolderId, en: dropFolderEn });
