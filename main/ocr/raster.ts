// Turns one page of a stored document into pixels for OCR: PDF pages rendered by pdf.js onto a
// @napi-rs/canvas, TIFF pages decoded by utif2 (CCITT G3/G4, LZW, PackBits, JPEG, deflate), JPEG and
// PNG decoded by the canvas. Each raster knows how to map its pixels back to PDF points of the page,
// so word boxes can be laid over the page whatever its rotation. Loads pdf.js, so it must only be
// imported by worker threads (ocr-worker), never by the main or backend thread. Never writes.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { createCanvas, loadImage, type Canvas } from '@napi-rs/canvas';
import { ASSUMED_IMAGE_DPI, UTIF, ownBuffer, tiffDirectories, tiffDpi, type TiffDirectory } from './tiff.ts';

const resolveModule = createRequire(import.meta.url);
const pdfjsRoot = dirname(resolveModule.resolve('pdfjs-dist/package.json'));
const dataDir = (name: string) => join(pdfjsRoot, name) + sep;

const pdfWorkerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
(globalThis as Record<string, unknown>).pdfjsWorker ??= await import(pdfWorkerModule);
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');

/** A page as 8-bit grey pixels plus the way back from a pixel to PDF points. */
export interface Raster {
  width: number;
  height: number;
  gray: Uint8Array;
  /** Page size in PDF points (user space the word corners are given in). */
  pageWidth: number;
  pageHeight: number;
  dpi: number;
  toPoints(x: number, y: number): [number, number];
}

/** Pages above this many pixels are rendered at a lower resolution instead (A0 plans, posters). */
const MAX_PIXELS = 50_000_000;

export function toGray(rgba: Uint8Array | Uint8ClampedArray, pixels: number): Uint8Array {
  const gray = new Uint8Array(pixels);
  for (let i = 0, j = 0; j < pixels; i += 4, j++) {
    // Transparent pixels are paper: a PNG with an alpha channel would otherwise turn black.
    const a = rgba[i + 3]!;
    const g = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
    gray[j] = a === 255 ? g : 255 - (((255 - g) * a) >> 8);
  }
  return gray;
}

