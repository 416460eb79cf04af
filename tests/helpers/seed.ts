// Fills an archive with many realistic records quickly, through the real insert functions (audit
// and search index included), for UI tests and benchmarks of the records list.
import { insertRecord, reindexRecordMetadata, DEFAULT_FIELDS } from '../../main/archive/records.ts';
import type { Archive } from '../../main/archive/open.ts';

const SUBJECTS = [
  'Undangan rapat koordinasi penyusunan RKA',
  'Laporan realisasi anggaran triwulan',
  'Permohonan informasi publik',
  'Surat keputusan pengangkatan pejabat fungsional',
  'Nota dinas pemeliharaan jalan kabupaten',
  'Berita acara serah terima barang milik daerah',
  'Perjalanan dinas dalam negeri',
  'Pengadaan langsung alat tulis kantor',
  'Rekapitulasi kehadiran pegawai',
  'Laporan kegiatan penanggulangan bencana',
];
const CODES = ['000.1.2', '000.1.5', '000.2.4', '000.3.2', '100.1', '400.5', '500.12.16.3', '600.1', '600.1.2', '800.1', '900.1'];
const UNITS = ['Sekretariat', 'Bidang Bina Marga', 'Bidang Sumber Daya Air', 'BPBD-KL', 'Subbag Umum'];

/** Deterministic pseudo-random so a failing test can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function seedRecords(archive: Archive, count: number, seed = 42): void {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const { db } = archive;
  const batch = 5000;
  for (let start = 0; start < count; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(count, start + batch); i++) {
        const year = 2015 + Math.floor(random() * 12);
        const month = 1 + Math.floor(random() * 12);
        const day = 1 + Math.floor(random() * 28);
        const code = pick(CODES);
        const id = insertRecord(
          db,
          {
            ...DEFAULT_FIELDS,
            subject: `${pick(SUBJECTS)} ${i + 1}`,
            letterNumber: `B/${code}/${100 + (i % 900)}/${pick(UNITS).replace(/\s+/g, '-')}/${year}`,
            letterDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
            classificationCode: code,
            originatingUnit: pick(UNITS),
          },
          'seed',
        );
        reindexRecordMetadata(db, id);
      }
    })();
  }
}
