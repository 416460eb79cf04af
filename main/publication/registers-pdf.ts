// The DIP/DIK as a PDF for the PPID utama and e-Monev evidence: A4 landscape, a table whose long
// texts wrap, the header row repeated on every page, page numbers. pdf-lib with the standard
// Helvetica fonts (WinAnsi), so characters outside WinAnsi are replaced, never dropped silently.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { RegisterTable } from './registers.ts';

const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = { top: 36, bottom: 40, left: 32, right: 32 };
const BODY_SIZE = 8.5;
const HEADER_SIZE = 8;
const LINE = 1.25;
const PAD = 4;

/** Replaces what the standard fonts cannot encode with '?', keeping everything they can. */
function encodable(font: PDFFont): (text: string) => string {
  const known = new Map<string, boolean>();
  return (text) => {
    let out = '';
    for (const ch of text.normalize('NFC').replace(/\t/g, ' ')) {
      if (ch === '\n') {
        out += ch;
        continue;
      }
      let ok = known.get(ch);
      if (ok === undefined) {
        try {
          font.encodeText(ch);
          ok = true;
        } catch {
          ok = false;
        }
        known.set(ch, ok);
      }
      out += ok ? ch : '?';
    }
    return out;
  };
}

/** Breaks text into lines no wider than `width`, at spaces where it can and inside a word where it must. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

export async function registerPdf(table: RegisterTable, generatedAt = new Date()): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(table.agency ? `${table.title} — ${table.agency}` : table.title);
  doc.setProducer('Berkas (pdf-lib)');
  doc.setCreator('Berkas');
  doc.setCreationDate(generatedAt);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const clean = encodable(regular);

  const usable = PAGE.width - MARGIN.left - MARGIN.right;
  const totalWeight = table.columns.reduce((s, c) => s + c.width, 0);
  const widths = table.columns.map((c) => (c.width / totalWeight) * usable);
  const xs = widths.reduce<number[]>((acc, _w, i) => [...acc, i === 0 ? MARGIN.left : acc[i - 1]! + widths[i - 1]!], []);

  const headerLines = table.columns.map((c, i) => wrap(clean(c.header), bold, HEADER_SIZE, widths[i]! - 2 * PAD));
  const headerHeight = Math.max(...headerLines.map((l) => l.length)) * HEADER_SIZE * LINE + 2 * PAD;
  const lineHeight = BODY_SIZE * LINE;
  const grey = rgb(0.35, 0.35, 0.35);
  const border = rgb(0.55, 0.55, 0.55);

  let page!: PDFPage;
  let y = 0;

  const drawHeader = () => {
    for (let i = 0; i < widths.length; i++) {
      page.drawRectangle({ x: xs[i]!, y: y - headerHeight, width: widths[i]!, height: headerHeight, color: rgb(0.88, 0.92, 0.91), borderColor: border, borderWidth: 0.6 });
      headerLines[i]!.forEach((text, n) => {
        page.drawText(text, { x: xs[i]! + PAD, y: y - PAD - HEADER_SIZE - n * HEADER_SIZE * LINE + 1.5, size: HEADER_SIZE, font: bold });
      });
    }
    y -= headerHeight;
  };

  const newPage = (first: boolean) => {
    page = doc.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - MARGIN.top;
    if (first) {
      const title = clean(table.title);
      page.drawText(title, { x: (PAGE.width - bold.widthOfTextAtSize(title, 14)) / 2, y: y - 14, size: 14, font: bold });
      y -= 20;
      if (table.agency) {
        const agency = clean(table.agency);
        page.drawText(agency, { x: (PAGE.width - bold.widthOfTextAtSize(agency, 11)) / 2, y: y - 11, size: 11, font: bold });
        y -= 16;
      }
      const asOf = clean(table.asOf);
      page.drawText(asOf, { x: (PAGE.width - regular.widthOfTextAtSize(asOf, 9)) / 2, y: y - 9, size: 9, font: regular, color: grey });
      y -= 20;
    } else {
      const running = clean(`${table.title}${table.agency ? ` — ${table.agency}` : ''}`);
      page.drawText(running, { x: MARGIN.left, y: y - 8, size: 8, font: regular, color: grey });
      y -= 14;
    }
    drawHeader();
  };

  newPage(true);
  const freshRoom = Math.floor((PAGE.height - MARGIN.top - 14 - headerHeight - MARGIN.bottom - 2 * PAD) / lineHeight);
  if (table.rows.length === 0) {
    const none = 'Belum ada informasi dalam daftar ini.';
    page.drawRectangle({ x: MARGIN.left, y: y - 24, width: usable, height: 24, borderColor: border, borderWidth: 0.6 });
    page.drawText(none, { x: MARGIN.left + PAD, y: y - 16, size: BODY_SIZE, font: regular, color: grey });
  }

  for (const row of table.rows) {
    const cells = row.map((text, i) => wrap(clean(text), regular, BODY_SIZE, widths[i]! - 2 * PAD));
    let from = 0;
    const total = Math.max(...cells.map((c) => c.length));
    // A row taller than the space left continues on the next page, header repeated.
    while (from < total) {
      const room = Math.floor((y - MARGIN.bottom - 2 * PAD) / lineHeight);
      const fitsWhole = total - from <= room;
      // A row that fits on a fresh page moves there whole; only a row taller than a page splits.
      if (!fitsWhole && (total - from <= freshRoom || room < 1)) {
        newPage(false);
        continue;
      }
      const take = Math.min(total - from, room);
      const height = take * lineHeight + 2 * PAD;
      for (let i = 0; i < widths.length; i++) {
        page.drawRectangle({ x: xs[i]!, y: y - height, width: widths[i]!, height, borderColor: border, borderWidth: 0.6 });
        cells[i]!.slice(from, from + take).forEach((text, n) => {
          page.drawText(text, { x: xs[i]! + PAD, y: y - PAD - BODY_SIZE - n * lineHeight + 1.5, size: BODY_SIZE, font: regular });
        });
      }
      y -= height;
      from += take;
      if (from < total) newPage(false);
    }
  }

  const pages = doc.getPages();
  const stamp = `Dibuat dengan Berkas, ${generatedAt.toLocaleString('id-ID', { dateStyle: 'long', timeStyle: 'short' })}`;
  pages.forEach((p, i) => {
    const label = `Halaman ${i + 1} dari ${pages.length}`;
    p.drawText(clean(stamp), { x: MARGIN.left, y: MARGIN.bottom - 22, size: 7.5, font: regular, color: grey });
    p.drawText(label, { x: PAGE.width - MARGIN.right - regular.widthOfTextAtSize(label, 7.5), y: MARGIN.bottom - 22, size: 7.5, font: regular, color: grey });
  });
  return doc.save();
}
