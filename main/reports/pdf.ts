// A small page-layout writer over pdf-lib for the documents an office signs: letterhead, titles,
// wrapped paragraphs, ruled tables whose header repeats on every page, signature blocks and page
// numbers. Embeds (subsets of) Arimo, the metric twin of the Arial that Indonesian official
// letters use, shipped in the @fontsource/arimo package: an archived berita acara must read the
// same on any machine, so no font is left to the viewer (check with pdffonts). Text outside the
// WinAnsi range is transliterated or replaced, never allowed to abort a document; justified lines
// keep a real space after each word so viewers and pdftotext do not run words together.
// It knows nothing of records or retention: callers hand it strings.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export const MM = 72 / 25.4;
const A4: [number, number] = [595.28, 841.89];

export type Orientation = 'portrait' | 'landscape';
export type Align = 'left' | 'center' | 'right' | 'justify';

export interface TextStyle {
  size?: number;
  bold?: boolean;
  align?: Align;
  /** extra left indent in points */
  indent?: number;
  lineGap?: number;
  underline?: boolean;
}

export interface Column {
  header: string;
  /** relative width; the columns share the content width in proportion */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface SignatureBlock {
  /** lines above the signature space: "Yang menyerahkan,", "Kepala Dinas …" */
  above: string[];
  name: string;
  /** line under the name, e.g. "NIP 19800101 200501 1 001" */
  below?: string | null;
}

// WinAnsi (CP1252) beyond Latin-1 that the embedded Latin subset of Arimo also draws (Š, Ž, Ÿ, ƒ
// are not in it and fall back to their base letters).
const WIN_ANSI_EXTRA = new Set('€‚„…†‡ˆ‰‹Œ‘’“”•–—˜™›œ');

const resolveModule = createRequire(import.meta.url);
let fontBytes: { regular: Uint8Array; bold: Uint8Array } | null = null;
/** The font files, read once per process from the package (inside app.asar when packaged). */
function arimo(): { regular: Uint8Array; bold: Uint8Array } {
  fontBytes ??= {
    regular: readFileSync(resolveModule.resolve('@fontsource/arimo/files/arimo-latin-400-normal.woff')),
    bold: readFileSync(resolveModule.resolve('@fontsource/arimo/files/arimo-latin-700-normal.woff')),
  };
  return fontBytes;
}
const REPLACEMENTS: Record<string, string> = { '≥': '>=', '≤': '<=', '≠': '!=', '→': '->', '←': '<-', '×': 'x', '−': '-', '‐': '-', '‑': '-', '\u00a0': ' ', '\u2009': ' ', '\u200b': '' };

/** Text the standard fonts can draw: known look-alikes substituted, accents kept where WinAnsi has them. */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.replace(/\t/g, ' ')) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa1 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) {
      out += ch;
    } else if (REPLACEMENTS[ch] !== undefined) {
      out += REPLACEMENTS[ch];
    } else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += /^[\x20-\x7e]+$/.test(base) ? base : '?';
    }
  }
  return out;
}

/** The letterhead as the writer draws it (reports/letterhead.ts reads it from the archive). */
export interface Kop {
  instansi: string;
  unit: string;
  alamat: string;
  kontak: string;
  logo?: { mime: 'image/png' | 'image/jpeg'; bytes: Uint8Array; width: number; height: number } | null;
}

export interface DocumentInfo {
  title: string;
  subject?: string;
  author?: string;
  /** fixed dates make the same input give the same bytes (and the same content address) */
  createdAt: Date;
}

export class PdfWriter {
  readonly doc: PDFDocument;
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly footer: string;
  page!: PDFPage;
  orientation: Orientation = 'portrait';
  y = 0;
  margin = { top: 20 * MM, right: 20 * MM, bottom: 18 * MM, left: 25 * MM };
  /** Drawn at the top of every page the writer starts by itself (a running title), `height` tall. */
  pageHead: { height: number; draw(): void } | null = null;
  #tableHeader: (() => void) | null = null;

  private constructor(doc: PDFDocument, regular: PDFFont, bold: PDFFont, footer: string) {
    this.doc = doc;
    this.regular = regular;
    this.bold = bold;
    this.footer = footer;
  }

