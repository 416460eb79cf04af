// Issue 14.9: the PDFs an office signs and files carry their fonts (a PDF/A-style archive copy
// reads the same on any machine), and justified paragraphs keep real spaces between words (a
// viewer or pdftotext must not read "memindahkanarsip"). Checked with poppler's pdffonts and
// pdftotext on the berita acara, the DAUM and the DIP as the app writes them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { join } from 'node:path';
import { test } from 'node:test';
import { registerPdf } from '../../main/publication/registers-pdf.ts';
import { beritaAcaraPemusnahan, daftarArsipUsulMusnah } from '../../main/reports/beritaAcara.ts';
import { tempDir } from '../helpers/tmp.ts';
import { SIGNER, WITNESS } from './retention-helpers.ts';

const LETTERHEAD = {
  instansi: 'Pemerintah Provinsi Kalimantan Tengah',
  unit: 'Dinas Komunikasi, Informatika, Persandian dan Statistik',
  alamat: 'Jalan Willem AS Nomor 5, Palangka Raya 73112',
  kontak: 'Telepon (0536) 3221234',
  kota: 'Palangka Raya',
  kepala: 'Dr. Agus Siswadi, M.Si.',
  nip: '19700101 199503 1 001',
  jabatan: 'Kepala Dinas',
};

function file(bytes: Uint8Array): string {
  const path = join(tempDir(), 'x.pdf');
  writeFileSync(path, bytes);
  return path;
}

/** pdffonts' table: one row per font with its "emb" column. */
function fonts(path: string): { name: string; embedded: boolean }[] {
  const out = execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
  return out.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type [encoding…] emb sub uni object ID: emb is the 5th column from the end
    return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
  });
}

function assertAllEmbedded(path: string, what: string): void {
  const list = fonts(path);
  assert.ok(list.length > 0, `${what} uses fonts`);
  for (const f of list) assert.ok(f.embedded, `${what}: font ${f.name} is embedded`);
}

const pemusnahan = () =>
  beritaAcaraPemusnahan({
    letterhead: LETTERHEAD,
    number: 'BA-008/UK/2026',
    date: '2026-03-12',
    place: 'Palangka Raya',
    method: 'pencacahan (penghancuran kertas) dan penghapusan dokumen elektronik',
    files: 1,
    executor: SIGNER,
    witnesses: [WITNESS],
    committee: { number: 'PPA-01/2026', date: '2026-02-01', signedBy: 'Ir. Joko Santoso' },
    approval: { authority: 'Kepala Daerah', number: '000.5.6/112/2026', date: '2026-02-20', signedBy: 'Gubernur Kalimantan Tengah' },
    decision: { authority: 'Kepala Perangkat Daerah', number: '800/45/DKIPS/2026', date: '2026-03-01', signedBy: 'Kepala Dinas' },
    band: '<10',
    rows: [{ code: '000.1.1', uraian: 'Tagihan telepon bulan Januari sampai Desember 2019', kurun: '2019', tingkat: 'asli', jumlah: '12 lembar', keterangan: 'baik', retensi: '2/1', nasibAkhir: 'musnah' }],
  });

test('the berita acara, the DAUM and the DIP embed every font they use (pdffonts)', async () => {
  assertAllEmbedded(file(await pemusnahan()), 'berita acara pemusnahan');
  const daum = await daftarArsipUsulMusnah({
    letterhead: LETTERHEAD,
    caseNumber: 'DAUM-1',
    title: 'Usul musnah tagihan telepon 2019',
    date: '2026-03-12',
    jraName: 'JRA Fasilitatif 2022',
    rows: [{ code: '000.1.1', uraian: 'Tagihan telepon 2019', kurun: '2019', tingkat: 'asli', jumlah: '12 lembar', keterangan: 'baik', retensi: '2/1', nasibAkhir: 'musnah' }],
    signer: { name: 'Siti Rahma', nip: '198001012005012001', jabatan: 'Kepala Unit Kearsipan' },
  });
  assertAllEmbedded(file(daum), 'DAUM');
  const dip = await registerPdf({
    kind: 'dip',
    title: 'Daftar Informasi Publik',
    agency: 'Dinas Komunikasi dan Informatika',
    asOf: 'Keadaan per 12 Maret 2026',
    columns: [
      { header: 'No', width: 1 },
      { header: 'Ringkasan Isi Informasi', width: 6 },
    ],
    rows: [['1', 'Rencana kerja dinas tahun 2026']],
  });
  assertAllEmbedded(file(dip), 'DIP');
});

/**
 * The text each page draws, decoded through the fonts' ToUnicode maps — only the characters really
 * in the content stream, with none of the spaces a viewer or pdftotext would guess from gaps.
 */
async function drawnText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const decode = (stream: unknown) =>
    stream instanceof PDFRawStream ? (stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') ? inflateSync(stream.contents) : Buffer.from(stream.contents)).toString('latin1') : '';
  let text = '';
  for (const page of doc.getPages()) {
    const maps = new Map<string, Map<string, string>>();
    const fonts = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
    for (const [name, ref] of fonts.entries()) {
      const font = doc.context.lookup(ref, PDFDict);
      const map = new Map<string, string>();
      for (const m of decode(font.lookup(PDFName.of('ToUnicode'))).matchAll(/<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,8})>/g)) map.set(m[1]!.toUpperCase(), String.fromCodePoint(parseInt(m[2]!, 16)));
      maps.set(name.asString(), map);
    }
    const contents = page.node.Contents();
    const parts = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    for (const block of parts.map(decode).join('\n').split(/\bET\b/)) {
      const map = maps.get(/(\/[^\s/]+)\s+[\d.]+\s+Tf/.exec(block)?.[1] ?? '') ?? new Map<string, string>();
      for (const m of block.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) {
        const hex = m[1]!.toUpperCase();
        for (let i = 0; i < hex.length; i += 4) text += map.get(hex.slice(i, i + 4)) ?? '\uFFFD';
      }
    }
  }
  return text;
}

test('a justified paragraph keeps the spaces between its words (the characters drawn, and pdftotext)', async () => {
  const bytes = await pemusnahan();
  const drawn = await drawnText(bytes);
  assert.match(drawn, /telah dilaksanakan pemusnahan arsip Dinas Komunikasi/, 'the spaces are in the content stream itself');
  assert.doesNotMatch(drawn, /dilaksanakanpemusnahan|pemusnahanarsip/);
  const path = file(bytes);
  // -raw: the content stream's order, as a viewer's copy and search read it; no layout guessing.
  const raw = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  // Lines of justified paragraphs (every line but a paragraph's last is spread to the margin).
  assert.match(raw, /telah dilaksanakan pemusnahan arsip Dinas Komunikasi, Informatika, Persandian dan Statistik sebanyak 1 \(satu\) arsip dari 1 \(satu\) berkas, sebagaimana tercantum dalam Daftar Arsip yang Dimusnahkan terlampir/);
  assert.match(raw, /Isi dokumen elektronik dihapus dari penyimpanan arsip digital; metadata setiap arsip tetap disimpan sebagai bukti pemusnahan/);
  assert.doesNotMatch(raw, /dilaksanakanpemusnahan|dihapusdari|arsipdigital/, 'no words run together');
});
