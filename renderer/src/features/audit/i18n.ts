// Texts of the Audit screen: Bahasa Indonesia first, English second. Registered with i18n/ as the
// `audit` section when this module is first imported.
import { registerTexts } from '../../i18n/index.ts';

export const auditId = {
  loading: 'Memuat…',
  lead: 'Setiap perubahan, pembukaan dokumen, ekspor, login, dan keputusan publikasi tercatat berantai dan tidak dapat diubah.',
  filters: { user: 'Pengguna', action: 'Tindakan', record: 'Nomor ID arsip', from: 'Dari tanggal', to: 'Sampai tanggal', all: 'Semua', reset: 'Hapus filter', family: 'semua {{family}}.*' },
  columns: { at: 'Waktu', actor: 'Pengguna', action: 'Tindakan', object: 'Objek', details: 'Rincian' },
  empty: 'Tidak ada catatan yang cocok dengan filter ini.',
  range: '{{from}}–{{to}} dari {{total}}',
  prev: 'Sebelumnya',
  next: 'Berikutnya',
  export: 'Ekspor CSV',
  exported: 'Jejak audit tersimpan ({{rows}} catatan): {{path}}',
  verify: 'Periksa rantai',
  verifying: 'Memeriksa…',
  verifyOk: 'Rantai utuh: {{entries}} catatan, tidak ada yang diubah atau dihapus (diperiksa {{when}}).',
  verifyBroken: 'Rantai RUSAK di {{count}} tempat: ada catatan yang diubah atau dihapus di luar Berkas. Laporkan ke admin dan simpan salinan basis data ini.',
  noAccess: 'Jejak audit hanya dapat dibuka oleh atasan. Minta admin menambahkan peran atasan bila Anda memerlukannya.',
  objects: { record: 'Arsip', document: 'Dokumen', user: 'Pengguna', file: 'Berkas', settings: 'Pengaturan', dip: 'DIP', dik: 'DIK', audit: 'Audit' },
  dismiss: 'Tutup',
};

export const auditEn: typeof auditId = {
  loading: 'Loading…',
  lead: 'Every change, document opening, export, login and publication decision is recorded in a chain that cannot be altered.',
  filters: { user: 'User', action: 'Action', record: 'Record ID', from: 'From', to: 'To', all: 'All', reset: 'Clear filters', family: 'all {{family}}.*' },
  columns: { at: 'Time', actor: 'User', action: 'Action', object: 'Object', details: 'Details' },
  empty: 'No entries match these filters.',
  range: '{{from}}–{{to}} of {{total}}',
  prev: 'Previous',
  next: 'Next',
  export: 'Export CSV',
  exported: 'Audit trail saved ({{rows}} entries): {{path}}',
  verify: 'Verify chain',
  verifying: 'Checking…',
  verifyOk: 'The chain holds: {{entries}} entries, none altered or removed (checked {{when}}).',
  verifyBroken: 'The chain is BROKEN in {{count}} place(s): entries were altered or removed outside Berkas. Tell the admin and keep a copy of this database.',
  noAccess: 'Only supervisors can open the audit trail. Ask an admin to add the supervisor role if you need it.',
  objects: { record: 'Record', document: 'Document', user: 'User', file: 'File', settings: 'Settings', dip: 'DIP', dik: 'DIK', audit: 'Audit' },
  dismiss: 'Dismiss',
};

registerTexts('audit', { id: auditId, en: auditEn });
