// Texts of OCR (reading scans): the document's status, the queue, the settings card. Registered
// with i18n/ as the `ocr` section when this module is first imported.
import { registerTexts } from '../../i18n/index.ts';

export const ocrId = {
  status: {
    pending: 'OCR: membaca {{done}} dari {{total}} halaman',
    pendingQueued: 'OCR: menunggu giliran ({{total}} halaman)',
    done: 'OCR selesai · keyakinan {{confidence}}%',
    doneNoConfidence: 'OCR selesai',
    failed: 'OCR gagal',
    cancelled: 'OCR dibatalkan ({{done}} dari {{total}} halaman terbaca)',
  },
  partial: 'Sebagian halaman tidak terbaca.',
  technical: 'Rincian teknis',
  cancel: 'Batalkan OCR',
  retry: 'Baca ulang (OCR)',
  retried: 'OCR dijadwalkan ulang: {{count}} halaman.',
  nothingToRetry: 'Tidak ada halaman yang perlu dibaca ulang.',
  progressLabel: 'Kemajuan OCR {{name}}',
  queue: {
    idle: 'OCR: tidak ada pindaian yang menunggu.',
    busy: 'OCR: {{pages}} halaman dari {{documents}} dokumen menunggu · {{reading}} sedang dibaca ({{workers}} pekerja)',
    userActive: 'OCR menunggu komputer tidak dipakai (mode waktu luang): {{pages}} halaman dari {{documents}} dokumen.',
    disabled: 'OCR dimatikan: {{pages}} halaman dari {{documents}} dokumen belum dibaca.',
  },
  settings: {
    title: 'OCR (membaca teks pindaian)',
    help: 'Halaman tanpa lapisan teks (pindaian, foto, TIFF) dibaca di komputer ini, tanpa internet, lalu masuk ke pencarian. Berkas aslinya tidak pernah diubah.',
    enabled: 'Baca pindaian dengan OCR',
    languages: 'Bahasa teks',
    ind: 'Bahasa Indonesia',
    eng: 'Bahasa Inggris',
    languageHint: 'Pilih setidaknya satu bahasa. Dua bahasa sekaligus lebih lambat.',
    when: 'Kapan dibaca',
    whenImport: 'Langsung setelah impor',
    whenIdle: 'Hanya saat komputer tidak dipakai',
    save: 'Simpan pengaturan OCR',
    saved: 'Pengaturan OCR disimpan.',
    adminOnly: 'Hanya admin yang dapat mengubah pengaturan ini.',
    needLanguage: 'Pilih setidaknya satu bahasa.',
  },
};

export const ocrEn: typeof ocrId = {
  status: {
    pending: 'OCR: reading {{done}} of {{total}} pages',
    pendingQueued: 'OCR: waiting its turn ({{total}} pages)',
    done: 'OCR done · confidence {{confidence}}%',
    doneNoConfidence: 'OCR done',
    failed: 'OCR failed',
    cancelled: 'OCR cancelled ({{done}} of {{total}} pages read)',
  },
  partial: 'Some pages could not be read.',
  technical: 'Technical details',
  cancel: 'Cancel OCR',
  retry: 'Read again (OCR)',
  retried: 'OCR queued again: {{count}} pages.',
  nothingToRetry: 'No page needs reading again.',
  progressLabel: 'OCR progress of {{name}}',
  queue: {
    idle: 'OCR: no scans waiting.',
    busy: 'OCR: {{pages}} pages of {{documents}} documents waiting · {{reading}} being read ({{workers}} workers)',
    userActive: 'OCR waits until the computer is not in use (idle-time mode): {{pages}} pages of {{documents}} documents.',
    disabled: 'OCR is off: {{pages}} pages of {{documents}} documents not read yet.',
  },
  settings: {
    title: 'OCR (reading scanned text)',
    help: 'Pages without a text layer (scans, photos, TIFF) are read on this computer, without internet, and go into search. The original file is never changed.',
    enabled: 'Read scans with OCR',
    languages: 'Text languages',
    ind: 'Indonesian',
    eng: 'English',
    languageHint: 'Choose at least one language. Two languages at once is slower.',
    when: 'When to read',
    whenImport: 'Right after import',
    whenIdle: 'Only while the computer is not in use',
    save: 'Save OCR settings',
    saved: 'OCR settings saved.',
    adminOnly: 'Only an admin can change these settings.',
    needLanguage: 'Choose at least one language.',
  },
};

registerTexts('ocr', { id: ocrId, en: ocrEn });