/** The grey pixels as a binary PGM, which the OCR engine's image reader takes without decoding. */
export function toPgm(raster: Pick<Raster, 'width' | 'height' | 'gray'>): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${raster.width} ${raster.height}\n255\n`);
  const out = new Uint8Array(header.length + raster.gray.length);
  out.set(header, 0);
  out.set(raster.gray, header.length);
  return out;
}

function imageRaster(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, dpiX: number, dpiY: number): Raster {
  const pageWidth = (width / dpiX) * 72;
  const pageHeight = (height / dpiY) * 72;
  return {
    width,
    height,
    gray: toGray(rgba, width * height),
    pageWidth,
    pageHeight,
    dpi: Math.round(dpiX),
    // Berkas lays an image on a page of its physical size, origin bottom-left (PDF convention).
    toPoints: (x, y) => [(x / width) * pageWidth, pageHeight - (y / height) * pageHeight],
  };
}

// ---- PDF -----------------------------------------------------------------------------------

type PdfDoc = Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
let openPdf: { file: string; task: ReturnType<typeof pdfjs.getDocument>; doc: PdfDoc } | null = null;

async function pdfDocument(file: string): Promise<PdfDoc> {
  if (openPdf?.file === file) return openPdf.doc;
  await closeCached();
  const bytes = await readFile(file);
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    standardFontDataUrl: dataDir('standard_fonts'),
    cMapUrl: dataDir('cmaps'),
    cMapPacked: true,
    wasmUrl: dataDir('wasm'),
    iccUrl: dataDir('iccs'),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const doc = await task.promise;
  openPdf = { file, task, doc };
  return doc;
}

async function pdfRaster(file: string, pageNo: number, dpi: number): Promise<Raster> {
  const doc = await pdfDocument(file);
  if (pageNo < 1 || pageNo > doc.numPages) throw new Error(`page ${pageNo} is not in the document (${doc.numPages} pages)`);
  const page = await doc.getPage(pageNo);
  try {
    const unit = page.getViewport({ scale: 1 });
    let scale = dpi / 72;
    if (unit.width * unit.height * scale * scale > MAX_PIXELS) scale = Math.sqrt(MAX_PIXELS / (unit.width * unit.height));
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    // Paper is white: a scan page without a background would otherwise be transparent black.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    // The page's own box in user space (a cropped or shifted MediaBox has a non-zero origin).
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    return {
      width: canvas.width,
      height: canvas.height,
      gray: toGray(data, canvas.width * canvas.height),
      pageWidth: x1 - x0,
      pageHeight: y1 - y0,
      dpi: Math.round(scale * 72),
      toPoints: (x, y) => viewport.convertToPdfPoint(x, y) as [number, number],
    };
  } finally {
    page.cleanup();
  }
}

// ---- TIFF ----------------------------------------------------------------------------------

let openTiff: { file: string; bytes: ArrayBuffer; pages: TiffDirectory[] } | null = null;

async function tiffPages(file: string): Promise<{ bytes: ArrayBuffer; pages: TiffDirectory[] }> {
  if (openTiff?.file === file) return openTiff;
  await closeCached();
  const bytes = ownBuffer(await readFile(file));
  openTiff = { file, bytes, pages: tiffDirectories(bytes) };
  return openTiff;
}

/** A decoded TIFF page as RGBA, with its resolution. */
export async function tiffPage(file: string, pageNo: number): Promise<{ rgba: Uint8Array; width: number; height: number; dpiX: number; dpiY: number; bilevel: boolean }> {
  const { bytes, pages } = await tiffPages(file);
  const ifd = pages[pageNo - 1];
  if (!ifd) throw new Error(`page ${pageNo} is not in the TIFF (${pages.length} pages)`);
  UTIF.decodeImage(bytes, ifd);
  const rgba = UTIF.toRGBA8(ifd);
  const bits = Number((ifd['t258'] as number[] | undefined)?.[0] ?? 1);
  const result = { rgba, width: ifd.width, height: ifd.height, dpiX: tiffDpi(ifd, 't282'), dpiY: tiffDpi(ifd, 't283'), bilevel: bits === 1 };
  // Decoded pixels stay on the directory otherwise, and a 20-page scan would hold them all.
  (ifd as { data?: unknown }).data = undefined;
  return result;
}

export async function tiffPageCount(file: string): Promise<number> {
  return (await tiffPages(file)).pages.length;
}

// ---- JPEG / PNG ----------------------------------------------------------------------------

export async function imageCanvas(file: string): Promise<Canvas> {
  const image = await loadImage(await readFile(file));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, image.width, image.height);
  context.drawImage(image, 0, 0);
  return canvas;
}

// ---- entry ---------------------------------------------------------------------------------

export async function rasterise(file: string, mime: string, page: number, dpi: number): Promise<Raster> {
  if (mime === 'application/pdf') return pdfRaster(file, page, dpi);
  if (mime === 'image/tiff') {
    const p = await tiffPage(file, page);
    return imageRaster(p.rgba, p.width, p.height, p.dpiX, p.dpiY);
  }
  if (mime === 'image/jpeg' || mime === 'image/png') {
    if (page !== 1) throw new Error(`an image has one page, not ${page}`);
    const canvas = await imageCanvas(file);
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    return imageRaster(data, canvas.width, canvas.height, ASSUMED_IMAGE_DPI, ASSUMED_IMAGE_DPI);
  }
  throw new Error(`no OCR for ${mime}`);
}

/** Lets go of the document kept open between pages of the same file. */
export async function closeCached(): Promise<void> {
  const pdf = openPdf;
  openPdf = null;
  openTiff = null;
  if (pdf) await pdf.task.destroy();
}
