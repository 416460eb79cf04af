// The documents the office signs at each step of disposal (penyusutan), laid out as Indonesian
// official papers are: letterhead, title and number, the spelled-out day, the parties, the legal
// basis, signatures, and the list of records as an attachment on landscape pages.
//  - Berita acara pemindahan arsip inaktif + daftar arsip inaktif yang dipindahkan
//  - Daftar arsip usul musnah (DAUM)
//  - Berita acara pemusnahan arsip + daftar arsip yang dimusnahkan
//  - Berita acara penyerahan arsip statis + daftar arsip statis yang diserahkan
// Pure layout: callers supply every name, number and row; nothing here reads the archive.
import type { Letterhead } from '../../preload/contract/retention.ts';
import { hariTanggalTerbilang, tanggal, terbilang } from './idDate.ts';
import type { PrintLetterhead } from './letterhead.ts';
import { PdfWriter, type Column, type SignatureBlock } from './pdf.ts';

export interface Party {
  name: string;
  nip: string;
  jabatan: string;
}

export interface ListRow {
  code: string;
  uraian: string;
  kurun: string;
  tingkat: string;
  jumlah: string;
  keterangan: string;
  box?: string;
  folder?: string;
  retensi?: string;
  nasibAkhir?: string;
}

interface Common {
  letterhead: PrintLetterhead;
  number: string;
  /** YYYY-MM-DD */
  date: string;
  rows: ListRow[];
}

