// Multi-page TIFFs for the OCR and preview tests, made here rather than shipped: each page is a
// strip of printed-looking text drawn with @napi-rs/canvas, stored as 8-bit grey, uncompressed,
// one IFD per page with its resolution, written with utif2's IFD encoder (it has no multi-page
// image writer, so the strips are laid after the directories by hand).
import { createCanvas } from '@napi-rs/canvas';
import { UTIF, type TiffDirectory } from '../../main/ocr/tiff.ts';

export interface TiffPage {
  lines: string[];
}

/** A TIFF of `pages`, each `width` × `height` px at `dpi`, black text on white. */
export function multiPageTiff(pages: readonly TiffPage[], options: { width?: number; height?: number; dpi?: number; fontPx?: number } = {}): Buffer {
  const width = options.width ?? 1240;
  const height = options.height ?? 420;
  const dpi = options.dpi ?? 150;
  const fontPx = options.fontPx ?? 44;
  const strips = pages.map((page) => {
    const canvas = createCanvas(width, height);
    const g = canvas.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, width, height);
    g.fillStyle = '#000';
    g.font = `${fontPx}px sans-serif`;
    page.lines.forEach((line, i) => g.fillText(line, 60, 90 + i * fontPx * 1.6));
    const rgba = g.getImageData(0, 0, width, height).data;
    const grey = Buffer.alloc(width * height);
    for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4]!;
    return grey;
  });
  // Only the tags: utif2's IFD type also names decoded fields (data, width, height) the encoder never reads.
  const ifd = (offset: number) => ({
    t256: [width], t257: [height], t258: [8], t259: [1], t262: [1], t273: [offset], t277: [1], t278: [height], t279: [width * height],
    t282: [[dpi, 1]], t283: [[dpi, 1]], t296: [2],
  }) as unknown as TiffDirectory;
  // The directories' size does not depend on the offsets' values: encode once to measure it.
  const head = new Uint8Array(UTIF.encode(strips.map(() => ifd(0)))).length;
  const start = head + (4 - (head % 4)) % 4;
  const offsets = strips.map((_, i) => start + i * width * height);
  const header = Buffer.from(UTIF.encode(offsets.map(ifd)));
  return Buffer.concat([header, Buffer.alloc(start - header.length), ...strips]);
}
