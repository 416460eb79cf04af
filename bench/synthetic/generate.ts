// Deterministic synthetic records for the benchmark: Indonesian metadata as regional departments
// write it, and about 2 KB of body text per record drawn from a Zipf-like distribution over
// administrative vocabulary, so bm25 ranking, snippets and index size behave as on real archives.
// Record i is a pure function of (i, codes): queries can be derived from any record without storing
// it. Nothing here writes to a database; the builder does that through the app's own functions.
import type { RecordFields } from '../../preload/contract.ts';
import { COMMON_WORDS, FIRST_NAMES, LAST_NAMES, MONTHS, PLACES, ROMAN_MONTHS } from './words.ts';

/** Bumped whenever the generated content changes, so a cached archive built by older code is not reused. */
export const GENERATOR_VERSION = 1;

/** mulberry32: small, fast and good enough to make text look varied. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from a ranked list with weight 1/rank^s (binary search over the cumulative weights). */
class Zipf<T> {
  readonly #items: readonly T[];
  readonly #cumulative: Float64Array;

  constructor(items: readonly T[], s = 1) {
    this.#items = items;
    this.#cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < items.length; i++) {
      sum += 1 / (i + 1) ** s;
      this.#cumulative[i] = sum;
    }
    for (let i = 0; i < items.length; i++) this.#cumulative[i]! /= sum;
  }

  draw(random: () => number): T {
    const x = random();
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return this.#items[lo]!;
  }
}

const VOCABULARY = [...new Set(COMMON_WORDS)];
const WORDS = new Zipf(VOCABULARY, 1.0);
const PLACE = new Zipf(PLACES, 0.6);

