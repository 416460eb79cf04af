// The searchable preview of a scan: a PDF whose pages look exactly like the original (the original
// PDF's own pages, or each TIFF/JPEG/PNG page laid on a page of its physical size) with the OCR
// words laid over them as invisible text, the way OCRmyPDF and Paperless-ngx's archive version do.
// The viewer's find and highlight then work on scans as on born-digital PDFs. It is derived data,
// written beside the store and rebuilt at will; the original file is never rewritten. Runs in
// ocr-worker only (decoding and encoding pages is heavy).
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createCanvas } from '@napi-rs/canvas';
import {
  PDFDocument,
  StandardFonts,
  TextRenderingMode,
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import type { OcrWord, RenditionPage } from './ocr-protocol.ts';
import { imageCanvas, tiffPage, tiffPageCount } from './raster.ts';

/** Helvetica's standard encoding covers Indonesian; anything else is spelled without its marks. */
function encodable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  let out = '';
  for (const ch of text) {
    if (supported.has(ch.codePointAt(0)!)) out += ch;
    else {
      const bare = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += [...bare].every((c) => supported.has(c.codePointAt(0)!)) && bare ? bare : '?';
    }
  }
  return out;
}

/**
 * Lays each word as invisible text whose box matches the recognised one: the text matrix maps the
 * word's advance at size 1 onto the box's bottom edge and one em onto its height, which holds for
 * any rotation of the page.
 */
export function layWords(page: PDFPage, font: PDFFont, words: readonly OcrWord[]): void {
  if (words.length === 0) return;
  const key = page.node.newFontDictionary('OCR', font.ref);
  const ops = [pushGraphicsState(), beginText(), setFontAndSize(key, 1), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const [raw, , blx, bly, brx, bry, tlx, tly] of words) {
    const text = encodable(font, raw);
    const advance = font.widthOfTextAtSize(text, 1);
    if (!text.trim() || !(advance > 0)) continue;
    const bx = brx - blx;
    const by = bry - bly;
    const ux = tlx - blx;
    const uy = tly - bly;
    // Helvetica's descender is about a fifth of an em: the baseline sits that far above the box's bottom.
    const ox = blx + ux * 0.2;
    const oy = bly + uy * 0.2;
    ops.push(setTextMatrix(bx / advance, by / advance, ux * 0.8, uy * 0.8, ox, oy), showText(font.encodeText(text)));
  }
  ops.push(endText(), popGraphicsState());
  page.pushOperators(...ops);
}

async function fromPdf(file: string, pages: readonly RenditionPage[]): Promise<{ pdf: PDFDocument; count: number }> {
  const pdf = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const all = pdf.getPages();
  for (const p of pages) {
    const page = all[p.page - 1];
    if (page) layWords(page, font, p.words);
  }
  return { pdf, count: all.length };
}

async function fromTiff(file: string, pages: readonly RenditionPage[]): Promise<{ pdf: PDFDocument; count: number }> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const byPage = new Map(pages.map((p) => [p.page, p.words]));
  const count = await tiffPageCount(file);
  for (let n = 1; n <= count; n++) {
    const decoded = await tiffPage(file, n);
    const canvas = createCanvas(decoded.width, decoded.height);
    const context = canvas.getContext('2d');
    const image = context.createImageData(decoded.width, decoded.height);
    image.data.set(decoded.rgba);
    context.putImageData(image, 0, 0);
    // Black-and-white scans compress best losslessly; photos and grey pages as JPEG.
    const embedded = decoded.bilevel ? await pdf.embedPng(await canvas.encode('png')) : await pdf.embedJpg(await canvas.encode('jpeg', 85));
    const width = (decoded.width / decoded.dpiX) * 72;
    const height = (decoded.height / decoded.dpiY) * 72;
    const page = pdf.addPage([width, height]);
    page.drawImage(embedded, { x: 0, y: 0, width, height });
    layWords(page, font, byPage.get(n) ?? []);
  }
  return { pdf, count };
}

async function fromImage(file: string, mime: string, pages: readonly RenditionPage[]): Promise<{ pdf: PDFDocument; count: number }> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  // Decoded and re-encoded by the canvas, never handed to pdf-lib as they are: its own PNG decoder
  // can spin forever on a damaged file, and the canvas already proved it can read this one.
  const canvas = await imageCanvas(file);
  const embedded = mime === 'image/png' ? await pdf.embedPng(await canvas.encode('png')) : await pdf.embedJpg(await canvas.encode('jpeg', 90));
  const first = pages[0];
  const width = first?.width ?? embedded.width;
  const height = first?.height ?? embedded.height;
  const page = pdf.addPage([width, height]);
  page.drawImage(embedded, { x: 0, y: 0, width, height });
  layWords(page, font, first?.words ?? []);
  return { pdf, count: 1 };
}

/** Writes the searchable preview to `target` (atomically: a reader sees the old one or the new one). */
export async function buildRendition(file: string, mime: string, target: string, pages: readonly RenditionPage[]): Promise<number> {
  const { pdf, count } =
    mime === 'application/pdf' ? await fromPdf(file, pages) : mime === 'image/tiff' ? await fromTiff(file, pages) : await fromImage(file, mime, pages);
  const temp = `${target}.${process.pid}.${Date.now()}.part`;
  try {
    await writeFile(temp, await pdf.save({ useObjectStreams: true }));
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return count;
}
