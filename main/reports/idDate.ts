// Dates and numbers as Indonesian official documents write them: "12 Maret 2026", and the spelled
// out opening of a berita acara ("Pada hari ini Kamis tanggal dua belas bulan Maret tahun dua ribu
// dua puluh enam"). Works on YYYY-MM-DD strings; the weekday comes from UTC arithmetic on the
// calendar date, so no time zone can change it.

export const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'] as const;
export const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;

const SATUAN = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];

/** 0 ≤ n < 1,000,000 in words: 21 → "dua puluh satu", 1000 → "seribu", 2026 → "dua ribu dua puluh enam". */
export function terbilang(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) throw new RangeError(`terbilang: ${n}`);
  if (n === 0) return 'nol';
  const words = (x: number): string => {
    if (x < 12) return SATUAN[x]!;
    if (x < 20) return `${SATUAN[x - 10]} belas`;
    if (x < 100) return `${SATUAN[Math.floor(x / 10)]} puluh ${words(x % 10)}`.trim();
    if (x < 200) return `seratus ${words(x - 100)}`.trim();
    if (x < 1000) return `${SATUAN[Math.floor(x / 100)]} ratus ${words(x % 100)}`.trim();
    if (x < 2000) return `seribu ${words(x - 1000)}`.trim();
    return `${words(Math.floor(x / 1000))} ribu ${words(x % 1000)}`.trim();
  };
  return words(n);
}

function parts(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** "2026-03-12" → "12 Maret 2026"; a partial date stays partial: "2026-03" → "Maret 2026", "2026" → "2026". */
export function tanggal(date: string | null | undefined): string {
  if (!date) return '-';
  if (/^\d{4}$/.test(date)) return date;
  const month = /^(\d{4})-(\d{2})$/.exec(date);
  if (month) return `${BULAN[Number(month[2]) - 1]} ${month[1]}`;
  const [y, m, d] = parts(date.slice(0, 10));
  return `${d} ${BULAN[m - 1]} ${y}`;
}

export function hari(date: string): string {
  const [y, m, d] = parts(date);
  return HARI[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
}

/** "Kamis tanggal dua belas bulan Maret tahun dua ribu dua puluh enam" */
export function hariTanggalTerbilang(date: string): string {
  const [y, m, d] = parts(date);
  return `${hari(date)} tanggal ${terbilang(d)} bulan ${BULAN[m - 1]} tahun ${terbilang(y)}`;
}

/** The span of dates a list covers ("2019 - 2021", "2020"), as kurun waktu is written. */
export function kurunWaktu(from: string | null, to: string | null): string {
  const a = from?.slice(0, 4);
  const b = to?.slice(0, 4);
  if (!a && !b) return '-';
  if (!a || !b || a === b) return (a ?? b)!;
  return `${a} - ${b}`;
}
