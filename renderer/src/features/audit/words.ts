// The audit trail in plain words: each action key main writes ("destruction.execute") as a person
// says it, in Indonesian and English, and the details of an entry as "Status: disetujui → selesai"
// instead of raw JSON. Unknown keys fall back to themselves: a new action is shown, never hidden.
import type { AuditEntry, Bilingual } from '../../../../preload/contract.ts';
import { pick } from '../../i18n/index.ts';

const ACTIONS: Record<string, Bilingual> = {
  'account.create': { id: 'Akun dibuat', en: 'Account created' },
  'account.lock': { id: 'Akun dikunci', en: 'Account locked' },
  'account.login': { id: 'Masuk', en: 'Signed in' },
  'account.login-failed': { id: 'Gagal masuk', en: 'Failed sign-in' },
  'account.logout': { id: 'Keluar', en: 'Signed out' },
  'account.password-change': { id: 'Kata sandi diganti', en: 'Password changed' },
  'account.password-reset': { id: 'Kata sandi diatur ulang', en: 'Password reset' },
  'account.profile': { id: 'Profil (nama, NIP, jabatan) diubah', en: 'Profile (name, NIP, position) changed' },
  'account.settings': { id: 'Pengaturan akun diubah', en: 'Account settings changed' },
  'account.setup': { id: 'Admin pertama dibuat', en: 'First admin created' },
  'account.update': { id: 'Akun diubah', en: 'Account changed' },
  'archive.restore': { id: 'Arsip dipulihkan dari cadangan', en: 'Archive restored from a backup' },
  deny: { id: 'Akses ditolak', en: 'Access refused' },
  'destruction.confirm-condition': { id: 'Pengecualian JRA dinyatakan tidak berlaku', en: 'JRA exception confirmed not to apply' },
  'destruction.execute': { id: 'Pemusnahan dilaksanakan', en: 'Destruction carried out' },
  'destruction.lkd': { id: 'Pertimbangan lembaga kearsipan daerah dicatat', en: "Regional archives agency's opinion recorded" },
  'disposition.approval': { id: 'Persetujuan daftar dicatat', en: 'List approval recorded' },
  'disposition.remove-items': { id: 'Arsip dikeluarkan dari daftar', en: 'Records removed from a list' },
  'document.export': { id: 'Dokumen diekspor', en: 'Document exported' },
  'document.generate': { id: 'Dokumen dibuat', en: 'Document generated' },
  'document.ocr-cancel': { id: 'OCR dibatalkan', en: 'OCR cancelled' },
  'document.ocr-retry': { id: 'OCR diulang', en: 'OCR retried' },
  'document.open': { id: 'Dokumen dibuka', en: 'Document opened' },
  'document.copy': { id: 'Salinan dokumen disimpan', en: 'Copy of document saved' },
  'document.open-external': { id: 'Dokumen dibuka di aplikasi sistem', en: 'Document opened in a system program' },
  'document.unlock': { id: 'Kata sandi dokumen dibuka', en: 'Document password removed' },
  'dossier.attach': { id: 'Lampiran ditambahkan ke berkas pemusnahan', en: 'Attachment added to the case dossier' },
  'file.close': { id: 'Berkas ditutup', en: 'File closed' },
  'file.create': { id: 'Berkas dibuka', en: 'File opened' },
  'file.recode': { id: 'Kode berkas diubah', en: 'File recoded' },
  'file.reopen': { id: 'Berkas dibuka kembali', en: 'File reopened' },
  'handover.execute': { id: 'Penyerahan dilaksanakan', en: 'Handover carried out' },
  'hold.add-targets': { id: 'Penahanan diperluas', en: 'Legal hold extended' },
  'hold.create': { id: 'Penahanan ditetapkan', en: 'Legal hold set' },
  'hold.lift': { id: 'Penahanan dicabut', en: 'Legal hold lifted' },
  'jra.apply': { id: 'JRA diberlakukan', en: 'JRA put in force' },
  'jra.discard': { id: 'Impor JRA dibuang', en: 'JRA import discarded' },
  'jra.import': { id: 'JRA diimpor', en: 'JRA imported' },
  'portal.configure': { id: 'Pengaturan portal diubah', en: 'Portal settings changed' },
  'portal.confirm-withdrawals': { id: 'Penarikan massal dikonfirmasi', en: 'Mass withdrawal confirmed' },
  'portal.park': { id: 'Pengiriman ke portal ditahan', en: 'Portal push held back' },
  'portal.publish': { id: 'Dikirim ke portal', en: 'Sent to the portal' },
  'portal.queue-approved': { id: 'Arsip disetujui dimasukkan ke antrean portal', en: 'Approved records queued for the portal' },
  'portal.retry-parked': { id: 'Pengiriman yang tertahan dicoba lagi', en: 'Held-back pushes retried' },
  'portal.superseded': { id: 'Antrean portal digantikan', en: 'Portal queue item superseded' },
  'portal.token': { id: 'Token portal diubah', en: 'Portal token changed' },
  'portal.withdraw': { id: 'Ditarik dari portal', en: 'Withdrawn from the portal' },
  'publication.approve': { id: 'Publikasi disetujui', en: 'Publication approved' },
  'publication.cancel': { id: 'Usulan publikasi dibatalkan', en: 'Publication proposal cancelled' },
  'publication.classify': { id: 'Kategori informasi publik ditetapkan', en: 'Public-information category set' },
  'publication.dip-updated': { id: 'DIP berubah', en: 'DIP changed' },
  'publication.exemption-lapsed': { id: 'Masa pengecualian berakhir', en: 'Exemption lapsed' },
  'publication.propose': { id: 'Diusulkan untuk publikasi', en: 'Proposed for publication' },
  'publication.reject': { id: 'Usulan publikasi ditolak', en: 'Publication proposal rejected' },
  'publication.settings': { id: 'Pengaturan DIP/DIK diubah', en: 'DIP/DIK settings changed' },
  'publication.withdraw': { id: 'Publikasi ditarik', en: 'Publication withdrawn' },
  'reappraisal.decide': { id: 'Penilaian ulang diputuskan', en: 'Reappraisal decided' },
  'record.create': { id: 'Arsip dicatat', en: 'Record created' },
  'record.update': { id: 'Metadata arsip diubah', en: 'Record metadata changed' },
  'record.destroy': { id: 'Arsip dimusnahkan', en: 'Record destroyed' },
  'record.handover': { id: 'Arsip diserahkan', en: 'Record handed over' },
  'record.transfer': { id: 'Arsip dipindahkan', en: 'Record transferred' },
  'record.import': { id: 'Dokumen diimpor', en: 'Document imported' },
  'scheme.add-code': { id: 'Kode klasifikasi ditambahkan', en: 'Classification code added' },
  'scheme.import': { id: 'Pola klasifikasi diimpor', en: 'Classification scheme imported' },
  'search.delete': { id: 'Pencarian tersimpan dihapus', en: 'Saved search deleted' },
  'search.save': { id: 'Pencarian disimpan', en: 'Search saved' },
  'settings.letter-number-patterns': { id: 'Pola nomor naskah diubah', en: 'Letter-number patterns changed' },
  'settings.letterhead': { id: 'Kop surat diubah', en: 'Letterhead changed' },
  'settings.ocr': { id: 'Pengaturan OCR diubah', en: 'OCR settings changed' },
  'transfer.boxes': { id: 'Nomor boks dan folder dicatat', en: 'Box and folder numbers recorded' },
  'transfer.execute': { id: 'Pemindahan dilaksanakan', en: 'Transfer carried out' },
};

