// MIME sniffing by content, and extraction of the files that are not PDFs: plain text in the
// encodings offices actually produce, images (no text until OCR), office files (not yet supported).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { Extractor, type ExtractResult, type PageText } from '../../main/extract/extractor.ts';
import { SNIFF_BYTES, sniffFile, sniffMime } from '../../main/extract/sniff.ts';
import { CORPUS, tempDir } from '../helpers/tmp.ts';

const enc = new TextEncoder();
const bytes = (...parts: (string | number[] | Uint8Array)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? enc.encode(p) : Uint8Array.from(p))));

/** A real 2x2 RGB PNG, encoded here (signature, IHDR, IDAT, IEND with their CRCs). */
function png(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const body = bytes(type, data);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour
  const rows = bytes([0, 255, 0, 0, 0, 255, 0], [0, 0, 0, 255, 255, 255, 255]);
  return bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array()));
}

/** A real JPEG: the first page image of the Pergub phone scan (stored Flate-wrapped DCT). */
async function jpegFromScan(): Promise<Uint8Array> {
  const doc = await PDFDocument.load(readFileSync(join(CORPUS, 'indonesian', 'pergub-4-2021-phone-scan.pdf')));
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    if (String(object.dict.get(PDFName.of('Filter'))).includes('DCTDecode')) return inflateSync(object.contents);
  }
  throw new Error('no JPEG found in the phone scan');
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('PDF is recognised by %PDF- at the start or after up to 1024 junk bytes, whatever the name', () => {
  const pdf = readFileSync(join(CORPUS, 'pdfjs', 'tracemonkey.pdf')).subarray(0, SNIFF_BYTES);
  assert.equal(sniffMime(pdf, 'tracemonkey.pdf'), 'application/pdf');
  assert.equal(sniffMime(pdf, 'scan.jpg'), 'application/pdf');
  const junk = (n: number) => new Uint8Array(n).fill(0);
  assert.equal(sniffMime(bytes(junk(1024), pdf).subarray(0, SNIFF_BYTES), 'x.bin'), 'application/pdf');
  assert.equal(sniffMime(bytes(junk(1025), pdf).subarray(0, SNIFF_BYTES), 'x.bin'), 'application/octet-stream');
});

test('images are recognised by their signatures', async () => {
  assert.equal(sniffMime(png(), 'foto.dat'), 'image/png');
  const jpeg = await jpegFromScan();
  assert.equal(sniffMime(jpeg.subarray(0, SNIFF_BYTES), 'halaman1.png'), 'image/jpeg', 'content wins over a wrong extension');
  assert.equal(sniffMime(bytes('II', [0x2a, 0, 8, 0, 0, 0]), 'scan'), 'image/tiff');
  assert.equal(sniffMime(bytes('MM', [0, 0x2a, 0, 0, 0, 8]), 'scan'), 'image/tiff');
  assert.equal(sniffMime(bytes('GIF89a', [1, 0, 1, 0]), 'a'), 'image/gif');
  assert.equal(sniffMime(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'a'), 'image/webp');
  assert.equal(sniffMime(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'a'), 'application/octet-stream');
});

test('text is UTF-8 without NUL bytes; a text extension also admits Windows-1252 exports', () => {
  const surat = 'Nomor: 045/123/Dinas Kominfo — perihal “Daftar Informasi Publik” Rp 1.500.000,-\n';
  assert.equal(sniffMime(enc.encode(surat), 'catatan'), 'text/plain');
  assert.equal(sniffMime(enc.encode(surat), 'data.json'), 'text/plain');
  // A multibyte character cut in half by the end of the head buffer is still text.
  const cut = enc.encode('arsip ' + '—'.repeat(2000)).subarray(0, SNIFF_BYTES);
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(cut), 'the head really ends mid-character');
  assert.equal(sniffMime(cut, 'a.txt'), 'text/plain');
  assert.equal(sniffMime(cut, 'a'), 'text/plain');

  const cp1252 = Uint8Array.from([...'Kecamatan;Jumlah\nCibeber;'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x93, 0x0a]));
  assert.equal(sniffMime(cp1252, 'rekap.csv'), 'text/plain');
  assert.equal(sniffMime(cp1252, 'rekap.bin'), 'application/octet-stream', 'not UTF-8 and no text extension');
  assert.equal(sniffMime(bytes('abc', [0], 'def'), 'a.txt'), 'application/octet-stream', 'NUL bytes mean binary');
  assert.equal(sniffMime(bytes([0xff, 0xfe], 'a\0b\0'), 'utf16.txt'), 'text/plain', 'UTF-16 with a BOM and a text extension');
  assert.equal(sniffMime(new Uint8Array(), 'kosong.txt'), 'text/plain');
  assert.equal(sniffMime(new Uint8Array(), 'kosong'), 'application/octet-stream');
});