  static async create(info: DocumentInfo, footer: string): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.setTitle(winAnsi(info.title));
    if (info.subject) doc.setSubject(winAnsi(info.subject));
    if (info.author) doc.setAuthor(winAnsi(info.author));
    doc.setCreator('Berkas');
    doc.setProducer('Berkas (pdf-lib)');
    doc.setCreationDate(info.createdAt);
    doc.setModificationDate(info.createdAt);
    doc.registerFontkit(fontkit);
    const files = arimo();
    const regular = await doc.embedFont(files.regular, { subset: true });
    const bold = await doc.embedFont(files.bold, { subset: true });
    return new PdfWriter(doc, regular, bold, winAnsi(footer));
  }

  get width(): number {
    return this.page.getWidth();
  }

  get contentWidth(): number {
    return this.width - this.margin.left - this.margin.right;
  }

  newPage(orientation: Orientation = this.orientation): void {
    this.orientation = orientation;
    const [w, h] = orientation === 'portrait' ? A4 : [A4[1], A4[0]];
    this.page = this.doc.addPage([w, h]);
    this.y = h - this.margin.top;
  }

  /** Starts a new page unless `height` still fits above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < this.bottomLimit) this.#continue();
  }

  /** The lowest y content may reach. */
  get bottomLimit(): number {
    return this.margin.bottom + 10;
  }

  /** A page the flow runs onto: the running head, then a table's header row if one is open. */
  #continue(): void {
    this.newPage();
    if (this.pageHead) {
      this.pageHead.draw();
    }
    this.#tableHeader?.();
  }

  /** The kop surat at the top of the current page: the logo on the left, the office's names and
   *  address centred, a double rule under them. An empty letterhead draws nothing. */
  async kop(kop: Kop, sizes: { instansi: number; unit: number; line: number } = { instansi: 13, unit: 15, line: 9.5 }): Promise<void> {
    const lines: [string, TextStyle][] = [];
    if (kop.instansi) lines.push([kop.instansi.toUpperCase(), { size: sizes.instansi, bold: true, align: 'center' }]);
    if (kop.unit) lines.push([kop.unit.toUpperCase(), { size: sizes.unit, bold: true, align: 'center' }]);
    if (kop.alamat) lines.push([kop.alamat, { size: sizes.line, align: 'center' }]);
    if (kop.kontak) lines.push([kop.kontak, { size: sizes.line, align: 'center' }]);
    if (lines.length === 0 && !kop.logo) return;
    const top = this.y;
    const logoHeight = 20 * MM;
    let logoWidth = 0;
    if (kop.logo) {
      const image = kop.logo.mime === 'image/png' ? await this.doc.embedPng(kop.logo.bytes) : await this.doc.embedJpg(kop.logo.bytes);
      logoWidth = Math.min(30 * MM, (image.width / image.height) * logoHeight);
      const height = (image.height / image.width) * logoWidth;
      this.page.drawImage(image, { x: this.margin.left, y: top - height, width: logoWidth, height });
    }
    // The text keeps clear of the logo on both sides, so it stays centred on the page.
    const saved = { ...this.margin };
    if (logoWidth) {
      this.margin = { ...this.margin, left: this.margin.left + logoWidth + 6, right: this.margin.right + logoWidth + 6 };
    }
    for (const [text, style] of lines) this.text(text, style);
    this.margin = saved;
    this.y = Math.min(this.y, top - (logoWidth ? logoHeight : 0));
    this.rule(true);
    this.space(6);
  }

  /** A register's first page (A4 landscape): the kop if given, the centred title, agency and one
   *  line under them, then `running` as a small grey head on every later page, above the repeated
   *  table header. */
  async registerHead(head: { title: string; agency?: string | null; subtitle: string; running: string; kop?: Kop | null }): Promise<void> {
    this.newPage('landscape');
    if (head.kop) await this.kop(head.kop, { instansi: 11, unit: 12, line: 8.5 });
    this.text(head.title, { size: 14, bold: true, align: 'center' });
    if (head.agency) this.text(head.agency, { size: 11, bold: true, align: 'center' });
    this.text(head.subtitle, { size: 9, align: 'center' });
    this.space(8);
    const running = winAnsi(head.running);
    this.pageHead = {
      height: 14,
      draw: () => {
        this.page.drawText(running, { x: this.margin.left, y: this.y - 8, size: 8, font: this.regular, color: rgb(0.35, 0.35, 0.35) });
        this.y -= 14;
      },
    };
  }

  space(points: number): void {
    this.y -= points;
  }

  font(style: TextStyle): PDFFont {
    return style.bold ? this.bold : this.regular;
  }

  /** Breaks text into lines no wider than `width`; words longer than a line are cut. */
  wrap(text: string, width: number, font: PDFFont, size: number): string[] {
    const lines: string[] = [];
    for (const paragraph of winAnsi(text).split(/\r?\n/)) {
      let line = '';
      for (const word of paragraph.split(/ +/)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        let rest = word;
        while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
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

  private drawLine(text: string, x: number, y: number, width: number, style: TextStyle, last: boolean): void {
    const size = style.size ?? 11;
    const font = this.font(style);
    const w = font.widthOfTextAtSize(text, size);
    const align = style.align ?? 'left';
    if (align === 'justify' && !last && text.includes(' ')) {
      const words = text.split(' ');
      const gap = (width - words.reduce((n, word) => n + font.widthOfTextAtSize(word, size), 0)) / (words.length - 1);
      let cx = x;
      words.forEach((word, i) => {
        // The space is drawn too (after each word but the last): the gap stays justified, and a
        // viewer's copy or search still sees two words.
        this.page.drawText(i < words.length - 1 ? `${word} ` : word, { x: cx, y, size, font, color: rgb(0, 0, 0) });
        cx += font.widthOfTextAtSize(word, size) + gap;
      });
      return;
    }
    const dx = align === 'center' ? (width - w) / 2 : align === 'right' ? width - w : 0;
    this.page.drawText(text, { x: x + dx, y, size, font, color: rgb(0, 0, 0) });
    if (style.underline) this.page.drawLine({ start: { x: x + dx, y: y - 1.5 }, end: { x: x + dx + w, y: y - 1.5 }, thickness: 0.7 });
  }

  /** A wrapped paragraph across the content width (minus indent), breaking pages as needed. */
  text(text: string, style: TextStyle = {}): void {
    this.#paragraph(text, style, style.indent ?? 0, null);
  }

  /** A numbered (or bulleted) paragraph: the label hangs left of wrapped, indented text. */
  listItem(label: string, text: string, style: TextStyle & { labelIndent?: number } = {}): void {
    this.#paragraph(text, style, style.indent ?? 28, { text: label, indent: style.labelIndent ?? 10 });
  }

  /** Wrapped lines from `indent`, page breaks as needed; a label, if any, hangs left of the first line. */
  #paragraph(text: string, style: TextStyle, indent: number, label: { text: string; indent: number } | null): void {
    const size = style.size ?? 11;
    const width = this.contentWidth - indent;
    const leading = size * 1.35 + (style.lineGap ?? 0);
    const lines = this.wrap(text, width, this.font(style), size);
    lines.forEach((line, i) => {
      this.ensure(leading);
      this.y -= leading;
      if (label && i === 0) this.page.drawText(winAnsi(label.text), { x: this.margin.left + label.indent, y: this.y + size * 0.25, size, font: this.font(style) });
      this.drawLine(line, this.margin.left + indent, this.y + size * 0.25, width, style, i === lines.length - 1);
    });
  }

  /** "label : value" rows with the colons aligned, as in the heading of a berita acara;
   *  `number` hangs left of the first row ("1."). */
  fields(rows: [string, string][], style: TextStyle & { number?: string } = {}): void {
    const size = style.size ?? 11;
    const indent = style.indent ?? 0;
    const labelWidth = Math.max(...rows.map(([label]) => this.regular.widthOfTextAtSize(winAnsi(label), size))) + 8;
    const valueX = this.margin.left + indent + labelWidth + 10;
    const valueWidth = this.margin.left + this.contentWidth - valueX;
    const leading = size * 1.35;
    for (const [label, value] of rows) {
      const lines = this.wrap(value || '-', valueWidth, this.regular, size);
      this.ensure(leading * lines.length);
      this.y -= leading;
      if (style.number && label === rows[0]![0]) {
        this.page.drawText(winAnsi(style.number), { x: this.margin.left, y: this.y + size * 0.25, size, font: this.regular });
      }
      this.page.drawText(winAnsi(label), { x: this.margin.left + indent, y: this.y + size * 0.25, size, font: this.regular });
      this.page.drawText(':', { x: this.margin.left + indent + labelWidth, y: this.y + size * 0.25, size, font: this.regular });
      lines.forEach((line, i) => {
        if (i > 0) this.y -= leading;
        this.page.drawText(line, { x: valueX, y: this.y + size * 0.25, size, font: this.regular });
      });
    }
  }

  rule(double = false): void {
    const x1 = this.margin.left;
    const x2 = this.margin.left + this.contentWidth;
    this.y -= 4;
    this.page.drawLine({ start: { x: x1, y: this.y }, end: { x: x2, y: this.y }, thickness: double ? 2 : 0.8 });
    if (double) {
      this.y -= 3;
      this.page.drawLine({ start: { x: x1, y: this.y }, end: { x: x2, y: this.y }, thickness: 0.6 });
    }
    this.y -= 6;
  }

  /**
   * A ruled table; the header row is drawn again at the top of every page the table runs onto.
   * Cells wrap; by default a cell is cut after `maxLinesPerCell` lines (marked "…"). With
   * `splitRows` nothing is cut: a row that fits a fresh page moves there whole, and only a row
   * taller than a page continues on the next one.
   */
  table(
    columns: Column[],
    rows: string[][],
    options: { size?: number; headerSize?: number; maxLinesPerCell?: number; splitRows?: boolean; pad?: number; headerFill?: [number, number, number]; border?: [number, number, number] } = {},
  ): void {
    const size = options.size ?? 8.5;
    const headerSize = options.headerSize ?? size;
    const pad = options.pad ?? 3;
    const leading = size * 1.25;
    const maxLines = options.splitRows ? Infinity : (options.maxLinesPerCell ?? 40);
    const fill = rgb(...(options.headerFill ?? [0.9, 0.9, 0.9]));
    const border = rgb(...(options.border ?? [0, 0, 0]));
    const total = columns.reduce((n, c) => n + c.width, 0);
    const widths = () => columns.map((c) => (c.width / total) * this.contentWidth);
    const layoutRow = (cells: string[], font: PDFFont, cellSize: number) => {
      const w = widths();
      return cells.map((cell, i) => {
        const wrapped = this.wrap(cell ?? '', w[i]! - 2 * pad, font, cellSize);
        return wrapped.length > maxLines ? [...wrapped.slice(0, maxLines - 1), `${wrapped[maxLines - 1]} …`] : wrapped;
      });
    };
    const heightOf = (lines: string[][], cellLeading: number) => Math.max(...lines.map((l) => l.length)) * cellLeading + 2 * pad;
    /** Draws lines [from, from + count) of each cell as one band of the row. */
    const drawBand = (lines: string[][], header: boolean, from: number, count: number) => {
      const font = header ? this.bold : this.regular;
      const cellSize = header ? headerSize : size;
      const cellLeading = header ? headerSize * 1.25 : leading;
      const w = widths();
      const height = count * cellLeading + 2 * pad;
      let x = this.margin.left;
      const top = this.y;
      if (header) this.page.drawRectangle({ x, y: top - height, width: this.contentWidth, height, color: fill });
      columns.forEach((col, i) => {
        this.page.drawRectangle({ x, y: top - height, width: w[i]!, height, borderColor: border, borderWidth: 0.5 });
        lines[i]!.slice(from, from + count).forEach((line, k) => {
          const tw = font.widthOfTextAtSize(line, cellSize);
          const align = header ? 'center' : (col.align ?? 'left');
          const dx = align === 'center' ? (w[i]! - tw) / 2 : align === 'right' ? w[i]! - pad - tw : pad;
          this.page.drawText(line, { x: x + dx, y: top - pad - (k + 1) * cellLeading + cellSize * 0.3, size: cellSize, font });
        });
        x += w[i]!;
      });
      this.y -= height;
    };
    const header = layoutRow(
      columns.map((c) => c.header),
      this.bold,
      headerSize,
    );
    const headerLines = Math.max(...header.map((l) => l.length));
    const headerHeight = heightOf(header, headerSize * 1.25);
    this.ensure(headerHeight + leading * 2 + 2 * pad);
    drawBand(header, true, 0, headerLines);
    this.#tableHeader = () => drawBand(header, true, 0, headerLines);
    // Lines of body text a page holds below its running head and the header row.
    const pageHeight = this.page.getHeight();
    const freshRoom = Math.floor((pageHeight - this.margin.top - (this.pageHead?.height ?? 0) - headerHeight - this.bottomLimit - 2 * pad) / leading);
    for (const row of rows) {
      const lines = layoutRow(row, this.regular, size);
      if (!options.splitRows) {
        this.ensure(heightOf(lines, leading));
        drawBand(lines, false, 0, Math.max(...lines.map((l) => l.length)));
        continue;
      }
      const count = Math.max(...lines.map((l) => l.length));
      let from = 0;
      while (from < count) {
        const room = Math.floor((this.y - this.bottomLimit - 2 * pad) / leading);
        const rest = count - from;
        if (rest > room && (rest <= freshRoom || room < 1)) {
          this.#continue();
          continue;
        }
        const take = Math.min(rest, room);
        drawBand(lines, false, from, take);
        from += take;
        if (from < count) this.#continue();
      }
    }
    this.#tableHeader = null;
  }

  /** Signature blocks side by side (two per row), with room to sign and the names underlined on
   *  one line; a block left alone in its row sits on the right (where Indonesian letters sign)
   *  unless `lone` says otherwise. */
  signatures(blocks: SignatureBlock[], options: { size?: number; signSpace?: number; lone?: 'left' | 'right' } = {}): void {
    const size = options.size ?? 11;
    const leading = size * 1.35;
    const signSpace = options.signSpace ?? 58;
    for (let i = 0; i < blocks.length; i += 2) {
      const pair = blocks.slice(i, i + 2);
      const colWidth = this.contentWidth / 2;
      const aboveLines = Math.max(...pair.map((b) => b.above.length));
      // Room for the lines above, the signature, the name, the NIP, and a gap before the next row.
      const height = aboveLines * leading + signSpace + leading * 2.2 + (i + 2 < blocks.length ? 14 : 0);
      this.ensure(height);
      const top = this.y;
      pair.forEach((block, k) => {
        const column = pair.length === 1 ? (options.lone === 'left' ? 0 : 1) : k;
        const x = this.margin.left + column * colWidth;
        let y = top;
        for (const line of block.above) {
          y -= leading;
          this.drawLine(winAnsi(line), x, y + size * 0.25, colWidth, { size, align: 'center' }, true);
        }
        y = top - aboveLines * leading - signSpace - leading;
        this.drawLine(winAnsi(block.name || '(.................................)'), x, y + size * 0.25, colWidth, { size, bold: true, align: 'center', underline: Boolean(block.name) }, true);
        if (block.below) {
          y -= leading;
          this.drawLine(winAnsi(block.below), x, y + size * 0.25, colWidth, { size, align: 'center' }, true);
        }
      });
      this.y = top - height;
    }
  }

  /** Page numbers and the document's footer line on every page; returns the PDF bytes. */
  async finish(): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const label = `Halaman ${i + 1} dari ${pages.length}`;
      const size = 8;
      const w = this.regular.widthOfTextAtSize(label, size);
      page.drawText(label, { x: page.getWidth() - this.margin.right - w, y: 10 * MM, size, font: this.regular, color: rgb(0.3, 0.3, 0.3) });
      page.drawText(this.footer.slice(0, 110), { x: this.margin.left, y: 10 * MM, size, font: this.regular, color: rgb(0.3, 0.3, 0.3) });
    });
    return this.doc.save({ useObjectStreams: false });
  }
}