/** [name, abbreviation used in letter numbers] — the larger departments write more letters. */
const UNITS: readonly (readonly [string, string])[] = [
  ['Sekretariat Daerah', 'SETDA'],
  ['Dinas Pekerjaan Umum dan Penataan Ruang', 'DPUPR'],
  ['Dinas Pendidikan dan Kebudayaan', 'DISDIKBUD'],
  ['Dinas Kesehatan', 'DINKES'],
  ['Badan Pengelolaan Keuangan dan Aset Daerah', 'BPKAD'],
  ['Badan Penanggulangan Bencana Daerah', 'BPBD'],
  ['Badan Perencanaan Pembangunan Daerah', 'BAPPEDA'],
  ['Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 'BKPSDM'],
  ['Dinas Komunikasi dan Informatika', 'DISKOMINFO'],
  ['Dinas Sosial', 'DINSOS'],
  ['Inspektorat Daerah', 'ITDA'],
  ['Dinas Lingkungan Hidup', 'DLH'],
  ['Dinas Perhubungan', 'DISHUB'],
  ['Dinas Kependudukan dan Pencatatan Sipil', 'DISDUKCAPIL'],
  ['Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', 'DPMPTSP'],
  ['Satuan Polisi Pamong Praja', 'SATPOLPP'],
  ['Dinas Pertanian dan Ketahanan Pangan', 'DISTAN'],
  ['Dinas Perumahan dan Kawasan Permukiman', 'DISPERKIM'],
];
const UNIT = new Zipf(UNITS, 0.8);

/** What letters are about; paired with the kind of letter below. */
const TOPICS = [
  'penyusunan RKA',
  'penyusunan DPA perubahan',
  'pengadaan barang dan jasa',
  'perjalanan dinas luar daerah',
  'penanggulangan bencana banjir',
  'pemeliharaan jalan kabupaten',
  'pembangunan jembatan gantung',
  'pembinaan UMKM dan koperasi',
  'vaksinasi dan imunisasi balita',
  'percepatan penurunan stunting',
  'Musrenbang Kecamatan',
  'penyaluran bantuan sosial',
  'retribusi pasar daerah',
  'kenaikan pangkat pegawai',
  'pengelolaan arsip inaktif',
  'pemutakhiran data kependudukan',
  'pelayanan informasi publik',
  'laporan keuangan tahunan',
  'tindak lanjut hasil pemeriksaan BPK',
  'penertiban pedagang kaki lima',
  'rehabilitasi rumah tidak layak huni',
  'penanganan sampah dan kebersihan kota',
  'perizinan berusaha berbasis risiko',
  'pengujian kendaraan bermotor',
  'pelatihan aparatur sipil negara',
  'penilaian reformasi birokrasi',
  'Satu Data Indonesia tingkat daerah',
  'pengamanan hari raya',
  'normalisasi saluran irigasi',
  'penghapusan barang milik daerah',
];
const TOPIC = new Zipf(TOPICS, 0.7);

const KINDS: readonly ((topic: string, unit: string, year: number) => string)[] = [
  (t, u) => `Undangan rapat koordinasi ${t} ${u}`,
  (t, _u, y) => `Laporan pertanggungjawaban ${t} Tahun Anggaran ${y}`,
  (t, u) => `Surat Keputusan Kepala ${u} tentang ${t}`,
  (t) => `Nota dinas permohonan ${t}`,
  (t) => `Permohonan informasi publik mengenai ${t}`,
  (t, _u, y) => `Surat edaran ${t} tahun ${y}`,
  (t) => `Berita acara serah terima hasil pekerjaan ${t}`,
  (t) => `Surat perintah tugas dalam rangka ${t}`,
  (t, u) => `Laporan hasil monitoring dan evaluasi ${t} pada ${u}`,
  (t) => `Pengumuman ${t}`,
  (t, _u, y) => `Rencana kerja ${t} tahun ${y}`,
  (t, u) => `Notulen rapat ${t} di ${u}`,
];
const KIND = new Zipf(KINDS, 0.5);

const TITLES_BEFORE = ['', '', 'Drs. ', 'Ir. ', 'dr. ', 'H. ', 'Hj. '];
const TITLES_AFTER = ['', ', S.Sos.', ', S.T.', ', M.Si.', ', S.E., M.M.', ', S.H.', ', M.Kes.', ', S.Kom.', ', M.A.P.'];

export interface SyntheticRecord {
  fields: RecordFields;
  /** When the record entered the archive (records are entered over the years, in id order). */
  createdAt: string;
  originalName: string;
  /** One page of document text, about 2 KB. */
  text: string;
  /** An 18-digit NIP in the signature: a token that occurs in (almost) only this record. */
  nip: string;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted<T extends string>(random: () => number, table: readonly (readonly [T, number])[]): T {
  let x = random() * table.reduce((n, [, w]) => n + w, 0);
  for (const [value, w] of table) {
    x -= w;
    if (x < 0) return value;
  }
  return table[table.length - 1]![0];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function personName(random: () => number): string {
  return `${pick(random, TITLES_BEFORE)}${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}${pick(random, TITLES_AFTER)}`;
}

function nipFor(random: () => number): string {
  const born = `${1965 + Math.floor(random() * 35)}${pad(1 + Math.floor(random() * 12))}${pad(1 + Math.floor(random() * 28))}`;
  const appointed = `${2000 + Math.floor(random() * 24)}${pad(1 + Math.floor(random() * 12))}`;
  return `${born}${appointed}${1 + Math.floor(random() * 2)}${pad(1 + Math.floor(random() * 999), 3)}`;
}

/** Records are entered one every 3.6 minutes from 2019 on: 1M records reach late 2025. */
const RECORDS_SINCE = Date.UTC(2019, 0, 2);
const ENTERED_EVERY_MS = 216_000;
const LETTERS_SINCE = Date.UTC(2015, 0, 1);
const LETTERS_UNTIL = Date.UTC(2026, 9, 31);

function sentence(random: () => number, topicWords: readonly string[], out: string[]): void {
  const length = 7 + Math.floor(random() * 14);
  const words: string[] = [];
  for (let k = 0; k < length; k++) {
    const x = random();
    if (x < 0.09) words.push(pick(random, topicWords));
    else if (x < 0.105) words.push(`Desa ${PLACE.draw(random)}`);
    else if (x < 0.115) words.push(`Rp${(1 + Math.floor(random() * 999)).toLocaleString('id-ID')}.${pad(Math.floor(random() * 1000), 3)}.000`);
    else if (x < 0.125) words.push(`${1 + Math.floor(random() * 28)} ${pick(random, MONTHS)} ${2015 + Math.floor(random() * 12)}`);
    else words.push(WORDS.draw(random));
  }
  const first = words[0]!;
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  out.push(`${words.join(' ')}${random() < 0.15 ? ';' : '.'}`);
}

/** Record number `i` (1-based) of a synthetic archive; `codes` are the classification codes in use. */
export function syntheticRecord(i: number, codes: readonly string[]): SyntheticRecord {
  const random = rng(Math.imul(i, 2654435761) ^ 0x5eed);
  const [unit, abbr] = UNIT.draw(random);
  const topic = TOPIC.draw(random);
  const letterTime = LETTERS_SINCE + Math.floor(random() * (LETTERS_UNTIL - LETTERS_SINCE));
  const letterDate = new Date(letterTime).toISOString().slice(0, 10);
  const year = Number(letterDate.slice(0, 4));
  const month = Number(letterDate.slice(5, 7));
  const subject = KIND.draw(random)(topic, unit, year);
  const code = random() < 0.05 ? null : pick(random, codes);
  const securityClass = weighted(random, [
    ['biasa', 85],
    ['terbatas', 10],
    ['rahasia', 4],
    ['sangat-rahasia', 1],
  ] as const);
  const securityPrefix = { biasa: 'B', terbatas: 'T', rahasia: 'R', 'sangat-rahasia': 'SR' }[securityClass];
  const letterNumber = random() < 0.1 ? null : `${securityPrefix}/${code ?? '000'}/${1 + Math.floor(random() * 999)}/${abbr}-KL/${ROMAN_MONTHS[month - 1]}/${year}`;
  const medium = weighted(random, [
    ['elektronik', 60],
    ['tekstual', 37],
    ['kartografi', 1.5],
    ['audio-visual', 1.5],
  ] as const);
  const paper = medium === 'tekstual';
  const signer = personName(random);
  const nip = nipFor(random);
  const fields: RecordFields = {
    letterNumber,
    letterDate,
    subject,
    description: random() < 0.3 ? `${subject} sebagaimana dibahas bersama perangkat daerah terkait, dengan lampiran daftar hadir dan dokumentasi kegiatan.` : null,
    creator: random() < 0.6 ? `Kepala ${unit}` : signer,
    originatingUnit: unit,
    classificationCode: code,
    fileId: null,
    itemNumber: null,
    developmentLevel: weighted(random, [
      ['asli', 70],
      ['salinan', 15],
      ['tembusan', 10],
      ['konsep', 3],
      ['petikan', 2],
    ] as const),
    medium,
    count: 1 + Math.floor(random() * 40),
    countUnit: random() < 0.85 ? 'lembar' : 'berkas',
    condition: paper ? (random() < 0.9 ? 'baik' : 'rusak ringan') : null,
    location: paper ? `Ruang Arsip, Rak ${1 + Math.floor(random() * 20)}, Boks ${1 + Math.floor(random() * 200)}` : null,
    securityClass,
    recordsCategory: weighted(random, [
      ['umum', 85],
      ['terjaga', 10],
      ['vital', 5],
    ] as const),
  };

  const topicWords = `${topic} ${unit}`.toLowerCase().split(' ');
  const parts: string[] = [`${subject}.`];
  if (letterNumber) parts.push(`Nomor: ${letterNumber}.`);
  let size = parts.join(' ').length;
  const sentences: string[] = [];
  while (size < 1900) {
    sentence(random, topicWords, sentences);
    size += sentences[sentences.length - 1]!.length + 1;
  }
  parts.push(...sentences, `Kepala ${unit}, ${signer}, NIP ${nip}.`);

  return {
    fields,
    createdAt: new Date(RECORDS_SINCE + i * ENTERED_EVERY_MS).toISOString(),
    originalName: `${(letterNumber ?? `dokumen-${i}`).replace(/[/]/g, '-')}.pdf`,
    text: parts.join(' '),
    nip,
  };
}