test('office files go by extension once their container matches; anything else is octet-stream', async () => {
  const dir = tempDir();
  const book = new ExcelJS.Workbook();
  book.addWorksheet('DIP').addRow(['No', 'Ringkasan isi informasi']);
  const xlsx = join(dir, 'dip-2024.xlsx');
  await book.xlsx.writeFile(xlsx);
  assert.equal(await sniffFile(xlsx), XLSX);
  const head = readFileSync(xlsx).subarray(0, SNIFF_BYTES);
  assert.equal(sniffMime(head, 'surat.DOCX'), DOCX);
  assert.equal(sniffMime(head, 'arsip.zip'), 'application/octet-stream');
  const ole = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Uint8Array(504));
  assert.equal(sniffMime(ole, 'nota.doc'), 'application/msword');
  assert.equal(sniffMime(ole, 'rekap.xls'), 'application/vnd.ms-excel');
  assert.equal(sniffMime(head, 'nota.doc'), 'application/octet-stream', 'a zip is not a legacy .doc');
  assert.equal(sniffMime(ole, 'nota.docx'), 'application/octet-stream');
});

const dir = tempDir();
let extractor: Extractor;
before(() => {
  extractor = new Extractor({ timeoutMs: 30_000 });
});
after(() => extractor.close());

async function extract(name: string, content: Uint8Array | string | null, mime?: string): Promise<{ result: ExtractResult; pages: PageText[] }> {
  const file = join(dir, name);
  if (content !== null) writeFileSync(file, content);
  const pages: PageText[] = [];
  const type = mime ?? (await sniffFile(file));
  const result = await extractor.extract(file, { mime: type, onPage: (p) => void pages.push(p) });
  return { result, pages };
}

test('plain text comes back as one page, decoded from UTF-8, UTF-16 or Windows-1252', async () => {
  const surat = 'Keputusan Kepala Dinas — “Daftar Informasi Publik” tahun 2024\nCibeber, Cianjur\n';
  const utf8 = await extract('surat.txt', surat);
  assert.deepEqual(utf8.result, { ...utf8.result, status: 'ok', pages: 1, detail: null });
  assert.deepEqual(utf8.pages, [{ page: 1, text: surat }]);

  const utf16 = await extract('surat16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(surat, 'utf16le')]));
  assert.equal(utf16.pages[0]?.text, surat);

  const cp1252 = Uint8Array.from([...'Caf'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x20, 0x93, 0x4f, 0x4b, 0x94]));
  const legacy = await extract('rekap.csv', cp1252);
  assert.equal(legacy.result.status, 'ok');
  assert.equal(legacy.pages[0]?.text, 'Café “OK”');

  const empty = await extract('kosong.txt', '');
  assert.deepEqual([empty.result.status, empty.result.pages], ['no-text', 1]);
});

test('a text file over the cap is cut at 4 MB and says so', async () => {
  const line = 'baris arsip dinamis nomor 0001 — tahun 2024\n';
  const big = line.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(line)));
  const { result, pages } = await extract('besar.txt', big);
  assert.equal(result.status, 'ok');
  assert.equal(result.detail, `text cut to the first ${4 * 1024 * 1024} of ${Buffer.byteLength(big)} bytes`);
  const text = pages[0]!.text;
  assert.ok(big.startsWith(text), 'the cut keeps whole characters and nothing else');
  assert.ok(Buffer.byteLength(text) > 4 * 1024 * 1024 - 4);
});

test('images have no text yet (OCR later): no-text, one page', async () => {
  const jpeg = await extract('halaman1.jpg', await jpegFromScan());
  assert.deepEqual(jpeg.result, { ...jpeg.result, status: 'no-text', pages: 1, detail: null });
  assert.deepEqual(jpeg.pages, []);
  const image = await extract('foto.png', png());
  assert.deepEqual([image.result.status, image.result.pages], ['no-text', 1]);
});

test('office files are unsupported for now; missing files are unreadable, never a throw', async () => {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('DIP').addRow(['No', 'Ringkasan']);
  await book.xlsx.writeFile(join(dir, 'dip.xlsx'));
  const office = await extract('dip.xlsx', null);
  assert.deepEqual([office.result.status, office.result.pages, office.result.detail], ['unsupported', null, `no text extractor for ${XLSX}`]);

  for (const mime of ['application/pdf', 'text/plain', 'image/png']) {
    const missing = await extract('tidak-ada', null, mime);
    assert.deepEqual([missing.result.status, missing.result.pages, missing.result.detail], ['unreadable', null, 'cannot read file (ENOENT)'], mime);
  }
  const garbage = await extract('rusak.pdf', 'ini bukan PDF sama sekali', 'application/pdf');
  assert.equal(garbage.result.status, 'unreadable');
  assert.match(garbage.result.detail ?? '', /InvalidPDFException/);
});
