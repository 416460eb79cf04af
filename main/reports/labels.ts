// Label sheets for paper files: A4 pages cut into equal labels (folder labels two across and four
// down, box labels one across and four down), each with a heading, a few lines and optionally a
// QR code drawn as vector squares, so it prints sharp on any office printer and a hand scanner
// reads it off the folder. Knows nothing of files: callers hand it strings (archive/labels.ts).
import { rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { MM, PdfWriter, winAnsi } from './pdf.ts';

export interface LabelSpec {
  /** Small bold line at the top (the office). */
  over: string;
  /** The big line: the box number, or the classification code. */
  heading: string;
  /** [caption, value] rows under the heading; long values wrap. */
  rows: [string, string][];
  /** Text to encode as a QR code beside the rows, printed under it as well. */
  qr?: string;
}

export type LabelLayout = 'folder' | 'box';

const LAYOUT: Record<LabelLayout, { across: number; down: number; width: number; height: number }> = {
  folder: { across: 2, down: 4, width: 95 * MM, height: 66 * MM },
  box: { across: 1, down: 4, width: 190 * MM, height: 66 * MM },
};
const PAGE_LEFT = 10 * MM;
const PAGE_TOP = 12 * MM;
const PAD = 4 * MM;
const QR_SIDE = 28 * MM;

/** Draws `text`'s QR code (error correction M) with its top-left corner at (x, top). */
function drawQr(w: PdfWriter, text: string, x: number, top: number, side: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = side / (modules.size + 8); // four modules of quiet zone on each side
  const black = rgb(0, 0, 0);
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) {
      if (modules.get(r, c)) {
        w.page.drawRectangle({ x: x + (c + 4) * cell, y: top - (r + 5) * cell, width: cell + 0.05, height: cell + 0.05, color: black });
      }
    }
  }
}

function drawLabel(w: PdfWriter, label: LabelSpec, x: number, top: number, width: number, height: number): void {
  const ink = rgb(0, 0, 0);
  w.page.drawRectangle({ x, y: top - height, width, height, borderColor: rgb(0.45, 0.45, 0.45), borderWidth: 0.6, borderDashArray: [3, 2] });
  const textWidth = width - 2 * PAD - (label.qr ? QR_SIDE + 2 * MM : 0);
  // y is the top of the next line; each line drops by its size before drawing on its baseline.
  let y = top - PAD;
  const bottom = top - height + PAD;
  const line = (text: string, size: number, bold = false) => {
    y -= size;
    w.page.drawText(winAnsi(text), { x: x + PAD, y, size, font: bold ? w.bold : w.regular, color: ink });
    y -= size * 0.3;
  };
  for (const part of w.wrap(winAnsi(label.over), textWidth, w.bold, 8).slice(0, 2)) line(part, 8, true);
  y -= 4;
  for (const part of w.wrap(winAnsi(label.heading), textWidth, w.bold, 18).slice(0, 2)) line(part, 18, true);
  y -= 3;
  for (const [caption, value] of label.rows) {
    const lines = w.wrap(winAnsi(`${caption}: ${value}`), textWidth, w.regular, 9.5);
    for (const part of lines.slice(0, 3)) {
      if (y - 9.5 < bottom) return;
      line(part, 9.5);
    }
  }
  if (label.qr) {
    const qx = x + width - PAD - QR_SIDE;
    drawQr(w, label.qr, qx, top - PAD, QR_SIDE);
    const code = winAnsi(label.qr);
    const size = Math.min(8, (QR_SIDE / Math.max(1, w.regular.widthOfTextAtSize(code, 8))) * 8);
    const cw = w.regular.widthOfTextAtSize(code, size);
    w.page.drawText(code, { x: qx + (QR_SIDE - cw) / 2, y: top - PAD - QR_SIDE - size - 1, size, font: w.regular, color: ink });
  }
}

/** The sheet: as many A4 pages as the labels need, in order, left to right then down. */
export async function labelSheet(info: { title: string; createdAt: Date; footer: string }, layout: LabelLayout, labels: readonly LabelSpec[]): Promise<{ bytes: Uint8Array; pages: number }> {
  const w = await PdfWriter.create({ title: info.title, createdAt: info.createdAt }, info.footer);
  const { across, down, width, height } = LAYOUT[layout];
  const perPage = across * down;
  labels.forEach((label, i) => {
    const slot = i % perPage;
    if (slot === 0) w.newPage('portrait');
    const col = slot % across;
    const row = Math.floor(slot / across);
    const top = w.page.getHeight() - PAGE_TOP - row * height;
    drawLabel(w, label, PAGE_LEFT + col * width, top, width, height);
  });
  const pages = Math.ceil(labels.length / perPage);
  return { bytes: await w.finish(), pages };
}