function createdAt(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** The unit as running text names it, before the letterhead is filled in too. */
function unitName(lh: Letterhead): string {
  return lh.unit || 'perangkat daerah';
}

function title(w: PdfWriter, text: string, number: string | null): void {
  w.text(text, { size: 12, bold: true, align: 'center', underline: true });
  if (number) w.text(`Nomor: ${number}`, { size: 11, align: 'center' });
  w.space(12);
}

function partyFields(w: PdfWriter, index: number, party: Party, role: string): void {
  w.fields(
    [
      ['Nama', party.name],
      ['NIP', party.nip ? formatNip(party.nip) : '-'],
      ['Jabatan', party.jabatan || '-'],
    ],
    { indent: 18, number: `${index}.` },
  );
  w.text(`selanjutnya disebut ${role}.`, { indent: 18 });
  w.space(6);
}

function nipLine(party: Party): string | null {
  return party.nip ? `NIP ${formatNip(party.nip)}` : null;
}

/** 18 digits as they are printed: birth date, appointment month, sex, serial ("19800101 200501 2 001"). */
export function formatNip(nip: string): string {
  return /^\d{18}$/.test(nip) ? `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}` : nip;
}

/** "Sri Wahyuni, Kepala Bidang Arsip, NIP 19800101 200501 2 001": a person named in running text. */
export function partyInText(party: Party): string {
  return [party.name, party.jabatan, party.nip ? `NIP ${formatNip(party.nip)}` : ''].filter(Boolean).join(', ');
}

/** A signature block: the jabatan above the space to sign, the name, and the NIP under it. */
export function signatureOf(party: Party, above: string[]): SignatureBlock {
  return { above: [...above, ...(party.jabatan ? [party.jabatan] : [])], name: party.name, below: nipLine(party) };
}

function placeDate(lh: Letterhead, place: string | undefined, date: string): string {
  const where = place || lh.kota;
  return where ? `${where}, ${tanggal(date)}` : tanggal(date);
}

function recordCount(rows: ListRow[]): string {
  return `${rows.length} (${terbilang(rows.length)})`;
}

const LIST_COLUMNS: Column[] = [
  { header: 'No', width: 4, align: 'center' },
  { header: 'Kode Klasifikasi', width: 10 },
  { header: 'Uraian Informasi Arsip', width: 34 },
  { header: 'Kurun Waktu', width: 9, align: 'center' },
  { header: 'Tingkat Perkembangan', width: 10, align: 'center' },
  { header: 'Jumlah', width: 8, align: 'center' },
];

function listPages(w: PdfWriter, heading: string, lh: Letterhead, caption: string, columns: Column[], cells: (r: ListRow) => string[], rows: ListRow[]): void {
  w.newPage('landscape');
  w.text(heading, { size: 12, bold: true, align: 'center' });
  if (lh.unit) w.text(lh.unit.toUpperCase(), { size: 11, bold: true, align: 'center' });
  w.text(caption, { size: 9.5, align: 'center' });
  w.space(8);
  w.table(
    columns,
    rows.map((r, i) => [String(i + 1), ...cells(r)]),
  );
}

/** A list's two signatures: the head of the unit (from the letterhead settings) acknowledges on the
 *  left, the one who drew it up (their account's name, jabatan, NIP) signs on the right. */
export function listSignatures(lh: Letterhead, placeAndDate: string, maker: Party): SignatureBlock[] {
  const head: Party = { name: lh.kepala, nip: lh.nip, jabatan: lh.jabatan || 'Kepala Unit Pengolah' };
  return [signatureOf(head, ['', 'Mengetahui,']), signatureOf(maker, [placeAndDate, 'Yang membuat,'])];
}

// ---------- the one skeleton every berita acara follows ----------

interface BeritaAcaraSpec {
  letterhead: PrintLetterhead;
  number: string;
  date: string;
  /** What the title names after "BERITA ACARA": "Pemindahan Arsip Inaktif" … */
  what: string;
  subject: string;
  /** Everything between the title and the signatures: who, what, on what basis. */
  body: (w: PdfWriter) => void;
  signatures: SignatureBlock[];
  signatureOptions?: { lone?: 'left' | 'right' };
  /** The attached list: its heading, caption and the columns after the common six. */
  list: { heading: string; caption: string; columns: Column[]; cells: (r: ListRow) => string[]; rows: ListRow[] };
}

async function beritaAcara(spec: BeritaAcaraSpec): Promise<Uint8Array> {
  const lh = spec.letterhead;
  const w = await PdfWriter.create(
    { title: `Berita Acara ${spec.what} ${spec.number}`, subject: spec.subject, author: lh.unit || undefined, createdAt: createdAt(spec.date) },
    `Berita Acara ${spec.what} Nomor ${spec.number}`,
  );
  w.newPage('portrait');
  await w.kop(lh);
  title(w, `BERITA ACARA ${spec.what.toUpperCase()}`, spec.number);
  spec.body(w);
  w.space(10);
  w.signatures(spec.signatures, spec.signatureOptions);
  listPages(w, spec.list.heading, lh, spec.list.caption, [...LIST_COLUMNS, ...spec.list.columns], spec.list.cells, spec.list.rows);
  return w.finish();
}

/** "On this day, the undersigned:" and the two parties, as a handing-over begins. */
function twoParties(w: PdfWriter, date: string, from: Party, to: Party): void {
  w.text(`Pada hari ini ${hariTanggalTerbilang(date)}, yang bertanda tangan di bawah ini:`, { align: 'justify' });
  w.space(6);
  partyFields(w, 1, from, 'PIHAK PERTAMA');
  partyFields(w, 2, to, 'PIHAK KEDUA');
}

/** The receiving party on the left, the one handing over on the right under place and date. */
function partySignatures(lh: Letterhead, date: string, from: Party, to: Party): SignatureBlock[] {
  return [
    signatureOf(to, ['', 'PIHAK KEDUA', 'Yang menerima,']),
    signatureOf(from, [placeDate(lh, undefined, date), 'PIHAK PERTAMA', 'Yang menyerahkan,']),
  ];
}

// ---------- pemindahan ----------

export interface PemindahanInput extends Common {
  location: string;
  from: Party;
  to: Party;
  /** The supervisor who approved the list, as their account names them. */
  approvedBy: Party | null;
  approvedAt: string | null;
  files: number;
}

export async function beritaAcaraPemindahan(input: PemindahanInput): Promise<Uint8Array> {
  const lh = input.letterhead;
  return beritaAcara({
    ...input,
    what: 'Pemindahan Arsip Inaktif',
    subject: 'Pemindahan arsip inaktif',
    body: (w) => {
      twoParties(w, input.date, input.from, input.to);
      w.text(
        `PIHAK PERTAMA memindahkan arsip inaktif ${unitName(lh)} sebanyak ${recordCount(input.rows)} arsip dalam ${input.files} (${terbilang(input.files)}) berkas kepada PIHAK KEDUA, dan PIHAK KEDUA menerimanya untuk disimpan di ${input.location}, sebagaimana tercantum dalam Daftar Arsip Inaktif yang Dipindahkan terlampir, yang merupakan bagian tidak terpisahkan dari berita acara ini.`,
        { align: 'justify' },
      );
      w.space(6);
      if (input.approvedBy) {
        w.text(`Pemindahan ini telah disetujui oleh ${partyInText(input.approvedBy)}${input.approvedAt ? ` pada tanggal ${tanggal(input.approvedAt)}` : ''}.`, { align: 'justify' });
        w.space(6);
      }
      w.text('Demikian berita acara ini dibuat dalam rangkap dua untuk dipergunakan sebagaimana mestinya.', { align: 'justify' });
    },
    signatures: partySignatures(lh, input.date, input.from, input.to),
    list: {
      heading: 'DAFTAR ARSIP INAKTIF YANG DIPINDAHKAN',
      caption: `Lampiran Berita Acara Pemindahan Arsip Inaktif Nomor ${input.number} tanggal ${tanggal(input.date)} — lokasi simpan: ${input.location}`,
      columns: [{ header: 'No. Boks', width: 6, align: 'center' }, { header: 'No. Folder', width: 6, align: 'center' }, { header: 'Keterangan', width: 13 }],
      cells: (r) => [r.code, r.uraian, r.kurun, r.tingkat, r.jumlah, r.box ?? '', r.folder ?? '', r.keterangan],
      rows: input.rows,
    },
  });
}

// ---------- usul musnah ----------

export interface UsulMusnahInput {
  letterhead: PrintLetterhead;
  caseNumber: string;
  title: string;
  date: string;
  jraName: string | null;
  rows: ListRow[];
  /** Who draws up and signs the list (the signed-in user's name, jabatan and NIP). */
  signer: Party;
}

export async function daftarArsipUsulMusnah(input: UsulMusnahInput): Promise<Uint8Array> {
  const lh = input.letterhead;
  const w = await PdfWriter.create(
    { title: `Daftar Arsip Usul Musnah ${input.caseNumber}`, subject: input.title, author: lh.unit || undefined, createdAt: createdAt(input.date) },
    `Daftar Arsip Usul Musnah ${input.caseNumber} — ${input.title}`,
  );
  w.newPage('landscape');
  await w.kop(lh);
  title(w, 'DAFTAR ARSIP USUL MUSNAH', input.caseNumber);
  w.fields([
    ['Unit pengolah', lh.unit || '-'],
    ['Perihal', input.title],
    ['Tanggal', tanggal(input.date)],
    ['Dasar', input.jraName ? `Jadwal Retensi Arsip: ${input.jraName}` : 'Jadwal Retensi Arsip'],
    ['Jumlah', `${recordCount(input.rows)} arsip`],
  ]);
  w.space(8);
  w.table(
    [...LIST_COLUMNS, { header: 'Retensi (Aktif/ Inaktif)', width: 8, align: 'center' }, { header: 'Nasib Akhir (JRA)', width: 11 }, { header: 'Keterangan', width: 13 }],
    input.rows.map((r, i) => [String(i + 1), r.code, r.uraian, r.kurun, r.tingkat, r.jumlah, r.retensi ?? '', r.nasibAkhir ?? '', r.keterangan]),
  );
  w.space(10);
  w.text(
    'Daftar ini diajukan kepada Panitia Penilai Arsip untuk dinilai. Arsip dalam daftar ini tidak boleh dimusnahkan sebelum ada pertimbangan tertulis panitia, persetujuan tertulis yang dipersyaratkan, dan penetapan pemusnahan.',
    { size: 9.5, align: 'justify' },
  );
  w.space(8);
  w.signatures(listSignatures(lh, placeDate(lh, undefined, input.date), input.signer));
  return w.finish();
}

// ---------- pemusnahan ----------

export interface Letter {
  number: string;
  date: string;
  signedBy: string;
}

export interface PemusnahanInput extends Common {
  place: string;
  method: string;
  files: number;
  executor: Party;
  witnesses: Party[];
  committee: Letter;
  /** ANRI for ≥ 10 years, the regent/governor below */
  approval: Letter & { authority: string };
  decision: Letter & { authority: string };
  /** The regional archives agency taking part (≥ 10 years) */
  lkd?: { agency: string; number: string; date: string; officer: string | null } | null;
  band: '<10' | '>=10';
}

export async function beritaAcaraPemusnahan(input: PemusnahanInput): Promise<Uint8Array> {
  const lh = input.letterhead;
  // The one who carried it out signs on the right under the place and date; witnesses fill the
  // left of that row and the rows below.
  const witnesses = input.witnesses.map((p, i) => ({ above: ['', `Saksi ${i + 1},`, p.jabatan], name: p.name, below: nipLine(p) }));
  const executor = { above: [placeDate(lh, input.place, input.date), 'Yang melaksanakan,', input.executor.jabatan], name: input.executor.name, below: nipLine(input.executor) };
  return beritaAcara({
    ...input,
    what: 'Pemusnahan Arsip',
    subject: 'Pemusnahan arsip',
    body: (w) => {
      const where = input.place || lh.kota;
      w.text(
        `Pada hari ini ${hariTanggalTerbilang(input.date)}${where ? `, bertempat di ${where}` : ''}, telah dilaksanakan pemusnahan arsip ${unitName(lh)} sebanyak ${recordCount(input.rows)} arsip dari ${input.files} (${terbilang(input.files)}) berkas, sebagaimana tercantum dalam Daftar Arsip yang Dimusnahkan terlampir, yang merupakan bagian tidak terpisahkan dari berita acara ini.`,
        { align: 'justify' },
      );
      w.space(6);
      w.text('Pemusnahan dilaksanakan berdasarkan:');
      const basis = [
        `Pertimbangan tertulis Panitia Penilai Arsip Nomor ${input.committee.number} tanggal ${tanggal(input.committee.date)} (${input.committee.signedBy});`,
        `Persetujuan tertulis ${input.approval.authority} Nomor ${input.approval.number} tanggal ${tanggal(input.approval.date)} (${input.approval.signedBy});`,
        `Keputusan ${input.decision.authority} tentang Penetapan Pemusnahan Arsip Nomor ${input.decision.number} tanggal ${tanggal(input.decision.date)} (${input.decision.signedBy})${input.lkd ? ';' : '.'}`,
        ...(input.lkd
          ? [`Surat ${input.lkd.agency} Nomor ${input.lkd.number} tanggal ${tanggal(input.lkd.date)} tentang keikutsertaan lembaga kearsipan daerah dalam pemusnahan${input.lkd.officer ? `, yang diwakili oleh ${input.lkd.officer}` : ''}.`]
          : []),
      ];
      basis.forEach((line, i) => w.listItem(`${i + 1}.`, line, { align: 'justify' }));
      w.space(6);
      w.text(
        `Pemusnahan dilakukan dengan cara ${input.method}, secara total sehingga fisik dan informasinya tidak dapat dikenali lagi. Isi dokumen elektronik dihapus dari penyimpanan arsip digital; metadata setiap arsip tetap disimpan sebagai bukti pemusnahan, dengan rujukan berita acara ini.`,
        { align: 'justify' },
      );
      w.space(6);
      w.text(`Pemusnahan disaksikan oleh ${input.witnesses.map((p) => p.name).join(', ')}.`, { align: 'justify' });
      w.space(6);
      w.text('Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya, dan disimpan secara permanen.', { align: 'justify' });
    },
    signatures: [witnesses[0]!, executor, ...witnesses.slice(1).map((b) => ({ ...b, above: b.above.slice(1) }))],
    signatureOptions: { lone: 'left' },
    list: {
      heading: 'DAFTAR ARSIP YANG DIMUSNAHKAN',
      caption: `Lampiran Berita Acara Pemusnahan Arsip Nomor ${input.number} tanggal ${tanggal(input.date)}`,
      columns: [{ header: 'Retensi (Aktif/ Inaktif)', width: 8, align: 'center' }, { header: 'Dasar JRA', width: 11 }, { header: 'Keterangan', width: 13 }],
      cells: (r) => [r.code, r.uraian, r.kurun, r.tingkat, r.jumlah, r.retensi ?? '', r.nasibAkhir ?? '', r.keterangan],
      rows: input.rows,
    },
  });
}

// ---------- penyerahan ----------

export interface PenyerahanInput extends Common {
  recipient: string;
  from: Party;
  to: Party;
  files: number;
}

export async function beritaAcaraPenyerahan(input: PenyerahanInput): Promise<Uint8Array> {
  const lh = input.letterhead;
  return beritaAcara({
    ...input,
    what: 'Penyerahan Arsip Statis',
    subject: 'Penyerahan arsip statis',
    body: (w) => {
      twoParties(w, input.date, input.from, input.to);
      w.text(
        `PIHAK PERTAMA menyerahkan arsip statis ${unitName(lh)} sebanyak ${recordCount(input.rows)} arsip dalam ${input.files} (${terbilang(input.files)}) berkas kepada PIHAK KEDUA selaku ${input.recipient}, dan PIHAK KEDUA menerimanya, sebagaimana tercantum dalam Daftar Arsip Statis yang Diserahkan terlampir. Arsip elektronik beserta metadatanya diserahkan dalam paket ekspor (berkas dokumen, daftar XLSX dan CSV).`,
        { align: 'justify' },
      );
      w.space(6);
      w.text('Dengan penyerahan ini, tanggung jawab pengelolaan arsip statis tersebut beralih kepada PIHAK KEDUA. Demikian berita acara ini dibuat dalam rangkap dua untuk dipergunakan sebagaimana mestinya.', {
        align: 'justify',
      });
    },
    signatures: partySignatures(lh, input.date, input.from, input.to),
    list: {
      heading: 'DAFTAR ARSIP STATIS YANG DISERAHKAN',
      caption: `Lampiran Berita Acara Penyerahan Arsip Statis Nomor ${input.number} tanggal ${tanggal(input.date)} kepada ${input.recipient}`,
      columns: [{ header: 'Retensi (Aktif/ Inaktif)', width: 8, align: 'center' }, { header: 'Keterangan', width: 20 }],
      cells: (r) => [r.code, r.uraian, r.kurun, r.tingkat, r.jumlah, r.retensi ?? '', r.keterangan],
      rows: input.rows,
    },
  });
}
