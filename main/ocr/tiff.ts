// Reading TIFF structure with utif2 (a maintained decoder for CCITT G3/G4, LZW, PackBits, JPEG and
// deflate TIFFs): which directories are pages, and at what resolution. No pixels are decoded here
// and nothing is written, so text extraction can count a scan's pages cheaply.
import { createRequire } from 'node:module';
import type * as UTIFTypes from 'utif2';

const load = createRequire(import.meta.url);
// utif2 is a CommonJS script that sets module.exports late; require is how it loads reliably.
export const UTIF = load('utif2') as typeof UTIFTypes;
export type TiffDirectory = UTIFTypes.IFD;

/** Images without a resolution tag are taken to be scanned at this many dots per inch. */
export const ASSUMED_IMAGE_DPI = 200;

export function ownBuffer(buffer: Buffer): ArrayBuffer {
  // utif2 reads an ArrayBuffer from offset 0; a pooled Buffer would hand it other bytes too.
  if (buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength) return buffer.buffer as ArrayBuffer;
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}

/** The page directories of a TIFF: those with an image; reduced-resolution copies left out. */
export function tiffDirectories(bytes: ArrayBuffer): TiffDirectory[] {
  const ifds = UTIF.decode(bytes);
  // NewSubfileType bit 0 marks a reduced-resolution copy (a thumbnail) of another page.
  return ifds.filter((ifd) => ifd['t256'] !== undefined && ifd['t257'] !== undefined && (Number((ifd['t254'] as number[] | undefined)?.[0] ?? 0) & 1) === 0);
}

export function tiffDpi(ifd: TiffDirectory, tag: 't282' | 't283'): number {
  const value = Number((ifd[tag] as number[] | undefined)?.[0]);
  const unit = Number((ifd['t296'] as number[] | undefined)?.[0] ?? 2);
  if (!(value > 1)) return ASSUMED_IMAGE_DPI;
  return unit === 3 ? value * 2.54 : value;
}