const FIELDS: Record<string, Bilingual> = {
  state: { id: 'Status', en: 'State' },
  status: { id: 'Status', en: 'Status' },
  subject: { id: 'Perihal', en: 'Subject' },
  classificationCode: { id: 'Kode', en: 'Code' },
  code: { id: 'Kode', en: 'Code' },
  letterNumber: { id: 'Nomor naskah', en: 'Letter number' },
  letterDate: { id: 'Tanggal naskah', en: 'Letter date' },
  category: { id: 'Kategori', en: 'Category' },
  publicCategory: { id: 'Kategori', en: 'Category' },
  securityClass: { id: 'Klasifikasi keamanan', en: 'Security class' },
  location: { id: 'Lokasi', en: 'Location' },
  reason: { id: 'Alasan', en: 'Reason' },
  comment: { id: 'Komentar', en: 'Comment' },
  note: { id: 'Catatan', en: 'Note' },
  roles: { id: 'Peran', en: 'Roles' },
  name: { id: 'Nama', en: 'Name' },
  displayName: { id: 'Nama lengkap', en: 'Full name' },
  nip: { id: 'NIP', en: 'NIP' },
  jabatan: { id: 'Jabatan', en: 'Position' },
  title: { id: 'Judul', en: 'Title' },
  closedAt: { id: 'Ditutup', en: 'Closed' },
  baNumber: { id: 'Nomor berita acara', en: 'Record of destruction no.' },
};

const VALUES: Record<string, Bilingual> = {
  proposed: { id: 'diusulkan', en: 'proposed' },
  approved: { id: 'disetujui', en: 'approved' },
  rejected: { id: 'ditolak', en: 'rejected' },
  cancelled: { id: 'dibatalkan', en: 'cancelled' },
  withdrawn: { id: 'ditarik', en: 'withdrawn' },
  done: { id: 'selesai', en: 'done' },
  draft: { id: 'konsep', en: 'draft' },
  aktif: { id: 'aktif', en: 'active' },
  inaktif: { id: 'inaktif', en: 'inactive' },
  musnah: { id: 'musnah', en: 'destroyed' },
  'wrong-password': { id: 'kata sandi salah', en: 'wrong password' },
  'unknown-user': { id: 'nama pengguna tidak dikenal', en: 'unknown user name' },
  locked: { id: 'akun terkunci', en: 'account locked' },
  true: { id: 'ya', en: 'yes' },
  false: { id: 'tidak', en: 'no' },
};

export function actionWords(action: string): string {
  const words = ACTIONS[action];
  return words ? pick(words) : action;
}

function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map(value).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  const words = VALUES[String(v)];
  return words ? pick(words) : String(v);
}

const field = (k: string) => (FIELDS[k] ? pick(FIELDS[k]) : k);

function parse(s: string | null): unknown {
  if (!s) return null;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}

/** "Status: disetujui → selesai · Perihal: …": a changed field once, with its old and new value. */
export function detailWords(entry: Pick<AuditEntry, 'before' | 'after'>): string {
  const before = parse(entry.before);
  const after = parse(entry.after);
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) || isObject(after)) {
    const b = isObject(before) ? before : {};
    const a = isObject(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys
      .map((k) => {
        if (k in b && k in a) return JSON.stringify(b[k]) === JSON.stringify(a[k]) ? `${field(k)}: ${value(a[k])}` : `${field(k)}: ${value(b[k])} → ${value(a[k])}`;
        return `${field(k)}: ${value(k in a ? a[k] : b[k])}`;
      })
      .join(' · ');
  }
  if (before !== null && after !== null) return `${value(before)} → ${value(after)}`;
  return after !== null ? value(after) : before !== null ? value(before) : '';
}
